"""The event lexicon compiled for matching: verb and noun triggers, and status cues."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from lagebild.lexicon.tables import Row
from lagebild.memo import FormTable, Memo

# plural and case endings of nouns; not "-er" ("Kritiker" is no "Kritik")
NOUN_ENDINGS_DE = ("", "e", "en", "n", "s", "es", "nen")


@dataclass(frozen=True)
class Trigger:
    """A verb or noun entry that codes an event, with its argument frame."""

    id: str
    pos: str  # "verb" or "noun"
    lemma: str
    particle: str
    type: str
    mode: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    support: frozenset[str]
    flags: frozenset[str]
    rule: str
    forms: frozenset[str] = frozenset()

    @property
    def mutual(self) -> bool:
        return "mutual" in self.flags

    @property
    def denial(self) -> bool:
        return "denial" in self.flags


class EventLexicon:
    """Trigger indexes for one language, and that language's status cues."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.verbs: dict[str, list[Trigger]] = defaultdict(list)  # lemma or form -> triggers
        self.nouns: dict[str, list[Trigger]] = defaultdict(list)  # lowercase form -> triggers
        self.compound_heads: dict[str, list[Trigger]] = defaultdict(list)
        self.max_head_len = 0
        self.cues: dict[str, set[str]] = defaultdict(set)  # kind -> words (lowercase)
        # nouns_for's answers: a text asks for the same words again and again
        self._nouns_seen = Memo(lambda key: self._find_nouns(*key))
        self._cue_tables: dict[str, FormTable] = {}  # see cue_table

    def add_verb(self, row: Row) -> None:
        trig = Trigger(
            id=row["id"], pos="verb", lemma=row["lemma"].lower(),
            particle=row["particle"].lower(), type=row["type"], mode=row["mode"] or None,
            source=tuple(row.values("source")) or ("subj",),
            target=tuple(row.values("target")) or ("obj",),
            support=frozenset(), flags=frozenset(_flags(row["flags"])), rule=row.where(),
            forms=frozenset(f.lower() for f in row.values("forms")),
        )
        keys = {trig.lemma}
        if trig.particle and self.lang == "de":
            keys.add(trig.particle + trig.lemma)  # joined: "auffordern"
        keys.update(f.lower() for f in row.values("forms"))
        for key in keys:
            self.verbs[key].append(trig)

    def add_noun(self, row: Row) -> None:
        trig = Trigger(
            id=row["id"], pos="noun", lemma=row["lemma"].lower(), particle="",
            type=row["type"], mode=row["mode"] or None,
            source=tuple(row.values("source")) or ("gen", "adj", "prefix"),
            target=tuple(v for v in row.values("target") if v != "-"),
            support=frozenset(s.lower() for s in row.values("support")),
            flags=frozenset(_flags(row["flags"])), rule=row.where(),
        )
        self.nouns[trig.lemma].append(trig)
        self._nouns_seen.clear()
        if "compound" in trig.flags and self.lang == "de":
            for ending in NOUN_ENDINGS_DE:
                form = trig.lemma + ending
                self.compound_heads[form].append(trig)
                self.max_head_len = max(self.max_head_len, len(form))

    def add_cue(self, row: Row) -> None:
        self.cues[row["kind"]].add(row["word"].lower())

    def nouns_for(self, text: str, lemma: str) -> list[Trigger]:
        """Noun triggers for a token: by lemma, by form (endings stripped), after a hyphen
        ("EU-Kritik"), then as the head of a compound ("Waffenlieferungen")."""
        return self._nouns_seen[text, lemma]

    def _find_nouns(self, text: str, lemma: str) -> list[Trigger]:
        low, lem = text.lower(), lemma.lower()
        found = self.nouns.get(lem) or self.nouns.get(low)
        if found:
            return found
        if self.lang != "de":
            # a capitalised plural the lookup lemmatizer leaves ("Protests against")
            stems = [low[:-3] + "y"] if low.endswith("ies") else [low[:-2], low[:-1]] \
                if low.endswith("es") else [low[:-1]] if low.endswith("s") else []
            return next((self.nouns[s] for s in stems if s in self.nouns), [])
        for ending in NOUN_ENDINGS_DE[1:]:  # plurals the lemmatizer does not know
            if low.endswith(ending) and self.nouns.get(low[: -len(ending)]):
                return self.nouns[low[: -len(ending)]]
        if "-" in low.strip("-"):
            head = low.rpartition("-")[2]
            for ending in NOUN_ENDINGS_DE:
                stem = head[: len(head) - len(ending)] if ending else head
                if head.endswith(ending) and self.nouns.get(stem):
                    return self.nouns[stem]
        if not self.max_head_len:
            return []
        for cut in range(max(1, len(low) - self.max_head_len), len(low) - 3):
            heads = self.compound_heads.get(low[cut:])
            if heads:
                return heads
        return []

    def is_cue(self, kind: str, word: str) -> bool:
        return word.lower() in self.cues.get(kind, ())

    def cue_table(self, kind: str) -> FormTable:
        """Whether a word's lemma or form is a ``kind`` cue, answered per word form (for
        the lexicon as loaded: ask after the last row is added)."""
        table = self._cue_tables.get(kind)
        if table is None:
            words = self.cues.get(kind, set())
            table = self._cue_tables[kind] = FormTable(
                lambda w: w.lemma_.lower() in words or w.lower_ in words)
        return table


def _flags(cell: str) -> list[str]:
    return [f.strip() for f in cell.replace("|", ",").split(",") if f.strip()]
