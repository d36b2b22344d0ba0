"""RSS and Atom feeds: every entry is one article.

The text is the entry's content (else its summary) as plain text, paragraphs separated
by blank lines; the title stays in ``title``. The id is the entry's id (RSS ``guid``),
else its link, else ``<file name>#<entry number>``; ``source`` is the feed's title.
The feed is parsed from the file's bytes: nothing is fetched.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from lagebild.errors import InputProblem
from lagebild.schema import Article
from lagebild.sources.text import check_text, read_bytes

_PARAGRAPH, _LINE = "\x1e", "\x1f"  # break marks while collecting; source newlines are spaces
_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
))  # fmt: skip
_HIDDEN = frozenset(("script", "style", "template", "noscript"))


def read_feed_file(
    path: Path, *, lang: str | None, published: date | None, max_chars: int
) -> Iterator[Article | InputProblem]:
    """Yield one article per feed entry, and a problem per entry or feed that has none."""
    source = str(path)
    raw = read_bytes(path)
    if isinstance(raw, InputProblem):
        yield raw
        return
    feed = _parse(raw)
    entries = feed.get("entries") or []
    damage = _damage(feed)
    if not entries:
        if not feed.get("version"):
            reason = "not an RSS or Atom feed" + (f" ({damage})" if damage else "")
            yield InputProblem(source, None, reason)
        elif damage:
            yield InputProblem(source, None, f"malformed feed: {damage}")
        return
    feed_title = feed.get("feed", {}).get("title") or None
    for number, entry in enumerate(entries, start=1):
        yield _entry_article(entry, source, path.stem, number, feed_title, lang, published,
                             max_chars)
    if damage:
        yield InputProblem(source, None,
                           f"malformed feed after entry {len(entries)}: {damage}")


def _parse(raw: bytes):
    """feedparser's result for the bytes, given as a stream so that it never takes them
    for a URL or a file name to open."""
    import feedparser

    return feedparser.parse(io.BytesIO(raw), sanitize_html=True, resolve_relative_uris=False)


def _damage(feed) -> str | None:
    """Why the feed's XML is broken, or None; encoding mix-ups feedparser mends are not
    damage."""
    import feedparser

    err = feed.get("bozo_exception") if feed.get("bozo") else None
    if err is None or isinstance(err, feedparser.ThingsNobodyCaresAboutButMe):
        return None
    return str(err) or type(err).__name__


def _entry_article(
    entry, source: str, stem: str, number: int, feed_title: str | None,
    lang: str | None, published: date | None, max_chars: int,
) -> Article | InputProblem:
    """One feed entry as an article, or the reason it cannot be one."""
    doc_id = entry.get("id") or entry.get("link") or f"{stem}#{number}"
    text = _entry_text(entry)
    if not text:
        return InputProblem(source, number, "feed entry has no text", doc_id)
    reason = check_text(text, max_chars)
    if reason:
        return InputProblem(source, number, reason, doc_id)
    link = entry.get("link") or ""
    return Article(
        id=doc_id,
        text=text,
        lang=lang,
        published=_entry_date(entry) or published,
        title=entry.get("title") or None,
        url=link if link.startswith(("http://", "https://")) else None,
        source=feed_title,
    )


def _entry_text(entry) -> str:
    """The entry's first non-empty content, else its summary, as plain text."""
    details = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    detail = details[0] if details else entry.get("summary_detail")
    if not detail:
        return (entry.get("summary") or "").strip()
    value = detail.get("value") or ""
    return html_to_text(value) if "html" in (detail.get("type") or "html") else value.strip()


def _entry_date(entry) -> date | None:
    """The day the entry was published (else updated), in the feed's own time zone.

    feedparser's ``*_parsed`` times are in UTC, which moves an entry published at
    00:30 CET to the day before; the date as written is read first for that reason.
    """
    for key in ("published", "updated"):
        day = _written_date(entry.get(key))
        if day is None and entry.get(f"{key}_parsed"):
            day = date(*entry.get(f"{key}_parsed")[:3])
        if day is not None:
            return day
    return None


def _written_date(value: Any) -> date | None:
    """The day of an RFC 822 (RSS) or ISO 8601 (Atom) date string, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: one blank line between paragraphs (block elements),
    a line break for ``<br>``, runs of spaces and source line breaks as one space."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    paragraphs = []
    for block in "".join(collector.parts).split(_PARAGRAPH):
        lines = (" ".join(line.split()) for line in block.split(_LINE))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment with marks where paragraphs and lines break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append(_LINE)
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)
