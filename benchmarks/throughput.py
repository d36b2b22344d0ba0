"""Throughput of `code` against spaCy's bare tokenizer over the same texts, in one process.

Machines are shared and noisy, so the figure that matters is the ratio of the two: they
are timed in turn, a pass of each back to back, and the medians of the times and of the
pairs' ratios reported. Before them, the first pass of each over texts the process has
never seen. The baseline is ``spacy.blank(lang)``'s own tokenizer, with spaCy's defaults.

With ``--ray`` the Ray engine (``lagebild code --engine ray``) is timed too, with
``--workers`` tasks at a time on a local Ray instance: Ray's start-up (``ray.init`` and a
first one-article job, whose worker builds its pipeline) is reported on its own line, then
the fixed cost of one more one-article job, then the session's first full job (a second
worker builds its pipeline, both meet the texts for the first time), the median of
``--repeat`` more (Ray keeps a program's workers and their pipelines between jobs, as one
process keeps its own between passes), each also timed in turn with a one-process pass
over the corpus, and the peak RSS of one Ray worker.

usage: python benchmarks/throughput.py [--shared ../shared] [--limit N] [--repeat K]
                                       [--workers W] [--scale M] [--ray] [--end-to-end]

The pool and Ray runs code ``--scale`` articles (default 5,000: the corpus repeated under
new ids); their speed-up is set against the one-process median on the corpus. The pool is
forked from the benchmark's process, which has coded the corpus already (one run); Ray's
workers start empty in the first job and have met the texts in the later ones. ``--end-to-end`` also runs ``lagebild code`` on those articles
in new processes (one process, the pool, and with ``--ray`` the Ray engine), each from
start-up to its last event, and sets them against each other.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_texts(shared: Path, limit: int) -> tuple[str, list[dict]]:
    corpus = shared / "data" / "corpus" / "de_news_10kgnad.jsonl"
    if corpus.exists():
        rows = [json.loads(line) for line in corpus.open(encoding="utf-8")][:limit]
        return str(corpus), rows
    samples = HERE.parent / "src" / "lagebild" / "samples" / "news.jsonl"
    rows = [json.loads(line) for line in samples.open(encoding="utf-8")]
    rows = [r for r in rows if r.get("lang") == "de"]
    return f"{samples} (no shared corpus; German samples repeated)", (rows * 100)[:limit]


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def alternating(baseline, fn, repeat: int) -> tuple[float, float, float]:
    """``baseline`` and ``fn`` timed in turn, ``repeat`` times each: the median time of
    each, and the median of the ratios of the pairs (a pair runs back to back, so a slow
    spell of a shared machine slows both of it alike)."""
    pairs = [(median_seconds(baseline, 1), median_seconds(fn, 1)) for _ in range(repeat)]
    return (statistics.median(b for b, _ in pairs), statistics.median(f for _, f in pairs),
            statistics.median(f / b for b, f in pairs))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2, help="also time a pool of this size")
    ap.add_argument("--ray", action="store_true",
                    help="also time the ray engine with --workers actors (needs lagebild[ray])")
    ap.add_argument("--scale", type=int, default=5000,
                    help="articles for the pool and Ray runs (the corpus repeated, new ids)")
    ap.add_argument("--end-to-end", action="store_true",
                    help="also time `lagebild code` on the --scale articles in new processes: "
                         "one, --workers, and with --ray the ray engine")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    import spacy

    from lagebild.pipeline import build_nlp, code
    from lagebild.schema import Article

    nlp = build_nlp("de")
    list(code([Article(id="warm", text="Russland warf der Ukraine vor, zu lügen.", lang="de")]))
    startup = time.perf_counter() - t0

    source, rows = load_texts(args.shared, args.limit)
    texts = [r["text"] for r in rows]
    articles = [Article(id=str(r.get("id", i)), text=r["text"], lang="de")
                for i, r in enumerate(rows)]
    # the baseline: spaCy's bare tokenizer as spacy.blank("de") makes it, in its own Vocab
    # (not the pipeline's, whose tokenizer remembers more chunks: that is part of coding)
    tokenizer = spacy.blank("de").tokenizer
    counted = {}

    def bare():
        for text in texts:
            tokenizer(text)

    def full():
        counted["events"] = sum(1 for _ in code(articles))

    # the first pass over texts the process has never seen (every per-word-form table and
    # both tokenizers' memories still empty of them), then the median of repeated passes
    t_bare_first, t_code_first = median_seconds(bare, 1), median_seconds(full, 1)
    n_sents = sum(1 for doc in nlp.pipe(texts) for _ in doc.sents)
    # the scale-out runs code --scale articles (the corpus repeated under new ids), long
    # enough that starting the workers is a small part; their throughput is set against
    # the one-process throughput on the corpus itself
    scaled = [Article(id=f"{a.id}#{k // len(articles)}", text=a.text, lang="de")
              for k, a in zip(range(args.scale), itertools.cycle(articles))]

    def pooled():
        counted["events_pooled"] = sum(1 for _ in code(scaled, workers=args.workers))

    t_bare, t_code, ratio = alternating(bare, full, args.repeat)
    t_pool = median_seconds(pooled, 1) if args.workers > 1 else None
    per_article = t_code / len(texts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results = {
        "corpus": source, "articles": len(texts), "sentences": n_sents,
        "events": counted["events"],
        "code_articles_per_s": round(len(texts) / t_code, 1),
        "code_sentences_per_s": round(n_sents / t_code, 1),
        "tokenizer_articles_per_s": round(len(texts) / t_bare, 1),
        "ratio_code_to_tokenizer": round(ratio, 2),
        "first_pass_code_articles_per_s": round(len(texts) / t_code_first, 1),
        "first_pass_tokenizer_articles_per_s": round(len(texts) / t_bare_first, 1),
        "first_pass_ratio": round(t_code_first / t_bare_first, 2),
        "startup_s": round(startup, 2), "peak_rss_mb": round(peak_mb, 1),
        "workers": args.workers, "scale_articles": len(scaled),
        "pool_articles_per_s": round(len(scaled) / t_pool, 1) if t_pool else None,
        "pool_speedup": round(per_article * len(scaled) / t_pool, 2) if t_pool else None,
        "repeat": args.repeat,
    }
    results.update(time_english(args.shared, args.repeat))
    if args.end_to_end:
        results.update(end_to_end(scaled, args.workers, args.ray))
    if args.ray:
        results.update(time_ray(scaled, args.workers, full, len(texts), per_article,
                                t_bare / len(texts), counted, args.repeat))
    width = max(len(k) for k in results)
    for k, v in results.items():
        print(f"{k:<{width}}  {v}")
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


def english_texts(shared: Path, per_article: int = 10) -> tuple[str, list[str]]:
    """An English sample: the English side of the WMT news test set, ten consecutive
    sentences to an article; else the English sample news, repeated."""
    path = shared / "data" / "corpus" / "wmt21_de_en.dev.tsv"
    if path.exists():
        sents = [line.rstrip("\n").split("\t")[1] for line in path.open(encoding="utf-8")
                 if "\t" in line]
        return str(path), [" ".join(sents[k:k + per_article])
                           for k in range(0, len(sents), per_article)]
    samples = HERE.parent / "src" / "lagebild" / "samples" / "news.jsonl"
    rows = [json.loads(line) for line in samples.open(encoding="utf-8")]
    texts = [r["text"] for r in rows if r.get("lang") == "en"]
    return f"{samples} (English samples repeated)", (texts * 25)[:50]


def time_english(shared: Path, repeat: int) -> dict:
    """The same measures on the English sample: code against the bare English tokenizer."""
    import spacy

    from lagebild.pipeline import build_nlp, code
    from lagebild.schema import Article

    source, texts = english_texts(shared)
    nlp = build_nlp("en")
    articles = [Article(id=f"en-{k}", text=t, lang="en") for k, t in enumerate(texts)]
    list(code(articles[:1]))  # builds the English pipeline before timing
    n_sents = sum(1 for doc in nlp.pipe(texts) for _ in doc.sents)
    tokenizer = spacy.blank("en").tokenizer  # the baseline, as in main()
    t_bare, t_code, ratio = alternating(lambda: [tokenizer(text) for text in texts],
                                        lambda: list(code(articles)), repeat)
    return {
        "en_corpus": source, "en_articles": len(texts), "en_sentences": n_sents,
        "en_code_sentences_per_s": round(n_sents / t_code, 1),
        "en_tokenizer_sentences_per_s": round(n_sents / t_bare, 1),
        "en_ratio_code_to_tokenizer": round(ratio, 2),
    }


def end_to_end(articles, workers: int, ray: bool) -> dict:
    """``lagebild code`` on the scale-out articles as a user runs it: a new process from
    start-up to the last event written, its per-word-form tables empty (the pool's workers
    start from a parent that has seen none of the texts either). The speed-ups are against
    the one-process run of the same command."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for a in articles:
                f.write(a.model_dump_json(include={"id", "text", "lang"}) + "\n")
        runs = {"one": [], "pool": ["--workers", str(workers)]}
        if ray:
            runs["ray"] = ["--engine", "ray", "--workers", str(workers)]
        seconds = {}
        for name, extra in runs.items():
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "lagebild", "code", str(path), "-o",
                            str(Path(tmp) / f"{name}.jsonl"), *extra], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds[name] = time.perf_counter() - t0
    out = {f"end_to_end_{name}_articles_per_s": round(len(articles) / t, 1)
           for name, t in seconds.items()}
    out.update({f"end_to_end_{name}_speedup": round(seconds["one"] / t, 2)
                for name, t in seconds.items() if name != "one"})
    return out


