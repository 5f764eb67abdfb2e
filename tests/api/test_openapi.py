"""`/openapi.json` documents the API as it behaves: a valid OpenAPI 3.1 document; every route sends
exactly the statuses it documents (each provoked here), every error with the `ErrorBody` model,
every JSON body as its documented schema says; the routes that need a key are the ones with the
bearer security requirement; a localisation's schema is typed down to its flags and price.

`ROUTES` names, for each operation, a request that provokes each status it sends; a route added to
the API without its entry here fails `test_every_operation_is_walked`."""

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sqlalchemy import text
from support import unused_port

from api.app import create_app
from localize.localization import Status
from localize.settings import Settings
from localize.store.accounts import create_api_key

LIMIT = 16 * 1024  # LOCALIZE_MAX_BODY_BYTES of the app under test
BIG = b"{" + b" " * LIMIT + b"}"
JSON = {"content-type": "application/json"}
DOCUMENT_URI = "urn:localize:openapi"


class Caller:
    """Requests as a seller of the app under test, as another seller, or with no key; and the items
    a request needs, each made fresh so no provocation depends on another."""

    def __init__(self, client: TestClient, unavailable: TestClient, throttled: TestClient, broken: TestClient):
        self.client, self.unavailable, self.throttled, self.broken = client, unavailable, throttled, broken
        self.auth = self.key_of(client)
        self.other = self.key_of(client)
        self.submit_only = self.key_of(client, role="submit")

    @staticmethod
    def key_of(client: TestClient, role: str = "approve") -> dict[str, str]:
        with client.app.state.sessions.begin() as session:
            key = create_api_key(session, f"seller-{uuid.uuid4().hex[:10]}", role=role)
        return {"Authorization": f"Bearer {key}"}

    def __call__(self, method: str, url: str, *, auth: dict[str, str] | None = None, anonymous: bool = False,
                 client: TestClient | None = None, headers: dict[str, str] | None = None,
                 **kwargs: Any) -> httpx.Response:
        sent = {} if anonymous else dict(auth or self.auth)
        return (client or self.client).request(method, url, headers={**sent, **(headers or {})}, **kwargs)

    def localization(self, **listing: Any) -> str:
        """A new pending localisation with no block flag (English for en-US: no MT)."""
        response = self("POST", "/v1/listings", json=submission(**listing))
        assert response.status_code == 201, response.text
        return str(response.json()["localizations"][0]["id"])

    def approved(self) -> str:
        localization_id = self.localization()
        assert self("POST", f"/v1/localizations/{localization_id}/approve").status_code == 200
        return localization_id

    def batch(self) -> str:
        return str(self.upload("catalog.csv").json()["batch_id"])

    def upload(self, name: str, content: bytes = b"sku,title,source_lang\nB-1,Steel mug,en\n",
               **kwargs: Any) -> httpx.Response:
        return self("POST", "/v1/batches", files={"file": (name, content, "text/csv")}, data={"markets": "en-US"},
                    **kwargs)

    def hooked(self) -> dict[str, str]:
        """A new seller's key, with a webhook registered."""
        auth = self.key_of(self.client)
        assert self("PUT", "/v1/webhook", json=HOOK, auth=auth).status_code == 200
        return auth

    def term(self) -> int:
        response = self("POST", "/v1/glossary", json=TERM)
        assert response.status_code == 201, response.text
        return int(response.json()["id"])


def submission(**listing: Any) -> dict[str, Any]:
    sku = f"OA-{uuid.uuid4().hex[:8]}"
    return {"listing": {"sku": sku, "title": "Stainless steel water bottle", "source_lang": "en", **listing},
            "markets": ["en-US"]}


TERM = {"source_lang": "en", "target_lang": "de", "source": "water bottle", "target": "Trinkflasche"}
HOOK = {"url": "https://8.8.8.8/hooks/localize"}
Provoke = Callable[[Caller], httpx.Response]


