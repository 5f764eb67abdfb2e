"""Rate limits: per API key and per client address, and a tighter one for sign-in attempts, answered
with 429 and `Retry-After` before any work is done.

Without a broker the counts are token buckets in the process. With a Redis broker
(`LOCALIZE_BROKER_URL=redis://...`) they are kept in Redis, in one-minute windows, so every API
process behind the proxy counts the same requests; if Redis does not answer, requests go ahead (the
limit must not become the outage) and the failure is logged."""

import hashlib
import logging
import math
import time
from dataclasses import dataclass, field
from typing import Protocol

from redis import asyncio as aioredis
from redis.exceptions import RedisError
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import error_response

log = logging.getLogger("localize.api")
UNLIMITED_PATHS = ("/healthz", "/static/")  # monitoring and assets are never throttled
MAX_BUCKETS = 100_000  # idle full buckets are dropped beyond this, so random keys cannot grow memory


class Limiter(Protocol):
    async def take(self, bucket_id: str, now: float) -> float:
        """0 if the request may go ahead (it is counted), else the seconds until it may."""
        ...


@dataclass
class TokenBuckets:
    """`per_minute` requests a minute for each id, in bursts of up to `per_minute`, in this process."""

    per_minute: int
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)  # id -> (tokens, when)

    async def take(self, bucket_id: str, now: float) -> float:
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


@dataclass
class SharedWindows:
    """`per_minute` requests a minute for each id, counted in Redis in one-minute windows, so every
    API process shares the count."""

    client: aioredis.Redis
    name: str
    per_minute: int

    async def take(self, bucket_id: str, now: float) -> float:
        window = int(now // 60)
        key = f"localize:rate:{self.name}:{bucket_id}:{window}"
        try:
            async with self.client.pipeline(transaction=True) as pipeline:
                pipeline.incr(key)
                pipeline.expire(key, 120)
                counted, _ = await pipeline.execute()
        except (RedisError, OSError) as exc:
            log.warning("rate limits: Redis did not answer (%s); this request goes ahead", exc)
            return 0.0
        return 0.0 if int(counted) <= self.per_minute else 60 - now % 60


def limiter(name: str, per_minute: int, client: aioredis.Redis | None) -> Limiter | None:
    """The limiter for one kind of count: none when off, Redis-backed when there is a Redis."""
    if not per_minute:
        return None
    return SharedWindows(client, name, per_minute) if client is not None else TokenBuckets(per_minute)


class RateLimits:
    """ASGI middleware: per address on every request, per API key on the API, per address on sign-in."""

    def __init__(self, app: ASGIApp, per_key: int, per_address: int, logins_per_address: int,
                 redis_url: str | None = None):
        self.app = app
        client = (aioredis.from_url(redis_url, socket_timeout=0.5, socket_connect_timeout=0.5)
                  if redis_url and redis_url.startswith(("redis://", "rediss://")) else None)
        self.per_key = limiter("key", per_key, client)
        self.per_address = limiter("address", per_address, client)
        self.logins = limiter("login", logins_per_address, client)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(UNLIMITED_PATHS):
            await self.app(scope, receive, send)
            return
        wait = await self._wait(scope, path)
        if wait:
            await self._refuse(send, path, wait)
            return
        await self.app(scope, receive, send)

    async def _wait(self, scope: Scope, path: str) -> float:
        now = time.time()  # wall time: Redis windows are shared between processes
        address = (scope.get("client") or ("unknown",))[0]
        checks: list[tuple[Limiter | None, str]] = [(self.per_address, address)]
        if path == "/review/login" and scope.get("method") == "POST":
            checks.append((self.logins, address))
        authorization = dict(scope.get("headers", [])).get(b"authorization")
        if authorization and path.startswith("/v1"):
            checks.append((self.per_key, hashlib.sha256(authorization).hexdigest()))
        waits = [await limits.take(bucket_id, now) for limits, bucket_id in checks if limits]
        return max(waits, default=0.0)

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
