"""Reading lexicon tables: tab-separated files for people, with line numbers kept.

Every table starts with a header line naming its columns; ``#`` lines are comments;
multi-valued cells use ``|``. A file's kind is known from its header, so a user's own
file (``--lexicon PATH``) is merged into the shipped table with the same header.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lagebild.errors import LexiconError

DATA_DIR = Path(__file__).parent / "data"

# table kind -> columns, in file order
SCHEMAS: dict[str, tuple[str, ...]] = {
    "countries": ("code", "qid", "name", "de_names", "de_adj", "de_people", "de_capital",
                  "en_names", "en_adj", "en_people", "en_capital"),
    "organisations": ("id", "name", "country", "sector", "de", "en", "note"),
    "people": ("id", "name", "country", "sector", "role", "start", "end", "de", "en"),
    "roles": ("lang", "stem", "sector", "forms", "note"),
    "verbs": ("id", "lemma", "particle", "type", "mode", "source", "target", "flags",
              "forms", "note"),
    "nouns": ("id", "lemma", "type", "mode", "source", "target", "support", "flags", "note"),
    "cues": ("lang", "word", "kind", "note"),
    "speech": ("lemma", "particle", "kind", "note"),
    "cameo": ("type", "mode", "cameo", "label", "note"),
}

# shipped files: file name -> (kind, language or None)
SHIPPED: dict[str, tuple[str, str | None]] = {
    "countries.tsv": ("countries", None),
    "organisations.tsv": ("organisations", None),
    "people.tsv": ("people", None),
    "roles.tsv": ("roles", None),
    "verbs.de.tsv": ("verbs", "de"),
    "nouns.de.tsv": ("nouns", "de"),
    "verbs.en.tsv": ("verbs", "en"),
    "nouns.en.tsv": ("nouns", "en"),
    "cues.tsv": ("cues", None),
    "speech.de.tsv": ("speech", "de"),
    "speech.en.tsv": ("speech", "en"),
    "cameo.tsv": ("cameo", None),
}


@dataclass(frozen=True)
class Row:
    """One data line of a lexicon table, with where it came from."""

    path: str
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def values(self, column: str) -> list[str]:
        """The ``|``-separated values of a cell, empty ones dropped."""
        return [v for v in self.cells[column].split("|") if v]

    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Table:
    """The rows of one lexicon file, and the lines that could not be read as rows."""

    kind: str
    lang: str | None
    path: str
    rows: list[Row]
    malformed: list[tuple[int, str]]


def kind_of_header(header: list[str]) -> str | None:
    """Return the table kind whose columns are exactly ``header``, or None."""
    for kind, columns in SCHEMAS.items():
        if tuple(header) == columns:
            return kind
    return None


def read_table(path: Path, lang: str | None = None) -> Table:
    """Read one lexicon file; the kind comes from its header.

    Raises:
        LexiconError: the file cannot be read or its header names no known table.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise LexiconError(f"{path}: cannot read lexicon file: {err}") from err
    lines = text.split("\n")
    header_at = next((i for i, ln in enumerate(lines) if ln.strip() and not ln.startswith("#")),
                     None)
    if header_at is None:
        raise LexiconError(f"{path}: empty lexicon file (no header line)")
    header = lines[header_at].rstrip("\r").split("\t")
    kind = kind_of_header(header)
    if kind is None:
        known = "; ".join(f"{k}: {' '.join(c)}" for k, c in SCHEMAS.items())
        raise LexiconError(f"{path}:{header_at + 1}: unknown header {header!r}; "
                           f"the first line must name the columns of one of: {known}")
    if lang is None:
        lang = _lang_from_name(path.name)
    columns = SCHEMAS[kind]
    rows, malformed = [], []
    # shipped files are named as in the package ("lexicon/data/verbs.de.tsv:12")
    shown = (f"lexicon/data/{path.name}" if path.resolve().parent == DATA_DIR.resolve()
             else str(path))
    for number, raw in enumerate(lines[header_at + 1:], start=header_at + 2):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            malformed.append((number, f"{len(cells)} columns, expected {len(columns)} "
                                      f"({' '.join(columns)})"))
            continue
        rows.append(Row(shown, number, {c: v.strip() for c, v in zip(columns, cells)}))
    return Table(kind, lang, str(path), rows, malformed)


def _lang_from_name(name: str) -> str | None:
    parts = name.split(".")
    return parts[-2] if len(parts) >= 3 and len(parts[-2]) == 2 else None


def shipped_paths() -> list[Path]:
    """The lexicon files that ship with the package and exist."""
    return [DATA_DIR / name for name in SHIPPED if (DATA_DIR / name).exists()]
