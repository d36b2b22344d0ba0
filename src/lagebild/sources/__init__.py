"""Readers: every input becomes an :class:`~lagebild.schema.Article` or an
:class:`~lagebild.errors.InputProblem` saying why it could not.

``read_inputs(paths)`` chooses the reader by file ending:

- ``.txt`` (or no ending): one plain-text article per file;
- ``.jsonl``, ``.ndjson``: one article per line;
- ``.html``, ``.htm``: one article per page, its main text found by trafilatura;
- ``.rss``, ``.atom``, ``.xml``: one article per feed entry;
- ``.warc``, ``.warc.gz``: one article per archived HTML page;
- ``.parquet``: one article per row.

``-`` is standard input (JSONL when its first non-blank character is ``{``, else one
plain-text article).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from lagebild.errors import InputProblem
from lagebild.schema import Article
from lagebild.sources.feeds import read_feed_file
from lagebild.sources.html import read_html_file
from lagebild.sources.jsonl import read_jsonl_lines
from lagebild.sources.parquet import read_parquet_file
from lagebild.sources.text import article_from_text, read_bytes, read_text_file
from lagebild.sources.warc import read_warc_file

DEFAULT_MAX_CHARS = 1_000_000

Item = Article | InputProblem

ENDINGS = ".txt, .jsonl, .html, .htm, .rss, .atom, .xml, .warc, .warc.gz or .parquet"


def read_inputs(
    paths: Iterable[str],
    *,
    lang: str | None = None,
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin=None,
) -> Iterator[Item]:
    """Yield articles and problems from files or ``-`` (standard input).

    Args:
        paths: file paths (the ending chooses the reader, see the module), or ``-``
            for standard input.
        lang: language code to use where an input gives none (else detected later).
        published: publication date to use where an input gives none.
        max_chars: texts longer than this are reported and skipped.
        stdin: a text stream to read for ``-`` (default ``sys.stdin``).
    Returns:
        An iterator of :class:`Article` or :class:`InputProblem`, in input order.
    """
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield from _read_stdin(stream, lang, published, max_chars)
            continue
        p = Path(path)
        if not p.exists():
            yield InputProblem(path, None, "no such file")
            continue
        if p.is_dir():
            yield InputProblem(path, None, "is a directory; name the files inside it")
            continue
        yield from _read_file(p, lang, published, max_chars)


def _read_file(p: Path, lang, published, max_chars) -> Iterator[Item]:
    """Read one file with the reader its ending names."""
    suffix, name = p.suffix.lower(), p.name.lower()
    options = {"lang": lang, "published": published, "max_chars": max_chars}
    if suffix in (".jsonl", ".ndjson"):
        yield from _read_jsonl_file(p, lang, published, max_chars)
    elif suffix in (".txt", ".text", ""):
        yield read_text_file(p, **options)
    elif suffix in (".html", ".htm"):
        yield read_html_file(p, **options)
    elif suffix in (".rss", ".atom", ".xml"):
        yield from read_feed_file(p, **options)
    elif name.endswith((".warc", ".warc.gz")):
        yield from read_warc_file(p, **options)
    elif suffix == ".parquet":
        yield from read_parquet_file(p, **options)
    else:
        yield InputProblem(str(p), None, f"unknown input type '{suffix}': use {ENDINGS}")


def _read_jsonl_file(p: Path, lang, published, max_chars) -> Iterator[Item]:
    raw = read_bytes(p)
    if isinstance(raw, InputProblem):
        yield raw
        return
    yield from read_jsonl_lines(_decoded_lines(raw, str(p)), str(p), lang, published, max_chars)


def _decoded_lines(raw: bytes, source: str) -> Iterator[tuple[int, str | InputProblem]]:
    """Split bytes into numbered lines, decoding each on its own so one bad line costs one."""
    for number, line in enumerate(raw.splitlines(), start=1):
        try:
            yield number, line.decode("utf-8")
        except UnicodeDecodeError as err:
            yield number, InputProblem(source, number, f"not valid UTF-8 at byte {err.start}",
                                       line[:200].decode("utf-8", "replace"))


def _read_stdin(stream, lang, published, max_chars) -> Iterator[Item]:
    try:
        data = stream.read()
    except UnicodeDecodeError as err:
        yield InputProblem("<stdin>", None, f"not valid UTF-8 at byte {err.start}")
        return
    if data.lstrip().startswith("{"):
        lines = ((n, line) for n, line in enumerate(data.splitlines(), start=1))
        yield from read_jsonl_lines(lines, "<stdin>", lang, published, max_chars)
    else:
        yield article_from_text(data, "<stdin>", "stdin", lang, published, max_chars)


__all__ = ["DEFAULT_MAX_CHARS", "ENDINGS", "Item", "read_inputs"]
