"""Cross-language agreement: code the German and the English side of parallel news
sentences and score one side against the other as if it were gold.

usage: python benchmarks/crosslingual.py [--shared ../shared] [--show 20]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lagebild.evaluate import score
from lagebild.pipeline import analyse
from lagebild.schema import Article

HERE = Path(__file__).resolve().parent


def as_gold(doc_id: str, text: str, events) -> dict:
    return {"id": doc_id, "text": text, "events": [
        {"type": e.type, "source": [a.country or "-" for a in e.source] or ["-"],
         "target": [a.country or "-" for a in e.target] or ["-"]} for e in events]}


def as_pred(events) -> list[dict]:
    return [{"doc_id": e.doc_id, "type": e.type,
             "source": [{"country": a.country} for a in e.source],
             "target": [{"country": a.country} for a in e.target]} for e in events]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--show", type=int, default=0, help="print this many disagreements")
    args = ap.parse_args(argv)
    path = args.shared / "data" / "corpus" / "wmt21_de_en.dev.tsv"
    if not path.exists():
        print(f"no {path}: nothing to compare")
        return 0
    pairs = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8")]
    pairs = [p for p in pairs if len(p) == 2]
    de = [Article(id=str(n), text=g, lang="de") for n, (g, _) in enumerate(pairs)]
    en = [Article(id=str(n), text=e, lang="en") for n, (_, e) in enumerate(pairs)]
    de_events = {r.article.id: r.events for r in analyse(de)}
    en_events = {r.article.id: r.events for r in analyse(en)}
    gold_de = [as_gold(a.id, a.text, de_events[a.id]) for a in de]
    figures, _ = score(gold_de, as_pred([e for v in en_events.values() for e in v]))
    print(f"sentence pairs: {len(pairs)}; events: German {sum(map(len, de_events.values()))}, "
          f"English {sum(map(len, en_events.values()))}")
    print(f"English against German as gold: P {figures['precision']:.3f}  "
          f"R {figures['recall']:.3f}  F1 {figures['f1']:.3f}  "
          f"(event type only F1 {figures['type_f1']:.3f})")
    shown = 0
    for a, b in zip(de, en):
        dt = sorted((e.type, tuple(x.country or "-" for x in e.source)) for e in de_events[a.id])
        et = sorted((e.type, tuple(x.country or "-" for x in e.source)) for e in en_events[b.id])
        if dt != et and shown < args.show:
            shown += 1
            print(f"\nDE {a.text}\n   {dt}\nEN {b.text}\n   {et}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
