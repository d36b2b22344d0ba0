"""The store commands: ingest, query, export and serve, with their errors."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
from typer.testing import CliRunner

from lagebild.cli import app
from news_articles import ACCUSATION_DE, ACCUSATION_EN, DENIAL_DE

runner = CliRunner()


def news_file(tmp_path, *articles, bad_line: bool = False):
    path = tmp_path / "news.jsonl"
    lines = [a.model_dump_json() for a in articles]
    if bad_line:
        lines.insert(1, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ingest_then_query(tmp_path):
    db = str(tmp_path / "cli.duckdb")
    news = news_file(tmp_path, ACCUSATION_DE, ACCUSATION_EN, DENIAL_DE)
    first = runner.invoke(app, ["ingest", str(news), "--db", db])
    assert first.exit_code == 0, first.output
    assert "3 article(s) stored, 0 already stored" in first.stderr
    again = runner.invoke(app, ["ingest", str(news), "--db", db])
    assert "0 article(s) stored, 3 already stored" in again.stderr

    table = runner.invoke(app, ["query", "--db", db, "--type", "ACCUSE"])
    assert table.exit_code == 0 and "ACCUSE" in table.stdout and "REJECT" not in table.stdout
    lines = runner.invoke(app, ["query", "--db", db, "--actor", "RUS", "--format", "jsonl"])
    records = [json.loads(line) for line in lines.stdout.splitlines()]
    assert records and all("story_id" in r and "denied_by" in r for r in records)
    stories = runner.invoke(app, ["query", "--db", db, "--stories", "--type", "ACCUSE"])
    assert stories.exit_code == 0 and "DEU" in stories.stdout
    csv = runner.invoke(app, ["query", "--db", db, "--format", "csv", "--status", "denied"])
    assert csv.stdout.splitlines()[0].startswith("event_id,") and "denied" in csv.stdout


def test_ingest_goes_on_past_bad_lines_and_says_so(tmp_path):
    db = str(tmp_path / "cli.duckdb")
    news = news_file(tmp_path, ACCUSATION_DE, ACCUSATION_EN, bad_line=True)
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["ingest", str(news), "--db", db, "--errors", str(errors)])
    assert result.exit_code == 3
    assert f"skipped {news}:2" in result.stderr
    assert "2 article(s) stored" in result.stderr
    assert json.loads(errors.read_text())["line"] == 2


def test_query_errors_are_one_line(tmp_path):
    missing = runner.invoke(app, ["query", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no such database" in missing.stderr
    db = str(tmp_path / "cli.duckdb")
    runner.invoke(app, ["ingest", str(news_file(tmp_path, ACCUSATION_DE)), "--db", db])
    bad = runner.invoke(app, ["query", "--db", db, "--since", "gestern"])
    assert bad.exit_code == 2 and "not a date" in bad.stderr
    assert "Traceback" not in bad.output


def test_export(tmp_path):
    db = str(tmp_path / "cli.duckdb")
    runner.invoke(app, ["ingest", str(news_file(tmp_path, ACCUSATION_DE, DENIAL_DE)),
                        "--db", db])
    out = tmp_path / "parquet"
    result = runner.invoke(app, ["export", str(out), "--db", db, "--format", "parquet"])
    assert result.exit_code == 0, result.output
    assert pq.read_table(out / "events").num_rows >= 2
    refused = runner.invoke(app, ["export", str(out), "--db", db])
    assert refused.exit_code == 2 and "not empty" in refused.stderr
    wrong = runner.invoke(app, ["export", str(out), "--db", db, "--format", "orc"])
    assert wrong.exit_code == 2 and "unknown export format" in wrong.stderr


def test_serve_refuses_a_public_address_without_a_token(tmp_path, monkeypatch):
    monkeypatch.delenv("LAGEBILD_TOKEN", raising=False)
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "s.duckdb"),
                                 "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "needs a token" in result.stderr
