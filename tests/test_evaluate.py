"""The scorer matches dyads as the shared score_events.py does, on hand-made examples."""

from __future__ import annotations

import json

from lagebild.evaluate import format_report, gold_dyads, score


def gold(doc_id, *events, text="t"):
    return {"id": doc_id, "text": text, "events": list(events)}


def ev(type_, source, target, **kw):
    return {"type": type_, "source": source, "target": target, **kw}


def pred(doc_id, type_, source, target):
    return {"doc_id": doc_id, "type": type_,
            "source": [{"country": c} for c in source], "target": [{"country": c} for c in target]}


def test_gold_dash_target_matches_any_predicted_target():
    figures, _ = score([gold("d", ev("SANCTION", ["USA"], ["-"]))],
                       [pred("d", "SANCTION", ["USA"], ["RUS"])])
    assert (figures["precision"], figures["recall"], figures["f1"]) == (1.0, 1.0, 1.0)


def test_predicted_dash_matches_only_gold_dash():
    figures, errors = score([gold("d", ev("ACCUSE", ["USA"], ["RUS"]))],
                            [pred("d", "ACCUSE", ["USA"], [])])
    assert figures["f1"] == 0.0
    assert {e[0] for e in errors} == {"missed", "spurious"}


def test_mutual_gold_event_matches_a_dyad_between_its_parties():
    assert ("PRK", "RUS") in gold_dyads(ev("CONSULT", ["RUS", "PRK"], ["-"]))
    figures, _ = score([gold("d", ev("CONSULT", ["RUS", "PRK"], ["-"]))],
                       [pred("d", "CONSULT", ["PRK"], ["RUS"])])
    assert figures["f1"] == 1.0


def test_precision_recall_and_type_figures_are_micro_averaged():
    golds = [gold("a", ev("AID", ["PRK"], ["RUS"]), ev("REJECT", ["IRN"], ["-"])),
             gold("b", ev("ASSAULT", ["ISR"], ["PSE"]))]
    preds = [pred("a", "AID", ["PRK"], ["RUS"]), pred("a", "THREATEN", ["USA"], []),
             pred("b", "ASSAULT", ["ISR"], ["PSE"]), pred("zzz", "AID", ["X"], [])]
    figures, _ = score(golds, preds)
    assert figures["precision"] == round(2 / 3, 4)
    assert figures["recall"] == round(2 / 3, 4)
    assert figures["predictions_for_unknown_docs"] == 1
    assert figures["per_type"]["REJECT"] == {"gold": 1, "found": 0}
    assert figures["type_precision"] == round(2 / 3, 4)
    report = format_report(figures)
    assert report.splitlines()[-1] == "events (type + actors): P 0.667  R 0.667  F1 0.667"
    assert "status and attribution" in report.splitlines()[-2]


def test_cli_eval_matches_library_figures(tmp_path):
    from typer.testing import CliRunner

    from lagebild.cli import app

    g, p = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    g.write_text(json.dumps(gold("d", ev("AID", ["PRK"], ["RUS"]))) + "\n")
    p.write_text(json.dumps(pred("d", "AID", ["PRK"], ["RUS"])) + "\n")
    out = CliRunner().invoke(app, ["eval", str(g), str(p), "--json"])
    assert out.exit_code == 0
    assert json.loads(out.stdout)["f1"] == 1.0
