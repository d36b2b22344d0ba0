"""`lagebild lexicon check` passes on the shipped lexicon and names the line of each
kind of problem in a broken one."""

from __future__ import annotations

from lagebild.lexicon.check import check_files

PEOPLE = "id\tname\tcountry\tsector\trole\tstart\tend\tde\ten\n"
VERBS = "id\tlemma\tparticle\ttype\tmode\tsource\ttarget\tflags\tforms\tnote\n"


def problems_of(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return [(x.line, x.kind) for x in check_files([p])]


def test_shipped_lexicon_is_clean():
    problems = check_files()
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_malformed_line_is_reported_with_its_number(tmp_path):
    text = PEOPLE + "# a comment\nQ1\tA\tRUS\tGOV\tpresident\t2020-01-01\n"
    assert problems_of(tmp_path, "p.tsv", text) == [(3, "malformed")]


def test_bad_date_and_reversed_term_are_malformed(tmp_path):
    text = (PEOPLE + "Q1\tA\tRUS\tGOV\tpresident\t2020-13-01\t\tA\tA\n"
            "Q2\tB\tRUS\tGOV\tpresident\t2020-01-01\t2019-01-01\tB\tB\n")
    assert problems_of(tmp_path, "p.tsv", text) == [(2, "malformed"), (3, "malformed")]


def test_unknown_country_sector_and_type_are_reported(tmp_path):
    people = PEOPLE + "Q1\tA\tXYZ\tGOV\tpresident\t2020-01-01\t\tA\tA\n" \
                      "Q2\tB\tRUS\tBOSS\tpresident\t2020-01-01\t\tB\tB\n"
    assert problems_of(tmp_path, "p.tsv", people) == [(2, "unknown-code"), (3, "unknown-code")]
    verbs = VERBS + "de.v.x\tx\t\tBLAME\t\tsubj\tacc\t\t\t\n" \
                    "de.v.y\ty\t\tACCUSE\t\tsubj\twhom\tfast\t\t\n"
    found = problems_of(tmp_path, "verbs.de.tsv", verbs)
    assert found == [(2, "unknown-code"), (3, "unknown-code"), (3, "unknown-code")]


def test_duplicate_and_overlapping_terms(tmp_path):
    text = (PEOPLE + "Q1\tA\tRUS\tGOV\tpresident\t2012-05-07\t2018-05-07\tA\tA\n"
            "Q1\tA\tRUS\tGOV\tpresident\t2018-01-01\t\tA\tA\n"
            "Q1\tA\tRUS\tGOV\tpresident\t2018-01-01\t\tA\tA\n")
    found = problems_of(tmp_path, "p.tsv", text)
    assert (4, "duplicate") in found
    assert (3, "overlap") in found


def test_unknown_header_names_the_file_and_line(tmp_path):
    assert problems_of(tmp_path, "x.tsv", "# note\nfoo\tbar\n") == [(2, "malformed")]
