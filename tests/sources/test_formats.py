"""HTML pages, RSS/Atom feeds, WARC archives and Parquet tables become articles; every bad
input becomes a located InputProblem and the good items beside it still come through.

Every fixture is written here; nothing touches the network (a guard below fails the test
if anything tries).
"""

from __future__ import annotations

import gzip
import io
import socket
from datetime import UTC, date, datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from lagebild.errors import InputProblem
from lagebild.schema import Article
from lagebild.sources import parquet as parquet_source
from lagebild.sources import read_inputs

SENTENCE = "Die Regierung in Berlin verhängte am Montag Sanktionen gegen Russland."
SECOND = "Der Kanzler sagte, man werde den Druck auf Moskau weiter erhöhen."

PAGE = f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Sanktionen gegen Russland | Tagesblatt</title>
<meta property="og:title" content="Sanktionen gegen Russland">
<meta property="og:site_name" content="Tagesblatt">
<meta property="og:url" content="https://tagesblatt.example/politik/sanktionen">
<meta property="article:published_time" content="2024-03-11T08:00:00+01:00">
</head><body>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<article><h1>Sanktionen gegen Russland</h1>
<p>{SENTENCE}</p>
<p>{SECOND}</p></article>
<footer>Impressum · Datenschutz</footer>
</body></html>"""

UNDATED_PAGE = f"""<html><head><meta charset="utf-8"><title>Neue Sanktionen</title></head>
<body><article><p>{SENTENCE}</p><p>{SECOND}</p></article></body></html>"""

EMPTY_PAGE = "<html><head><title>Leer</title></head><body><img src='bild.png'></body></html>"

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Tagesblatt Politik</title>
<link>https://tagesblatt.example/</link><description>Nachrichten</description>
<item><title>Sanktionen</title><link>https://tagesblatt.example/a</link>
<guid isPermaLink="false">tb-1</guid><pubDate>Mon, 11 Mar 2024 00:30:00 +0100</pubDate>
<description>&lt;p&gt;{SENTENCE}&lt;/p&gt;&lt;p&gt;{SECOND}&lt;br/&gt;Mehr dazu
  später &amp;amp; morgen.&lt;/p&gt;</description></item>
<item><title>Nur ein Titel</title><link>https://tagesblatt.example/b</link>
<description></description></item>
<item><title>Ohne Kennung</title><description>Die EU beriet in Brüssel.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atomblatt</title>
<id>tag:atomblatt.example,2024:feed</id><updated>2024-03-12T23:30:00-02:00</updated>
<entry><id>tag:atomblatt.example,2024:1</id><title>Kurz</title>
<link rel="alternate" href="https://atomblatt.example/1"/>
<updated>2024-03-12T23:30:00-02:00</updated>
<summary>Zusammenfassung</summary>
<content type="html">&lt;div&gt;&lt;p&gt;{SENTENCE}&lt;/p&gt;&lt;/div&gt;</content></entry>
<entry><id>tag:atomblatt.example,2024:2</id><title>Nur Zusammenfassung</title>
<published>2024-03-10T09:00:00Z</published><summary type="text">{SECOND}</summary></entry>
</feed>"""


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail loudly if a reader (or the libraries under it) tries to go online."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _read(paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def _split(items):
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, InputProblem)]
    return articles, problems


# --- HTML ---------------------------------------------------------------------------


def test_html_page_gives_main_text_and_page_metadata(tmp_path):
    p = tmp_path / "sanktionen.html"
    p.write_text(PAGE, encoding="utf-8")
    [art] = _read([p], lang="de", published=date(2020, 1, 1))
    assert isinstance(art, Article)
    assert art.id == "sanktionen" and art.lang == "de"
    assert SENTENCE in art.text and SECOND in art.text
    assert "Impressum" not in art.text and "Startseite" not in art.text
    assert art.title == "Sanktionen gegen Russland"
    assert art.url == "https://tagesblatt.example/politik/sanktionen"
    assert art.source == "Tagesblatt"
    assert art.published == date(2024, 3, 11)  # the page's date beats the default


