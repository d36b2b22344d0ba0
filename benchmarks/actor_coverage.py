"""Actor coverage on event gold files: the share of gold actor codes (the countries in
events' source and target) that `lagebild actors` finds in the same document, and a
reproducible random sample of predicted mentions to judge by hand.

usage: python benchmarks/actor_coverage.py GOLD.events.jsonl [...] [--sample 100 --seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import sys

from lagebild.pipeline import analyse
from lagebild.schema import Article


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sample-out", default=None, help="write the sample here as JSONL")
    args = ap.parse_args(argv)

    wanted = found = 0
    mentions = []
    missing = []
    for path in args.gold:
        docs = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
        articles = [Article(id=str(d["id"]), text=d["text"], lang=d.get("lang"),
                            published=d.get("published") or None) for d in docs]
        for doc, result in zip(docs, analyse(articles, keep_docs=True)):
            gold = {c for e in doc.get("events", []) for c in e["source"] + e["target"]
                    if c and c != "-"}
            seen = [m for m in result.doc._.actors if m.kind != "modifier"]
            codes = {m.country for m in seen if m.country}
            wanted += len(gold)
            found += len(gold & codes)
            missing += [(doc["id"], c) for c in sorted(gold - codes)]
            mentions += [{"doc_id": doc["id"], "text": m.text, "country": m.country,
                          "sector": m.sector, "kind": m.kind, "country_from": m.country_from,
                          "context": result.doc.text[max(0, m.start_char - 60):m.end_char + 60]}
                         for m in seen]
    print(f"gold actor codes found in the same document: {found}/{wanted} = "
          f"{found / wanted:.3f}")
    print(f"missing: {missing}")
    print(f"predicted mentions: {len(mentions)}")
    sample = random.Random(args.seed).sample(mentions, min(args.sample, len(mentions)))
    if args.sample_out:
        with open(args.sample_out, "w", encoding="utf-8") as f:
            for m in sample:
                f.write(json.dumps(m, ensure_ascii=False) + "\n")
        print(f"sample of {len(sample)} mentions written to {args.sample_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
