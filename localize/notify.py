"""Webhook events: a JSON body POSTed to the seller's URL, signed with HMAC-SHA256 over the timestamp
and the body, retried with exponential backoff.

A receiver checks `X-Localize-Signature: sha256=<hex>` against
`hmac_sha256(secret, f"{X-Localize-Timestamp}.{body}")` and refuses old timestamps (replays). The
URL's host must not be a private, loopback or link-local address unless the operator allows it
(`LOCALIZE_WEBHOOK_PRIVATE_HOSTS`): a seller must not make the service call into its network."""

import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger("localize.webhooks")
SIGNATURE_HEADER = "X-Localize-Signature"
TIMESTAMP_HEADER = "X-Localize-Timestamp"
TIMEOUT_SECONDS = 10


class WebhookError(ValueError):
    """A webhook URL that cannot be used, or a delivery the receiver did not accept."""


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The `X-Localize-Signature` value for a body sent at `timestamp` (Unix seconds, as text).

    >>> signature("s3cret", "1700000000", b'{"type":"batch.finished"}')[:16]
    'sha256=5c491db9a'
    """
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def check_url(url: str, allow_private: bool) -> str:
    """The URL if the service may POST to it: http(s), a host, and (unless allowed) only public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookError("the URL must be http:// or https:// with a host")
    if allow_private:
        return url
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except (socket.gaierror, UnicodeError) as exc:
        raise WebhookError(f"the host {parts.hostname!r} cannot be resolved") from exc
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise WebhookError(f"the host {parts.hostname!r} is a private or local address ({ip})")
    return url


def post_event(url: str, secret: str, event: dict[str, Any], allow_private: bool) -> None:
    """POST one signed event; WebhookError unless the receiver answers 2xx."""
    check_url(url, allow_private)  # again at delivery: the name may resolve elsewhere by now
    body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "User-Agent": "localize-webhooks/1",
        TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signature(secret, timestamp, body)})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (checked above)
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, OSError) as exc:
        raise WebhookError(f"{url}: {getattr(exc, 'reason', exc)}") from exc
    if not 200 <= status < 300:
        raise WebhookError(f"{url}: answered {status}")


def deliver_with_retries(url: str, secret: str, event: dict[str, Any], *, attempts: int, backoff: float,
                         allow_private: bool, sleep: Callable[[float], None] = time.sleep) -> bool:
    """Try up to `attempts` times, waiting `backoff`, then twice as long each time; whether it arrived."""
    for attempt in range(attempts):
        try:
            post_event(url, secret, event, allow_private)
            return True
        except WebhookError as exc:
            log.warning("webhook attempt %d of %d failed: %s", attempt + 1, attempts, exc)
            if attempt + 1 < attempts:
                sleep(backoff * 2**attempt)
    return False
