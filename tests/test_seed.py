"""The founding article, read from ../shared (skipped where it is absent): the events it
states plainly, with their dates, statuses and evidence."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
from typer.testing import CliRunner

from conftest import SEED, SHARED
from lagebild.cli import app
from lagebild.schema import event_json_schema


def coded(seed_text):
    result = CliRunner().invoke(app, ["code", str(SEED), "--published", "2023-08-30"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def find(events, type_, source, target=None, trigger=None):
    for e in events:
        if e["type"] == type_ and [a["country"] for a in e["source"]] == source and (
                target is None or [a["country"] for a in e["target"]] == target) and (
                trigger is None or e["evidence"]["text"] == trigger):
            return e
    raise AssertionError(f"no {type_} {source}->{target} in "
                         f"{[(e['type'], e['evidence']['text']) for e in events]}")


def test_founding_article_events(seed_text):
    events = coded(seed_text)
    schema = event_json_schema()
    for e in events:
        jsonschema.validate(e, schema)
        assert seed_text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]
    trip = find(events, "CONSULT", ["RUS"], ["PRK"])
    assert (trip["mode"], trip["date"], trip["date_precision"]) == ("visit", "2023-07", "month")
    delivery = find(events, "AID", ["PRK"], ["RUS"], trigger="lieferte")
    assert (delivery["date"], delivery["date_precision"]) == ("2022", "year")
    sanction = find(events, "SANCTION", ["USA"])
    assert (sanction["date"], sanction["date_precision"]) == ("2023-08", "month")
    accuse = find(events, "ACCUSE", ["USA"], ["RUS", "PRK"])
    assert (accuse["date"], accuse["date_precision"]) == ("2023-08-30", "day")
    iran = find(events, "AID", ["IRN"], ["RUS"])
    assert iran["status"] == "reported" and iran["attributed_to"]["country"] is None
    denials = [e for e in events if e["type"] == "REJECT"]
    assert sorted(e["source"][0]["country"] for e in denials) == ["IRN", "PRK"]
    assert all(e["status"] == "denied" and iran["event_id"] in e["denies"] for e in denials)
    request = find(events, "REQUEST", ["USA"], ["PRK"])
    assert request["status"] == "asserted" and request["attributed_to"] is None


def test_pyongyang_is_place_of_the_visit_and_actor_of_the_delivery(seed_text):
    events = coded(seed_text)
    visits = [e for e in events if e["mode"] == "visit" and e["evidence"]["text"] == "besucht"]
    assert visits and visits[0]["location"]["name"] == "Pyongyang"
    delivery = find(events, "AID", ["PRK"], ["RUS"], trigger="lieferte")
    assert delivery["source"][0]["text"] == "Pjöngjang"


def test_eval_prints_the_figures_of_the_shared_scorer(seed_text, tmp_path):
    gold = SHARED / "data" / "gold" / "de_seed.events.jsonl"
    scorer = SHARED / "eval" / "score_events.py"
    pred = tmp_path / "pred.jsonl"
    pred.write_text(CliRunner().invoke(app, ["code", str(gold)]).stdout, encoding="utf-8")
    ours = CliRunner().invoke(app, ["eval", str(gold), str(pred), "--json"]).stdout
    theirs = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json"],
                            capture_output=True, text=True, check=True).stdout
    keys = ("precision", "recall", "f1", "type_precision", "type_recall", "type_f1",
            "gold_events", "predicted_events", "per_type")
    assert {k: json.loads(ours)[k] for k in keys} == {k: json.loads(theirs)[k] for k in keys}
    without_pred = CliRunner().invoke(app, ["eval", str(gold), "--json"]).stdout
    assert json.loads(without_pred)["f1"] == json.loads(ours)["f1"]
