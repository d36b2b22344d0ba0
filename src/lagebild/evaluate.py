"""Scoring predicted events against event gold files (the format of the shared
``eval/FORMAT.md``): the same dyad matching and figures as ``score_events.py``.

Each event becomes dyads (type, source code, target code). A gold target ``-`` matches
any predicted target; a predicted ``-`` only a gold ``-``; a mutual gold event (several
sources, target ``-``) also matches a dyad between any two of its parties.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from itertools import permutations
from pathlib import Path

from lagebild.errors import LagebildError

Dyads = set[tuple[str, str]]


def actor_code(actor) -> str:
    """The code of one actor, given as an object with ``country``/``code`` or a string."""
    if isinstance(actor, dict):
        actor = actor.get("country") or actor.get("code")
    return (actor or "-").strip() or "-"


def actor_codes(actors) -> list[str]:
    if actors in (None, "", []):
        return ["-"]
    if not isinstance(actors, list):
        actors = [actors]
    return sorted({actor_code(a) for a in actors}) or ["-"]


def gold_dyads(event: dict) -> Dyads:
    sources, targets = actor_codes(event.get("source")), actor_codes(event.get("target"))
    dyads = {(s, t) for s in sources for t in targets}
    parties = [s for s in sources if s != "-"]
    if targets == ["-"] and len(parties) >= 2:
        dyads |= set(permutations(parties, 2))
    return dyads


def predicted_dyads(event: dict) -> Dyads:
    return {(s, t) for s in actor_codes(event.get("source"))
            for t in actor_codes(event.get("target"))}


def dyads_match(predicted: Dyads, gold: Dyads) -> bool:
    return any(ps == gs and (gt == "-" or pt == gt) for ps, pt in predicted for gs, gt in gold)


def event_type(event: dict) -> str:
    return (event.get("type") or event.get("event_type") or "").upper()


def read_jsonl(path: str | Path) -> list[dict]:
    """Read a JSONL file; a broken line raises an error naming the file and line."""
    out = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise LagebildError(f"{path}:{number}: broken JSON: {err.msg}") from err
    return out


def score(gold_docs: list[dict], predictions: list[dict]) -> tuple[dict, list[tuple]]:
    """Precision, recall and F1 of predicted events against gold documents.

    Returns:
        ``(figures, errors)``: figures as ``score_events.py --json`` prints them, and the
        missed and spurious events as tuples ``(kind, doc_id, type, dyads, text)``.
    """
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for p in predictions:
        by_doc[str(p.get("doc_id"))].append(p)
    totals = Counter()
    per_type: dict[str, Counter] = defaultdict(Counter)
    errors: list[tuple] = []
    for doc in gold_docs:
        doc_id = str(doc["id"])
        gold = [(event_type(g), gold_dyads(g)) for g in doc.get("events", [])]
        pred_events = [p for p in by_doc.pop(doc_id, []) if event_type(p)]
        pred = [(event_type(p), predicted_dyads(p)) for p in pred_events]
        used: set[int] = set()
        for (gtype, gdy), g in zip(gold, doc.get("events", [])):
            hit = any(pt == gtype and dyads_match(pd, gdy) for pt, pd in pred)
            totals["found"] += hit
            if hit:  # the matching prediction that agrees best, each used once if possible
                cands = [p for (pt, pd), p in zip(pred, pred_events)
                         if pt == gtype and dyads_match(pd, gdy)]
                p = max(cands, key=lambda p: (id(p) not in used,
                                              (p.get("status") or "asserted") == g.get("status"),
                                              _attribution(p) == _attribution(g)))
                used.add(id(p))
                totals["status_ok"] += (p.get("status") or "asserted") == g.get("status")
                totals["attribution_ok"] += _attribution(p) == _attribution(g)
                if (p.get("status") or "asserted") != g.get("status") or \
                        _attribution(p) != _attribution(g):
                    errors.append(("status", doc_id, gtype,
                                   f"gold {g.get('status')}/{_attribution(g)} "
                                   f"predicted {p.get('status')}/{_attribution(p)}",
                                   (p.get("evidence") or {}).get("text", "")))
            per_type[gtype]["gold"] += 1
            per_type[gtype]["found"] += hit
            if not hit:
                errors.append(("missed", doc_id, gtype, sorted(gdy)[:3],
                               doc.get("text", "")[:160]))
        for (ptype, pdy), p in zip(pred, pred_events):
            ok = any(ptype == gt and dyads_match(pdy, gdy) for gt, gdy in gold)
            totals["correct"] += ok
            per_type[ptype]["pred"] += 1
            per_type[ptype]["correct"] += ok
            if not ok:
                evidence = p.get("evidence")
                errors.append(("spurious", doc_id, ptype, sorted(pdy)[:3],
                               evidence.get("text", "") if isinstance(evidence, dict) else ""))
        totals["gold"] += len(gold)
        totals["pred"] += len(pred)
        gtypes, ptypes = {t for t, _ in gold}, {t for t, _ in pred}
        totals["t_gold"] += len(gtypes)
        totals["t_pred"] += len(ptypes)
        totals["t_hit"] += len(gtypes & ptypes)
    p, r, f = _prf(totals["correct"], totals["pred"], totals["found"], totals["gold"])
    tp, tr, tf = _prf(totals["t_hit"], totals["t_pred"], totals["t_hit"], totals["t_gold"])
    figures = {
        "documents": len(gold_docs), "gold_events": totals["gold"],
        "predicted_events": totals["pred"],
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
        "type_precision": round(tp, 4), "type_recall": round(tr, 4), "type_f1": round(tf, 4),
        "predictions_for_unknown_docs": sum(len(v) for v in by_doc.values()),
        "status_accuracy": round(totals["status_ok"] / totals["found"], 4)
        if totals["found"] else 0.0,
        "attribution_accuracy": round(totals["attribution_ok"] / totals["found"], 4)
        if totals["found"] else 0.0,
        "per_type": {t: dict(c) for t, c in sorted(per_type.items())},
    }
    return figures, errors


def _attribution(event: dict) -> str | None:
    """The attributed actor's code: None (the newspaper's own statement), or a code
    (``-`` for a speaker of unknown country)."""
    value = event.get("attributed_to")
    if value is None:
        return None
    return actor_code(value)


def _prf(hit_p: int, n_p: int, hit_r: int, n_r: int) -> tuple[float, float, float]:
    p = hit_p / n_p if n_p else 0.0
    r = hit_r / n_r if n_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def format_report(figures: dict) -> str:
    """The figures as ``score_events.py`` prints them."""
    lines = [f"{'type':<10} {'gold':>5} {'found':>6} {'pred':>5} {'correct':>8}"]
    for t, c in figures["per_type"].items():
        lines.append(f"{t:<10} {c.get('gold', 0):>5} {c.get('found', 0):>6} "
                     f"{c.get('pred', 0):>5} {c.get('correct', 0):>8}")
    lines.append(f"documents {figures['documents']}  gold events {figures['gold_events']}  "
                 f"predicted {figures['predicted_events']}")
    lines.append(f"event type only: P {figures['type_precision']:.3f}  "
                 f"R {figures['type_recall']:.3f}  F1 {figures['type_f1']:.3f}")
    lines.append(f"status and attribution on found events: status "
                 f"{figures['status_accuracy']:.3f}  attributed_to "
                 f"{figures['attribution_accuracy']:.3f}")
    lines.append(f"events (type + actors): P {figures['precision']:.3f}  "
                 f"R {figures['recall']:.3f}  F1 {figures['f1']:.3f}")
    return "\n".join(lines)
