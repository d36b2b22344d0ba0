"""The actor layer (``lagebild_actors``): find actor mentions and resolve each to
``{id, name, country, sector}``.

A mention is a country, capital, organisation or known person from the lexicon, or a
noun phrase around a role noun ("der russische Verteidigungsminister Sergej Schoigu",
"US-Botschafterin", "ein Sprecher des Kremls", "westliche Beamte"). A role takes its
country from a country adjective, a compound prefix ("US-"), a known person, a genitive
("des Kremls") or a place ("in Teheran"); failing all, from the state the article is
mostly about (marked ``country_from="default"``). Short mentions ("Kirby") resolve to an
earlier full one ("John Kirby").
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from lagebild.lexicon import ActorEntry, load_lexicon
from lagebild.lexicon.actors import Role
from lagebild.memo import Memo
from lagebild.nlp.actor_defaults import ARMED, default_countries
from lagebild.nlp.grammar import (
    DET_CASE,
    GENERIC_ADJ,
    GROUP_NOUNS_EN,
    MONTHS,
    NAME_STOP,
    PREPOSITIONS,
    WEEKDAYS,
    is_capitalised,
)
from lagebild.nlp.mentions import ActorMention
from lagebild.nlp.name_heuristics import NameHeuristics
from lagebild.nlp.names import NameIndex
from lagebild.nlp.places import city_index
from lagebild.nlp.vocabulary import vocabulary_of
from lagebild.nlp.words import words_of

COMPASS_EN = {"east", "west", "north", "south", "eastern", "western", "northern", "southern",
              "central"}
ETHNIC = {"de": {"ethnische", "ethnischen", "ethnischer"}, "en": {"ethnic"}}
# "Chinese" is an adjective and a demonym: as an adjective it can carry a role after it
KIND_RANK = {"person": 0, "org": 1, "state": 2, "capital": 3, "adj": 4, "people": 5}


class ActorRecognizer(NameHeuristics):
    """Finds and resolves actor mentions in a Doc of one language."""

    def __init__(self, nlp: Language, lexicon_paths: tuple[str, ...] = ()) -> None:
        self.lang = nlp.lang
        self.lexicon = load_lexicon(lexicon_paths)
        self.actors = self.lexicon.actors
        self.names = NameIndex.build(nlp, self.lang, self.actors.names[self.lang],
                                     lexicon_paths)
        self.adjectives = self.actors.adjectives[self.lang]
        self.preps = PREPOSITIONS[self.lang]
        self.dets = DET_CASE[self.lang]
        self.calendar = set(MONTHS[self.lang] + WEEKDAYS[self.lang])
        self.vocabulary = vocabulary_of(nlp)
        self.event_nouns = set(self.lexicon.events[self.lang].nouns) if self.lang in \
            self.lexicon.events else set()
        self.event_verbs = set(self.lexicon.events[self.lang].verbs) if self.lang in \
            self.lexicon.events else set()
        self._inert = Memo(self._starts_nothing)  # word form -> no mention can start there

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = self.find(doc, doc._.published)
        return doc

    # -- finding ----------------------------------------------------------------------
    def find(self, doc: Doc, day: date | None) -> list[ActorMention]:
        """All actor mentions of ``doc`` in text order, resolved on ``day``."""
        doc = words_of(doc)
        mentions: list[ActorMention] = []
        surnames: dict[str, ActorMention] = {}
        i, n = 0, len(doc)
        inert = self._inert
        while i < n:
            text = doc[i].text
            if inert[text] and text not in surnames:
                i += 1  # most words: decided once per word form
                continue
            m = self._mention_at(doc, i, day, surnames)
            if m is None:
                i += 1
                continue
            mentions.append(m)
            self._remember_surnames(doc, m, surnames)
            i = m.end
        self._appositions(doc, mentions)
        for m in mentions:
            if m.kind == "people" and m.start > 0 and doc[m.start - 1].lower_ in ETHNIC[
                    self.lang] and m.country_from == "lexicon":
                # "ethnic Albanians", "ethnische Serben": a minority of the state they live
                # in, not of their kin state; where they are comes from the text
                m.country, m.id, m.name = None, None, m.text
        for m in mentions:
            m.prep, m.case = self._governor(doc, m.start)
        sentences = [(s.start, s.end) for s in doc.sents]
        default_countries(doc, mentions, sentences, self.vocabulary)
        self._group_coordinated(doc, mentions)
        return mentions

    def _mention_at(self, doc, i, day, surnames) -> ActorMention | None:
        tok = doc[i]
        first = tok.text[:1]
        if not first.isalpha():
            return None
        if first.islower() and not self._may_start_lowercase(tok.text):
            return None  # most tokens: function words and verbs start no mention
        if self._dateline(doc, i):
            return None
        j, adjectives = i, []
        name_here = self._name(doc, i, day)
        # country adjectives and other adjectives before a noun: "der russische Präsident";
        # not where a name starts ("Europäische Union", "Demokratische Volksrepublik Korea")
        while j < len(doc) and j - i < 4 and not (j == i and name_here):
            entry = self._adjective(doc[j])
            if entry is not None:
                adjectives.append(entry)
                j += 1
            elif adjectives and self._plain_adjective(doc[j]) and self._role(doc, j) is None:
                j += 1
            else:
                break
        named = name_here if j == i else self._name(doc, j, day)
        if named is not None:
            end, entry = named
            people = self._name(doc, end, day) if entry.kind == "adj" and end < len(doc) \
                else None
            if people is not None and people[1].kind == "people" and entry.country:
                # "Bosnian Serbs", "Iraqi Kurds": a people of the state the adjective names
                p_end = people[0]
                return ActorMention(i, p_end, doc[i].idx, doc[p_end - 1].idx + len(
                    doc[p_end - 1].text), doc.span_text(i, p_end), entry.id,
                    doc.span_text(j, p_end),
                    entry.country, "CVL", "people", entry.rule, country_from="adjective")
            role_at = self._role_after_nouns(doc, end) if entry.kind == "adj" else None
            if role_at is not None:
                # "North Korean leader", "French dock workers": adjective, then role
                adjectives.append(entry)
                j = role_at
            elif entry.kind == "adj":
                return self._modifier(doc, i, end, entry)  # "Russian positions"
            else:
                owner = self._owned_role(doc, end, entry)
                if owner is not None:  # "Russlands Außenminister", "Russia's foreign ministry"
                    k, role = owner
                    return self._role_mention(doc, i, k, role, adjectives + [entry], day,
                                              surnames)
                return self._from_entry(doc, i if adjectives else j, end, entry,
                                        adjectives, day)
        role_here = self._role(doc, j)
        if role_here is not None:
            return self._role_mention(doc, i, j, role_here, adjectives, day, surnames)
        if j == i and tok.text in surnames and tok.text[:1].isupper():
            full = surnames[tok.text]
            return _copy(full, doc, i, i + 1, kind=full.kind)
        if j == i and self.vocabulary is not None:
            end = self._unknown_name_end(doc, i)
            if end is not None and end == i + 1 and tok.text in city_index():
                end = None  # "beschoss Charkiw": a city the lexicon has no actor for
            if end is not None:  # "hatte Demirtaş vorgeworfen": a person the lexicon lacks
                return ActorMention(i, end, tok.idx, doc[end - 1].idx + len(doc[end - 1].text),
                                    doc.span_text(i, end), None, doc.span_text(i, end), None, None, "person",
                                    "unknown name (not in the lemma vocabulary)")
        owner = next((a for a in adjectives if a.country), None)
        if owner is not None:
            # "russische Angriffe": not an actor, but the owner of a noun event
            return self._modifier(doc, i, j, owner)
        if j == i and "-" in tok.text.strip("-"):
            prefix = self._prefix_actor(tok.text.rpartition("-")[0])
            role_at = self._role_after_nouns(doc, i + 1) if prefix is not None and \
                tok.lower_.endswith("-led") else None
            if role_at is not None:  # "U.S.-led troops"
                return self._role_mention(doc, i, role_at, self._role(doc, role_at), [prefix],
                                          day, surnames)
            if prefix is not None and prefix.country:  # "US-Sanktionen", "EU-Kritik"
                return self._modifier(doc, i, i + 1, prefix)
        return None

    def _role_after_nouns(self, doc, k: int) -> int | None:
        """Where a role stands right after a country adjective, or behind up to two plain
        nouns that say what kind ("French dock workers", "Russian border guards")."""
        if self.lang == "en" and k + 2 < len(doc) and doc[k].text == "-" \
                and doc[k + 1].lower_ == "led":
            k += 2  # "Saudi-led forces": the forces of who leads them
        for j in range(k, min(k + 3, len(doc))):
            if self._role(doc, j):
                return j
            tok = doc[j]
            if not (self.lang == "en" and tok.is_lower and tok.is_alpha
                    and tok.lower_ not in self.event_nouns):
                return None
        return None

    def _modifier(self, doc, start, end, entry: ActorEntry) -> ActorMention:
        return ActorMention(start, end, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text),
                            doc.span_text(start, end), entry.id, entry.name, entry.country, None,
                            "modifier", entry.rule)

    def _adjective(self, tok) -> ActorEntry | None:
        if tok.lower_ in GENERIC_ADJ[self.lang]:
            return ActorEntry("generic", "-", None, None, "adj", rule="generic adjective")
        entries = self.adjectives.get(tok.lower_) if self.lang == "de" else None
        return entries[0] if entries else None

    def _name(self, doc, i, day) -> tuple[int, ActorEntry] | None:
        if i >= len(doc) or doc[i].text not in self.names.by_first:
            return None  # most words start no name of the lexicon
        for end, entries in self.names.matches(doc, i):
            entry = _choose(entries, day)
            if entry is not None:
                return end, entry
        return None

    def _owned_role(self, doc, end, entry: ActorEntry):
        """A role owned by the state or body just named: "Russlands Außenminister",
        "Russia's foreign ministry", "U.S. officials"."""
        if entry.kind not in ("state", "capital", "org") or end >= len(doc):
            return None
        k = end
        if self.lang == "en" and doc[k].text in ("'s", "’s"):
            k += 1
        elif not (entry.genitive or self.lang == "en"):
            return None
        while k < len(doc) and k - end < 3 and self._plain_adjective(doc[k]) \
                and self._role(doc, k) is None:
            if doc[end].text not in ("'s", "’s") and doc[k].lemma_.lower() in \
                    self.event_verbs and doc[k].lower_ not in ("armed", "united", "allied"):
                return None  # "Norway called up navy reservists": a verb, not an adjective
            k += 1
        role = self._role(doc, k)
        if role is None or role[1] is not None:
            return None
        return k, role

    def _role(self, doc, j):
        """A role noun at ``j``, plainly, after English title words, or as the head of a
        hyphenated compound."""
        if j >= len(doc):
            return None
        k = self._skip_titles(doc, j)
        if k != j and self.actors.role_of(self.lang, doc[k].text):
            return self._role(doc, k)  # "Police Chief", "Vice Foreign Minister"
        text = doc[j].text
        if self.lang == "en" and text.islower() and j + 1 < len(doc) \
                and doc[j + 1].lower_ in self.event_nouns:
            return None  # "military aid", "police operation": an adjective, not an actor
        role = self.actors.role_of(self.lang, text)
        prefix_entry = None
        if "-" in text.strip("-"):
            prefix, _, head = text.rpartition("-")
            prefix_entry = self._prefix_actor(prefix)
            role = self.actors.role_of(self.lang, head) or role
            if role is None and prefix_entry is not None and head[:1].isupper():
                return None
        if role is None:
            return None
        return role, prefix_entry

    def _prefix_actor(self, prefix: str) -> ActorEntry | None:
        entries = self.names.single(prefix) or self.adjectives.get(prefix.lower())
        return entries[0] if entries else None

    def _role_mention(self, doc, i, j, role_here, adjectives, day, surnames) -> ActorMention:
        role, prefix_entry = role_here
        k = self._skip_titles(doc, j)
        # "Police Chief", "Vice Foreign Minister": the last role word of the titles; but in
        # "Police used force" the title word is the role itself
        j = next((p for p in range(min(k, len(doc) - 1), j, -1)
                  if self.actors.role_of(self.lang, doc[p].text)), j)
        if role.sector in ARMED and j > 0 and doc[j - 1].lower_ == "security":
            # "security forces" keep order at home (police, gendarmerie: CAMEO's COP);
            # "security forces in Mali" are Mali's, where troops would be sent ones
            role = Role(role.stem, "COP", role.rule)
        end = j + 1
        entry: ActorEntry | None = None
        country_from = "lexicon"
        # a name after the role: "Verteidigungsminister Sergej Schoigu"
        if self.lang == "en" and end + 1 < len(doc) and doc[end].lower_ == "of":
            k = end + 1  # "Secretary of State Antony Blinken"
            while k < len(doc) and k - end <= 3 and doc[k].text[:1].isupper():
                person = self._name(doc, k, day)
                if person is not None and person[1].kind == "person":
                    end = k
                    break
                k += 1
        named = self._name(doc, end, day)
        name_end = end
        if named is not None and named[1].kind in ("person", "org"):
            end, entry = named  # "Verteidigungsminister Sergej Schoigu", "Terrormiliz IS"
        else:
            k = end
            while k < len(doc) and k - end < 5 and (self._name_token(doc[k]) or (
                    doc[k].is_space and k + 1 < len(doc) and self._name_token(doc[k + 1]))
                    or k > end and self._surname_like(doc[k])):
                k += 1  # "Botschafter Sergey  Kiselev": a double space inside a name
            end = name_end = k
        country = sector = None
        if entry is not None:
            country, sector = entry.country, entry.sector
        source = prefix_entry or next((a for a in adjectives if a.id != "generic"), None)
        if country is None and source is not None:
            country = source.country
            country_from = "prefix" if prefix_entry else "adjective"
        generic = any(a.id == "generic" for a in adjectives)
        if sector is None:
            # "*": the sector of the body the role speaks for ("Taliban-Sprecher")
            sector = (source.sector if source else None) if role.sector == "*" else role.sector
        # "ein Sprecher des Kremls", "die Regierung in Warschau"; but "Truppen in der
        # Ukraine" are not the Ukraine's: armed forces are where they are sent
        if (country is None or sector is None) and not (
                role.sector in ARMED and end < len(doc) and doc[end].lower_ in ("in", "im")):
            attached = self._attached_actor(doc, end, day)
            if attached is not None:
                owner, owner_end = attached
                country = country or owner.country
                sector = sector or owner.sector
                country_from = "attached" if country_from == "lexicon" else country_from
                if doc[end].lower_ not in ("in", "im", "aus", "from"):
                    end = owner_end  # the owner is part of this mention, not an actor apart
        text_start = i
        m = ActorMention(
            start=text_start, end=end, start_char=doc[text_start].idx,
            end_char=doc[end - 1].idx + len(doc[end - 1].text),
            text=doc.span_text(text_start, end), id=entry.id if entry else None,
            name=entry.name if entry else (doc.span_text(j + 1, name_end) or None),
            country=country, sector=sector, kind="person" if entry or name_end > j + 1 else "role",
            rule=(entry.rule if entry else role.rule), country_from=country_from,
        )
        if generic and country is None:
            m.country_from = "generic"
        return m

    def _attached_actor(self, doc, k, day) -> tuple[ActorEntry, int] | None:
        """The body a role belongs to, named right after it: "ein Sprecher des Kremls",
        "die Regierung in Warschau", "eine Delegation russischer Beamter"."""
        if k >= len(doc):
            return None
        word = doc[k].lower_
        if word in ("des", "der", "in", "im", "aus", "von", "vom", "of", "from"):
            k += 1
        elif not (self.lang == "de" and self._adjective(doc[k]) is not None):
            named = self._name(doc, k, day)  # "die Not Moskaus": a genitive name right after
            return (named[1], named[0]) if named is not None and named[1].genitive else None
        adjectives = []
        while k < len(doc) and (doc[k].lower_ in self.dets or self._plain_adjective(doc[k])
                                or self._adjective(doc[k]) is not None):
            entry = self._adjective(doc[k])
            if entry is not None and entry.country:
                adjectives.append(entry)
            k += 1
        named = self._name(doc, k, day)
        if named is not None:
            return named[1], named[0]
        role = self._role(doc, k)
        if role is None:
            return None
        r, prefix = role
        owner = prefix or (adjectives[0] if adjectives else None)
        if owner is None:
            return None
        return ActorEntry(owner.id, owner.name, owner.country,
                          None if r.sector == "*" else r.sector, "org"), k + 1

    def _from_entry(self, doc, start, end, entry, adjectives, day) -> ActorMention:
        country, sector = entry.country, entry.sector
        return ActorMention(
            start=start, end=end, start_char=doc[start].idx,
            end_char=doc[end - 1].idx + len(doc[end - 1].text), text=doc.span_text(start, end),
            id=entry.id, name=entry.name, country=country, sector=sector, kind=entry.kind,
            rule=entry.rule, genitive=entry.genitive,
        )

    # -- after the first pass -----------------------------------------------------------
    def _remember_surnames(self, doc, m: ActorMention, surnames: dict) -> None:
        if m.kind != "person" or m.end - m.start < 1:
            return
        last = doc[m.end - 1].text
        if not is_capitalised(last) or last in NAME_STOP[self.lang]:
            return
        surnames.setdefault(last, m)
        for part in last.split("-"):
            if len(part) > 2:
                surnames.setdefault(part, m)

    def _appositions(self, doc, mentions: list[ActorMention]) -> None:
        """ "Linda Thomas-Greenfield, US-Botschafterin bei ...": the name takes the role."""
        for m in mentions:
            if m.kind != "role" or m.country is None or m.start < 3:
                continue
            if doc[m.start - 1].text != ",":
                continue
            k = m.start - 1
            while k - 1 >= 0 and k - 1 >= m.start - 5 and self._name_token(doc[k - 1]):
                k -= 1
            if m.start - 1 - k >= 1 and not any(o.start <= k < o.end for o in mentions):
                m.name = doc.span_text(k, m.start - 1)
                m.start, m.start_char = k, doc[k].idx
                m.text = doc.span_text(k, m.end)
                m.kind = "person"

    def _governor(self, doc, start: int) -> tuple[str | None, str | None]:
        """The preposition and case cue in front of a mention ("an die russische ...")."""
        case = None
        k = start - 1
        while k >= 0 and start - k <= 4:
            low = doc[k].lower_
            if low in self.preps:
                if low == "of" and k > 0 and doc[k - 1].lower_ in GROUP_NOUNS_EN:
                    return None, case  # "a group of Moroccan diplomats": they act
                if low in ("at", "up") and k + 1 < len(doc) and doc[k + 1].lower_ in (
                        "least", "most", "to"):
                    return None, case  # "at least three civilians", "up to 100 people"
                return self.preps[low], case
            if low == "-" and self.lang == "en" or low in COMPASS_EN and self.lang == "en":
                k -= 1  # "to war-torn Mozambique", "in East Jerusalem", "in northern Mali"
                continue
            if low in self.dets:
                case = case or self.dets[low]
                if low == "der" and k > 0 and doc[k - 1].text[:1].isupper() \
                        and doc[k - 1].text.isalpha() and not doc[k - 1].is_sent_start:
                    case = "gen"  # "Militärmanöver der USA": a genitive attribute
            elif not self._plain_adjective(doc[k]) and self._adjective(doc[k]) is None \
                    or self.lang == "en" and doc[k].lemma_.lower() in self.event_verbs:
                break  # "to assassinate Prime Minister X": the verb governs, not "to"
            k -= 1
        return None, case

    def _group_coordinated(self, doc, mentions: list[ActorMention]) -> None:
        """Mark mentions joined by "und"/"and" or commas as one coordinated group."""
        group = 0
        mentions = [m for m in mentions if m.kind != "modifier"]
        head: dict[int, ActorMention] = {}  # "die Regierung in Kabul": Kabul -> Regierung
        for n, (a, b) in enumerate(zip(mentions, mentions[1:])):
            if a.group < 0:
                a.group = group
                group += 1
            if n and a.prep in ("in", "at") and a.kind in ("capital", "state") \
                    and a.start - mentions[n - 1].end == 1:
                head[n] = head.get(n - 1, mentions[n - 1])
            # "Modi und sein chinesischer Amtskollege": a possessive is a determiner here
            if _coordinated(doc, a.end, b.start, self.dets):
                # "die Regierung in Kabul und die Taliban": the Taliban join the government
                b.group = head.get(n, a).group
        if mentions and mentions[-1].group < 0:
            mentions[-1].group = group


def _coordinated(doc, start: int, end: int, dets) -> bool:
    """Whether tokens ``start`` to ``end`` join two mentions: one or two of "und", "and",
    "or" and commas, besides articles and possessives (stops at the first other word)."""
    joins = 0
    for k in range(start, end):
        low = doc[k].lower_
        if low in dets or low in COORD_POSSESSIVES:
            continue
        if low not in COORD_WORDS or joins == 2:
            return False
        joins += 1
    return joins > 0


COORD_WORDS = {"und", "sowie", "oder", ",", "and", "or"}
COORD_POSSESSIVES = {"sein", "seine", "seinem", "seinen", "seiner", "ihr", "ihre", "ihrem",
                     "ihren", "ihrer", "his", "her", "its", "their"}


def _choose(entries: list[ActorEntry], day: date | None) -> ActorEntry | None:
    valid = [e for e in entries if e.valid_on(day)]
    if not valid:
        # a known person outside any term: still of their country, but holds no office
        person = next((e for e in entries if e.kind == "person"), None)
        if person is None:
            return None
        return ActorEntry(person.id, person.name, person.country, None, "person",
                          rule=person.rule)
    return min(valid, key=lambda e: KIND_RANK.get(e.kind, 9))


def _copy(m: ActorMention, doc, start, end, kind) -> ActorMention:
    return ActorMention(start, end, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text),
                        doc.span_text(start, end), m.id, m.name, m.country, m.sector, kind, m.rule)


@Language.factory("lagebild_actors", default_config={"lexicon_paths": []})
def make_actor_recognizer(nlp: Language, name: str, lexicon_paths: list[str]) -> ActorRecognizer:
    """spaCy factory: the actor layer, reading the shipped lexicon plus ``lexicon_paths``."""
    return ActorRecognizer(nlp, tuple(lexicon_paths))
