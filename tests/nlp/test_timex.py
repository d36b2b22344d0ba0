"""Time expressions resolve against the publication date, with their precision."""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.nlp.timex import find_times

PUB = date(2024, 3, 14)  # a Thursday


def resolve(text: str, lang: str = "de", pub: date | None = PUB):
    found = find_times(text, lang, pub)
    assert found, f"no time expression in {text!r}"
    _, _, value, precision, end_value, _ = found[0]
    return value, precision, end_value


@pytest.mark.parametrize("text,value,precision", [
    ("Das Treffen fand am 12. August 2023 statt.", "2023-08-12", "day"),
    ("Er kam am 12.08.2023 an.", "2023-08-12", "day"),
    ("Die Wahl im Jahr 2022 war knapp.", "2022", "year"),
    ("Heute tagt der Rat.", "2024-03-14", "day"),
    ("Gestern sprach der Minister.", "2024-03-13", "day"),
    ("Am Montag reiste sie ab.", "2024-03-11", "day"),
    ("Am Donnerstag reiste sie ab.", "2024-03-14", "day"),
    ("Im vergangenen Monat wuchs die Zahl.", "2024-02", "month"),
    ("Anfang dieses Monats begann es.", "2024-03", "month"),
    ("Ende letzten Jahres lieferte das Land Waffen.", "2023", "year"),
    ("Im November traf er ihn.", "2023-11", "month"),
    ("Im Februar traf er ihn.", "2024-02", "month"),
])
def test_german_expressions(text, value, precision):
    assert resolve(text)[:2] == (value, precision)


def test_german_weeks_and_coming_months_are_ranges():
    assert resolve("Vergangene Woche gab es Gespräche.") == ("2024-03-04", "range", "2024-03-10")
    assert resolve("In den kommenden Monaten soll es weitergehen.") == (
        "2024-03-14", "range", "2024-06-30")


@pytest.mark.parametrize("text,value,precision", [
    ("Talks resumed on August 12, 2023.", "2023-08-12", "day"),
    ("He arrived on Wednesday.", "2024-03-13", "day"),
    ("Earlier this month, the ministry said.", "2024-03", "month"),
    ("Late last year the group attacked.", "2023", "year"),
    ("Last week, officials met.", "2024-03-04", "range"),
    ("She spoke yesterday.", "2024-03-13", "day"),
])
def test_english_expressions(text, value, precision):
    assert resolve(text, "en")[:2] == (value, precision)


def test_relative_dates_stay_open_without_publication_date():
    assert resolve("Gestern sprach der Minister.", pub=None) == (None, None, None)
    assert resolve("Am 12. August 2023 kam er.", pub=None)[:2] == ("2023-08-12", "day")


def test_morning_is_not_tomorrow():
    assert find_times("Am Morgen kam er.", "de", PUB) == []


def test_impossible_date_is_not_a_date():
    assert find_times("am 31.02.2023", "de", PUB) == []


FILLER = "Die Gespräche in der Hauptstadt dauerten bis in den Abend, sagte ein Sprecher. "


@pytest.mark.parametrize("lang,parts", [
    ("de", ["Am 12. August 2023 begann es.", "Im vergangenen Jahr 2020 nicht.",
            "Gestern und am Montag tagte der Rat.", "Er kam am 3.4.2021 an, Ende 2019 ging er.",
            "In İstanbul sagte Kılıç heute, im Mai 2022 sei es anders gewesen."]),
    ("en", ["Talks resumed on August 12, 2023.", "Last week and on Friday officials met.",
            "In March 2021 the group attacked; since 2019 it has grown.",
            "Today in İstanbul the minister said next year would differ."]),
])
def test_rules_tried_near_their_words_find_what_the_whole_text_gives(lang, parts, monkeypatch):
    # the expressions far apart and near the ends of the stretches the rules are tried on
    for n in (0, 1, 2, 3, 7):
        text = (FILLER * n).join(parts) + (FILLER * n)
        near = find_times(text, lang, PUB)
        with monkeypatch.context() as m:
            m.setattr("lagebild.nlp.timex._regions", lambda *args: None)
            whole = find_times(text, lang, PUB)
        assert near == whole and len(whole) >= len(parts)
