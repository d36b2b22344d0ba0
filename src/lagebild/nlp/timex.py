"""Resolving time expressions against a publication date: pure functions, no spaCy.

Each rule is a regular expression with a resolver; ``find_times(text, lang, published)``
returns ``(start, end, value, precision, end_value, rule)`` tuples. Without a publication
date, relative expressions stay unresolved (value None): never guessed.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta

from lagebild.nlp.grammar import MONTHS, WEEKDAYS

Resolved = tuple[str | None, str | None, str | None]  # value, precision, end_value


def _month_words(lang: str) -> list[str]:
    """Month names and their abbreviations, lowercase."""
    return MONTHS[lang] + (["jänner", "sept", "okt", "dez", "feb", "jan", "aug"]
                           if lang == "de" else ["jan", "feb", "mar", "apr", "jun", "jul",
                                                 "aug", "sep", "sept", "oct", "nov", "dec"])


def _month_names(lang: str) -> str:
    """The month names as one case-insensitive alternative, longest first, grouped by their
    first letter: the regex engine skips a group whose first letter (matched as a plain
    character class, which it tests quickly) is not there, instead of trying each name."""
    groups: dict[str, list[str]] = {}
    for name in sorted(_month_words(lang), key=len, reverse=True):
        groups.setdefault(name[0], []).append(name[1:])
    return "(?i:" + "|".join(
        f"(?-i:[{first}{first.upper()}{IGNORECASE_EXTRA.get(first, '')}])(?:{'|'.join(rests)})"
        for first, rests in groups.items()) + ")"


# letters that re.IGNORECASE matches to an ASCII letter besides its two cases
IGNORECASE_EXTRA = {"s": "\u017f", "k": "\u212a", "i": "\u0131\u0130"}  # ſ, Kelvin sign, ı, İ


def month_number(word: str, lang: str) -> int:
    w = word.lower().rstrip(".")
    if lang == "de" and w == "jänner":
        return 1
    for i, name in enumerate(MONTHS[lang], start=1):
        if name.startswith(w[:3]) and (w == name or len(w) <= 4):
            return i
    raise ValueError(word)


def shift_month(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    return date(day.year + y, m + 1, 1)


def month_str(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def last_weekday(pub: date, weekday: int) -> date:
    """The most recent ``weekday`` (0 = Monday) on or before ``pub``."""
    return pub - timedelta(days=(pub.weekday() - weekday) % 7)


def recent_month(pub: date, month: int) -> date:
    """A month named without a year: this year's, unless that lies after ``pub``."""
    year = pub.year if month <= pub.month else pub.year - 1
    return date(year, month, 1)


def _week_range(monday: date) -> Resolved:
    return monday.isoformat(), "range", (monday + timedelta(days=6)).isoformat()


# A rule: its id, its pattern, its resolver, and groups of words (lowercase) such that every
# match holds a word of each group: a rule is not run on a text that lacks all of a group.
Rule = tuple[str, re.Pattern, Callable[[re.Match, date | None], Resolved],
             tuple[tuple[str, ...], ...]]
YEARS = ("19", "20")  # every year the rules read is (?:19|20)\d\d


