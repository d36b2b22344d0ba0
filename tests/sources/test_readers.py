"""Readers turn every input into an Article or a located InputProblem; nothing is lost."""

from __future__ import annotations

import io
import json
from datetime import date

from lagebild.errors import InputProblem
from lagebild.schema import Article
from lagebild.sources import read_inputs


def _read(paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def test_text_file_is_one_article_named_after_the_file(tmp_path):
    p = tmp_path / "berlin.txt"
    p.write_text("Die Regierung in Berlin hat am Montag getagt.", encoding="utf-8")
    [item] = _read([p], published=date(2024, 1, 2))
    assert isinstance(item, Article)
    assert item.id == "berlin" and item.published == date(2024, 1, 2)


def test_jsonl_keeps_fields_and_ignores_unknown_ones(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"id": "x1", "text": "Text.", "lang": "de",
                             "published": "2023-08-30T10:00:00", "events": [1, 2],
                             "title": "T"}) + "\n", encoding="utf-8")
    [item] = _read([p])
    assert item.id == "x1" and item.lang == "de" and item.title == "T"
    assert item.published == date(2023, 8, 30)


def test_broken_json_line_is_reported_with_line_number_and_rest_goes_on(tmp_path):
    p = tmp_path / "b.jsonl"
    p.write_text('{"id": "1", "text": "Eins."}\n{"id": 2, "text": \n{"id": "3", "text": "Drei."}\n',
                 encoding="utf-8")
    items = _read([p])
    assert [type(i).__name__ for i in items] == ["Article", "InputProblem", "Article"]
    assert items[1].line == 2 and "broken JSON" in items[1].reason
    assert items[1].location() == f"{p}:2"


def test_line_without_text_and_empty_text_are_reported(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text('{"id": "1"}\n{"id": "2", "text": "   "}\n{"id": "3", "text": 5}\n',
                 encoding="utf-8")
    reasons = [i.reason for i in _read([p])]
    assert reasons == ["no 'text' field", "empty text", "'text' must be a string, got int"]


def test_text_over_the_size_limit_is_skipped(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("x" * 50, encoding="utf-8")
    [item] = _read([p], max_chars=10)
    assert isinstance(item, InputProblem) and "exceeds the limit of 10" in item.reason


def test_undecodable_file_and_line_are_reported(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Caf\xe9 ist zu.")
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(b'{"id": "1", "text": "gut"}\n{"id": "2", "text": "\xff"}\n')
    items = _read([bad, mixed])
    assert isinstance(items[0], InputProblem) and "UTF-8" in items[0].reason
    assert isinstance(items[1], Article)
    assert isinstance(items[2], InputProblem) and items[2].line == 2


def test_bad_date_is_reported_not_fatal(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text('{"id": "1", "text": "Eins.", "published": "gestern"}\n', encoding="utf-8")
    [item] = _read([p])
    assert isinstance(item, InputProblem) and "published" in item.reason


def test_missing_file_and_unknown_ending(tmp_path):
    odd = tmp_path / "x.pdf"
    odd.write_text("x")
    items = _read([tmp_path / "nope.txt", odd])
    assert [i.reason for i in items] == ["no such file", "unknown input type '.pdf': use .txt, "
                                         ".jsonl, .html, .htm, .rss, .atom, .xml, .warc, "
                                         ".warc.gz or .parquet"]


def test_stdin_plain_text_and_jsonl():
    [art] = list(read_inputs(["-"], stdin=io.StringIO("Ein Text.")))
    assert art.id == "stdin" and art.text == "Ein Text."
    items = list(read_inputs(["-"], stdin=io.StringIO('{"id": "a", "text": "A."}\n{"id": "b"}\n')))
    assert isinstance(items[0], Article) and items[1].source == "<stdin>"
