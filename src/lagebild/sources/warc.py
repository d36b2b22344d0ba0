"""WARC web archives (``.warc``, ``.warc.gz``): every archived HTML page is one article.

Only ``response`` records of successful fetches (HTTP 2xx) with an HTML content type are
read; other records (requests, metadata, images, redirects) are skipped without a word.
The page text and metadata come from :func:`~lagebild.sources.html.article_from_html`;
the id and url are the record's target URI, and the capture date stands in for a page
without a date. Problems name the record by its number in the file (1-based, counting
every record).
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from lagebild.errors import InputProblem
from lagebild.schema import Article
from lagebild.sources.html import article_from_html

if TYPE_CHECKING:
    from warcio.statusandheaders import StatusAndHeaders

HTML_TYPES = ("text/html", "application/xhtml+xml")


class DamagedArchive(OSError):
    """The archive ends early or cannot be read past this point."""


def read_warc_file(
    path: Path, *, lang: str | None, published: date | None, max_chars: int
) -> Iterator[Article | InputProblem]:
    """Yield one article per archived HTML page; stop with a problem where the file is
    damaged, keeping what was read before."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as err:
        yield InputProblem(source, None, f"cannot read: {err.strerror}")
        return
    with handle:
        yield from _read_records(handle, source, lang, published, max_chars)


def _read_records(
    handle: BinaryIO, source: str, lang: str | None, published: date | None, max_chars: int
) -> Iterator[Article | InputProblem]:
    """Turn the archive's HTML pages into articles, passing its problems on."""
    for item in _html_pages(handle, source):
        if isinstance(item, InputProblem):
            yield item
            continue
        number, headers, page = item
        uri = headers.get_header("WARC-Target-URI")
        doc_id = uri or headers.get_header("WARC-Record-ID") or f"{source}:{number}"
        yield article_from_html(page, source=source, line=number, doc_id=doc_id,
                                where=uri or f"record {number}", lang=lang,
                                published=published, max_chars=max_chars, url=uri,
                                fallback_date=_capture_date(headers.get_header("WARC-Date")))


def _html_pages(
    handle: BinaryIO, source: str
) -> Iterator[tuple[int, StatusAndHeaders, bytes] | InputProblem]:
    """Yield ``(record number, WARC headers, body)`` per HTML page; end with a problem
    where the archive cannot be read on."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    errors = (ArchiveLoadFailed, StatusAndHeadersParserException, OSError, EOFError,
              ValueError, zlib.error)
    number = 0
    try:
        records = iter(ArchiveIterator(_uncompressed(handle)))
        while True:
            number += 1
            record = next(records, None)
            if record is None:
                break
            page = _html_page(record)
            if page is not None:
                yield number, record.rec_headers, page
    except errors as err:
        yield _damage(source, number, err)
        return
    if number == 1:
        yield InputProblem(source, None, "not a WARC file: it is empty")


def _uncompressed(handle: BinaryIO):
    """The WARC records as one stream: gzip members are unpacked here, so that a file
    cut short raises :class:`DamagedArchive` instead of ending quietly."""
    if handle.read(2) != b"\x1f\x8b":
        handle.seek(0)
        return handle
    handle.seek(0)
    return _StrictGzip(gzip.GzipFile(fileobj=handle))


class _StrictGzip:
    """A gzip stream whose early end is an error warcio passes on (it takes an
    ``EOFError`` for the regular end of the archive)."""

    def __init__(self, stream: gzip.GzipFile) -> None:
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        try:
            # read1 hands over what is there before a cut, so earlier records survive
            return self.stream.read1(size) if size and size > 0 else self.stream.read()
        except EOFError as err:
            raise DamagedArchive(f"the file is cut short ({err})") from err

    def tell(self) -> int:
        return self.stream.tell()


def _html_page(record) -> bytes | None:
    """The body of a successful HTML response record, else None; the record is read to
    its end either way, and one shorter than it says is damage."""
    page = None
    if record.rec_type is None:
        raise DamagedArchive("a record without a WARC header")
    if record.rec_type == "response" and _is_html_success(record.http_headers):
        page = record.content_stream().read()
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    if record.length is not None and hasattr(raw, "tell") and raw.tell() < record.length:
        raise DamagedArchive(f"the file is cut short: the record has {raw.tell():,} of its "
                             f"{record.length:,} bytes")
    return page


def _is_html_success(http_headers) -> bool:
    """True for a 2xx HTTP response whose content type is HTML."""
    if http_headers is None:
        return False
    status = http_headers.get_statuscode() or ""
    content_type = (http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and content_type.startswith(HTML_TYPES)


def _capture_date(value: str | None) -> date | None:
    """The day of a ``WARC-Date`` (``2024-03-11T10:00:00Z``), or None."""
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _damage(source: str, number: int, err: Exception) -> InputProblem:
    """The problem for an archive that cannot be read from record ``number`` on."""
    detail = str(err) or type(err).__name__
    if number == 1 and not isinstance(err, DamagedArchive):
        return InputProblem(source, None, f"not a WARC file: {detail}")
    return InputProblem(source, number, f"damaged WARC file at record {number}: {detail}")