def test_html_page_without_date_takes_the_default(tmp_path):
    p = tmp_path / "ohne-datum.htm"
    p.write_text(UNDATED_PAGE, encoding="utf-8")
    [art] = _read([p], published=date(2024, 5, 6))
    assert art.published == date(2024, 5, 6) and art.lang is None
    assert SENTENCE in art.text


def test_html_without_text_is_reported_and_the_batch_goes_on(tmp_path):
    empty, good = tmp_path / "leer.html", tmp_path / "gut.html"
    empty.write_text(EMPTY_PAGE, encoding="utf-8")
    good.write_text(PAGE, encoding="utf-8")
    problem, art = _read([empty, good])
    assert isinstance(problem, InputProblem) and problem.source == str(empty)
    assert problem.line is None and problem.reason == "no article text found in the HTML"
    assert isinstance(art, Article) and art.id == "gut"


def test_html_fragment_is_read_as_a_page(tmp_path):
    p = tmp_path / "ausschnitt.html"
    p.write_text(f"<p>{SENTENCE}</p>", encoding="utf-8")
    [art] = _read([p])
    assert isinstance(art, Article) and art.text == SENTENCE


def test_html_in_another_encoding_or_binary_does_not_crash(tmp_path):
    latin = tmp_path / "latin.html"
    latin.write_bytes(UNDATED_PAGE.replace("utf-8", "iso-8859-1").encode("latin-1"))
    binary = tmp_path / "binaer.html"
    binary.write_bytes(b"\xff\xfe\x00\x81\x8d\x8f\x90\x9d garbage \x00\x00")
    art, problem = _read([latin, binary])
    assert isinstance(art, Article) and "verhängte" in art.text and "erhöhen" in art.text
    assert isinstance(problem, InputProblem) and problem.source == str(binary)
    assert "no article text found" in problem.reason


def test_html_over_the_size_limit_is_skipped(tmp_path):
    p = tmp_path / "lang.html"
    p.write_text(PAGE, encoding="utf-8")
    [problem] = _read([p], max_chars=20)
    assert isinstance(problem, InputProblem) and "exceeds the limit of 20" in problem.reason


# --- RSS and Atom ---------------------------------------------------------------------


def test_rss_entries_become_articles_and_an_empty_entry_is_reported(tmp_path):
    p = tmp_path / "politik.rss"
    p.write_text(RSS, encoding="utf-8")
    first, empty, third = _read([p], lang="de", published=date(2024, 1, 1))
    assert isinstance(first, Article)
    assert first.id == "tb-1" and first.url == "https://tagesblatt.example/a"
    assert first.title == "Sanktionen" and first.source == "Tagesblatt Politik"
    assert first.text == f"{SENTENCE}\n\n{SECOND}\nMehr dazu später & morgen."
    assert first.published == date(2024, 3, 11)  # as written, not the UTC day before
    assert first.lang == "de"
    assert isinstance(empty, InputProblem) and empty.source == str(p)
    assert empty.line == 2 and empty.reason == "feed entry has no text"
    assert isinstance(third, Article)
    assert third.id == "politik#3" and third.url is None
    assert third.published == date(2024, 1, 1) and third.text == "Die EU beriet in Brüssel."


def test_atom_entries_take_content_else_summary(tmp_path):
    p = tmp_path / "atom.atom"
    p.write_text(ATOM, encoding="utf-8")
    first, second = _read([p])
    assert first.id == "tag:atomblatt.example,2024:1" and first.text == SENTENCE
    assert first.url == "https://atomblatt.example/1" and first.source == "Atomblatt"
    assert first.published == date(2024, 3, 12) and first.title == "Kurz"
    assert second.text == SECOND and second.published == date(2024, 3, 10)
    assert second.url is None  # an Atom id is not an address


def test_xml_is_read_only_when_it_is_a_feed(tmp_path):
    feed, sitemap = tmp_path / "feed.xml", tmp_path / "sitemap.xml"
    feed.write_text(ATOM, encoding="utf-8")
    sitemap.write_text('<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc>'
                       "</url></urlset>", encoding="utf-8")
    articles, problems = _split(_read([feed, sitemap]))
    assert len(articles) == 2
    [problem] = problems
    assert problem.source == str(sitemap) and problem.reason == "not an RSS or Atom feed"


