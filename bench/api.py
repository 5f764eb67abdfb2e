"""The HTTP API under load: 200 concurrent `POST /v1/listings` against a local server, in one run.

Starts `api.app:create_app` under uvicorn in a subprocess on 127.0.0.1 (a free port; a temp SQLite
store; the batch worker off), creates an API key, sends the example catalog's listings as single
submissions from a bounded pool (at most --concurrency in flight, each request and the whole run
under a timeout), then prints p50/p90/p99 latency, throughput and the error count, and checks that
the store holds exactly the localisations the API accepted (listings x markets). Stops the server
at the end. Exits non-zero on any error or a count that does not match.

Models: LOCALIZE_MODELS when set (e.g. the demo models, .cache/demo-models/models.toml), else tiny
models built here into a temp dir (about 30 s on two idle cores).

    .venv/bin/python bench/api.py [--n 200] [--concurrency 50] [--markets en-US,de-DE]
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import date
from pathlib import Path

import httpx
from sqlalchemy import func, select

from localize.catalog.read import read_catalog
from localize.store import models
from localize.store.accounts import create_api_key
from localize.store.db import open_database

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "examples" / "catalog.csv"
RATES = {("CNY", "USD"): "0.1405", ("CNY", "EUR"): "0.1212", ("CNY", "GBP"): "0.1068",
         ("USD", "EUR"): "0.8627", ("USD", "GBP"): "0.7601"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))]


def listings(n: int) -> list[dict]:
    """n listings from the example catalog, each with its own SKU."""
    rows = read_catalog(CATALOG).rows
    out = []
    for i in range(n):
        listing = rows[i % len(rows)].listing.model_dump(mode="json", exclude_none=True)
        listing["sku"] = f"{listing['sku']}-{i:04}"
        out.append(listing)
    return out


def wait_ready(base: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer /healthz within {timeout} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="submissions to send")
    parser.add_argument("--concurrency", type=int, default=50, help="requests in flight at most")
    parser.add_argument("--markets", default="en-US,de-DE", help="target markets of each submission")
    parser.add_argument("--request-timeout", type=float, default=300, help="seconds one request may take")
    parser.add_argument("--timeout", type=float, default=900, help="seconds the whole run may take")
    args = parser.parse_args()
    markets = [code.strip() for code in args.markets.split(",") if code.strip()]

    work = Path(tempfile.mkdtemp(prefix="localize-bench-api-"))
    server = None
    try:
        models_file = os.environ.get("LOCALIZE_MODELS")
        if not models_file:
            from tools.demo_models import TINY, build_demo_models

            print("LOCALIZE_MODELS is not set: building tiny models ...", flush=True)
            started = time.perf_counter()
            build_demo_models(work / "models", size=TINY, log=lambda _: None)
            models_file = str(work / "models" / "models.toml")
            print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
        rates = work / "rates.csv"
        today = date.today().isoformat()
        rates.write_text("date,base,quote,rate\n" + "".join(f"{today},{b},{q},{r}\n" for (b, q), r in RATES.items()),
                         encoding="utf-8")
        database_url = f"sqlite:///{work / 'store.db'}"
        sessions = open_database(database_url)  # migrates; the server finds the schema in place
        with sessions.begin() as session:
            key = create_api_key(session, "bench")

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "LOCALIZE_DATABASE_URL": database_url, "LOCALIZE_MODELS": models_file,
               "LOCALIZE_RATES": str(rates), "LOCALIZE_WORKER": "false", "HF_HUB_OFFLINE": "1",
               "TRANSFORMERS_OFFLINE": "1"}
        log = (work / "server.log").open("w")
        server = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
                                   "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
                                   "--log-level", "warning"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_ready(base, server, timeout=120)

        payloads = listings(args.n + 1)
        limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, limits=limits,
                          timeout=args.request_timeout, trust_env=False) as client:

            def post(listing: dict) -> tuple[float, int, int, str]:
                started = time.perf_counter()
                try:
                    response = client.post("/v1/listings", json={"listing": listing, "markets": markets})
                except httpx.HTTPError as exc:
                    return time.perf_counter() - started, 0, 0, f"{type(exc).__name__}: {exc}"
                elapsed = time.perf_counter() - started
                if response.status_code != 201:
                    return elapsed, response.status_code, 0, response.text[:200]
                body = response.json()
                problem = "; ".join(f"{f['market']}: {f['reason']}" for f in body["failures"])
                return elapsed, 201, len(body["localizations"]), problem

            warm = post(payloads[0])  # loads the models; not timed with the rest
            print(f"warm-up: {warm[0]:.2f} s, status {warm[1]}", flush=True)
            accepted = warm[2]
            errors: list[str] = [warm[3]] if warm[1] != 201 or warm[3] else []

            latencies: list[float] = []
            deadline = time.monotonic() + args.timeout
            started = time.perf_counter()
            pool = ThreadPoolExecutor(max_workers=args.concurrency)
            try:
                futures = [pool.submit(post, listing) for listing in payloads[1:]]
                for future in as_completed(futures, timeout=max(1.0, deadline - time.monotonic())):
                    elapsed, status, stored, problem = future.result()
                    latencies.append(elapsed)
                    accepted += stored
                    if status != 201 or problem:
                        errors.append(f"{status}: {problem}")
            finally:
                pool.shutdown(wait=False, cancel_futures=True)
            wall = time.perf_counter() - started

        with sessions() as session:
            rows = session.scalar(select(func.count()).select_from(models.Localization))
            distinct = session.scalar(select(func.count()).select_from(
                select(models.Localization.listing_id, models.Localization.market).distinct().subquery()))
            listing_rows = session.scalar(select(func.count()).select_from(models.Listing))
        sessions.kw["bind"].dispose()

        expected = (args.n + 1) * len(markets)
        print(f"{args.n} concurrent submissions (at most {args.concurrency} in flight), markets {','.join(markets)},"
              f" models {models_file}")
        ms = {name: f"{value * 1000:.0f} ms" for name, value in (
            ("p50", percentile(latencies, 0.50)), ("p90", percentile(latencies, 0.90)),
            ("p99", percentile(latencies, 0.99)), ("max", max(latencies)), ("mean", statistics.mean(latencies)))}
        print("latency   " + "   ".join(f"{name} {value}" for name, value in ms.items()))
        print(f"throughput {len(latencies) / wall:.2f} submissions/s, {len(latencies) * len(markets) / wall:.2f}"
              f" localisations/s ({wall:.1f} s wall)")
        print(f"errors    {len(errors)}")
        for error in errors[:10]:
            print(f"  {error}")
        print(f"store     {rows} localisation rows ({distinct} distinct listing x market) for {listing_rows} listings;"
              f" accepted {accepted}; expected {expected} (listings x markets)")
        ok = not errors and rows == accepted == distinct == expected
        print("OK" if ok else "FAILED")
        if not ok:
            print("server log (end):\n" + (work / "server.log").read_text(errors="replace")[-4000:], file=sys.stderr)
        return 0 if ok else 1
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            if server.returncode not in (0, -15):
                print((work / "server.log").read_text(errors="replace")[-3000:], file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
