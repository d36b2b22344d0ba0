"""Plain-text articles: one file is one article, its id the file name without ending."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lagebild.errors import InputProblem
from lagebild.schema import Article


def read_text_file(
    path: Path, *, lang: str | None, published: date | None, max_chars: int
) -> Article | InputProblem:
    """Read one UTF-8 text file as an article, or say why it cannot be one."""
    raw = read_bytes(path)
    if isinstance(raw, InputProblem):
        return raw
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return InputProblem(str(path), None, f"not valid UTF-8 at byte {err.start}")
    return article_from_text(text, str(path), path.stem, lang, published, max_chars)


def read_bytes(path: Path) -> bytes | InputProblem:
    """A file's bytes, or the problem that names it and why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as err:
        return InputProblem(str(path), None, f"cannot read: {err.strerror}")


def article_from_text(
    text: str, source: str, doc_id: str, lang: str | None, published: date | None, max_chars: int
) -> Article | InputProblem:
    """Check a text's size and emptiness and wrap it as an article."""
    problem = check_text(text, max_chars)
    if problem:
        return InputProblem(source, None, problem)
    return Article(id=doc_id, text=text, lang=lang, published=published)


def check_text(text: str, max_chars: int) -> str | None:
    """Return why a text cannot be coded (empty, too long), or None when it can."""
    if not text.strip():
        return "empty text"
    if len(text) > max_chars:
        return f"text of {len(text):,} characters exceeds the limit of {max_chars:,} (--max-chars)"
    return None
