"""Parquet tables: every row is one article, read batch by batch so big files stream.

The column ``text`` is required; ``id``, ``lang``, ``published`` (date, timestamp or ISO
string), ``title``, ``url`` and ``source`` are optional, other columns are not read. The
id defaults to ``<file name>:<row number>``; problems name the row (1-based).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from lagebild.errors import InputProblem
from lagebild.schema import Article
from lagebild.sources.jsonl import article_from_record

COLUMNS = ("text", "id", "lang", "published", "title", "url", "source")
BATCH_ROWS = 512


def read_parquet_file(
    path: Path, *, lang: str | None, published: date | None, max_chars: int
) -> Iterator[Article | InputProblem]:
    """Yield one article per row, or a problem per row (or file) that cannot be one."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = str(path)
    errors = (pa.ArrowException, OSError)
    try:
        table = pq.ParquetFile(path)
    except errors as err:
        yield InputProblem(source, None, f"not a Parquet file: {err}")
        return
    with table:
        names = table.schema_arrow.names
        if "text" not in names:
            yield InputProblem(source, None, f"Parquet file has no 'text' column "
                                             f"(columns: {', '.join(names) or 'none'})")
            return
        batches = table.iter_batches(batch_size=BATCH_ROWS,
                                     columns=[c for c in COLUMNS if c in names])
        number = 0
        while True:
            try:
                batch = next(batches, None)
            except errors as err:
                yield InputProblem(source, number + 1, f"cannot read rows from here on: {err}")
                return
            if batch is None:
                return
            for row in batch.to_pylist():
                number += 1
                yield _row_article(row, source, path.stem, number, lang, published, max_chars)


def _row_article(
    row: dict[str, Any], source: str, stem: str, number: int, lang: str | None,
    published: date | None, max_chars: int,
) -> Article | InputProblem:
    """One row as an article, or the reason it cannot be one."""
    if row.get("text") is None:
        item: Article | InputProblem = InputProblem(source, number, "'text' is null")
    else:
        item = article_from_record(row, source, number, default_id=f"{stem}:{number}",
                                   lang=lang, published=published, max_chars=max_chars)
    if isinstance(item, InputProblem):
        item.record = json.dumps(row, ensure_ascii=False, default=str)[:500]
    return item