def _review(action: str, body: dict[str, Any] | None, **listing: Any) -> dict[int, Provoke]:
    """What the review actions on one localisation send, on an item of `listing` (what the action
    needs to succeed); approving and acknowledging need the `approve` role."""
    url = "/v1/localizations/{}/" + action
    needs_role: dict[int, Provoke] = {} if action not in ("approve", "acknowledge") else {
        403: lambda c: c("POST", url.format(c.localization(**listing)), json=body, auth=c.submit_only)}
    return {
        **needs_role,
        200: lambda c: c("POST", url.format(c.localization(**listing)), json=body),
        400: lambda c: c("POST", url.format(c.localization()), content=b"{oops", headers=JSON),
        401: lambda c: c("POST", url.format(c.localization()), json=body, anonymous=True),
        404: lambda c: c("POST", url.format(c.localization()), json=body, auth=c.other),
        409: lambda c: c("POST", url.format(c.approved()), json=body),
        413: lambda c: c("POST", url.format(c.localization()), content=BIG, headers=JSON),
        422: lambda c: c("POST", url.format(c.localization()), json={"edits": {"sku": "X"}} if action == "approve"
                         else {**(body or {}), "unknown": 1}),
    }


PROFILE = {"eu_responsible_person": "Acme GmbH, Berlin", "weee_registration": {"DE": "DE 12345678"}}


def resubmitted(c: Caller) -> httpx.Response:
    """The same listing submitted twice: the second time changes nothing (200)."""
    body = submission()
    assert c("POST", "/v1/listings", json=body).status_code == 201
    return c("POST", "/v1/listings", json=body)


def listing_id(c: Caller) -> str:
    response = c("POST", "/v1/listings", json=submission())
    assert response.status_code == 201, response.text
    return str(response.json()["listing_id"])


def profiled(c: Caller) -> dict[str, str]:
    """A new seller's key, with a seller profile set."""
    auth = c.key_of(c.client)
    assert c("PUT", "/v1/seller/profile", json=PROFILE, auth=auth).status_code == 200
    return auth


