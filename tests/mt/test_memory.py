"""Translation memory: exact matches after normalising width and spacing, fuzzy suggestions with
their score, TMX 1.4 round trips, and the glossary and tm commands."""

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from localize.mt.engines import LanguagePair
from localize.mt.memory import Unit, read_tmx, write_tmx
from localize.store.db import open_database
from localize.store.memory import StoreMemory

ZH_EN = LanguagePair("zh", "en")
UNITS = [
    Unit(ZH_EN, "[X0X] 护眼台灯，触摸调光", "[X0X] eye-care desk lamp, touch dimming"),
    Unit(ZH_EN, "续航[X0X]小时", "[X0X] hours of battery life"),
    Unit(LanguagePair("en", "de"), "Dishwasher safe.", "Spülmaschinenfest."),
]


def memory(tmp_path: Path) -> StoreMemory:
    store = StoreMemory(open_database(f"sqlite:///{tmp_path / 'tm.db'}"))
    store.learn(UNITS, author="test")
    return store


def test_exact_matches_ignore_width_and_spacing(tmp_path: Path) -> None:
    store = memory(tmp_path)
    found = store.lookup(ZH_EN, ["[X0X] 护眼台灯,触摸调光", "[X0X]  护眼台灯，触摸调光 ", "[X0X] 护眼台灯"])
    assert found == {"[X0X] 护眼台灯,触摸调光": "[X0X] eye-care desk lamp, touch dimming",
                     "[X0X]  护眼台灯，触摸调光 ": "[X0X] eye-care desk lamp, touch dimming"}


def test_fuzzy_suggestions_above_the_threshold_with_their_score(tmp_path: Path) -> None:
    store = memory(tmp_path)
    [best] = store.suggest(ZH_EN, "[X0X] 护眼台灯，触控调光")
    assert best.target == "[X0X] eye-care desk lamp, touch dimming" and 85 <= best.score < 100
    assert store.suggest(ZH_EN, "[X0X] 蓝牙耳机，降噪") == []
    assert store.suggest(LanguagePair("zh", "de"), "[X0X] 护眼台灯，触摸调光") == []


def test_tmx_round_trip_keeps_every_unit_and_language() -> None:
    text = write_tmx(UNITS)
    assert '<tuv xml:lang="zh">' in text and '<ph x="1" type="x-localize">[X0X]</ph>' in text
    units, skipped = read_tmx(text, "x.tmx")
    assert (units, skipped) == (UNITS, 0)


def test_tmx_from_another_tool_is_protected_on_import() -> None:
    tmx = """<?xml version="1.0"?><tmx version="1.4"><header srclang="zh-CN" segtype="sentence"
      creationtool="x" creationtoolversion="1" o-tmf="x" adminlang="en" datatype="plaintext"/><body>
      <tu><tuv xml:lang="zh-CN"><seg>容量500ml，适合办公室</seg></tuv>
          <tuv xml:lang="en-US"><seg>500ml capacity, for the office</seg></tuv></tu>
      <tu><tuv xml:lang="zh-CN"><seg>容量500ml</seg></tuv><tuv xml:lang="en-US"><seg>Holds 350ml</seg></tuv></tu>
    </body></tmx>"""
    units, skipped = read_tmx(tmx, "vendor.tmx")
    assert units == [Unit(ZH_EN, "容量[X0X]，适合办公室", "[X0X] capacity, for the office")]
    assert skipped == 1  # 500ml became 350ml: not a unit to reuse


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "localize.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)


def test_glossary_and_tm_commands_round_trip_through_the_store(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "LOCALIZE_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           "LOCALIZE_GLOSSARIES": str(tmp_path / "none")}
    terms = tmp_path / "terms.csv"
    terms.write_text("source_lang,target_lang,source,target,market,do_not_translate,case_sensitive,note,seller\n"
                     "zh,de,台灯,Schreibtischlampe,de-DE,false,false,,\n*,*,Lumora,,,true,true,brand,acme\n",
                     encoding="utf-8")
    assert run("glossary", "import", str(terms), env=env).returncode == 0
    tbx = run("glossary", "export", "--format", "tbx", env=env)
    assert tbx.returncode == 0 and "<term>Schreibtischlampe</term>" in tbx.stdout
    (tmp_path / "terms.tbx").write_text(tbx.stdout, encoding="utf-8")
    csv_out = run("glossary", "export", "--format", "csv", env=env).stdout
    assert "zh,de,台灯,Schreibtischlampe,de-DE,false,false,," in csv_out and "acme" in csv_out
    bad = tmp_path / "bad.csv"
    bad.write_text("source_lang,target_lang,source,target\nzh,de,台灯,\n", encoding="utf-8")
    failed = run("glossary", "import", str(bad), env=env)
    assert failed.returncode == 2 and f"{bad}:2: a term that is translated needs a target" in failed.stderr

    tmx = tmp_path / "units.tmx"
    tmx.write_text(write_tmx(UNITS), encoding="utf-8")
    assert "imported 3 unit(s)" in run("tm", "import", str(tmx), env=env).stdout
    exported = run("tm", "export", "--source-lang", "zh", env=env).stdout
    assert read_tmx(exported, "out.tmx") == (UNITS[:2], 0)