def test_a_feed_file_holding_an_address_is_not_fetched(tmp_path):
    p = tmp_path / "link.rss"
    p.write_text("https://tagesblatt.example/feed.rss", encoding="utf-8")
    [problem] = _read([p])
    assert isinstance(problem, InputProblem) and problem.reason.startswith(
        "not an RSS or Atom feed")


def test_malformed_feed_is_one_problem_and_a_cut_feed_keeps_its_entries(tmp_path):
    broken, cut = tmp_path / "kaputt.rss", tmp_path / "abgeschnitten.rss"
    broken.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Kaputt</ti',
                      encoding="utf-8")
    cut.write_text(RSS[:RSS.index("<item><title>Nur")] + "<item><ti", encoding="utf-8")
    items = _read([broken, cut])
    assert isinstance(items[0], InputProblem) and items[0].source == str(broken)
    assert items[0].reason.startswith("malformed feed: ") and items[0].line is None
    assert isinstance(items[1], Article) and items[1].id == "tb-1"
    assert isinstance(items[-1], InputProblem) and items[-1].source == str(cut)
    assert items[-1].reason.startswith("malformed feed after entry ")


def test_feed_entry_over_the_size_limit_is_skipped(tmp_path):
    p = tmp_path / "politik.rss"
    p.write_text(RSS, encoding="utf-8")
    items = _read([p], max_chars=40)
    long_entry = items[0]
    assert isinstance(long_entry, InputProblem) and long_entry.line == 1
    assert "exceeds the limit of 40" in long_entry.reason
    assert isinstance(items[2], Article)  # the short third entry still comes through


# --- WARC -----------------------------------------------------------------------------


