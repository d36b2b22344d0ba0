"""The actor lexicon compiled for matching: surface forms to actor entries.

Built from ``countries.tsv`` (names, adjectives, demonyms, capitals per state, with
German inflections generated here), ``organisations.tsv``, ``people.tsv`` (date-bounded
office holders) and ``roles.tsv`` (role nouns that carry a sector).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from lagebild.lexicon.tables import Row
from lagebild.memo import Memo

ADJ_ENDINGS_DE = ("", "e", "en", "er", "es", "em")
NO_GENITIVE_S = ("s", "ß", "x", "z")


@dataclass(frozen=True)
class ActorEntry:
    """One way to name an actor, as the lexicon knows it."""

    id: str
    name: str
    country: str | None
    sector: str | None
    kind: str  # state, capital, adj, people, org, person
    start: date | None = None
    end: date | None = None
    genitive: bool = False  # the form is a genitive ("Russlands"): an attribute, not a subject
    rule: str = ""  # file:line of the entry

    def valid_on(self, day: date | None) -> bool:
        """True when the entry holds on ``day`` (always, for undated entries or no day)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Role:
    """A role noun ("Minister", "Sprecher") and the sector it gives; ``*`` inherits."""

    stem: str
    sector: str
    rule: str


class ActorLexicon:
    """Surface forms per language: ``names`` (case-sensitive, may be multi-word) and
    ``adjectives`` (lowercase single words), plus ``roles`` for suffix matching."""

    def __init__(self) -> None:
        self.names: dict[str, dict[str, list[ActorEntry]]] = {"de": defaultdict(list),
                                                               "en": defaultdict(list)}
        self.adjectives: dict[str, dict[str, list[ActorEntry]]] = {"de": defaultdict(list),
                                                                    "en": defaultdict(list)}
        self.roles: dict[str, dict[str, Role]] = {"de": {}, "en": {}}
        self.max_role_len = {"de": 0, "en": 0}
        # role_of's answers: a text asks for the same words again and again
        self._roles_seen = Memo(lambda key: self._find_role(*key))

    # -- building ---------------------------------------------------------------------
    def add_country(self, row: Row) -> None:
        code = row["code"]
        ident = row["qid"] or f"country:{code.lower()}"
        base = dict(id=ident, name=row["name"], country=code, rule=row.where())
        for form in row.values("de_names"):
            self._add_name("de", form, ActorEntry(**base, sector="GOV", kind="state"))
        for form in row.values("de_capital"):
            self._add_name("de", form, ActorEntry(**base, sector="GOV", kind="capital"))
            if " " not in form and form.isalpha() and not form.endswith(("e", "er")):
                # "Wiener", "Prager", "Moskauer": the capital's indeclinable adjective
                self.adjectives["de"].setdefault((form + "er").lower(), []).append(
                    ActorEntry(**base, sector=None, kind="adj"))
        for form in row.values("de_people"):
            self._add_name("de", form, ActorEntry(**base, sector="CVL", kind="people"),
                           genitive_s=False)
        for stem in row.values("de_adj"):
            for ending in ADJ_ENDINGS_DE:
                self.adjectives["de"][(stem + ending).lower()].append(
                    ActorEntry(**base, sector=None, kind="adj"))
        for form in row.values("en_names"):
            self._add_name("en", form, ActorEntry(**base, sector="GOV", kind="state"),
                           genitive_s=False)
        for form in row.values("en_capital"):
            self._add_name("en", form, ActorEntry(**base, sector="GOV", kind="capital"),
                           genitive_s=False)
        for form in row.values("en_people"):
            self._add_name("en", form, ActorEntry(**base, sector="CVL", kind="people"),
                           genitive_s=False)
        for form in row.values("en_adj"):  # English adjectives are capitalised: names index
            self._add_name("en", form, ActorEntry(**base, sector=None, kind="adj"),
                           genitive_s=False)

    def add_organisation(self, row: Row) -> None:
        entry = ActorEntry(id=row["id"], name=row["name"], country=row["country"] or None,
                           sector=_sector(row["sector"]), kind="org", rule=row.where())
        for form in row.values("de"):
            self._add_name("de", form, entry)
        for form in row.values("en"):
            self._add_name("en", form, entry, genitive_s=False)

    def add_person(self, row: Row) -> None:
        entry = ActorEntry(id=row["id"], name=row["name"], country=row["country"] or None,
                           sector=_sector(row["sector"]), kind="person",
                           start=_date(row["start"]), end=_date(row["end"]), rule=row.where())
        for form in row.values("de"):
            self._add_name("de", form, entry)
        for form in row.values("en"):
            self._add_name("en", form, entry, genitive_s=False)

    def add_role(self, row: Row) -> None:
        lang = row["lang"]
        if lang not in self.roles:
            return
        role = Role(row["stem"].lower(), row["sector"], row.where())
        if lang == "de":
            forms = [role.stem + ("" if s == "0" else s) for s in row.values("forms") or ["0"]]
        else:
            forms = [f.lower() for f in row.values("forms")] or [role.stem]
        for form in forms:
            self.roles[lang][form] = role
            self.max_role_len[lang] = max(self.max_role_len[lang], len(form))
        self._roles_seen.clear()

    def _add_name(self, lang: str, form: str, entry: ActorEntry, genitive_s: bool = True) -> None:
        self.names[lang][form].append(entry)
        if genitive_s and lang == "de" and " " not in form and not form.isupper() \
                and not form.endswith(NO_GENITIVE_S):
            self.names[lang][form + "s"].append(_genitive(entry))

    # -- lookup -----------------------------------------------------------------------
    def role_of(self, lang: str, word: str) -> Role | None:
        """The role a word names, matching German role stems as the end of compounds."""
        return self._roles_seen[lang, word]

    def _find_role(self, lang: str, word: str) -> Role | None:
        low = word.lower()
        table = self.roles.get(lang, {})
        if lang != "de":
            role = table.get(low)
            return None if role is None or role.sector == "-" else role
        if not word[:1].isupper():
            return None
        # longest suffix first: "Verteidigungsministerium" ends in "ministerium", not "minister"
        for cut in range(max(0, len(low) - self.max_role_len[lang]), len(low)):
            role = table.get(low[cut:])
            if role is not None and (cut == 0 or len(low) - cut >= 4):
                return None if role.sector == "-" else role  # "-": a blocker, no actor
        return None


def _genitive(entry: ActorEntry) -> ActorEntry:
    return ActorEntry(entry.id, entry.name, entry.country, entry.sector, entry.kind,
                      entry.start, entry.end, True, entry.rule)


def _sector(value: str) -> str | None:
    return None if value in ("", "-", "*") else value


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None
