"""The Ray engine: the coding function of :mod:`lagebild.pipeline` as a Ray Data job.

The driver reads the articles and puts them into Ray's object store in blocks of
``BLOCK_ROWS`` (Arrow tables; dates as ISO strings), so a long input never sits in the
driver's memory whole (the object store spills to disk). ``map_batches`` sends batches of
``BATCH_SIZE`` articles to a fixed pool of ``workers`` actors; each actor builds its spaCy
pipelines once and calls :func:`lagebild.pipeline.code_batch`, exactly what the local
engine calls, and returns one row per article: the article's columns plus the detected
language, the events as JSON strings and the problem, if any. The driver streams the rows
back as :class:`~lagebild.pipeline.CodedArticle` objects, in input order by default.

Ray is started here only when it is not running yet: on this machine with
``num_cpus=workers``, or, when the ``RAY_ADDRESS`` environment variable is set, by
connecting to that cluster (``ray://head:10001``). The user's lexicon files are read here
and their contents shipped to the actors, so on a cluster they need not exist on the
worker nodes; lagebild itself (``pip install 'lagebild[ray]'``) must be installed on
every node.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import math
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa

from lagebild.errors import InputProblem
from lagebild.pipeline import CodedArticle, batched
from lagebild.schema import Article, Event

BATCH_SIZE = 64  # articles per map_batches call (the local engine's batch size)
# articles per block put into the object store: one batch, one task, so the actors share
# the work evenly to the end (blocks of 256 left one actor idle at the end of a short job)
BLOCK_ROWS = BATCH_SIZE

ARTICLE_SCHEMA = pa.schema([
    ("idx", pa.int64()), ("id", pa.string()), ("text", pa.string()), ("lang", pa.string()),
    ("published", pa.string()), ("title", pa.string()), ("url", pa.string()),
    ("source", pa.string()),
])
RESULT_SCHEMA = pa.schema([
    *ARTICLE_SCHEMA,
    ("coded_lang", pa.string()), ("events", pa.list_(pa.string())),
    ("problem_source", pa.string()), ("problem_line", pa.int64()),
    ("problem_reason", pa.string()), ("problem_record", pa.string()),
])
ARTICLE_FIELDS = [name for name in ARTICLE_SCHEMA.names if name != "idx"]


def run_ray(articles: Iterable[Article], lexicon_paths: tuple[str, ...] = (),
            workers: int = 1, ordered: bool = True, batch_size: int = BATCH_SIZE,
            block_rows: int = BLOCK_ROWS, address: str | None = None
            ) -> Iterator[CodedArticle]:
    """Code ``articles`` as a Ray Data job with a pool of ``workers`` actors.

    Args:
        articles: the articles; those without ``lang`` get one detected.
        lexicon_paths: the user's own lexicon files (read here, shipped to the actors).
        workers: actors in the pool, one CPU each.
        ordered: keep the input order (else rows come as blocks finish).
        batch_size: articles per ``map_batches`` call.
        block_rows: articles per block in the object store.
        address: the Ray cluster to join (default ``RAY_ADDRESS``, else a local Ray).
    Returns:
        One :class:`CodedArticle` per article.
    Raises:
        LexiconError: a lexicon file is unreadable or malformed (before Ray starts).
    """
    from lagebild.lexicon import load_lexicon

    if lexicon_paths:
        load_lexicon(lexicon_paths)  # a bad file is named with its path, not the actors'
    lexicons = [(Path(p).name, Path(p).read_text(encoding="utf-8")) for p in lexicon_paths]
    articles = iter(articles)
    first = next(articles, None)
    if first is None:
        return  # nothing to code: Ray is not started
    import ray
    import ray.data

    ensure_ray(workers, address)
    refs = _put_blocks(itertools.chain([first], articles), block_rows, workers)
    with _data_context(preserve_order=ordered):
        ds = ray.data.from_arrow_refs(refs).map_batches(
            RayCoder, fn_constructor_kwargs={"lexicons": lexicons},
            batch_size=batch_size, batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=min(workers, len(refs))))
        rows = (row for table in ds.iter_batches(batch_size=None, batch_format="pyarrow")
                for row in table.to_pylist())
        yield from (_in_order(rows) if ordered else rows_to_results(rows))


def ensure_ray(workers: int, address: str | None = None) -> None:
    """Start Ray on this machine with ``workers`` CPUs, or connect to the cluster at
    ``address`` (default ``RAY_ADDRESS``); nothing when Ray is running already."""
    import ray

    if ray.is_initialized():
        return
    quiet = {"log_to_driver": False, "ignore_reinit_error": True,
             "logging_level": logging.WARNING}
    address = address or os.environ.get("RAY_ADDRESS")
    if address:
        ray.init(address=address, **quiet)
    else:
        # Ray lowers its workers' priority (niceness 15) to keep a cluster's own services
        # responsive; on a machine we share with other programs that lets them take the
        # coding actors' CPU (measured: 40% of the actors' wall time lost on a busy laptop),
        # so a local Ray started for coding runs its workers at normal priority
        ray.init(num_cpus=workers, include_dashboard=False,
                 _system_config={"worker_niceness": 0}, **quiet)


@contextmanager
def _data_context(preserve_order: bool):
    """Ray Data's options for the job: order kept, no progress bars on our stderr. Set on
    the current context while the dataset is made and run, then put back."""
    from ray.data import DataContext

    ctx = DataContext.get_current()
    saved = (ctx.execution_options.preserve_order, ctx.enable_progress_bars)
    ctx.execution_options.preserve_order = preserve_order
    ctx.enable_progress_bars = False
    quiet = {"ray": logging.WARNING, "ray.data": logging.WARNING,
             # only "Progress bars disabled": our own progress bar is on
             "ray.data._internal.progress": logging.ERROR}
    loggers = [logging.getLogger(name) for name in quiet]
    levels = [lg.level for lg in loggers]
    for lg, level in zip(loggers, quiet.values()):
        lg.setLevel(max(lg.getEffectiveLevel(), level))
    try:
        yield ctx
    finally:
        ctx.execution_options.preserve_order, ctx.enable_progress_bars = saved
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _put_blocks(articles: Iterable[Article], block_rows: int, workers: int) -> list:
    """Put the articles into the object store, ``block_rows`` a block; the refs in order.
    An input shorter than ``workers`` blocks is cut into ``workers`` smaller blocks, so
    every actor gets a share."""
    import ray

    fields = set(ARTICLE_FIELDS)
    stream = (
        {"idx": idx, **article.model_dump(mode="json", include=fields)}
        for idx, article in enumerate(articles))
    head = list(itertools.islice(stream, workers * block_rows))
    if len(head) < workers * block_rows:
        block_rows = max(1, math.ceil(len(head) / workers))
    refs = []
    for rows in batched(itertools.chain(head, stream), block_rows):
        refs.append(ray.put(_table(rows, ARTICLE_SCHEMA)))
    return refs


def _table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """``rows`` as an Arrow table, built column by column (``Table.from_pylist`` takes
    about three times as long, converting row by row)."""
    return pa.Table.from_pydict({name: [row[name] for row in rows] for name in schema.names},
                                schema=schema)


class RayCoder:
    """The ``map_batches`` callable: one per actor, its pipelines built once.

    Args:
        lexicons: the user's lexicon files as ``(file name, contents)``; written to a
            directory of the actor's own, so the files need not exist on its node.
    """

    def __init__(self, lexicons: list[tuple[str, str]] = ()) -> None:
        from lagebild.pipeline import build_nlp

        self._dir = tempfile.TemporaryDirectory(prefix="lagebild-lexicon-")
        paths = []
        for k, (name, text) in enumerate(lexicons):
            path = Path(self._dir.name) / str(k) / name  # the name tells the language
            path.parent.mkdir()
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        self.lexicon_paths = tuple(paths)
        build_nlp("de", self.lexicon_paths)  # before the first batch; English on demand

    def __call__(self, batch: pa.Table) -> pa.Table:
        from lagebild.pipeline import code_batch

        rows = batch.to_pylist()
        articles = [Article.model_validate({k: row[k] for k in ARTICLE_FIELDS}) for row in rows]
        results = code_batch(articles, self.lexicon_paths, False)
        out = []
        for row, r in zip(rows, results):
            p = r.problem
            out.append({
                **row, "coded_lang": r.lang,
                "events": [e.model_dump_json() for e in r.events],
                "problem_source": p.source if p else None,
                "problem_line": p.line if p else None,
                "problem_reason": p.reason if p else None,
                "problem_record": p.record if p else None,
            })
        return _table(out, RESULT_SCHEMA)


def rows_to_results(rows: Iterable[dict]) -> Iterator[CodedArticle]:
    """Result rows back into :class:`CodedArticle` objects."""
    for row in rows:
        problem = None
        if row["problem_reason"] is not None:
            problem = InputProblem(row["problem_source"], row["problem_line"],
                                   row["problem_reason"], row["problem_record"])
        yield CodedArticle(
            article=Article.model_validate({k: row[k] for k in ARTICLE_FIELDS}),
            lang=row["coded_lang"],
            events=[Event.model_validate_json(e) for e in row["events"] or ()],
            problem=problem)


def _in_order(rows: Iterable[dict]) -> Iterator[CodedArticle]:
    """Rows in input order. Ray Data keeps the order already (``preserve_order``); the
    heap only holds rows that come early, should a Ray version not."""
    waiting: list[tuple[int, dict]] = []
    expected = 0
    for row in rows:
        heapq.heappush(waiting, (row["idx"], row))
        while waiting and waiting[0][0] == expected:
            yield from rows_to_results([heapq.heappop(waiting)[1]])
            expected += 1
    if waiting:
        raise RuntimeError(f"the ray engine lost article {expected} of the input")