def _rules(lang: str) -> list[Rule]:
    mon = _month_names(lang)
    months = tuple(_month_words(lang))
    days = tuple(WEEKDAYS[lang])
    rules: list[tuple[str, str, Callable, tuple[tuple[str, ...], ...]]] = []

    def absolute_day(m, pub):
        d = date(int(m["y"]), month_number(m["m"], lang), int(m["d"]))
        return d.isoformat(), "day", None

    def day_no_year(m, pub):
        if pub is None:
            return None, None, None
        month = month_number(m["m"], lang)
        base = recent_month(pub, month)
        return date(base.year, month, int(m["d"])).isoformat(), "day", None

    def month_year(m, pub):
        return f"{int(m['y']):04d}-{month_number(m['m'], lang):02d}", "month", None

    def month_only(m, pub):
        if pub is None:
            return None, None, None
        return month_str(recent_month(pub, month_number(m["m"], lang))), "month", None

    def numeric(m, pub):
        return date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat(), "day", None

    def year(m, pub):
        return m["y"], "year", None

    def rel_day(offset):
        def f(m, pub):
            return ((pub + timedelta(days=offset)).isoformat(), "day", None) if pub else (
                None, None, None)
        return f

    def weekday(m, pub):
        if pub is None:
            return None, None, None
        names = WEEKDAYS[lang]
        wd = next(i for i, n in enumerate(names) if m["w"].lower().startswith(n[:5]))
        return last_weekday(pub, wd).isoformat(), "day", None

    def rel_week(offset):
        def f(m, pub):
            if pub is None:
                return None, None, None
            return _week_range(pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset))
        return f

    def rel_month(offset):
        def f(m, pub):
            return (month_str(shift_month(pub, offset)), "month", None) if pub else (
                None, None, None)
        return f

    def rel_year(offset):
        def f(m, pub):
            return (str(pub.year + offset), "year", None) if pub else (None, None, None)
        return f

    def coming_months(m, pub):
        if pub is None:
            return None, None, None
        end = shift_month(pub, 3)
        last = date(end.year, end.month, monthrange(end.year, end.month)[1])
        return pub.isoformat(), "range", last.isoformat()

    if lang == "de":
        rules += [
            ("de.date.numeric", r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)\b",
             numeric, (YEARS,)),
            ("de.date.day_month_year",
             rf"\b(?P<d>\d{{1,2}})\.\s*(?P<m>{mon})\.?\s+(?P<y>(?:19|20)\d\d)\b", absolute_day,
             (months, YEARS)),
            ("de.date.day_month", rf"\b(?P<d>\d{{1,2}})\.\s*(?P<m>{mon})\b", day_no_year,
             (months,)),
            ("de.date.month_year", rf"\b(?P<m>{mon})\s+(?P<y>(?:19|20)\d\d)\b", month_year,
             (months, YEARS)),
            ("de.date.month", rf"\b(?:im|Anfang|Mitte|Ende|seit|bis)\s+(?P<m>{mon})\b",
             month_only, (months,)),
            ("de.rel.today", r"\b(?:[Hh]eute|[Hh]eutigen Tag)\b", rel_day(0), (("heut",),)),
            ("de.rel.yesterday", r"\b[Gg]estern\b", rel_day(-1), (("gestern",),)),
            ("de.rel.day_before", r"\b[Vv]orgestern\b", rel_day(-2), (("gestern",),)),
            ("de.rel.tomorrow", r"(?<!am )(?<!heute )\bmorgen\b", rel_day(1), (("morgen",),)),
            ("de.rel.weekday",
             r"\b(?:am|vom|seit|bis)\s+(?:vergangenen\s+|letzten\s+)?(?P<w>Montag|Dienstag|"
             r"Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)(?:abend|morgen|nachmittag|vormittag)?\b",
             weekday, (days,)),
            ("de.rel.last_week",
             r"\b(?:(?:in\s+der\s+)?(?:vergangenen|letzten|vorigen)\s+Woche|"
             r"(?:vergangene|letzte|vorige)\s+Woche)\b", rel_week(-1),
             (("woche",), ("vergangen", "letzt", "vorig"))),
            ("de.rel.this_week", r"\b(?:in\s+)?(?:dieser|diese)\s+Woche\b", rel_week(0),
             (("woche",), ("dies",))),
            ("de.rel.next_week",
             r"\b(?:(?:in\s+der\s+)?(?:kommenden|nächsten)\s+Woche|(?:kommende|nächste)\s+Woche)\b",
             rel_week(1), (("woche",), ("kommend", "nächst"))),
            ("de.rel.last_month",
             r"\b(?:(?:im\s+)?(?:vergangenen|letzten|vorigen)\s+Monat|"
             r"(?:Anfang|Mitte|Ende)\s+(?:des\s+)?(?:vergangenen|letzten|vorigen)\s+Monats|"
             r"im\s+Vormonat)\b", rel_month(-1),
             (("monat",), ("vergangen", "letzt", "vorig", "vormonat"))),
            ("de.rel.this_month",
             r"\b(?:(?:Anfang|Mitte|Ende)\s+(?:dieses|des)\s+Monats|(?:in\s+)?diesem\s+Monat|"
             r"diesen\s+Monat)\b", rel_month(0), (("monat",), ("anfang", "mitte", "ende", "dies"))),
            ("de.rel.next_month", r"\b(?:im\s+)?(?:kommenden|nächsten)\s+Monat\b", rel_month(1),
             (("monat",), ("kommend", "nächst"))),
            ("de.rel.coming_months", r"\b(?:in\s+den\s+)?(?:kommenden|nächsten)\s+Monaten\b",
             coming_months, (("monat",), ("kommend", "nächst"))),
            ("de.rel.last_year",
             r"\b(?:(?:Anfang|Mitte|Ende)\s+(?:des\s+)?(?:vergangenen|letzten|vorigen)\s+Jahres|"
             r"(?:im\s+)?(?:vergangenen|letzten|vorigen)\s+Jahr|(?:im\s+)?Vorjahr|"
             r"(?:vergangenes|letztes)\s+Jahr)\b", rel_year(-1),
             (("jahr",), ("vergangen", "letzt", "vorig", "vorjahr"))),
            ("de.rel.this_year",
             r"\b(?:(?:Anfang|Mitte|Ende)\s+(?:dieses|des)\s+Jahres|(?:in\s+)?diesem\s+Jahr|"
             r"dieses\s+Jahr)\b", rel_year(0), (("jahr",), ("anfang", "mitte", "ende", "dies"))),
            ("de.rel.next_year", r"\b(?:im\s+)?(?:kommenden|nächsten)\s+Jahr\b", rel_year(1),
             (("jahr",), ("kommend", "nächst"))),
            ("de.date.year", r"\b(?:(?:im\s+Jahr|Anfang|Mitte|Ende|seit|bis|für|im|ab)\s+)"
                             r"(?P<y>(?:19|20)\d\d)\b", year, (YEARS,)),
        ]
    else:
        rules += [
            ("en.date.month_day_year",
             rf"\b(?P<m>{mon})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
             absolute_day, (months, YEARS)),
            ("en.date.day_month_year",
             rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{mon})\.?,?\s+(?P<y>(?:19|20)\d\d)\b",
             absolute_day, (months, YEARS)),
            ("en.date.iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b", numeric, (YEARS,)),
            ("en.date.month_day", rf"\b(?P<m>{mon})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d)",
             day_no_year, (months,)),
            ("en.date.month_year", rf"\b(?P<m>{mon})\s+(?P<y>(?:19|20)\d\d)\b", month_year,
             (months, YEARS)),
            ("en.date.month", rf"\b(?:in|early|mid|late|since|until)\s+(?P<m>{mon})\b",
             month_only, (months,)),
            ("en.rel.today", r"\b[Tt]oday\b", rel_day(0), (("today",),)),
            ("en.rel.yesterday", r"\b[Yy]esterday\b", rel_day(-1), (("yesterday",),)),
            ("en.rel.tomorrow", r"\b[Tt]omorrow\b", rel_day(1), (("tomorrow",),)),
            ("en.rel.weekday",
             r"\b(?:on\s+|last\s+)(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
             weekday, (days,)),
            ("en.rel.last_week", r"\b(?:last|past|previous)\s+week\b", rel_week(-1),
             (("week",), ("last", "past", "previous"))),
            ("en.rel.this_week", r"\b(?:this|earlier\s+this|later\s+this)\s+week\b",
             rel_week(0), (("week",), ("this",))),
            ("en.rel.next_week", r"\b(?:next|coming)\s+week\b", rel_week(1),
             (("week",), ("next", "coming"))),
            ("en.rel.last_month", r"\b(?:(?:early|late|mid-?)\s*)?last\s+month\b",
             rel_month(-1), (("month",), ("last",))),
            ("en.rel.this_month", r"\b(?:earlier|later|early|late)?\s*this\s+month\b",
             rel_month(0), (("month",), ("this",))),
            ("en.rel.next_month", r"\bnext\s+month\b", rel_month(1), (("month",), ("next",))),
            ("en.rel.coming_months", r"\b(?:in\s+the\s+)?(?:coming|next\s+few)\s+months\b",
             coming_months, (("month",), ("coming", "next"))),
            ("en.rel.last_year", r"\b(?:(?:early|late|mid-?)\s*)?last\s+year\b", rel_year(-1),
             (("year",), ("last",))),
            ("en.rel.this_year", r"\b(?:(?:earlier|later|early|late)\s+)?this\s+year\b",
             rel_year(0), (("year",), ("this",))),
            ("en.rel.next_year", r"\bnext\s+year\b", rel_year(1), (("year",), ("next",))),
            ("en.date.year", r"\b(?:in|since|until|by|early|mid|late)\s+(?P<y>(?:19|20)\d\d)\b",
             year, (YEARS,)),
        ]
    # sentence-initial words are capitalised ("Im November", "Vergangene Woche")
    return [(rid, re.compile(rx, re.IGNORECASE), fn, groups) for rid, rx, fn, groups in rules]


