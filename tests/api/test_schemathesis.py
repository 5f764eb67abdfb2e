"""Schemathesis over `/openapi.json` against the app on 127.0.0.1, with every check it has but one:
thousands of generated requests (valid, invalid and mutated, in every phase), each answered with a
status the operation documents, a body of the documented schema, and never a 500.

Left out: `positive_data_acceptance`, which expects every schema-valid request to succeed; a
well-formed market code with no market file (`aa-AA`), a listing whose language cannot be detected,
or a glossary term from a language to itself is valid by the schema and rightly refused (422).
The seed is fixed so a run is repeatable; the example count keeps it to well under two minutes."""

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import Served, serving

from api.app import create_app
from localize.settings import Settings
from localize.store.accounts import create_api_key

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
EXAMPLES = 40


@pytest.fixture(scope="module")
def served(tiny_models: Path, rates_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("schemathesis")
    settings = Settings(database_url=f"sqlite:///{folder / 'store.db'}", models=tiny_models / "models.toml",
                        rates=rates_file, worker=False, rate_limit_per_key=0, rate_limit_per_address=0)
    with serving(create_app(settings)) as served:
        yield served


def test_schemathesis_finds_no_server_error_and_no_undocumented_status(served: Served, tmp_path: Path) -> None:
    with served.app.state.sessions.begin() as session:  # type: ignore[attr-defined]
        key = create_api_key(session, "schemathesis", role="approve")
    run = subprocess.run(
        [str(SCHEMATHESIS), "run", f"{served.url}/openapi.json", "--checks", "all",
         "--exclude-checks", "positive_data_acceptance", "--max-examples", str(EXAMPLES), "--seed", "1",
         "--workers", "1", "--header", f"Authorization: Bearer {key}", "--report", "junit",
         "--report-junit-path", str(tmp_path / "junit.xml")],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    output = run.stdout + run.stderr
    summary = output[output.rfind("SUMMARY"):]
    assert "Server error" not in output and "Undocumented" not in output, summary
    assert run.returncode == 0, summary
    generated = int(re.search(r"(\d+) generated", summary).group(1))  # type: ignore[union-attr]
    assert generated > 1000, summary
