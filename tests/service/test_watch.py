"""Watch rules: alerts on new matching events, stored with them, delivered to webhooks,
kept when delivery fails."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.errors import LagebildError
from lagebild.service.watch import (
    Watch,
    add_watch,
    deliver_pending,
    list_alerts,
    list_watches,
    remove_watch,
)
from lagebild.store import Store, ingest
from news_articles import ACCUSATION_DE, ACCUSATION_EN, DENIAL_DE


class Hook:
    """A local webhook receiver; ``fail`` makes it answer 500."""

    def __init__(self, fail: bool = False) -> None:
        self.received: list[dict] = []
        self.fail = fail
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.received.append(json.loads(body))
                self.send_response(500 if hook.fail else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/alerts"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "watch.duckdb") as s:
        yield s


def test_new_matching_events_raise_one_alert_each(store):
    add_watch(store.con, Watch("russia-accused", ["RUS"], ["ACCUSE"], []))
    add_watch(store.con, Watch("denials", [], [], ["denied"]))
    report = ingest(store, [ACCUSATION_DE, ACCUSATION_EN])
    assert {a["watch"] for a in report.alerts} == {"russia-accused"}
    assert len(report.alerts) == 2
    report = ingest(store, [DENIAL_DE, ACCUSATION_DE])  # the known article raises nothing
    assert [a["watch"] for a in report.alerts] == ["denials"]
    stored = list_alerts(store.cursor())
    assert len(stored) == 3 and all(a["event"]["type"] in ("ACCUSE", "REJECT") for a in stored)


def test_rules_are_checked_and_named_once(store):
    add_watch(store.con, Watch("a", ["PRK"], ["AID", "SANCTION"], []))
    with pytest.raises(LagebildError, match="exists"):
        add_watch(store.con, Watch("a", ["RUS"], [], []))
    with pytest.raises(LagebildError, match="unknown event type"):
        add_watch(store.con, Watch("b", [], ["HUG"], []))
    with pytest.raises(LagebildError, match="not an http"):
        add_watch(store.con, Watch("c", [], [], [], webhook="ftp://example.org"))
    add_watch(store.con, Watch("a", ["RUS"], [], []), replace=True)
    assert [w.actors for w in list_watches(store.con)] == [["RUS"]]
    remove_watch(store.con, "a")
    assert list_watches(store.con) == []
    with pytest.raises(LagebildError, match="no watch"):
        remove_watch(store.con, "a")


def test_alerts_are_posted_to_the_webhook(store):
    hook = Hook()
    try:
        add_watch(store.con, Watch("accusations", [], ["ACCUSE"], [], webhook=hook.url))
        ingest(store, [ACCUSATION_DE])
        assert deliver_pending(store) == (1, 0)
        assert hook.received[0]["watch"] == "accusations"
        assert hook.received[0]["event"]["type"] == "ACCUSE"
        assert deliver_pending(store) == (0, 0)  # delivered once
    finally:
        hook.close()


def test_failed_deliveries_are_kept_and_retried(store):
    hook = Hook(fail=True)
    try:
        add_watch(store.con, Watch("accusations", [], ["ACCUSE"], [], webhook=hook.url))
        ingest(store, [ACCUSATION_DE])
        assert deliver_pending(store, tries=2, backoff=0) == (0, 1)
        assert len(hook.received) == 2  # retried
        pending = list_alerts(store.cursor(), pending=True)
        assert pending[0]["attempts"] == 2 and "500" in pending[0]["last_error"]
        hook.fail = False
        assert deliver_pending(store, backoff=0) == (1, 0)
        assert list_alerts(store.cursor(), pending=True) == []
    finally:
        hook.close()


def test_unreachable_webhook_times_out_and_the_alert_waits(store):
    add_watch(store.con, Watch("x", [], ["ACCUSE"], [], webhook="http://127.0.0.1:9/none"))
    ingest(store, [ACCUSATION_DE])
    assert deliver_pending(store, tries=1, timeout=1.0) == (0, 1)
    assert list_alerts(store.cursor(), pending=True)[0]["last_error"]


def test_watch_commands(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "cli.duckdb")
    news = tmp_path / "news.jsonl"
    news.write_text(ACCUSATION_EN.model_dump_json() + "\n", encoding="utf-8")
    result = runner.invoke(app, ["watch", "add", "ru", "--actor", "RUS", "--type", "ACCUSE",
                                 "--db", db])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["watch", "list", "--db", db])
    assert json.loads(listed.stdout)["types"] == ["ACCUSE"]
    bad = runner.invoke(app, ["watch", "add", "x", "--type", "NOPE", "--db", db])
    assert bad.exit_code == 2 and "unknown event type 'NOPE'" in bad.stderr
    ingested = runner.invoke(app, ["ingest", str(news), "--db", db])
    assert ingested.exit_code == 0, ingested.output
    assert "ALERT [ru] ACCUSE DEU -> RUS" in ingested.stdout
    alerts = runner.invoke(app, ["watch", "alerts", "--db", db])
    assert "ALERT [ru]" in alerts.stdout
