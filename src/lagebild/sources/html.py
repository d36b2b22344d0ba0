"""HTML pages: one file is one article, its main text found by trafilatura.

The id is the file name without ending. Title, url, publisher (``source``) and date come
from the page's own metadata where it has them. Navigation, footers and reader comments
are left out. :func:`article_from_html` is shared with the WARC reader.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from lagebild.errors import InputProblem
from lagebild.schema import Article
from lagebild.sources.text import check_text, read_bytes


def read_html_file(
    path: Path, *, lang: str | None, published: date | None, max_chars: int
) -> Article | InputProblem:
    """Read one HTML page as an article, or say why it cannot be one."""
    raw = read_bytes(path)
    if isinstance(raw, InputProblem):
        return raw
    return article_from_html(raw, source=str(path), line=None, doc_id=path.stem,
                             where="the HTML", lang=lang, published=published,
                             max_chars=max_chars)


def article_from_html(
    html: bytes | str,
    *,
    source: str,
    line: int | None,
    doc_id: str,
    where: str,
    lang: str | None,
    published: date | None,
    max_chars: int,
    url: str | None = None,
    fallback_date: date | None = None,
) -> Article | InputProblem:
    """Extract a page's main text and metadata and wrap them as an article.

    Args:
        html: the page; bytes are decoded by trafilatura, which guesses the encoding.
        source: the input to name in a problem (a file path).
        line: the record number to name in a problem, or None for a whole file.
        doc_id: the article id.
        where: how a problem names the page ("the HTML", or its address).
        lang: language code for the article (None: detected later).
        published: date to use when neither the page nor ``fallback_date`` gives one.
        max_chars: texts longer than this are reported and skipped.
        url: the page's address when known (a WARC record's target); else the page's own.
        fallback_date: date to use when the page metadata gives none (a WARC capture date).
    Returns:
        An :class:`Article`, or an :class:`InputProblem` saying why there is none.
    """
    try:
        page = _extract(html, url)
    except Exception as err:  # noqa: BLE001 - lxml and trafilatura fail in many ways on
        # broken pages; one page must not stop the batch
        return InputProblem(source, line, f"cannot read {where}: {err}")
    text = (page.text or "").strip() if page is not None else ""
    if not text:
        return InputProblem(source, line, f"no article text found in {where}")
    reason = check_text(text, max_chars)
    if reason:
        return InputProblem(source, line, reason)
    return Article(
        id=doc_id,
        text=text,
        lang=lang,
        published=_page_date(page.date) or fallback_date or published,
        title=page.title or None,
        url=url or page.url or None,
        source=page.sitename or None,
    )


def _extract(html: bytes | str, url: str | None):
    """trafilatura's document (text and metadata) for a page, or None when it finds no text.

    Only the given markup is read: nothing is fetched, and ``url`` just names the page.
    A fragment (``<p>...</p>`` with no ``<html>``), which trafilatura takes for something
    other than HTML, is read again wrapped in a page.
    """
    import trafilatura  # slow to import; only HTML and WARC inputs need it

    page = trafilatura.bare_extraction(html, url=url, include_comments=False,
                                       with_metadata=True)
    if page is None and _is_fragment(html):
        page = trafilatura.bare_extraction(_wrapped(html), url=url, include_comments=False,
                                           with_metadata=True)
    return page


def _is_fragment(html: bytes | str) -> bool:
    """True for markup that does not start as a page (trafilatura looks at 50 characters)
    but has tags and no NUL bytes, so that binary files are not read as text."""
    if isinstance(html, bytes):
        html = html[:4096].decode("latin-1")
    head = html[:4096]
    return ("html" not in head[:50].lower() and "\0" not in head
            and re.search(r"<[A-Za-z]", head) is not None)


def _wrapped(html: bytes | str) -> bytes | str:
    """The fragment as the body of a page."""
    if isinstance(html, bytes):
        return b"<html><body>" + html + b"</body></html>"
    return f"<html><body>{html}</body></html>"


def _page_date(value: str | None) -> date | None:
    """The day of a page's metadata date (``YYYY-MM-DD...``), or None when it has none."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
