"""`localize worker`: a Celery worker that localises batches enqueued through `LOCALIZE_BROKER_URL`."""

import os

import click

from localize.cli.common import CliError, console
from localize.settings import get_settings


@click.command()
@click.option("--concurrency", type=click.IntRange(1, 256), default=os.cpu_count() or 1, show_default="CPU cores",
              help="Worker processes (prefork) or threads taking tasks at once.")
@click.option("--pool", type=click.Choice(["prefork", "solo", "threads"]), default="prefork", show_default=True,
              help="prefork: one process per slot, each loading its own models; solo: this process only.")
@click.option("--queues", default="localize", show_default=True, help="Comma-separated queues to take tasks from.")
@click.option("--threads", "torch_threads", type=click.IntRange(1, 256), default=None,
              help="CPU threads each process gives the models (default: cores / concurrency).")
@click.option("--preload-models/--lazy-models", default=True, show_default=True,
              help="Load the configured models when a process starts, not on its first task.")
@click.option("--max-tasks-per-child", type=click.IntRange(1), default=None,
              help="Replace a process after this many tasks (bounds memory growth).")
@click.option("--hostname", default=None, help="This worker's name (default: celery@<host>).")
@click.option("--loglevel", type=click.Choice(["debug", "info", "warning", "error"]), default="info",
              show_default=True)
def worker(concurrency: int, pool: str, queues: str, torch_threads: int | None, preload_models: bool,
           max_tasks_per_child: int | None, hostname: str | None, loglevel: str) -> None:
    """Run a Celery worker: it takes batch tasks from the broker (LOCALIZE_BROKER_URL, e.g.
    redis://127.0.0.1:6379/0) and writes localisations to the store (LOCALIZE_DATABASE_URL).
    Run as many as you like, on as many machines, against the same broker and store."""
    settings = get_settings()
    if not settings.broker_url:
        raise CliError("set LOCALIZE_BROKER_URL (e.g. redis://127.0.0.1:6379/0) to the broker the API enqueues to")
    slots = 1 if pool == "solo" else concurrency
    # each process translates with its share of the cores (torch threads, or CTranslate2 batches)
    os.environ["LOCALIZE_THREADS"] = str(torch_threads or max(1, (os.cpu_count() or 1) // slots))
    from localize.workers import configure, localizer

    app = configure(get_settings())
    app.conf.localize_preload_models = preload_models and pool == "prefork"
    if preload_models and pool != "prefork":
        console.print(f"loaded {localizer().preload_models()} model(s)")
    argv = ["worker", f"--pool={pool}", f"--concurrency={slots}", f"--queues={queues}", f"--loglevel={loglevel}",
            "--without-gossip", "--without-mingle"]
    if max_tasks_per_child:
        argv.append(f"--max-tasks-per-child={max_tasks_per_child}")
    if hostname:
        argv.append(f"--hostname={hostname}")
    app.worker_main(argv)