ROUTES: dict[tuple[str, str], dict[int, Provoke]] = {
    ("post", "/v1/listings"): {
        200: resubmitted,
        201: lambda c: c("POST", "/v1/listings", json=submission()),
        400: lambda c: c("POST", "/v1/listings", content=b'{"listing": ', headers=JSON),
        401: lambda c: c("POST", "/v1/listings", json=submission(), anonymous=True),
        413: lambda c: c("POST", "/v1/listings", content=BIG, headers=JSON),
        422: lambda c: c("POST", "/v1/listings", json={**submission(), "markets": ["en-UK"]}),
        503: lambda c: c("POST", "/v1/listings", json=submission(), client=c.unavailable,
                         auth=c.key_of(c.unavailable)),
    },
    ("get", "/v1/listings/{listing_id}/versions"): {
        200: lambda c: c("GET", f"/v1/listings/{listing_id(c)}/versions"),
        401: lambda c: c("GET", f"/v1/listings/{listing_id(c)}/versions", anonymous=True),
        404: lambda c: c("GET", f"/v1/listings/{listing_id(c)}/versions", auth=c.other),
    },
    ("get", "/v1/seller/profile"): {
        200: lambda c: c("GET", "/v1/seller/profile", auth=profiled(c)),
        401: lambda c: c("GET", "/v1/seller/profile", anonymous=True),
        404: lambda c: c("GET", "/v1/seller/profile", auth=c.other),
    },
    ("put", "/v1/seller/profile"): {
        200: lambda c: c("PUT", "/v1/seller/profile", json=PROFILE),
        400: lambda c: c("PUT", "/v1/seller/profile", content=b"{", headers=JSON),
        401: lambda c: c("PUT", "/v1/seller/profile", json=PROFILE, anonymous=True),
        413: lambda c: c("PUT", "/v1/seller/profile", content=BIG, headers=JSON),
        422: lambda c: c("PUT", "/v1/seller/profile", json={"declarations": [{"mark": "CE"}]}),
    },
    ("delete", "/v1/seller/profile"): {
        204: lambda c: c("DELETE", "/v1/seller/profile", auth=profiled(c)),
        401: lambda c: c("DELETE", "/v1/seller/profile", anonymous=True),
        404: lambda c: c("DELETE", "/v1/seller/profile", auth=c.other),
    },
    ("get", "/v1/localizations/{localization_id}"): {
        200: lambda c: c("GET", f"/v1/localizations/{c.localization()}"),
        401: lambda c: c("GET", f"/v1/localizations/{c.localization()}", anonymous=True),
        404: lambda c: c("GET", f"/v1/localizations/{c.localization()}", auth=c.other),
    },
    ("get", "/v1/localizations"): {
        200: lambda c: c("GET", "/v1/localizations", params={"status": "pending_review", "limit": 2, "q": "bottle",
                                                             "rule": "us.claim.organic", "confidence_below": 80}),
        401: lambda c: c("GET", "/v1/localizations", auth={"Authorization": "Bearer not-a-key"}),
        422: lambda c: c("GET", "/v1/localizations", params={"sort": "price"}),
    },
    ("post", "/v1/localizations/{localization_id}/approve"): _review("approve", {"comment": "fine"}),
    ("post", "/v1/localizations/{localization_id}/reject"): _review("reject", {"reason": "wrong colour"}),
    ("post", "/v1/localizations/{localization_id}/acknowledge"): _review(
        "acknowledge", {"rule": "us.claim.general-environmental", "field": "title", "reason": "FSC certified"},
        title="Eco-friendly bamboo toothbrush, 4 pack"),
    ("post", "/v1/localizations/{localization_id}/price"): _review("price", {"amount": "24.99"}),
    ("post", "/v1/batches"): {
        202: lambda c: c.upload("catalog.csv"),
        400: lambda c: c("POST", "/v1/batches", content=b"--x", headers={"content-type": "multipart/form-data"}),
        401: lambda c: c.upload("catalog.csv", anonymous=True),
        413: lambda c: c.upload("catalog.csv", BIG),
        415: lambda c: c.upload("catalog.ods"),
        503: lambda c: c.upload("catalog.csv", client=c.unavailable, auth=c.key_of(c.unavailable)),
        422: lambda c: c("POST", "/v1/batches", data={"markets": "en-US"}),
    },
    ("get", "/v1/batches/{batch_id}"): {
        200: lambda c: c("GET", f"/v1/batches/{c.batch()}"),
        401: lambda c: c("GET", f"/v1/batches/{c.batch()}", anonymous=True),
        404: lambda c: c("GET", f"/v1/batches/{c.batch()}", auth=c.other),
    },
    ("get", "/v1/batches/{batch_id}/export"): {
        200: lambda c: c("GET", f"/v1/batches/{c.batch()}/export", params={"status": "pending_review"}),
        401: lambda c: c("GET", f"/v1/batches/{c.batch()}/export", anonymous=True),
        404: lambda c: c("GET", f"/v1/batches/{c.batch()}/export", auth=c.other),
        422: lambda c: c("GET", f"/v1/batches/{c.batch()}/export", params={"format": "xml"}),
    },
    ("get", "/v1/export"): {
        200: lambda c: c("GET", "/v1/export", params={"market": "en-us", "profile": "amazon"}),
        401: lambda c: c("GET", "/v1/export", params={"market": "en-US"}, anonymous=True),
        422: lambda c: c("GET", "/v1/export", params={"market": "en-US", "profile": "nope"}),
    },
    ("get", "/v1/export-profiles"): {200: lambda c: c("GET", "/v1/export-profiles", anonymous=True)},
    ("get", "/v1/markets"): {200: lambda c: c("GET", "/v1/markets", anonymous=True)},
    ("get", "/v1/markets/{code}"): {
        200: lambda c: c("GET", "/v1/markets/de-de", anonymous=True),
        404: lambda c: c("GET", "/v1/markets/en-UK", anonymous=True),
    },
    ("get", "/v1/glossary"): {
        200: lambda c: c("GET", "/v1/glossary", params={"target_lang": "de"}),
        401: lambda c: c("GET", "/v1/glossary", anonymous=True),
        422: lambda c: c("GET", "/v1/glossary", params={"source_lang": "english"}),
    },
    ("post", "/v1/glossary"): {
        201: lambda c: c("POST", "/v1/glossary", json=TERM),
        400: lambda c: c("POST", "/v1/glossary", content=b"[", headers=JSON),
        401: lambda c: c("POST", "/v1/glossary", json=TERM, anonymous=True),
        413: lambda c: c("POST", "/v1/glossary", content=BIG, headers=JSON),
        422: lambda c: c("POST", "/v1/glossary", json={**TERM, "source_lang": "EN"}),
    },
    ("delete", "/v1/glossary/{term_id}"): {
        204: lambda c: c("DELETE", f"/v1/glossary/{c.term()}"),
        401: lambda c: c("DELETE", f"/v1/glossary/{c.term()}", anonymous=True),
        404: lambda c: c("DELETE", f"/v1/glossary/{c.term()}", auth=c.other),
        422: lambda c: c("DELETE", "/v1/glossary/first"),
    },
    ("get", "/v1/memory"): {
        200: lambda c: c("GET", "/v1/memory", params={"q": "Stainless steel water bottle", "source_lang": "en",
                                                      "target_lang": "de"}),
        401: lambda c: c("GET", "/v1/memory", params={"q": "x", "source_lang": "en", "target_lang": "de"},
                         anonymous=True),
        422: lambda c: c("GET", "/v1/memory", params={"q": "x", "source_lang": "en"}),
    },
    ("get", "/v1/memory/sharing"): {
        200: lambda c: c("GET", "/v1/memory/sharing"),
        401: lambda c: c("GET", "/v1/memory/sharing", anonymous=True),
    },
    ("put", "/v1/memory/sharing"): {
        200: lambda c: c("PUT", "/v1/memory/sharing", json={"shared": False}),
        400: lambda c: c("PUT", "/v1/memory/sharing", content=b"{", headers=JSON),
        401: lambda c: c("PUT", "/v1/memory/sharing", json={"shared": False}, anonymous=True),
        413: lambda c: c("PUT", "/v1/memory/sharing", content=BIG, headers=JSON),
        422: lambda c: c("PUT", "/v1/memory/sharing", json={"shared": "perhaps"}),
    },
    ("get", "/v1/webhook"): {
        200: lambda c: c("GET", "/v1/webhook", auth=c.hooked()),
        401: lambda c: c("GET", "/v1/webhook", anonymous=True),
        404: lambda c: c("GET", "/v1/webhook", auth=c.other),
    },
    ("put", "/v1/webhook"): {
        200: lambda c: c("PUT", "/v1/webhook", json=HOOK),
        400: lambda c: c("PUT", "/v1/webhook", content=b"{", headers=JSON),
        401: lambda c: c("PUT", "/v1/webhook", json=HOOK, anonymous=True),
        413: lambda c: c("PUT", "/v1/webhook", content=BIG, headers=JSON),
        422: lambda c: c("PUT", "/v1/webhook", json={"url": "http://127.0.0.1/hook"}),
    },
    ("delete", "/v1/webhook"): {
        204: lambda c: c("DELETE", "/v1/webhook", auth=c.hooked()),
        401: lambda c: c("DELETE", "/v1/webhook", anonymous=True),
        404: lambda c: c("DELETE", "/v1/webhook", auth=c.other),
    },
    ("get", "/healthz"): {
        200: lambda c: c("GET", "/healthz", anonymous=True),
        503: lambda c: c("GET", "/healthz", anonymous=True, client=c.unavailable),  # its broker does not answer
    },
}