_RULES = {lang: _rules(lang) for lang in ("de", "en")}
# the rules' words are tested on the text lowercased, with the letters that re.IGNORECASE
# also matches to their ASCII letter ("ı" and "İ" to "i") turned into it
IGNORECASE_TWINS_CHARS = tuple("".join(IGNORECASE_EXTRA.values()))
IGNORECASE_TWINS = str.maketrans({twin: letter for letter, twins in IGNORECASE_EXTRA.items()
                                  for twin in twins})


def find_times(text: str, lang: str, published: date | None):
    """Find and resolve time expressions; earlier and longer matches win overlaps.

    Returns:
        A list of ``(start, end, value, precision, end_value, rule_id)`` sorted by start.
    """
    found = []
    folded = text.lower()
    if any(twin in text for twin in IGNORECASE_TWINS_CHARS):  # rare: translate is slow
        folded = text.translate(IGNORECASE_TWINS).lower()
    regions_of: dict[tuple, list[tuple[int, int]] | None] = {}
    present: dict[tuple, bool] = {}  # rules share their word groups: each tested once
    for rule_id, pattern, resolve, groups in _RULES.get(lang, ()):
        for group in groups:
            there = present.get(group)
            if there is None:
                there = present[group] = any(w in folded for w in group)
            if not there:
                break
        else:
            there = True
        if not there:
            continue  # cheaper than the pattern, which tries every position of the text
        if groups[0] not in regions_of:  # None, the whole text, is an answer too
            regions_of[groups[0]] = _regions(text, folded, groups[0])
        regions = regions_of[groups[0]]
        for m in _matches(pattern, text, regions):
            try:
                value, precision, end_value = resolve(m, published)
            except ValueError:
                continue  # "31. Februar": not a date
            found.append((m.start(), m.end(), value, precision, end_value, rule_id))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept, last_end = [], -1
    for item in found:
        if item[0] >= last_end:
            kept.append(item)
            last_end = item[1]
    return kept


