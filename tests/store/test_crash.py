"""A process killed with SIGKILL in the middle of an ingest leaves a consistent database,
and rerunning the same command ends with exactly the rows of a clean run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from lagebild.store import Store
from news_articles import many_articles

TABLES = {  # every stored column except the time of ingest
    "articles": "SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY doc_id",
    "events": "SELECT * FROM events ORDER BY event_id",
    "event_actors": "SELECT * FROM event_actors ORDER BY ALL",
    "mentions": "SELECT * FROM mentions ORDER BY ALL",
    "quotes": "SELECT * FROM quotes ORDER BY ALL",
    "stories": "SELECT * FROM stories ORDER BY story_id",
    "denials": "SELECT * FROM denials ORDER BY ALL",
    "alerts": "SELECT * EXCLUDE (created_at) FROM alerts ORDER BY alert_id",
}
BATCH = 4


def ingest_cmd(inputs, db) -> list[str]:
    return [sys.executable, "-m", "lagebild", "ingest", str(inputs), "--db", str(db),
            "--batch-size", str(BATCH), "--verbose"]


def rows(db) -> dict[str, list]:
    with Store(db) as s:
        cur = s.cursor()
        return {t: cur.execute(sql).fetchall() for t, sql in TABLES.items()}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    path = tmp_path_factory.mktemp("crash") / "news.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for a in many_articles(40):
            f.write(a.model_dump_json() + "\n")
    return path


@pytest.fixture(scope="module")
def clean(inputs, tmp_path_factory):
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    with Store(db) as s:  # a watch rule, so that alerts are part of what must match
        from lagebild.service.watch import Watch, add_watch

        add_watch(s.con, Watch("protests", [], ["PROTEST"], []))
    subprocess.run(ingest_cmd(inputs, db), check=True, capture_output=True)
    return rows(db)


def test_main_module_runs_the_cli():
    out = subprocess.run([sys.executable, "-m", "lagebild", "--version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.startswith("lagebild ")


@pytest.mark.parametrize("kill_after_batches", [1, 3])
def test_kill_minus_nine_then_rerun_gives_the_clean_rows(inputs, clean, tmp_path,
                                                         kill_after_batches):
    db = tmp_path / "killed.duckdb"
    with Store(db) as s:
        from lagebild.service.watch import Watch, add_watch

        add_watch(s.con, Watch("protests", [], ["PROTEST"], []))
    proc = subprocess.Popen(ingest_cmd(inputs, db), stderr=subprocess.PIPE, text=True)
    committed = 0
    deadline = time.monotonic() + 120
    while committed < kill_after_batches and time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        committed += "committed" in line
    # the next batch is being coded or written right now
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"

    after_kill = rows(db)  # opens: the database is consistent
    stored = len(after_kill["articles"])
    assert stored % BATCH == 0 and BATCH * kill_after_batches <= stored < 40
    doc_ids = {r[0] for r in after_kill["articles"]}
    assert {r[1] for r in after_kill["events"]} <= doc_ids  # no event without its article

    rerun = subprocess.run(ingest_cmd(inputs, db), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{stored} already stored" in rerun.stderr
    assert rows(db) == clean


def test_rerun_of_a_finished_ingest_adds_nothing(inputs, clean, tmp_path):
    db = tmp_path / "twice.duckdb"
    for _ in range(2):
        subprocess.run(ingest_cmd(inputs, db), check=True, capture_output=True)
    again = rows(db)
    assert {t: len(v) for t, v in again.items() if t != "alerts"} == \
        {t: len(v) for t, v in clean.items() if t != "alerts"}
    assert json.dumps(again["events"], default=str) == json.dumps(clean["events"], default=str)