def _throttled(method: str, path: str) -> Provoke:
    """The second request from one address to the app that allows one a minute: 429, before routing."""
    url = path.replace("{", "").replace("}", "").replace("_id", "").replace("code", "de-DE")
    return lambda c: [c(method.upper(), url, client=c.throttled) for _ in range(2)][-1]


def _store_gone(method: str, path: str) -> Provoke:
    """A keyed request to the app whose store lost its tables: the key cannot be looked up, 503."""
    url = path.replace("{localization_id}", "x").replace("{batch_id}", "x").replace("{term_id}", "1")
    return lambda c: c(method.upper(), url, client=c.broken, auth={"Authorization": "Bearer lk_any"})


for (_method, _path), _statuses in ROUTES.items():
    if _path.startswith("/v1"):
        _statuses.setdefault(429, _throttled(_method, _path))
        if 401 in _statuses:
            _statuses.setdefault(503, _store_gone(_method, _path))



def _settings(folder: Path, **overrides: Any) -> Settings:
    return Settings(database_url=f"sqlite:///{folder / 'store.db'}", worker=False, max_body_bytes=LIMIT, **overrides)


@pytest.fixture(scope="module")
def caller(rates_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Caller]:
    """The app (English listings need no model), and one whose model configuration is missing."""
    folder, broken = tmp_path_factory.mktemp("openapi"), tmp_path_factory.mktemp("unavailable")
    limited, gone = tmp_path_factory.mktemp("throttled"), tmp_path_factory.mktemp("gone")
    with (TestClient(create_app(_settings(folder, rates=rates_file))) as client,
          TestClient(create_app(_settings(broken, rates=rates_file, models=broken / "missing.toml",
                                          broker_url=f"redis://127.0.0.1:{unused_port()}/0"))) as unavailable,
          TestClient(create_app(_settings(limited, rate_limit_per_address=1))) as throttled,
          TestClient(create_app(_settings(gone))) as store_gone):
        with store_gone.app.state.sessions.begin() as session:
            session.execute(text("DROP TABLE api_keys"))
        yield Caller(client, unavailable, throttled, store_gone)


