"""A throwaway Redis for the tests: Debian's `redis-server` on 127.0.0.1, a free port, no disk
(registered in conftest.py). Without the binary it fails with a message, unless
LOCALIZE_SKIP_REDIS=1 says skip."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SKIP_ENV = "LOCALIZE_SKIP_REDIS"


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get(SKIP_ENV) == "1":
            pytest.skip(f"redis-server not found and {SKIP_ENV}=1")
        pytest.fail("redis-server not found: install Debian's `redis-server` package (make system-packages), "
                    f"or set {SKIP_ENV}=1 to skip the Celery tests")
    folder = Path(tempfile.mkdtemp(prefix="localize-redis-"))
    for _attempt in range(3):  # another process may take the free port before the server does
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                                   "--appendonly", "no", "--dir", str(folder), "--protected-mode", "yes"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        if _answers(port, server):
            break
        server.kill()
    else:
        pytest.fail("redis-server did not start")
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _answers(port: int, server: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                if connection.recv(16).startswith(b"+PONG"):
                    return True
        except OSError:
            time.sleep(0.05)
    return False
