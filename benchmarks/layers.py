"""Where the coding time goes: each pipeline component timed on its own, against spaCy's
bare tokenizer over the same texts, in one process.

usage: python benchmarks/layers.py [--shared ../shared] [--limit N]

The corpus is coded twice and the second pass reported (the per-word-form tables warm,
as in a long run). ``words`` is the shared reading of the tokens (``lagebild.nlp.words``),
made before the actor layer; ``records`` is turning a Doc into event records.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from throughput import HERE, load_texts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--limit", type=int, default=1000)
    args = ap.parse_args(argv)

    import spacy

    from lagebild.nlp.words import SOURCE_TEXT, words_of
    from lagebild.pipeline import build_nlp
    from lagebild.records import event_records
    from lagebild.schema import Article

    nlp = build_nlp("de")
    tokenizer = spacy.blank("de").tokenizer  # the baseline, as in throughput.py
    source, rows = load_texts(args.shared, args.limit)
    articles = [Article(id=str(r.get("id", i)), text=r["text"], lang="de")
                for i, r in enumerate(rows)]
    spent: dict[str, float] = defaultdict(float)
    for _ in range(2):
        spent.clear()
        t0 = time.perf_counter()
        for article in articles:
            tokenizer(article.text)
        bare = time.perf_counter() - t0
        t0 = time.perf_counter()
        for article in articles:
            t = time.perf_counter()
            doc = nlp.make_doc(article.text)
            doc.user_data[SOURCE_TEXT] = article.text
            spent["tokenizer (make_doc)"] += time.perf_counter() - t
            for name, component in nlp.pipeline:
                if name == "lagebild_actors":
                    t = time.perf_counter()
                    words_of(doc)
                    spent["words"] += time.perf_counter() - t
                t = time.perf_counter()
                doc = component(doc)
                spent[name] += time.perf_counter() - t
            t = time.perf_counter()
            event_records(doc, article, "de", ())
            spent["records"] += time.perf_counter() - t
        total = time.perf_counter() - t0
    print(f"corpus  {source}")
    print(f"{len(articles)} articles: {len(articles) / total:.1f} per second, "
          f"{total / bare:.2f} times the bare tokenizer ({len(articles) / bare:.0f} per second)")
    print(f"{'part':24} {'seconds':>8} {'share':>6} {'x tokenizer':>12}")
    for name, seconds in spent.items():
        print(f"{name:24} {seconds:8.2f} {seconds / total:6.0%} {seconds / bare:12.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
