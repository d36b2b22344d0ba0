"""The Ray engine: the coding function of :mod:`lagebild.pipeline` as a Ray Data job.

The driver reads the articles and puts them into Ray's object store as blocks (Arrow
tables; dates as ISO strings), so a long input never sits in the driver's memory whole
(the object store spills to disk). ``map_batches`` runs :func:`code_block` as Ray tasks, at
most ``workers`` at a time, one task per block, in batches of ``BATCH_SIZE`` articles; it
calls :func:`lagebild.pipeline.code_batch`, exactly what the local engine calls, and
returns one row per article: the article's columns plus the detected language, the events
as JSON strings and the problem, if any. The driver streams the rows back as
:class:`~lagebild.pipeline.CodedArticle` objects, in input order by default.

Tasks, not actors: Ray keeps a program's worker processes from task to task, and so from
one run of this engine to the next in the same program; each keeps its pipelines
(:class:`RayCoder`, one per set of user lexicons) and their per-word-form tables, so only
a program's first run pays for building them and meets its words cold. The actors of an
actor pool are new processes in every run (docs/scale-out.md has the measurements). Ray Data looks
for finished tasks about ten times a second, so a CPU can wait up to 0.1 s for its next
task: blocks are large at first and shrink towards the end (:func:`block_sizes`), few tasks
and an even finish.

Ray is started here only when it is not running yet: on this machine with
``num_cpus=workers``, or, when the ``RAY_ADDRESS`` environment variable is set, by
connecting to that cluster (``ray://head:10001``). The user's lexicon files are read here
and their contents shipped to the workers, so on a cluster they need not exist on the
worker nodes; lagebild itself (``pip install 'lagebild[ray]'``) must be installed on
every node.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import logging
import math
import os
import tempfile
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa

from lagebild.errors import InputProblem
from lagebild.pipeline import CodedArticle
from lagebild.schema import Article, Event

BATCH_SIZE = 64  # articles per map_batches call (the local engine's batch size)
# articles per block, and so per task: at most MAX_BLOCK_ROWS (about five seconds of one
# CPU), at least MIN_BLOCK_ROWS unless the input is too short to give every worker that many
MAX_BLOCK_ROWS = 1024
MIN_BLOCK_ROWS = BATCH_SIZE
# articles the driver reads ahead to size the last blocks: 2 x workers x MAX_BLOCK_ROWS,
# but no more than this (about 50 MB of news; on a cluster of 64 workers the rule alone
# would hold 130,000 articles in the driver)
MAX_READ_AHEAD = 16_384
CODERS_KEPT = 2  # pipelines (sets of user lexicons) a worker process keeps between tasks
# Ray Data's backpressure policies hold tasks back to keep a pipeline of operators from
# filling the object store. Our job has one operator whose input is in the store already
# and whose output is a small part of it, and they cost it a tenth of its time: the second
# task started a second late and each further one waited about 0.2 s (measured on Ray 2.60,
# 5,000 articles on 2 CPUs). The job's options switch them off; a Ray without this key
# ignores it.
BACKPRESSURE_KEY = "backpressure_policies.enabled"
_UNSET = object()

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
            max_block_rows: int = MAX_BLOCK_ROWS, address: str | None = None
            ) -> Iterator[CodedArticle]:
    """Code ``articles`` as a Ray Data job, ``workers`` tasks at a time.

    Args:
        articles: the articles; those without ``lang`` get one detected.
        lexicon_paths: the user's own lexicon files (read here, shipped to the workers).
        workers: tasks that code at the same time, one CPU each.
        ordered: keep the input order (else rows come as blocks finish).
        batch_size: articles per ``map_batches`` call.
        max_block_rows: articles per block (and task) at most; see :func:`block_sizes`.
        address: the Ray cluster to join (default ``RAY_ADDRESS``, else a local Ray).
    Returns:
        One :class:`CodedArticle` per article.
    Raises:
        LexiconError: a lexicon file is unreadable or malformed (before Ray starts).
    """
    from lagebild.lexicon import load_lexicon

    if lexicon_paths:
        load_lexicon(lexicon_paths)  # a bad file is named with its path, not the workers'
    lexicons = [(Path(p).name, Path(p).read_text(encoding="utf-8")) for p in lexicon_paths]
    articles = iter(articles)
    first = next(articles, None)
    if first is None:
        return  # nothing to code: Ray is not started
    import ray
    import ray.data

    ensure_ray(workers, address)
    refs = _put_blocks(itertools.chain([first], articles), workers, max_block_rows)
    with _data_context(preserve_order=ordered):
        ds = ray.data.from_arrow_refs(refs).map_batches(
            code_block, fn_kwargs={"lexicons": lexicons, "key": lexicons_key(lexicons)},
            batch_size=batch_size, batch_format="pyarrow",
            compute=ray.data.TaskPoolStrategy(size=min(workers, len(refs))))
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
        # coding workers' CPU (measured: 40% of their wall time lost on a busy laptop),
        # so a local Ray started for coding runs its workers at normal priority
        ray.init(num_cpus=workers, include_dashboard=False,
                 _system_config={"worker_niceness": 0}, **quiet)


@contextmanager
def _data_context(preserve_order: bool):
    """Ray Data's options for the job: order kept, no progress bars on our stderr, no
    backpressure policies (``BACKPRESSURE_KEY``). Set on the current context while the
    dataset is made and run, then put back."""
    from ray.data import DataContext

    ctx = DataContext.get_current()
    saved = (ctx.execution_options.preserve_order, ctx.enable_progress_bars,
             ctx.get_config(BACKPRESSURE_KEY, _UNSET))
    ctx.execution_options.preserve_order = preserve_order
    ctx.enable_progress_bars = False
    ctx.set_config(BACKPRESSURE_KEY, [])
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
        ctx.execution_options.preserve_order, ctx.enable_progress_bars, policies = saved
        if policies is _UNSET:
            ctx.remove_config(BACKPRESSURE_KEY)
        else:
            ctx.set_config(BACKPRESSURE_KEY, policies)
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _put_blocks(articles: Iterable[Article], workers: int, max_rows: int) -> list:
    """Put the articles into the object store in blocks of :func:`block_sizes`; the refs
    in order. The sizes depend on how many articles are left, so the driver reads ahead
    ``2 * workers * max_rows`` articles (at most ``MAX_READ_AHEAD``): while more than that
    are left, blocks are full."""
    import ray

    fields = set(ARTICLE_FIELDS)
    stream = (
        {"idx": idx, **article.model_dump(mode="json", include=fields)}
        for idx, article in enumerate(articles))
    ahead = min(2 * workers * max_rows, MAX_READ_AHEAD)
    rows = deque(itertools.islice(stream, ahead))
    short = len(rows) < ahead  # the whole input is read: a short one is shared evenly

    def put(size: int) -> None:
        refs.append(ray.put(_table([rows.popleft() for _ in range(size)], ARTICLE_SCHEMA)))

    refs: list = []
    for row in stream:
        rows.append(row)
        if len(rows) > ahead:
            put(max_rows)
    for size in block_sizes(len(rows), workers, max_rows, short):
        put(size)
    return refs


def block_sizes(n: int, workers: int, max_rows: int = MAX_BLOCK_ROWS,
                whole: bool = True) -> list[int]:
    """The sizes of the blocks for the last ``n`` articles of an input (all of it when
    ``whole``), one Ray task each, in the order they are handed out.

    Guided self-scheduling: each block is the articles left over twice the number of
    workers, between ``MIN_BLOCK_ROWS`` and ``max_rows``. Large blocks first keep the
    tasks few (each ends with a wait of up to 0.1 s for Ray Data to notice); small ones
    last let the workers finish together. A whole input of fewer than ``workers`` times
    ``MIN_BLOCK_ROWS`` articles is cut into ``workers`` equal blocks, so every worker gets
    a share.

    >>> block_sizes(5000, 2)
    [1024, 994, 746, 559, 420, 315, 236, 177, 133, 99, 75, 64, 64, 64, 30]
    >>> block_sizes(5, 2)
    [3, 2]
    """
    least = MIN_BLOCK_ROWS
    if whole:
        least = min(least, math.ceil(n / workers)) if n else 1
    sizes = []
    while n > 0:
        size = min(n, max_rows, max(least, math.ceil(n / (2 * workers))))
        sizes.append(size)
        n -= size
    return sizes


def _table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """``rows`` as an Arrow table, built column by column (``Table.from_pylist`` takes
    about three times as long, converting row by row)."""
    return pa.Table.from_pydict({name: [row[name] for row in rows] for name in schema.names},
                                schema=schema)


_CODERS: OrderedDict[str, RayCoder] = OrderedDict()  # this worker process's, by lexicons


def code_block(batch: pa.Table, lexicons: list[tuple[str, str]], key: str) -> pa.Table:
    """The ``map_batches`` function: code one batch with this worker process's coder for
    ``lexicons`` (``key`` is their :func:`lexicons_key`), made at its first batch and kept
    for the process's later tasks, in this run and the program's next ones (the
    ``CODERS_KEPT`` last used)."""
    coder = _CODERS.pop(key, None) or RayCoder(lexicons)
    _CODERS[key] = coder
    while len(_CODERS) > CODERS_KEPT:
        _CODERS.popitem(last=False)
    return coder(batch)


def lexicons_key(lexicons: list[tuple[str, str]]) -> str:
    """A digest of the user's lexicon files (names and contents): the coder's key."""
    digest = hashlib.sha256()
    for name, text in lexicons:
        for part in (name, text):
            data = part.encode("utf-8")
            digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


class RayCoder:
    """A worker process's coder for one set of user lexicons: its pipelines built once.

    Args:
        lexicons: the user's lexicon files as ``(file name, contents)``; written to a
            directory of the coder's own, so the files need not exist on its node.
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
