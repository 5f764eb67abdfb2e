"""`/docs` (Swagger UI) and `/redoc` (ReDoc), served from the files vendored in `static/docs/`: they
work offline, and a Content-Security-Policy lets them load nothing but this server's own files
(and the one inline script FastAPI writes to start Swagger UI, allowed by its hash)."""

import base64
import hashlib
import re

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)
ASSETS = "/static/docs"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
# Both viewers set inline styles and show data: images; ReDoc runs its search in a blob: worker.
POLICY = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          "connect-src 'self'; worker-src 'self' blob:; font-src 'self'; form-action 'self'; "
          "frame-ancestors 'none'; base-uri 'none'")
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"}


def with_policy(page: HTMLResponse) -> HTMLResponse:
    """The page with a CSP that allows its own inline scripts, by hash, and nothing from elsewhere."""
    scripts = INLINE_SCRIPT.findall(bytes(page.body).decode())
    hashes = "".join(f" 'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    page.headers.update({**HEADERS, "Content-Security-Policy": POLICY.format(hashes=hashes)})
    return page


def _root(request: Request) -> str:
    root_path: str = request.scope.get("root_path", "")
    return root_path.rstrip("/")


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    root = _root(request)
    return with_policy(get_swagger_ui_html(
        openapi_url=root + str(request.app.openapi_url), title=f"{request.app.title} API",
        swagger_js_url=f"{root}{ASSETS}/swagger-ui-bundle.js", swagger_css_url=f"{root}{ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{root}{ASSETS}/favicon-32x32.png",
        swagger_ui_parameters={"validatorUrl": None}))  # no badge from validator.swagger.io


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    root = _root(request)
    return with_policy(get_redoc_html(
        openapi_url=root + str(request.app.openapi_url), title=f"{request.app.title} API",
        redoc_js_url=f"{root}{ASSETS}/redoc.standalone.js", redoc_favicon_url=f"{root}{ASSETS}/favicon-32x32.png",
        with_google_fonts=False))