@pytest.fixture(scope="module")
def document(caller: Caller) -> dict[str, Any]:
    response = caller.client.get("/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


def schema_validator(document: dict[str, Any], pointer: str) -> Draft202012Validator:
    """A validator for the schema at `pointer` in the document, its `$ref`s resolved in the document."""
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(DOCUMENT_URI, resource)
    return Draft202012Validator({"$ref": f"{DOCUMENT_URI}#{pointer}"}, registry=registry)


def _pointer(*parts: str) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def assert_as_documented(document: dict[str, Any], path: str, method: str, response: httpx.Response) -> None:
    """The response's body is what the operation documents for its status."""
    status = str(response.status_code)
    documented = document["paths"][path][method]["responses"][status]
    if response.status_code == 204:
        assert response.content == b"" and "content" not in documented
        return
    media_type = response.headers["content-type"].split(";")[0]
    assert media_type in documented["content"], (status, media_type, documented)
    if response.status_code >= 400 and path != "/healthz":  # health answers 503 with its own report
        assert documented["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorBody"}
    if response.status_code == 401:
        assert response.headers["www-authenticate"] == "Bearer" and "WWW-Authenticate" in documented["headers"]
    if media_type == "application/json":
        pointer = _pointer("paths", path, method, "responses", status, "content", media_type, "schema")
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in schema_validator(document, pointer).iter_errors(response.json())]
        assert errors == [], (path, method, status, errors)


def test_the_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1.")
    validate(document)


def test_every_operation_is_walked(document: dict[str, Any]) -> None:
    operations = {(method, path) for path, methods in document["paths"].items() for method in methods}
    assert operations == set(ROUTES)