def time_ray(articles, workers: int, one_pass, n_one: int, per_article: float,
             bare_per_article: float, counted: dict, repeat: int) -> dict:
    """The ray engine on the scale-out articles: start-up, the fixed cost of a one-article
    job, the session's first full job, ``repeat`` more, and the peak RSS of a worker.

    Ray keeps its worker processes, and with them their pipelines and per-word-form
    tables, from job to job, as one process keeps its own from pass to pass. The jobs are
    set against ``per_article``, the one-process median (as the pool is); the later ones
    are also timed in turn with a pass of ``one_pass`` (one process over its ``n_one``
    articles, while Ray's processes idle), and the median of the pairs' ratios reported,
    since a slow spell of the machine slows both sides of a pair alike."""
    import ray

    from lagebild.engines import run

    warm = [articles[0]]
    t0 = time.perf_counter()
    from lagebild.engines.ray_engine import ensure_ray

    ensure_ray(workers)  # a local Ray as `lagebild code --engine ray` starts it
    list(run("ray", warm, workers=workers))
    startup = time.perf_counter() - t0
    job = median_seconds(lambda: list(run("ray", warm, workers=workers)), 3)

    def distributed():
        counted["events_ray"] = sum(len(r.events) for r in run("ray", articles, workers=workers))

    with WorkerPeak("code_block") as peak:
        t_first = median_seconds(distributed, 1)
        t_one_pass, t_ray, ray_per_pass = alternating(one_pass, distributed, repeat)
    ray.shutdown()
    if "events_pooled" in counted and counted["events_ray"] != counted["events_pooled"]:
        raise SystemExit(f"ray engine: {counted['events_ray']} events, local pool "
                         f"{counted['events_pooled']}")
    t_one = per_article * len(articles)
    return {
        "ray_startup_s": round(startup, 2),
        "ray_job_overhead_s": round(job, 2),
        "ray_first_job_articles_per_s": round(len(articles) / t_first, 1),
        "ray_first_job_speedup": round(t_one / t_first, 2),
        "ray_articles_per_s": round(len(articles) / t_ray, 1),
        "ratio_ray_to_tokenizer": round(t_ray / (bare_per_article * len(articles)), 2),
        "ray_speedup": round(t_one / t_ray, 2),
        "ray_in_turn_one_process_articles_per_s": round(n_one / t_one_pass, 1),
        # a Ray job codes len(articles), a pass n_one: the pairs' median ratio, per article
        "ray_in_turn_speedup": round(len(articles) / n_one / ray_per_pass, 2),
        "ray_worker_peak_rss_mb": peak.mb,
    }


class WorkerPeak:
    """The largest peak RSS (VmHWM) of the processes whose command line holds ``name``,
    sampled from /proc while the block runs (Ray names a worker process after the task it
    runs: ray::MapBatches(code_block))."""

    def __init__(self, name: str) -> None:
        self.name, self.peak_kb, self._stop = name.encode(), 0, threading.Event()

    def __enter__(self):
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def mb(self) -> float | None:
        return round(self.peak_kb / 1024, 1) if self.peak_kb else None

    def _poll(self) -> None:
        while not self._stop.wait(0.25):
            for pid in (p for p in os.listdir("/proc") if p.isdigit()):
                try:
                    with open(f"/proc/{pid}/cmdline", "rb") as f:
                        if self.name not in f.read():
                            continue
                    with open(f"/proc/{pid}/status", encoding="ascii") as f:
                        for line in f:
                            if line.startswith("VmHWM:"):
                                self.peak_kb = max(self.peak_kb, int(line.split()[1]))
                except OSError:
                    continue


if __name__ == "__main__":
    sys.exit(main())
