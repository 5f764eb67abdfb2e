"""A throwaway PostgreSQL for the tests, and `database_url`: an empty database per test on SQLite
and on PostgreSQL (the fixtures are registered in conftest.py).

The session fixture `postgres_server` runs `initdb` into a temp dir and starts the server on
127.0.0.1 (a free port; its unix socket stays in the temp dir), as the `postgres` user when run as
root. Without the binaries it fails with a message, unless LOCALIZE_SKIP_POSTGRES=1 says skip."""

import os
import pwd
import secrets
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SKIP_ENV = "LOCALIZE_SKIP_POSTGRES"


# --- a throwaway PostgreSQL cluster ----------------------------------------------------------------------


def postgres_bindir() -> Path | None:
    """The server binaries: `pg_config --bindir`, else the newest /usr/lib/postgresql/*/bin."""
    candidates = []
    if shutil.which("pg_config"):
        result = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
        if result.returncode == 0 and result.stdout.strip():
            candidates.append(Path(result.stdout.strip()))
    versions = Path("/usr/lib/postgresql").glob("*/bin")
    candidates += sorted(versions, key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
                         reverse=True)
    return next((path for path in candidates if (path / "initdb").exists() and (path / "pg_ctl").exists()), None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PostgresServer:
    host: str
    port: int
    user: str
    password: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}:{self.password}@{self.host}:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = f"localize_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host=self.host, port=self.port, user=self.user, password=self.password,
                             dbname="postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bindir = postgres_bindir()
    if bindir is None:
        if os.environ.get(SKIP_ENV) == "1":
            pytest.skip(f"PostgreSQL binaries not found and {SKIP_ENV}=1")
        pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) not found via `pg_config --bindir` or "
                    "/usr/lib/postgresql/*/bin: install Debian's `postgresql` package (apt-get install "
                    f"postgresql), or set {SKIP_ENV}=1 to skip the PostgreSQL half of the store tests")
    as_user: list[str] = []
    owner = None
    if os.geteuid() == 0:  # initdb refuses to run as root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root, and there is no `postgres` system user to run initdb as "
                        "(Debian's postgresql package creates it)")
        as_user = ["runuser", "-u", "postgres", "--"] if shutil.which("runuser") else None
    root = Path(tempfile.mkdtemp(prefix="localize-pg-"))  # not under pytest's root-only tmp dirs
    if owner is not None:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    password = secrets.token_urlsafe(16)
    (root / "pwfile").write_text(password + "\n")
    if owner is not None:
        os.chown(root / "pwfile", owner.pw_uid, owner.pw_gid)

    def run(*args: str) -> subprocess.CompletedProcess:
        command = [str(arg) for arg in args]
        if as_user is None:  # root without runuser: su
            command = ["su", "postgres", "-c", shlex.join(command)]
        else:
            command = as_user + command
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)

    data, log = root / "data", root / "server.log"
    try:
        done = run(bindir / "initdb", "-D", data, "-U", "postgres", "--pwfile", root / "pwfile", "-E", "UTF8",
                   "--locale", "C", "--auth-local", "trust", "--auth-host", "scram-sha-256", "--no-sync")
        if done.returncode != 0:
            pytest.fail(f"initdb failed:\n{done.stdout}\n{done.stderr}")
        for _attempt in range(3):  # another process may take the free port before the server does
            port = free_port()
            options = (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root} "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            done = run(bindir / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "30", "start")
            if done.returncode == 0:
                break
        else:
            pytest.fail(f"pg_ctl start failed:\n{done.stdout}\n{done.stderr}\n{log.read_text(errors='replace')}")
        try:
            yield PostgresServer("127.0.0.1", port, "postgres", password)
        finally:
            run(bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database for each test, on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres_server").create_database()
