"""JSONL articles: one JSON object per line with ``id`` and ``text``.

Optional fields: ``lang``, ``published`` (ISO date or datetime), ``title``, ``url``,
``source``. Other fields are ignored, so gold files can be coded as they are.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from lagebild.errors import InputProblem
from lagebild.schema import Article
from lagebild.sources.text import check_text


def read_jsonl_lines(
    lines: Iterable[tuple[int, str | InputProblem]],
    source: str,
    lang: str | None,
    published: date | None,
    max_chars: int,
) -> Iterator[Article | InputProblem]:
    """Turn numbered JSONL lines into articles; a bad line becomes an InputProblem."""
    for number, line in lines:
        if isinstance(line, InputProblem):
            yield line
            continue
        if not line.strip():
            continue
        yield parse_article_line(line, source, number, lang, published, max_chars)


def parse_article_line(
    line: str, source: str, number: int, lang: str | None, published: date | None, max_chars: int
) -> Article | InputProblem:
    """Parse one JSONL line into an article, or say exactly why it is not one."""

    def problem(reason: str) -> InputProblem:
        return InputProblem(source, number, reason, line[:500])

    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        return problem(f"broken JSON: {err.msg} at column {err.colno}")
    if not isinstance(obj, dict):
        return problem(f"expected a JSON object, got {type(obj).__name__}")
    return article_from_record(obj, source, number, default_id=f"{source}:{number}", lang=lang,
                               published=published, max_chars=max_chars, record=line[:500])


def article_from_record(
    obj: Mapping[str, Any],
    source: str,
    number: int,
    *,
    default_id: str,
    lang: str | None,
    published: date | None,
    max_chars: int,
    record: str | None = None,
) -> Article | InputProblem:
    """Turn one record's fields into an article, or say why it is not one.

    Shared by the JSONL and Parquet readers: ``text`` is required; ``id``, ``lang``,
    ``published`` (a date, a datetime, or an ISO string), ``title``, ``url`` and
    ``source`` are optional, and the defaults fill in what a record lacks.
    """

    def problem(reason: str) -> InputProblem:
        return InputProblem(source, number, reason, record)

    text = obj.get("text")
    if text is None:
        return problem("no 'text' field")
    if not isinstance(text, str):
        return problem(f"'text' must be a string, got {type(text).__name__}")
    reason = check_text(text, max_chars)
    if reason:
        return problem(reason)
    fields = {k: obj.get(k) for k in ("title", "url", "source") if isinstance(obj.get(k), str)}
    raw_id = obj.get("id")
    doc_id = str(raw_id) if raw_id not in (None, "") else default_id
    try:
        return Article(
            id=doc_id,
            text=text,
            lang=obj.get("lang") or lang,
            published=_record_date(obj.get("published")) or published,
            **fields,
        )
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(x) for x in first["loc"])
        return problem(f"bad field '{field}': {first['msg']}")


def _record_date(value: Any) -> Any:
    """A record's ``published`` as pydantic should see it: the day of a datetime, the
    date part of an ISO string; anything else is left for pydantic to judge."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return value[:10] or None
    return value or None
