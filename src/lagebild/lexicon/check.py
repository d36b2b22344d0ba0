"""``lagebild lexicon check``: validate lexicon files and say where each problem is.

Problems found: malformed lines (wrong column count, empty required cells, bad dates),
unknown codes (country, sector, event type, flag, frame slot), duplicates, and
overlapping date ranges of the same person in the same role.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pycountry

from lagebild.errors import LexiconError
from lagebild.lexicon.tables import SHIPPED, Table, read_table, shipped_paths
from lagebild.schema import EVENT_TYPES, PSEUDO_COUNTRIES, SECTORS

EXTRA_CODES = {"XKX"}  # Kosovo: user-assigned ISO code, used by PLOVER and the EU
FLAGS = {"mutual", "denial", "needs-target", "reflexive", "compound", "active"}
SLOT = re.compile(r"^(subj|obj|acc|dat|gen|adj|prefix|-|pp:[a-zäöüß]+)$")
CUE_KINDS = {"negation", "modal", "plan", "threat", "hypo_adj", "hearsay", "konjunktiv",
             "aid_military", "aid_humanitarian", "aid_economic", "obligation", "commit", "weapon", "light", "peacekeeping",
             "denial"}
REQUIRED = {
    "countries": ("code", "name", "de_names", "en_names"),
    "organisations": ("id", "name", "country"),
    "people": ("id", "name", "country", "de"),
    "roles": ("lang", "stem", "sector"),
    "verbs": ("id", "lemma", "type"),
    "nouns": ("id", "lemma", "type"),
    "cues": ("lang", "word", "kind"),
    "speech": ("lemma", "kind"),
    "cameo": ("type", "cameo"),
}


@dataclass(frozen=True)
class Problem:
    """One problem in a lexicon file, at a line."""

    path: str
    line: int
    kind: str  # malformed, unknown-code, duplicate, overlap
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.message}"


def check_files(paths: list[Path] | None = None) -> list[Problem]:
    """Check lexicon files (default: the shipped ones) and return every problem found."""
    problems: list[Problem] = []
    tables = []
    for path in paths or shipped_paths():
        try:
            lang = SHIPPED[path.name][1] if path.name in SHIPPED and path.parent.name == \
                "data" else None
            tables.append(read_table(path, lang))
        except LexiconError as err:
            problems.append(Problem(str(path), _line_of(str(err)), "malformed", str(err)))
    for table in tables:
        problems += check_table(table)
    return problems


def check_table(table: Table) -> list[Problem]:
    """Every problem of one read table."""
    out = [Problem(table.path, n, "malformed", reason) for n, reason in table.malformed]
    seen: dict[tuple, int] = {}
    terms: dict[tuple, list[tuple[date, date | None, int]]] = defaultdict(list)
    for row in table.rows:
        def problem(kind: str, message: str, row=row) -> None:
            out.append(Problem(table.path, row.line, kind, message))

        for column in REQUIRED[table.kind]:
            if not row[column]:
                problem("malformed", f"empty '{column}'")
        key = _identity(table.kind, row)
        if key in seen:
            problem("duplicate", f"{key[-1]!r} already at line {seen[key]}")
        else:
            seen[key] = row.line
        for column in ("code", "country"):
            if column in row.cells and row[column] and not _known_country(row[column]):
                problem("unknown-code", f"country code {row[column]!r} is not ISO 3166-1 "
                                        f"alpha-3 nor one of {', '.join(PSEUDO_COUNTRIES)}")
        if "sector" in row.cells and row["sector"] not in ("", "-", "*") \
                and row["sector"] not in SECTORS:
            problem("unknown-code", f"sector {row['sector']!r} is not a PLOVER sector "
                                    f"({' '.join(SECTORS)})")
        if table.kind in ("verbs", "nouns"):
            _check_trigger(row, problem)
        if table.kind == "cameo":
            if row["type"] not in EVENT_TYPES:
                problem("unknown-code", f"event type {row['type']!r} is not a PLOVER type")
            if not re.fullmatch(r"\d{3,4}", row["cameo"]):
                problem("malformed", f"CAMEO code {row['cameo']!r} is not 3 or 4 digits")
        if table.kind == "cues" and row["kind"] not in CUE_KINDS:
            problem("unknown-code", f"cue kind {row['kind']!r} is not one of "
                                    f"{' '.join(sorted(CUE_KINDS))}")
        if table.kind == "people":
            start, end = _date(row["start"], "start", problem), _date(row["end"], "end", problem)
            if start and end and end < start:
                problem("malformed", f"term ends ({end}) before it starts ({start})")
            if start:
                terms[(row["id"], row["role"])].append((start, end, row.line))
    for (ident, role), spans in terms.items():
        spans.sort()
        for (s1, e1, l1), (s2, _e2, l2) in zip(spans, spans[1:]):
            if e1 is None or s2 <= e1:
                out.append(Problem(table.path, l2, "overlap",
                                   f"{ident} as {role!r} from {s2} overlaps the term at line "
                                   f"{l1} ({s1} to {e1 or 'open'})"))
    return sorted(out, key=lambda p: (p.path, p.line))


def _check_trigger(row, problem) -> None:
    if row["type"] not in EVENT_TYPES:
        problem("unknown-code", f"event type {row['type']!r} is not a PLOVER type")
    for flag in [f for f in re.split(r"[,|]", row["flags"]) if f.strip()]:
        if flag.strip() not in FLAGS:
            problem("unknown-code", f"flag {flag!r} is not one of {' '.join(sorted(FLAGS))}")
    for column in ("source", "target"):
        for slot in row.values(column):
            if not SLOT.match(slot):
                problem("unknown-code", f"{column} slot {slot!r} is not subj, obj, acc, dat, "
                                        "gen, adj, prefix, pp:PREP or -")


def _identity(kind: str, row) -> tuple:
    if kind == "people":
        return (kind, row["id"], row["role"], row["start"])
    if kind == "roles":
        return (kind, row["lang"], row["stem"])
    if kind == "cues":
        return (kind, row["lang"], row["word"], row["kind"])
    if kind == "speech":
        return (kind, row["lemma"], row["particle"], row["kind"])
    if kind == "countries":
        return (kind, row["code"])
    if kind == "cameo":
        return (kind, row["type"], row["mode"])
    return (kind, row["id"])


def _known_country(code: str) -> bool:
    if code in PSEUDO_COUNTRIES or code in EXTRA_CODES:
        return True
    return len(code) == 3 and code.isupper() and pycountry.countries.get(alpha_3=code) is not None


def _date(value: str, column: str, problem) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problem("malformed", f"{column} {value!r} is not an ISO date (YYYY-MM-DD)")
        return None


def _line_of(message: str) -> int:
    m = re.match(r"^[^:]+:(\d+):", message)
    return int(m.group(1)) if m else 1
