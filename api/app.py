"""The application: the `/v1` API (`api.main`), its docs, the `/review` web queue and the batch
worker, over one store.

`localize serve` runs `create_app()` under uvicorn; tests build one with their own settings."""

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import batches_page, dashboard, docs, triage, web
from api.errors import ApiError, BodySizeLimit, error_response, http_error, install_error_handlers, invalid_request
from api.limits import RateLimits
from api.main import api_router
from api.openapi import install_openapi
from localize.settings import Settings, get_settings
from localize.store.db import open_database
from localize.store.service import BatchWorker, Localizer
from localize.workers import configure, enqueue_event

STATIC = Path(__file__).resolve().parent / "static"


def lifespan_of(settings: Settings) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Opens the store and starts the batch worker with the app; stops both when it ends."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.sessions = open_database(settings.database_url)
        app.state.localizer = Localizer(settings, app.state.sessions)
        app.state.localizer.discard_interrupted_uploads()
        if settings.broker_url:  # batches go to `localize worker` processes; none run in here
            configure(settings)
            app.state.localizer.on_finished = enqueue_event
        app.state.worker = BatchWorker(app.state.localizer) if settings.worker and not settings.broker_url else None
        if app.state.worker is not None:
            app.state.worker.start()
        yield
        if app.state.worker is not None:
            app.state.worker.stop()
            app.state.worker.join(timeout=30)
        app.state.sessions.kw["bind"].dispose()  # close the pool (SQLite: checkpoint the WAL into the file)

    return lifespan


def install_page_errors(app: FastAPI) -> None:
    """Pages of the web queue get an HTML error page (or the sign-in form); the API its JSON error."""

    @app.exception_handler(web.SignInRequired)
    async def _sign_in(request: Request, _: web.SignInRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if request.method != "GET":  # a form sent after the session ended: back to its page, not to a POST URL
            target = web.page_of_form(request.url.path)
        return web.redirect("/review/login?" + urlencode({"next": target}))

    @app.exception_handler(ApiError)
    async def _error(request: Request, exc: ApiError) -> Response:
        if request.url.path.startswith("/review"):
            return web.render(request, "error.html", status=exc.status, status_code=exc.status, message=exc.message)
        return error_response(exc.status, exc.code, exc.message, exc.field, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/review"):
            return web.render(request, "error.html", status=422, status_code=422,
                              message="The address or the form has a value the queue cannot use.")
        return await invalid_request(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/review"):
            return web.render(request, "error.html", status=exc.status_code, status_code=exc.status_code,
                              message="No such page in the review queue." if exc.status_code == 404 else
                              str(exc.detail))
        return await http_error(request, exc)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="localize",
        version="0.1.0",
        summary="Listing localisation for cross-border e-commerce, with a review queue",
        description="Submit listings or catalog files for target markets; every localisation waits for a "
                    "local reviewer. Authenticate with `Authorization: Bearer <API key>` "
                    "(`localize keys create --seller NAME`). Errors are `{\"error\": {\"code\", \"message\", "
                    "\"field\"}}`; each operation lists the statuses it sends.",
        lifespan=lifespan_of(settings),
        docs_url=None,  # served by api.docs from vendored files
        redoc_url=None,
    )
    app.state.settings = settings
    install_error_handlers(app)
    install_page_errors(app)
    app.include_router(api_router)
    app.include_router(docs.router)
    app.include_router(web.router)
    app.include_router(batches_page.router)
    app.include_router(triage.router)
    app.include_router(dashboard.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_openapi(app)
    app.add_middleware(BodySizeLimit, limit=settings.max_body_bytes)
    app.add_middleware(RateLimits, per_key=settings.rate_limit_per_key, per_address=settings.rate_limit_per_address,
                       logins_per_address=settings.login_rate_per_address,
                       redis_url=settings.broker_url)  # outermost: refuses before any work
    return app
