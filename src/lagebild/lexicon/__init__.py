"""Knowledge as data: the lexicon files, their loading, compiling and checking.

``load_lexicon()`` reads the shipped tables (plus a user's own files) once per process
and compiles them into :class:`ActorLexicon` and per-language :class:`EventLexicon`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lagebild.errors import LexiconError
from lagebild.lexicon.actors import ActorEntry, ActorLexicon, Role
from lagebild.lexicon.events import EventLexicon, Trigger
from lagebild.lexicon.tables import DATA_DIR, SHIPPED, Table, read_table, shipped_paths

LANGS = ("de", "en")


@dataclass
class Lexicon:
    """Everything the components know: actors, triggers, cues; plus the raw tables."""

    actors: ActorLexicon
    events: dict[str, EventLexicon]
    tables: list[Table] = field(default_factory=list)
    cameo: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, mode) -> code

    def cameo_code(self, type_: str, mode: str | None) -> str | None:
        """The closest CAMEO code of a PLOVER type and mode (the type's default code when
        the mode has none of its own)."""
        return self.cameo.get((type_, mode or "")) or self.cameo.get((type_, ""))


def load_lexicon(extra: Sequence[str | Path] = ()) -> Lexicon:
    """Load the shipped lexicon plus the user's own files (cached per process).

    Args:
        extra: paths of further lexicon files; each file's header says which table it extends.
    Raises:
        LexiconError: a file is unreadable or has malformed lines.
    """
    return _load(tuple(str(Path(p).resolve()) for p in extra))


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Lexicon:
    tables = [read_table(p, SHIPPED[p.name][1]) for p in shipped_paths()]
    tables += [read_table(Path(p)) for p in extra]
    for table in tables:
        if table.malformed:
            number, reason = table.malformed[0]
            raise LexiconError(f"{table.path}:{number}: {reason} "
                               f"(run 'lagebild lexicon check' for every problem)")
    return compile_tables(tables)


def compile_tables(tables: list[Table]) -> Lexicon:
    """Build the matching structures from read tables."""
    actors = ActorLexicon()
    events = {lang: EventLexicon(lang) for lang in LANGS}
    cameo: dict[tuple[str, str], str] = {}
    for table in tables:
        for row in table.rows:
            if table.kind == "countries":
                actors.add_country(row)
            elif table.kind == "organisations":
                actors.add_organisation(row)
            elif table.kind == "people":
                actors.add_person(row)
            elif table.kind == "roles":
                actors.add_role(row)
            elif table.kind == "verbs" and table.lang in events:
                events[table.lang].add_verb(row)
            elif table.kind == "nouns" and table.lang in events:
                events[table.lang].add_noun(row)
            elif table.kind == "cues" and row["lang"] in events:
                events[row["lang"]].add_cue(row)
            elif table.kind == "cameo":
                cameo[(row["type"], row["mode"])] = row["cameo"]
    return Lexicon(actors, events, tables, cameo)


__all__ = ["DATA_DIR", "ActorEntry", "ActorLexicon", "EventLexicon", "Lexicon", "LexiconError",
           "Role", "Trigger", "load_lexicon"]