# Every match of a rule holds a word of its first group (the words are chosen so), and no
# match is longer than this: a rule need only be tried near those words
MATCH_REACH = 200


def _regions(text: str, folded: str, words: tuple[str, ...]) -> list[tuple[int, int]] | None:
    """Disjoint stretches of ``text`` that hold every match of a rule whose first group is
    ``words``: ``MATCH_REACH`` characters either side of each of them, ending before a
    space (where the end of the stretch reads as the text does); None: the whole text."""
    if len(folded) != len(text):
        return None  # lowercasing changed the length: positions would not agree
    spans = []
    for w in words:
        at = folded.find(w)
        while at >= 0:
            spans.append((max(0, at - MATCH_REACH), at + len(w) + MATCH_REACH))
            at = folded.find(w, at + 1)
    spans.sort()
    regions: list[tuple[int, int]] = []
    for start, end in spans:
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], end))
        else:
            regions.append((start, end))
    n = len(text)
    snapped = []
    for start, end in regions:
        end = _space_at_or_after(text, end)
        if snapped and start <= snapped[-1][1]:
            snapped[-1] = (snapped[-1][0], end)
        else:
            snapped.append((start, end))
    if len(snapped) == 1 and snapped[0][0] == 0 and snapped[0][1] >= n:
        return None
    return snapped


def _space_at_or_after(text: str, at: int) -> int:
    """The first whitespace at or after ``at`` (or the end of the text)."""
    n = len(text)
    while at < n and not text[at].isspace():
        at += 1
    return min(at, n)


def _matches(pattern: re.Pattern, text: str, regions: list[tuple[int, int]] | None):
    if regions is None:
        yield from pattern.finditer(text)
        return
    for start, end in regions:
        yield from pattern.finditer(text, start, end)
