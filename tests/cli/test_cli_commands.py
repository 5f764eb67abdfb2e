"""The account, key, rate and export commands, and the one error path every command takes: an error is
`error: <message>` on stderr with the exit code of its kind, never a traceback."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT
from sqlalchemy import select

from localize.cli import main
from localize.cli.common import EXIT_FAILED, EXIT_REJECTED
from localize.mt.engines import LanguagePair
from localize.mt.memory import Unit, read_tmx, write_tmx
from localize.store.accounts import check_password, start_session
from localize.store.db import open_database
from localize.store.models import WebSession

ZH_EN = LanguagePair("zh", "en")
UNITS = [Unit(ZH_EN, "续航[X0X]小时", "[X0X] hours of battery life"),
         Unit(LanguagePair("en", "de"), "Dishwasher safe.", "Spülmaschinenfest.")]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh store, rates file and (empty) glossary folder; the database URL."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("LOCALIZE_DATABASE_URL", url)
    monkeypatch.setenv("LOCALIZE_RATES", str(tmp_path / "rates.csv"))
    monkeypatch.setenv("LOCALIZE_GLOSSARIES", str(tmp_path / "no-glossaries"))
    monkeypatch.chdir(tmp_path)
    return url


def localize(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


def ok(*args: str, input: str | None = None) -> Result:
    result = localize(*args, input=input)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result


def assert_error(result: Result, exit_code: int, message: str) -> None:
    """Failed with `exit_code`, saying `error: ...message...` on stderr, and not by crashing."""
    assert result.exit_code == exit_code, (result.stdout, result.stderr, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(error_lines) == 1 and message in error_lines[0], result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_users_are_listed_get_new_passwords_and_are_removed(store: str) -> None:
    ok("users", "add", "alice", "--markets", "de-DE,fr-FR", "--password", "alice-pass-1")
    ok("users", "add", "root", "--role", "admin", "--password", "root-pass-1")
    listed = ok("users", "list").stdout.splitlines()
    assert listed[0].split() == ["username", "role", "markets", "created", "locked_until"]
    assert listed[1].split()[:3] == ["alice", "reviewer", "de-DE,fr-FR"]
    assert listed[2].split()[:2] == ["root", "admin"]
    assert "argon2" not in "".join(listed)

    ok("users", "passwd", "alice", "--password", "alice-pass-2")
    ok("users", "passwd", "root", input="root-pass-2\nroot-pass-2\n")  # asked for when not given
    with open_database(store)() as session:
        assert check_password(session, "alice", "alice-pass-2") and check_password(session, "root", "root-pass-2")
        assert not check_password(session, "alice", "alice-pass-1")
    assert_error(localize("users", "passwd", "alice", "--password", "short"), EXIT_REJECTED, "at least 8 characters")
    assert_error(localize("users", "passwd", "bob", "--password", "bob-pass-1"), EXIT_REJECTED, "no user 'bob'")

    with open_database(store).begin() as session:
        signed_in = check_password(session, "alice", "alice-pass-2")
        assert signed_in is not None
        start_session(session, signed_in)
    assert "user alice removed" in ok("users", "remove", "alice").stdout
    with open_database(store)() as session:
        assert session.scalars(select(WebSession)).all() == []  # signed out as well
    assert [line.split()[0] for line in ok("users", "list").stdout.splitlines()] == ["username", "root"]
    assert_error(localize("users", "remove", "alice"), EXIT_REJECTED, "no user 'alice'")


def test_keys_are_listed_by_prefix_never_by_the_key(store: str) -> None:
    first = ok("keys", "create", "--seller", "acme", "--label", "shop sync").stdout.strip()
    second = ok("keys", "create", "--seller", "globex").stdout.strip()
    listed = ok("keys", "list").stdout
    assert listed.splitlines()[0].split() == ["prefix", "seller", "role", "label", "created", "revoked"]
    assert first[:10] in listed and second[:10] in listed and "shop sync" in listed
    assert first not in listed and second not in listed
    only_acme = ok("keys", "list", "--seller", "acme").stdout.splitlines()
    assert len(only_acme) == 2 and only_acme[1].startswith(first[:10])

    ok("keys", "revoke", first[:10])
    [revoked] = [line for line in ok("keys", "list").stdout.splitlines() if line.startswith(first[:10])]
    # prefix, seller, role, "shop sync", created and revoked (day, time)
    assert len(revoked.split()) == 3 + 2 + 2 + 2 and revoked.split()[2] == "submit"
    assert_error(localize("keys", "list", "--seller", "initech"), EXIT_REJECTED, "no seller 'initech'")
    assert_error(localize("keys", "revoke", first[:10]), EXIT_REJECTED, "no active key starts with")


def test_rates_list_shows_the_newest_rate_of_each_pair_or_all(store: str, tmp_path: Path) -> None:
    rates = tmp_path / "import.csv"
    rates.write_text("date,base,quote,rate\n2026-11-01,CNY,EUR,0.1300\n2026-11-20,CNY,EUR,0.1212\n"
                     "2026-11-10,USD,EUR,0.8627\n2026-11-20,CNY,USD,0.1405\n", encoding="utf-8")
    ok("rates", "import", str(rates))
    newest = ok("rates", "list").stdout.splitlines()
    assert [line.split() for line in newest] == [["date", "base", "quote", "rate"],
                                                 ["2026-11-20", "CNY", "EUR", "0.1212"],
                                                 ["2026-11-20", "CNY", "USD", "0.1405"],
                                                 ["2026-11-10", "USD", "EUR", "0.8627"]]
    every = ok("rates", "list", "--all", "--base", "cny", "--quote", "EUR").stdout.splitlines()
    assert [line.split()[0] for line in every[1:]] == ["2026-11-01", "2026-11-20"]
    nothing = ok("rates", "list", "--base", "JPY")
    assert nothing.stdout == "" and "no rates JPY->*" in nothing.stderr


def test_exports_take_the_file_positionally_or_write_stdout(store: str, tmp_path: Path) -> None:
    tmx = tmp_path / "units.tmx"
    tmx.write_text(write_tmx(UNITS), encoding="utf-8")
    ok("tm", "import", str(tmx))
    written = ok("tm", "export", "out/memory.tmx", "--source-lang", "zh")
    assert "1 unit(s) written to out/memory.tmx" in written.stderr
    assert read_tmx((tmp_path / "out" / "memory.tmx").read_text(encoding="utf-8"), "memory.tmx") == (UNITS[:1], 0)
    assert read_tmx(ok("tm", "export").stdout, "stdout.tmx") == (UNITS, 0)
    ok("tm", "export", "--out", "same.tmx")  # --out still names the file
    assert (tmp_path / "same.tmx").exists()
    assert_error(localize("tm", "export", "a.tmx", "--out", "b.tmx"), EXIT_REJECTED, "name the output once")

    ok("glossary", "export", "terms.csv")
    assert (tmp_path / "terms.csv").read_text(encoding="utf-8").startswith("source_lang,target_lang,source,target")
    ok("export", "approved.jsonl", "--market", "de-DE")
    assert (tmp_path / "approved.jsonl").read_text(encoding="utf-8") == ""


def test_export_writes_a_marketplaces_file_by_profile_or_profile_file(store: str, tmp_path: Path) -> None:
    (tmp_path / "mugs.csv").write_text("sku,title,bullets,keywords,source_lang,brand\n"
                                       "MUG-1,Tea mug,Glass|Dishwasher safe,mug|tea mug,en,Kivela\n", encoding="utf-8")
    ok("submit", "mugs.csv", "--markets", "en-US", "--seller", "acme")
    written = ok("export", "amazon.txt", "--market", "en-US", "--status", "pending_review", "--profile", "amazon")
    assert "1 pending_review localisation(s) of en-US written to amazon.txt" in written.stderr
    content = (tmp_path / "amazon.txt").read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM
    [row] = csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter="\t")
    assert (row["item_sku"], row["item_name"], row["brand_name"]) == ("MUG-1", "Tea mug", "Kivela")
    assert (row["bullet_point1"], row["bullet_point2"], row["generic_keywords"]) == ("Glass", "Dishwasher safe",
                                                                                    "mug tea mug")
    (tmp_path / "mymarket.yaml").write_text("name: mymarket\ndescription: mine\nfile_name: m-{market}\n"
                                            "columns:\n  SKU: sku\n  Tags: {join: keywords, separator: ';'}\n",
                                            encoding="utf-8")
    mine = ok("export", "--market", "en-US", "--status", "pending_review", "--profile", "mymarket.yaml")
    assert mine.stdout.splitlines() == ["\ufeffSKU,Tags", "MUG-1,mug;tea mug"]
    assert ok("export", "--market", "en-US", "--profile", "shopify").stdout.splitlines() == ["\ufeff" + ",".join([
        "Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Published", "Option1 Name", "Option1 Value",
        "Variant SKU", "Variant Grams", "Variant Price", "Variant Requires Shipping", "Variant Taxable",
        "Variant Weight Unit", "Status"])]  # approved only: none yet


def test_batch_also_writes_a_profiles_file_for_each_market(store: str, tmp_path: Path) -> None:
    (tmp_path / "mugs.csv").write_text("sku,title,description,source_lang\nMUG-1,Tea mug,<p>Glass</p>,en\n",
                                       encoding="utf-8")
    summary = ok("batch", "mugs.csv", "--markets", "en-US", "--out", "out", "--profile", "shopify").stdout
    assert "out/en-US.shopify.csv" in summary
    [row] = csv.DictReader(io.StringIO((tmp_path / "out" / "en-US.shopify.csv").read_text(encoding="utf-8-sig")))
    assert (row["Handle"], row["Title"], row["Body (HTML)"]) == ("mug-1", "Tea mug", "<p>Glass</p>")
    assert (tmp_path / "out" / "en-US.csv").read_bytes().startswith(b"\xef\xbb\xbfid,sku,")  # the contract's CSV
    assert_error(localize("batch", "mugs.csv", "--markets", "en-US", "--profile", "amazonn"), EXIT_REJECTED,
                 "unknown profile 'amazonn'")


def _localised(path: Path, *records: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    return path


@pytest.mark.parametrize(("args", "exit_code", "message"), [
    (["markets", "xx-XX"], EXIT_REJECTED, "unknown market 'xx-XX'"),
    (["batch", "missing.csv", "--markets", "de-DE"], EXIT_REJECTED, "missing.csv: No such file or directory"),
    (["batch", "catalog.csv", "--markets", "xx-XX"], EXIT_REJECTED, "unknown market 'xx-XX'"),
    (["batch", "undetectable.csv", "--markets", "en-US"], EXIT_FAILED, "1 listing(s) could not be localised"),
    (["check", "bad-row.jsonl", "--markets", "de-DE"], EXIT_REJECTED, "1 row(s) rejected"),
    (["check", "han-in-german.jsonl", "--markets", "de-DE"], EXIT_FAILED, "block flag(s)"),
    (["rates", "import", "bad-rates.csv"], EXIT_REJECTED, "bad-rates.csv:2: rate: 'abc' is not a number"),
    (["translate", "台灯", "--to", "de-DE"], EXIT_FAILED, "broken.toml"),
    (["tm", "import", "missing.tmx"], EXIT_REJECTED, "missing.tmx: cannot read"),
    (["glossary", "import", "bad-terms.csv"], EXIT_REJECTED, "a term that is translated needs a target"),
    (["submit", "missing.csv", "--markets", "de-DE", "--seller", "acme"], EXIT_REJECTED, "missing.csv: cannot read"),
    (["export", "--market", "de-DE", "--seller", "nobody"], EXIT_REJECTED, "no seller 'nobody'"),
    (["users", "add", "carol", "--password", "carol-pass-1"], EXIT_REJECTED, "a reviewer needs --markets"),
    (["export", "--market", "de-DE", "--profile", "amazonn"], EXIT_REJECTED, "unknown profile 'amazonn'; one of"),
    (["export", "--market", "de-DE", "--profile", "bad-profile.yaml"], EXIT_REJECTED,
     "bad-profile.yaml: columns.Name: unknown source 'titel'"),
    (["export", "--market", "de-DE", "--profile", "amazon", "--format", "jsonl"], EXIT_REJECTED,
     "jsonl is always the contract's shape"),
])
def test_every_error_is_one_line_with_the_exit_code_of_its_kind(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], exit_code: int, message: str
) -> None:
    (tmp_path / "catalog.csv").write_text("sku,title\nA1,台灯\n", encoding="utf-8")
    (tmp_path / "undetectable.csv").write_text("sku,title\nA1,12345 678\n", encoding="utf-8")
    _localised(tmp_path / "bad-row.jsonl", {"sku": "A", "title": "Lampe"}, {"sku": "B"})
    _localised(tmp_path / "han-in-german.jsonl", {"sku": "A", "market": "de-DE", "title": "Lampe 护眼"})
    (tmp_path / "bad-rates.csv").write_text("date,base,quote,rate\n2026-11-20,CNY,USD,abc\n", encoding="utf-8")
    (tmp_path / "bad-terms.csv").write_text("source_lang,target_lang,source,target\nzh,de,台灯,\n", encoding="utf-8")
    (tmp_path / "broken.toml").write_text("pairs = [\n", encoding="utf-8")
    (tmp_path / "bad-profile.yaml").write_text("name: bad\ndescription: d\nfile_name: b\ncolumns:\n  Name: titel\n",
                                               encoding="utf-8")
    if args[0] == "translate":
        monkeypatch.setenv("LOCALIZE_MODELS", str(tmp_path / "broken.toml"))
    assert_error(localize(*args), exit_code, message)


def test_the_console_script_shows_the_error_line_and_no_traceback(store: str, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "localize.cli", "rates", "import", str(tmp_path / "none.csv")],
                            capture_output=True, text=True, cwd=ROOT, env=os.environ.copy(), timeout=120)
    assert result.returncode == EXIT_REJECTED
    assert result.stderr == f"error: {tmp_path / 'none.csv'}: cannot read: [Errno 2] No such file or directory: " \
                            f"'{tmp_path / 'none.csv'}'\n"