@pytest.mark.parametrize("route", sorted(ROUTES), ids=lambda route: f"{route[0].upper()} {route[1]}")
def test_a_route_sends_exactly_the_statuses_it_documents(caller: Caller, document: dict[str, Any],
                                                         route: tuple[str, str]) -> None:
    method, path = route
    for status, provoke in ROUTES[route].items():
        response = provoke(caller)
        assert response.status_code == status, (status, response.text)
        assert_as_documented(document, path, method, response)
    assert set(document["paths"][path][method]["responses"]) == {str(status) for status in ROUTES[route]}


@pytest.mark.parametrize("route", sorted(ROUTES), ids=lambda route: f"{route[0].upper()} {route[1]}")
def test_the_routes_that_need_a_key_carry_the_bearer_scheme(document: dict[str, Any], route: tuple[str, str]) -> None:
    method, path = route
    needs_key = 401 in ROUTES[route]
    assert document["paths"][path][method].get("security") == ([{"APIKey": []}] if needs_key else None)
    assert document["components"]["securitySchemes"]["APIKey"] == {
        "type": "http", "scheme": "bearer", "bearerFormat": "API key",
        "description": document["components"]["securitySchemes"]["APIKey"]["description"]}


def test_fastapis_own_validation_error_is_not_documented(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    error = resolve(document, schemas["ErrorBody"]["properties"]["error"])
    assert set(error["properties"]) == {"code", "message", "field"}
    assert set(error["required"]) == {"code", "message"}
    assert error["properties"]["field"] == {**error["properties"]["field"], "type": "string"}


def test_a_localization_is_typed_down_to_its_flags_and_price(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    for path in ("/v1/localizations/{localization_id}", "/v1/localizations/{localization_id}/approve"):
        operation = next(iter(document["paths"][path].values()))
        assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/LocalizationPublic"}
    localization = schemas["LocalizationPublic"]
    properties = localization["properties"]
    assert localization["additionalProperties"] is True  # the seller's own columns
    assert {"id", "sku", "market", "status", "listing_id", "batch_id", "title", "engine",
            "created_at"} <= set(localization["required"])
    assert properties["title"]["type"] == "string"
    assert properties["bullets"] == {**properties["bullets"], "type": "array", "items": {"type": "string"}}
    assert resolve(document, properties["status"])["enum"] == [status.value for status in Status]
    flag = resolve(document, properties["flags"]["items"])
    assert {"rule", "severity", "field", "message"} <= set(flag["required"])
    assert resolve(document, flag["properties"]["severity"])["enum"] == ["info", "warn", "block"]
    [price_ref] = [option for option in properties["price"]["anyOf"] if "$ref" in option]
    price = resolve(document, price_ref)
    assert {"amount", "currency", "display"} <= set(price["required"])
    assert {"fx_rate", "fx_date", "vat_included"} <= set(price["properties"])
    assert resolve(document, properties["engine"])["properties"]["name"]["type"] == "string"
    assert properties["field_confidence"]["additionalProperties"] == {"type": "number"}
    page = schemas["LocalizationsPublic"]
    assert set(page["required"]) == {"total", "limit", "offset", "items"}
    assert page["properties"]["items"]["items"] == {"$ref": "#/components/schemas/LocalizationPublic"}
    batch_status = resolve(document, schemas["BatchProgress"]["properties"]["status"])
    assert batch_status["enum"] == ["receiving", "queued", "running", "done", "failed"]


def test_docs_pages_load_only_this_servers_files(caller: Caller) -> None:
    for page, assets in (("/docs", ("swagger-ui-bundle.js", "swagger-ui.css")), ("/redoc", ("redoc.standalone.js",))):
        response = caller.client.get(page)
        assert response.status_code == 200
        html = response.text
        assert "http://" not in html and "https://" not in html, html
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "connect-src 'self'" in policy and "http" not in policy
        for asset in assets:
            assert f'"/static/docs/{asset}"' in html
            served = caller.client.get(f"/static/docs/{asset}")
            assert served.status_code == 200 and len(served.content) > 100_000
    assert caller.client.get("/docs/oauth2-redirect").status_code == 404  # FastAPI's own docs routes are off