def _warc(gz: bool) -> bytes:
    """warcinfo, an HTML page, an image, an HTML page without text, a redirect."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "pytest"}))
    responses = [
        ("https://tagesblatt.example/a", "200 OK", "text/html; charset=utf-8",
         UNDATED_PAGE.encode()),
        ("https://tagesblatt.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://tagesblatt.example/leer", "200 OK", "text/html", EMPTY_PAGE.encode()),
        ("https://tagesblatt.example/alt", "301 Moved Permanently", "text/html",
         b"<html><body><p>Moved</p></body></html>"),
    ]
    for uri, status, content_type, body in responses:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-03-11T10:00:00Z"}))
    return buf.getvalue()


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_pages_become_articles_others_are_skipped(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(_warc(gz=name.endswith(".gz")))
    art, problem = _read([p], lang="de", published=date(2020, 1, 1))
    assert isinstance(art, Article)
    assert art.id == art.url == "https://tagesblatt.example/a"
    assert SENTENCE in art.text and art.lang == "de" and art.title == "Neue Sanktionen"
    assert art.published == date(2024, 3, 11)  # the capture date beats the default
    assert isinstance(problem, InputProblem) and problem.source == str(p)
    assert problem.line == 4  # warcinfo, page, image, empty page: the fourth record
    assert problem.reason == "no article text found in https://tagesblatt.example/leer"


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_truncated_warc_keeps_the_pages_before_the_damage(tmp_path, name):
    data = _warc(gz=name.endswith(".gz"))
    p = tmp_path / name
    p.write_bytes(data[:len(data) - 60])  # into the last record
    items = _read([p])
    articles, problems = _split(items)
    assert [a.id for a in articles] == ["https://tagesblatt.example/a"]
    assert isinstance(items[-1], InputProblem) and items[-1].source == str(p)
    assert items[-1].line == 5 and "damaged WARC file at record 5" in items[-1].reason
    assert "cut short" in items[-1].reason


def test_files_that_are_not_warc_are_reported(tmp_path):
    text, empty, gz = tmp_path / "notiz.warc", tmp_path / "leer.warc", tmp_path / "x.warc.gz"
    text.write_text("Das ist kein Archiv.\n", encoding="utf-8")
    empty.write_bytes(b"")
    gz.write_bytes(gzip.compress(b"Auch kein Archiv.\n"))
    reasons = [(i.source, i.reason) for i in _read([text, empty, gz])]
    assert reasons[0][0] == str(text) and reasons[0][1].startswith("not a WARC file: ")
    assert reasons[1] == (str(empty), "not a WARC file: it is empty")
    assert reasons[2][0] == str(gz) and reasons[2][1].startswith("not a WARC file: ")


# --- Parquet --------------------------------------------------------------------------


def _parquet(path, rows: dict, schema: pa.Schema | None = None) -> None:
    pq.write_table(pa.table(rows, schema=schema), path)


def test_parquet_rows_become_articles_and_bad_rows_are_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(parquet_source, "BATCH_ROWS", 2)  # row numbers run across batches
    p = tmp_path / "artikel.parquet"
    schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("lang", pa.string()),
                        ("published", pa.timestamp("s", tz="UTC")), ("title", pa.string()),
                        ("extra", pa.int64())])
    _parquet(p, {
        "id": ["p1", None, "p3", "p4", "p5"],
        "text": [SENTENCE, SECOND, None, "x" * 500, "   "],
        "lang": ["de", None, "de", "de", "de"],
        "published": [datetime(2024, 3, 11, 9, tzinfo=UTC), None, None, None, None],
        "title": ["Sanktionen", None, None, None, None],
        "extra": [1, 2, 3, 4, 5],
    }, schema)
    items = _read([p], lang="en", published=date(2024, 1, 1), max_chars=200)
    first, second, null, long, blank = items
    assert first.id == "p1" and first.lang == "de" and first.title == "Sanktionen"
    assert first.published == date(2024, 3, 11)
    assert second.id == "artikel:2" and second.lang == "en"
    assert second.published == date(2024, 1, 1)
    for problem, line in ((null, 3), (long, 4), (blank, 5)):
        assert isinstance(problem, InputProblem) and problem.source == str(p)
        assert problem.line == line
    assert null.reason == "'text' is null" and "p3" in null.record
    assert "exceeds the limit of 200" in long.reason
    assert blank.reason == "empty text"


def test_parquet_dates_as_date_or_string(tmp_path):
    p = tmp_path / "daten.parquet"
    _parquet(p, {"text": [SENTENCE, SECOND], "published": ["2024-03-11T08:00:00", "morgen"]})
    q = tmp_path / "tage.parquet"
    _parquet(q, {"text": [SENTENCE], "published": [date(2024, 3, 12)]})
    good, bad, day = _read([p, q])
    assert good.published == date(2024, 3, 11) and good.id == "daten:1"
    assert isinstance(bad, InputProblem) and bad.line == 2 and "published" in bad.reason
    assert day.published == date(2024, 3, 12)


def test_parquet_without_text_column_or_not_parquet(tmp_path):
    no_text, fake = tmp_path / "ohne.parquet", tmp_path / "falsch.parquet"
    _parquet(no_text, {"id": ["a"], "body": [SENTENCE]})
    fake.write_text("Das ist keine Tabelle.", encoding="utf-8")
    first, second = _read([no_text, fake])
    assert first.source == str(no_text) and first.line is None
    assert first.reason == "Parquet file has no 'text' column (columns: id, body)"
    assert second.source == str(fake) and second.reason.startswith("not a Parquet file: ")


def test_gz_that_is_not_a_warc_is_an_unknown_type(tmp_path):
    p = tmp_path / "daten.json.gz"
    p.write_bytes(gzip.compress(b"{}"))
    [problem] = _read([p])
    assert problem.reason.startswith("unknown input type '.gz': use .txt, .jsonl, .html")


# --- the command line -----------------------------------------------------------------


def test_code_reads_an_html_page(tmp_path):
    from lagebild.cli import app

    p = tmp_path / "seite.html"
    p.write_text(f"<html><body><article><p>{SENTENCE}</p></article></body></html>",
                 encoding="utf-8")
    result = CliRunner().invoke(app, ["code", "--lang", "de", str(p)])
    assert result.exit_code == 0, result.output
    assert '"doc_id":"seite"' in result.stdout and '"type":"SANCTION"' in result.stdout
