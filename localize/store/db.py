"""The database: an engine for `LOCALIZE_DATABASE_URL` (a SQLite file by default), migrated to the
newest schema with Alembic when opened."""

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def open_database(url: str) -> sessionmaker[Session]:
    """Connect, apply any pending migration, and return the session factory."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True, **_options(url))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine, url)
    return sessionmaker(engine, expire_on_commit=False)


def migrate(engine: Engine, url: str) -> None:
    config = alembic_config(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _options(url: str) -> dict[str, Any]:
    if url.startswith("sqlite"):
        # The web server's threads share the file; a writer waits for another instead of failing.
        return {"connect_args": {"check_same_thread": False, "timeout": 30}}
    return {"pool_size": 10, "max_overflow": 20}


def _sqlite_pragmas(connection: DBAPIConnection, _record: object) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
