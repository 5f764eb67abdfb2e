"""Helpers the tests share: running the `localize` command as users run it, serving the app on
loopback, driving the web queue, and a webhook receiver that checks signatures as a seller's would."""

import hashlib
import hmac
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from conftest import ROOT
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from localize.notify import SIGNATURE_HEADER, TIMESTAMP_HEADER

LOCALIZE = [sys.executable, "-m", "localize.cli"]
PASSWORD = "correct horse battery"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


def require_chromium() -> Path:
    """Debian's chromium and Playwright, or a failure that says what is missing (a skip with
    LOCALIZE_SKIP_BROWSER=1)."""
    problem = None
    if not CHROMIUM.exists():
        problem = (f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the "
                   "browser test, or set LOCALIZE_SKIP_BROWSER=1 to skip it")
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError as exc:
            problem = f"Playwright for Python is not installed ({exc}): pip install -e '.[test]'"
    if problem and os.environ.get("LOCALIZE_SKIP_BROWSER") == "1":
        pytest.skip(problem)
    if problem:
        pytest.fail(problem)
    return CHROMIUM


def run_localize(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LOCALIZE, *args], capture_output=True, text=True, cwd=ROOT, env=dict(os.environ),
                          timeout=300)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def login_token(client: TestClient) -> str:
    page = client.get("/review/login")
    return re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)


def sign_in(client: TestClient, username: str, password: str, next: str = "/review") -> Response:
    return client.post("/review/login", data={"username": username, "password": password, "next": next,
                                              "login_token": login_token(client)})


def csrf_of(page: Response) -> str:
    assert page.status_code == 200, page.text
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def events_of(page: Response) -> list[str]:
    """The history entries of an item page, as text."""
    parser = TextOf("li", "data-testid", "event")
    parser.feed(page.text)
    return [" ".join(text.split()) for text in parser.found]


class TextOf(HTMLParser):
    """The text of every element with the given attribute value."""

    def __init__(self, tag: str, attribute: str, value: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag, self.attribute, self.value = tag, attribute, value
        self.depth = 0
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag == self.tag
        elif tag == self.tag and dict(attrs).get(self.attribute) == self.value:
            self.depth = 1
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == self.tag:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.found[-1] += data


@dataclass
class Served:
    url: str
    app: object


@contextmanager
def serving(app: FastAPI) -> Iterator[Served]:
    """The app under uvicorn on a free loopback port, in a thread of this process."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield Served(f"http://127.0.0.1:{listener.getsockname()[1]}", app)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        listener.close()


def unused_port() -> int:
    """A loopback port nothing listens on (it was free a moment ago): a server that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Receiver:
    """What a seller's endpoint got: every request, and the events whose signature checked out."""

    url: str = ""
    secret: str = ""
    fail_first: int = 0  # answer 500 to this many requests first
    requests: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)
    bad_signatures: int = 0

    def batches(self) -> list[str]:
        return [event["batch_id"] for event in self.events]

    def receive(self, timestamp: str, signature: str, body: bytes) -> int:
        self.requests += 1
        if self.requests <= self.fail_first:
            return 500
        expected = "sha256=" + hmac.new(self.secret.encode(), f"{timestamp}.".encode() + body,
                                        hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature) or abs(time.time() - int(timestamp)) > 300:
            self.bad_signatures += 1
            return 401
        self.events.append(json.loads(body))
        return 204


@contextmanager
def receiving(fail_first: int = 0) -> Iterator[Receiver]:
    """A webhook receiver on a free loopback port, checking signatures as a seller's would."""
    receiver = Receiver(fail_first=fail_first)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the http.server API)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status = receiver.receive(self.headers[TIMESTAMP_HEADER], self.headers[SIGNATURE_HEADER], body)
            self.send_response(status)
            self.end_headers()

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/localize"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
