"""The same batch on 1 and on 2 Celery worker processes, and in-process, in one run: listings/s of
each, the 2-to-1 ratio, and what the broker and the store's task bookkeeping cost per task against
the in-process path (the server's own worker thread) on the same number of threads.

Each worker process gets one CPU thread for the models, as `localize worker --threads 1` would on a
machine with a process per core. A Redis is started on a free loopback port; the store is a SQLite
file unless --database-url names another (PostgreSQL: postgresql+psycopg://...). Workers are
started and warmed up (models loaded) before the clock starts.

    .venv/bin/python bench/scale.py [--listings 400] [--task-listings 16] [--database-url URL]
"""

import argparse
import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from localize.settings import PROJECT_ROOT, Settings  # noqa: E402
from localize.store import models  # noqa: E402
from localize.store.accounts import seller_named  # noqa: E402
from localize.store.db import open_database  # noqa: E402
from localize.store.service import Localizer  # noqa: E402
from localize.workers import enqueue_batch  # noqa: E402
from tools.demo_models import TINY, build_demo_models  # noqa: E402

MARKETS = ("en-US", "de-DE")  # zh→en, and zh→en→de through the pivot


def catalog(count: int, tag: str) -> bytes:
    corpus = PROJECT_ROOT / "localize" / "data" / "corpus" / "zh-en.tsv"
    with corpus.open(encoding="utf-8") as handle:
        titles = [row[0].replace(",", " ") for row in csv.reader(handle, delimiter="\t") if len(row[0]) > 6]
    rows = "".join(f"{tag}-{i:05},{titles[i % len(titles)]},zh\n" for i in range(count))
    return ("sku,title,source_lang\n" + rows).encode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def redis_server() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("redis-server is needed (make system-packages)")
    port = free_port()
    server = subprocess.Popen([binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly",
                               "no"], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def workers(count: int, env: dict[str, str]) -> Iterator[None]:
    processes = [subprocess.Popen([sys.executable, "-m", "localize.cli", "worker", "--pool", "solo", "--threads", "1",
                                   "--hostname", f"bench{i}@%h", "--loglevel", "warning"],
                                  env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL) for i in range(count)]
    try:
        yield
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            process.wait(timeout=60)


def run_batch(localizer: Localizer, seller_id: int, content: bytes, *, on_workers: bool) -> tuple[float, int]:
    """Seconds from submission to the batch being done, and how many tasks it took."""
    markets = [localizer.market(code) for code in MARKETS]
    batch = localizer.create_batch(seller_id, "bench.csv", content, markets)
    started = time.perf_counter()
    tasks = 0
    if on_workers:
        tasks = enqueue_batch(localizer, batch.id)
        while True:
            with localizer.sessions() as session:
                if session.get_one(models.Batch, batch.id).status in ("done", "failed"):
                    break
            time.sleep(0.05)
    else:
        localizer.process_batch(batch.id)
    return time.perf_counter() - started, tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=400)
    parser.add_argument("--task-listings", type=int, default=16)
    parser.add_argument("--database-url")
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="localize-scale-"))
    models_file = PROJECT_ROOT / ".cache" / "demo-models" / "models.toml"
    if not models_file.exists():
        build_demo_models(folder / "models", size=TINY, log=lambda _: None)
        models_file = folder / "models" / "models.toml"
    database_url = arguments.database_url or f"sqlite:///{folder / 'store.db'}"
    rates = folder / "rates.csv"
    rates.write_text("date,base,quote,rate\n2026-11-20,CNY,USD,0.14\n2026-11-20,CNY,EUR,0.12\n")
    with redis_server() as broker:
        settings = Settings(database_url=database_url, models=models_file, rates=rates, broker_url=broker,
                            task_listings=arguments.task_listings, threads=1)
        env = {**os.environ, "LOCALIZE_DATABASE_URL": database_url, "LOCALIZE_MODELS": str(models_file),
               "LOCALIZE_RATES": str(rates), "LOCALIZE_BROKER_URL": broker,
               "LOCALIZE_TASK_LISTINGS": str(arguments.task_listings)}
        localizer = Localizer(settings, open_database(database_url))
        with localizer.sessions.begin() as session:
            seller_id = seller_named(session, "bench", create=True).id
        run_batch(localizer, seller_id, catalog(8, "warm"), on_workers=False)  # models loaded in this process
        in_process, _ = run_batch(localizer, seller_id, catalog(arguments.listings, "inproc"), on_workers=False)
        timings: dict[int, tuple[float, int]] = {}
        for count in (1, 2):
            with workers(count, env):
                run_batch(localizer, seller_id, catalog(4 * count, f"warm{count}"), on_workers=True)
                timings[count] = run_batch(localizer, seller_id, catalog(arguments.listings, f"w{count}"),
                                           on_workers=True)
    shutil.rmtree(folder, ignore_errors=True)
    rate = {count: arguments.listings / seconds for count, (seconds, _) in timings.items()}
    one, tasks = timings[1]
    print(f"cores: {os.cpu_count()}; {arguments.listings} listings x {len(MARKETS)} markets "
          f"({', '.join(MARKETS)}), {arguments.task_listings} listings a task, store {database_url.split(':')[0]}")
    print(f"in-process (1 thread):   {in_process:7.1f} s  {arguments.listings / in_process:6.1f} listings/s")
    for count, (seconds, _) in timings.items():
        print(f"{count} worker process(es): {seconds:7.1f} s  {rate[count]:6.1f} listings/s")
    print(f"ratio 2 workers / 1 worker: {rate[2] / rate[1]:.2f}x (target on 2 cores: 1.6x or better)")
    print(f"broker + store overhead per task (1 worker against in-process, {tasks} tasks): "
          f"{(one - in_process) / tasks * 1000:.0f} ms ({(one / in_process - 1) * 100:+.1f}% of the batch)")


if __name__ == "__main__":
    main()
