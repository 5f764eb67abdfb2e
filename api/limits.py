"""Rate limits: token buckets per API key and per client address, and a tighter one for sign-in
attempts, answered with 429 and `Retry-After` before any work is done.

Buckets live in the process: with several API processes each enforces its share (the limits are
per process, documented as such in docs/configuration.md)."""

import hashlib
import math
import time
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import error_response

UNLIMITED_PATHS = ("/healthz", "/static/")  # monitoring and assets are never throttled
MAX_BUCKETS = 100_000  # idle full buckets are dropped beyond this, so random keys cannot grow memory


@dataclass
class TokenBuckets:
    """`per_minute` requests a minute for each id, in bursts of up to `per_minute`."""

    per_minute: int
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)  # id -> (tokens, when)

    def take(self, bucket_id: str, now: float) -> float:
        """0 if the request may go ahead (a token is taken), else the seconds until it may."""
        rate = self.per_minute / 60
        tokens, then = self.buckets.get(bucket_id, (float(self.per_minute), now))
        tokens = min(float(self.per_minute), tokens + (now - then) * rate)
        if tokens < 1:
            self.buckets[bucket_id] = (tokens, now)
            return (1 - tokens) / rate
        self.buckets[bucket_id] = (tokens - 1, now)
        if len(self.buckets) > MAX_BUCKETS:
            self._forget_full(now)
        return 0.0

    def _forget_full(self, now: float) -> None:
        full_after = 60.0  # a bucket idle for a minute has refilled: forgetting it changes nothing
        self.buckets = {key: value for key, value in self.buckets.items() if now - value[1] < full_after}


class RateLimits:
    """ASGI middleware: per address on every request, per API key on the API, per address on sign-in."""

    def __init__(self, app: ASGIApp, per_key: int, per_address: int, logins_per_address: int):
        self.app = app
        self.per_key = TokenBuckets(per_key) if per_key else None
        self.per_address = TokenBuckets(per_address) if per_address else None
        self.logins = TokenBuckets(logins_per_address) if logins_per_address else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(UNLIMITED_PATHS):
            await self.app(scope, receive, send)
            return
        wait = self._wait(scope, path)
        if wait:
            await self._refuse(send, path, wait)
            return
        await self.app(scope, receive, send)

    def _wait(self, scope: Scope, path: str) -> float:
        now = time.monotonic()
        address = (scope.get("client") or ("unknown",))[0]
        checks: list[tuple[TokenBuckets | None, str]] = [(self.per_address, address)]
        if path == "/review/login" and scope.get("method") == "POST":
            checks.append((self.logins, address))
        authorization = dict(scope.get("headers", [])).get(b"authorization")
        if authorization and path.startswith("/v1"):
            checks.append((self.per_key, hashlib.sha256(authorization).hexdigest()))
        return max((buckets.take(bucket_id, now) for buckets, bucket_id in checks if buckets), default=0.0)

    async def _refuse(self, send: Send, path: str, wait: float) -> None:
        seconds = str(math.ceil(wait))
        message = f"too many requests; retry in {seconds} s"
        response = error_response(429, "too_many_requests", message, headers={"Retry-After": seconds})
        body = response.body
        headers = response.raw_headers
        if not path.startswith("/v1"):  # the queue's pages and forms: a readable page, not JSON
            body = f"<!doctype html><title>Too many requests</title><p>Too many requests; retry in {seconds} s.</p>"\
                .encode()
            headers = [(b"content-type", b"text/html; charset=utf-8"), (b"retry-after", seconds.encode()),
                       (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 429, "headers": headers})
        await send({"type": "http.response.body", "body": body})
