"""JSONL articles: one JSON object per line with ``id`` and ``text``.

Optional fields: ``lang``, ``published`` (ISO date or datetime), ``title``, ``url``,
``source``. Other fields are ignored, so gold files can be coded as they are.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date

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
    doc_id = str(raw_id) if raw_id not in (None, "") else f"{source}:{number}"
    raw_published = obj.get("published") or None
    if isinstance(raw_published, str):
        raw_published = raw_published[:10]
    try:
        return Article(
            id=doc_id,
            text=text,
            lang=obj.get("lang") or lang,
            published=raw_published or published,
            **fields,
        )
    except ValidationError as err:
        first = err.errors()[0]
        field = ".".join(str(x) for x in first["loc"])
        return problem(f"bad field '{field}': {first['msg']}")
