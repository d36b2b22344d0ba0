"""Who did it to whom: the source and target of a trigger from its clause.

German word order is free, so case and prepositions decide more than position: a
mention behind "dem"/"den" or a preposition is no subject; a frame slot ``pp:an`` takes
the mention governed by "an". Subjects left out in coordinated clauses ("sagte Kirby und
forderte Pjöngjang auf") come from the clause before; pronouns from the last person.
"""

from __future__ import annotations

from dataclasses import replace

from lagebild.nlp.clauses import Clause
from lagebild.nlp.grammar import AGENT_PREPS, PASSIVE_AUX, PREPOSITIONS, PRONOUNS
from lagebild.nlp.mentions import ActorMention
from lagebild.nlp.words import words_of

SUBJECT_DEPS = {"sb", "nsubj", "nsubj:pass", "nsubjpass"}
OBJECT_DEPS = {"oa", "obj", "dobj"}
DAT_DEPS = {"da", "iobj", "dative"}
FIRST_PERSON = {"de": {"ich", "wir"}, "en": {"i", "we"}}
LOCATIVE_PREPS = {"in", "nach", "aus", "bei", "at", "near", "nahe"}
PERSONAL_KINDS = ("person", "role")
# an apposition between commas opens with an article: "Pakistan, a key U.S. ally, ..."
APPOSITION_OPENERS = {"a", "an", "the", "ein", "eine", "einer", "der", "die", "das"}


class ArgumentFinder:
    """Finds actors in frame slots; one per document (it holds that doc's mentions)."""

    def __init__(self, doc, lang: str, mentions: list[ActorMention]) -> None:
        self.doc = words_of(doc)
        self.lang = lang
        self.parsed = self.doc.has_annotation("DEP")  # once: it walks every token
        self.mentions = [m for m in mentions if m.kind != "modifier"]
        # who speaks at a character offset (set by the status layer from the quotations)
        self.speaker_at = lambda char: None
        # country adjectives and compound prefixes: owners of noun events, never subjects
        self.modifiers = [m for m in mentions if m.kind == "modifier"]

    # -- mentions of a clause -------------------------------------------------------------
    def in_clause(self, clause: Clause) -> list[ActorMention]:
        return [m for m in self.mentions if clause.start <= m.start < clause.end]

    def group_of(self, m: ActorMention, clause: Clause | None = None) -> list[ActorMention]:
        """A mention with the mentions coordinated with it ("Iran und Nordkorea")."""
        out = [o for o in self.mentions if o.group == m.group and m.group >= 0]
        if clause is not None:
            out = [o for o in out if clause.start <= o.start < clause.end]
        return out or [m]

    @staticmethod
    def usable(m: ActorMention, slot_prep: str | None = None) -> bool:
        """A capital after "in"/"nach" is a place, not an actor, unless the slot asks so."""
        if m.prep in LOCATIVE_PREPS and m.prep != slot_prep and m.kind in ("capital", "state"):
            return False
        return True

    # -- subject ----------------------------------------------------------------------
    def is_passive(self, clause: Clause, i: int) -> bool:
        tok = self.doc[i]
        aux = any(self.doc[k].lower_ in PASSIVE_AUX[self.lang] for k in range(clause.start,
                                                                                clause.end))
        participle = tok.lower_ != tok.lemma_.lower() and (
            tok.lower_.startswith("ge") or tok.lower_.endswith(("t", "en", "ed")))
        return aux and participle

    def subject(self, clause: Clause, i: int, clauses: list[Clause]) -> list[ActorMention]:
        """The subject of the verb at ``i``: from the dependency parse where the pipeline has
        one; else the nearest nominative candidate, or inherited."""
        parsed = self._dependents(i, SUBJECT_DEPS)
        if parsed:
            return parsed
        if clause.opener == "coord":
            return self._inherited(clause, clauses)
        if clause.opener in ("inf", "purpose") and self.lang == "de":
            # "..., Russland zu sanktionieren": a zu-infinitive has no subject of its own
            return self._pronoun_subject(clause, i) or self._inherited(clause, clauses)
        cands = [m for m in self.in_clause(clause)
                 if m.prep is None and m.case not in ("gen", "dat", "obj") and not m.genitive
                 and m.kind != "adj" and self.usable(m)]
        if self.lang == "en":
            before = [m for m in cands if m.end <= i]
            cands = [before[-1]] if before else []
        pronoun_at = self._subject_pronoun_position(clause, i)
        if pronoun_at is not None and (not cands or pronoun_at < cands[0].start):
            # "Er sagte Ägypten Unterstützung zu": the pronoun, not Ägypten, is the subject
            pronoun = self._pronoun_subject(clause, i)
            if pronoun:
                return pronoun
        if clause.opener == "main" and i == clause.start and not self._after_quote(clause):
            before = self._from_verbless_before(clause, clauses)
            if before:  # "Linda Thomas-Greenfield, US-Botschafterin ..., warf Russland vor"
                return before
        if cands and self._non_actor_vorfeld(clause, i, cands):
            return []  # "Die Bergwacht kritisierte Italien": the subject is no actor we know
        if cands:
            return self.group_of(cands[0], clause)
        pronoun = self._pronoun_subject(clause, i)
        if pronoun:
            return pronoun
        if clause.opener == "rel":
            return self._antecedent(clause)
        if clause.opener in ("inf", "sub", "purpose") or not clause.has_verb:
            return self._inherited(clause, clauses)
        before = self._from_verbless_before(clause, clauses)
        if before or self.lang != "de":  # English subjects stand before their verb
            return before or self._owner_of_plural(clause, i)
        return self._from_apposition_after(clause, clauses)

    def _antecedent(self, clause: Clause) -> list[ActorMention]:
        """ "die Regierung, die ... verhängte": the actor right before a relative clause."""
        before = [m for m in self.mentions if m.end == clause.start - 1]
        return self.group_of(before[0]) if before else []

    def _after_quote(self, clause: Clause) -> bool:
        """A clause right after a closing quotation mark: the quote stands first."""
        k = clause.start - 1
        while k >= clause.sentence_start and self.doc[k].text in (",", " "):
            k -= 1
        return k >= 0 and self.doc[k].text in ('"', "“", "”", "«", "»", "‘", "'")

    def _inherited(self, clause: Clause, clauses: list[Clause]) -> list[ActorMention]:
        """The subject of the clause this one depends on or is coordinated with."""
        k = clauses.index(clause)
        for prev in reversed(clauses[:k]):
            if prev.opener in ("rel", "sub", "inf", "purpose") and clause.opener == "coord":
                continue  # "sagte X und versprach, dass ..., und forderte": back to X
            if prev.opener == "rel":
                continue
            subj = [m for m in self.in_clause(prev) if m.prep is None and not m.genitive
                    and m.case not in ("gen", "dat", "obj") and m.kind != "adj"
                    and self.usable(m)]
            if subj:
                return self.group_of(subj[0], prev)
            if prev.has_verb and prev.opener != "coord":
                return self._pronoun_subject(prev, prev.start)
        return []

    def _from_verbless_before(self, clause, clauses) -> list[ActorMention]:
        k = clauses.index(clause)
        for n in range(k - 1, -1, -1):
            prev = clauses[n]
            if prev.has_verb:
                return []
            if n > 0 and not clauses[n - 1].has_verb and \
                    self.doc[prev.start].lower_ in APPOSITION_OPENERS:
                continue  # "Pakistan, a key U.S. ally, refused": the apposition describes
            subj = [m for m in self.in_clause(prev) if m.prep is None and not m.genitive]
            if subj:
                return self.group_of(subj[0], prev)
        return []

    def _non_actor_vorfeld(self, clause: Clause, i: int, cands) -> bool:
        """A German main clause that opens with "Der/Die/Das + noun" before its verb, with
        no actor there: that noun phrase is the subject, and the actors after the verb
        are objects."""
        if self.lang != "de" or clause.opener != "main" or i <= clause.start + 1:
            return False
        first = self.doc[clause.start]
        if first.lower_ not in ("der", "die", "das") or not self.doc[clause.start + 1].text[
                :1].isalpha():
            return False
        if any(m.start < i for m in self.in_clause(clause)):
            return False
        return all(m.start > i for m in cands)

    def _owner_of_plural(self, clause: Clause, i: int) -> list[ActorMention]:
        """ "Thousands of Iraqi Kurds demonstrated": a country adjective before a plural
        noun the lexicon does not know names the people who act."""
        owners = [m for m in self.modifiers if clause.start <= m.start and m.end < i
                  and self._plural_head(m.end, i) is not None]
        return owners[-1:]

    def _plural_head(self, k: int, verb_i: int) -> int | None:
        """The plural noun a modifier ends on: "Iraqi Kurds", "Chinese coast guard vessels"."""
        for j in range(k, min(k + 3, verb_i)):
            tok = self.doc[j]
            if not tok.is_alpha or (j > k and not tok.is_lower):
                return None
            if tok.lower_.endswith("s"):
                return j
        return None

    def _from_apposition_after(self, clause, clauses) -> list[ActorMention]:
        """ "paktierten die Verhandler, Staatssekretär X, Landeshauptmann Y": the subject
        is named in the appositions that follow."""
        k = clauses.index(clause)
        found: list[ActorMention] = []
        for nxt in clauses[k + 1:]:
            if nxt.has_verb:
                break
            found += [m for m in self.in_clause(nxt) if m.prep is None and not m.genitive
                      and m.kind in ("person", "role", "org")]
        return found

    def _pronoun_subject(self, clause: Clause, i: int) -> list[ActorMention]:
        for k in range(clause.start, min(clause.end, max(i, clause.start) + 3)):
            low = self.doc[k].lower_
            if low in FIRST_PERSON[self.lang]:
                speaker = self.speaker_at(self.doc[k].idx)  # "Wir sind besorgt", said Kirby
                if speaker is not None and speaker.country:
                    return [self._as_pronoun(speaker, k)]
            if self._formal_you(k) or low == "es" and not (k == clause.start and i == k + 1):
                continue  # "treten Sie zurück?" addresses the reader; "es ist" is no actor
            if low in PRONOUNS[self.lang] and (k <= clause.start + 2 or k in (i - 1, i + 1)):
                if "pl" in PRONOUNS[self.lang][low] and self._plural_verb(clause):
                    group = self._last_group(k)
                    if group:
                        return [self._as_pronoun(m, k) for m in group]
                resolved = self.resolve_pronoun(k)
                return [resolved] if resolved is not None else []
        return []

    def _subject_pronoun_position(self, clause: Clause, i: int) -> int | None:
        for k in (clause.start, clause.start + 1, i + 1):
            if clause.start <= k < clause.end and self.doc[k].lower_ in (
                    "er", "sie", "he", "she", "they", "ich", "wir", "i", "we"):
                return k
        # "Es warf der Regierung vor": "es" before a trigger verb stands for a body
        if self.doc[clause.start].lower_ in ("es", "it") and i == clause.start + 1:
            return clause.start
        return None

    def _formal_you(self, k: int) -> bool:
        """German "Sie" capitalised inside a sentence is the polite "you", not "they"."""
        tok = self.doc[k]
        return self.lang == "de" and tok.text in ("Sie", "Ihnen", "Ihr") \
            and not tok.is_sent_start and self.doc[k - 1].text not in (":", '"', "„", "–")

    def _plural_verb(self, clause: Clause) -> bool:
        return any(self.doc[k].lower_.endswith(("en", "ten")) and self.doc[k].text.islower()
                   and self.doc[k].lemma_.lower() != self.doc[k].lower_
                   for k in range(clause.start, clause.end)) or self.lang == "en"

    def _last_group(self, k: int) -> list[ActorMention]:
        """The last coordinated group ("Putin und Kim") before token ``k``, in reach."""
        before = [m for m in self.mentions if m.end <= k and k - m.end < 60]
        if not before:
            return []
        group = self.group_of(before[-1])
        return group if len(group) >= 2 else []

    def _as_pronoun(self, m: ActorMention, k: int) -> ActorMention:
        tok = self.doc[k]
        return replace(m, start=k, end=k + 1, start_char=tok.idx,
                       end_char=tok.idx + len(tok.text), text=tok.text, kind="pronoun")

    def reciprocal(self, clause: Clause) -> bool:
        """ "sie versprachen sich": a plural subject acting on each other."""
        return any(self.doc[k].lower_ in ("sich", "einander", "each", "one")
                   for k in range(clause.start, clause.end))

    def resolve_pronoun(self, k: int) -> ActorMention | None:
        """The last person before token ``k`` (singular pronouns), or last actor (plural)."""
        tok = self.doc[k]
        number = PRONOUNS[self.lang].get(tok.lower_, "")
        thing = tok.lower_ == "it"  # "Nigeria announced that it will": a state or body
        for m in reversed([m for m in self.mentions if m.end <= k]):
            if m.country is None and m.kind != "person":
                continue
            if thing:
                if m.kind in ("state", "org", "capital"):
                    return replace(m, start=k, end=k + 1, start_char=tok.idx,
                                   end_char=tok.idx + len(tok.text), text=tok.text,
                                   kind="pronoun")
                continue
            if "sg" in number and m.kind in PERSONAL_KINDS or "pl" in number and m.kind in (
                    "state", "org", "capital", "people"):
                return replace(m, start=k, end=k + 1, start_char=tok.idx,
                               end_char=tok.idx + len(tok.text), text=tok.text,
                               kind="pronoun")
        if "sg" in number and not thing:
            # a passage that opens with "er": the person named next, in the same paragraph
            after = [m for m in self.mentions if m.start > k and m.kind == "person"
                     and m.country and m.start < k + 80
                     and "\n" not in self.doc.span_text(k, m.start)]
            if after:
                return replace(after[0], start=k, end=k + 1, start_char=tok.idx,
                               end_char=tok.idx + len(tok.text), text=tok.text,
                               kind="pronoun")
        return None

    def speaker_actor(self, q) -> ActorMention | None:
        """The actor a quotation's speaker span names: the mention it overlaps, the person
        a pronoun stands for, or an unresolved actor with the speaker's words."""
        for b, e in q.speaker:
            for m in self.mentions:
                if m.start_char < e and b < m.end_char:
                    return m
            span = self.doc.char_span(b, e, alignment_mode="expand")
            if span is not None and len(span) == 1:
                resolved = self.resolve_pronoun(span.start)
                if resolved is not None:
                    return resolved
        if q.speaker:
            b, e = q.speaker[0]
            return ActorMention(0, 0, b, e, self.doc.text[b:e], None, None, None, None,
                                "unresolved")
        return None

    # -- frame slots ------------------------------------------------------------------
    def _dependents(self, i: int, deps: set[str]) -> list[ActorMention]:
        """Mentions that are the verb's dependents with these labels (a parsed pipeline:
        TIGER "sb", "oa", "da" for German; UD "nsubj", "obj", "iobj" for English); the
        verb's auxiliary head counts too ("hat ... kritisiert")."""
        if not self.parsed:
            return []
        verb = self.doc.doc[i]  # spaCy's token, with its head and children
        heads = [verb] + ([verb.head] if verb.head.i != verb.i else [])
        found = []
        for head in heads:
            for child in head.children:
                if child.dep_.lower() in deps:
                    found += [m for m in self.mentions if m.start <= child.i < m.end]
        return [g for m in found[:1] for g in self.group_of(m)]

    def slot(self, spec: tuple[str, ...], clause: Clause, exclude: list[ActorMention],
             anchor: int, after_only: bool = False) -> list[ActorMention]:
        """The first mention that fills one of the slots in ``spec``, with its group (from
        the dependency parse where there is one and the slot is an object)."""
        if any(s in ("obj", "acc", "dat") for s in spec):
            wanted = (DAT_DEPS if spec[0] == "dat" else set()) | OBJECT_DEPS
            parsed = [m for m in self._dependents(anchor, wanted)
                      if not any(m.start == e.start for e in exclude)]
            if parsed:
                return parsed
        taken = {id(m) for m in exclude}
        cands = [m for m in self.in_clause(clause) if id(m) not in taken
                 and not any(m.start == e.start for e in exclude)]
        if after_only or self.lang == "en":  # English objects follow their verb
            cands = [m for m in cands if m.start > anchor or m.prep is not None]
        for slot in spec:
            if slot == "-":
                return []
            found = self._fill(slot, cands)
            if found is not None:
                owner = self._object_owner_first(slot, found, anchor, exclude)
                if owner is not None:
                    return [owner]
                return [g for g in self.group_of(found, clause) if id(g) not in taken]
        if any(s in ("obj", "acc", "dat") for s in spec):
            # "rejected an Indian proposal", "lehnte den russischen Vorschlag ab": the owner
            # of the object is the one it is done to
            # German verb-final clauses put the object between subject and participle:
            # "hat ein philippinisches Schiff angegriffen"
            after = anchor
            if self.lang == "de" and exclude and exclude[-1].end < anchor:
                after = exclude[-1].end
            owners = [m for m in self.modifiers if clause.start <= m.start < clause.end
                      and m.start >= after and m.start != anchor
                      and (m.prep is None or self.lang == "en")
                      and not any(m.start == e.start for e in exclude)]
            if owners:
                return owners[:1]
        return []

    def _object_owner_first(self, slot: str, found: ActorMention, anchor: int,
                            exclude) -> ActorMention | None:
        """English: "rejected an Australian ultimatum to hand over a guard of the consulate":
        a country adjective in the object right after the verb names whose the object is,
        before any actor further on."""
        if self.lang != "en" or slot != "obj":
            return None
        owner = next((m for m in self.modifiers if anchor < m.start < found.start
                      and m.start - anchor <= 3 and m.prep is None
                      and not any(m.start == e.start for e in exclude)), None)
        if owner is None or any(t.lower_ in PREPOSITIONS["en"] or t.text in (",", ";")
                                for t in self.doc[anchor + 1:owner.start]):
            return None
        return owner

    def _fill(self, slot: str, cands: list[ActorMention]) -> ActorMention | None:
        if slot.startswith("pp:"):
            prep = slot[3:]
            return next((m for m in cands if m.prep == prep and self.usable(m, prep)), None) \
                or next((m for m in cands if m.prep is None and self.outer_prep(m) == prep),
                        None)
        objects = [m for m in cands if m.prep is None and not m.genitive and self.usable(m)
                   and m.kind != "adj"]
        if slot == "dat":
            return next((m for m in objects if m.case == "dat"), None) or next(
                (m for m in objects if m.case in (None, "obj")), None)
        if slot == "acc":
            return next((m for m in objects if m.case in ("obj", None)), None) or next(
                iter(objects), None)
        if slot == "gen":
            return next((m for m in cands if m.case == "gen" or m.genitive), None)
        if slot in ("obj", "subj"):
            return next(iter(objects), None)
        return None

    def outer_prep(self, m: ActorMention) -> str | None:
        """ "für die Ankündigung der österreichischen Regierung": the preposition of the
        noun a genitive actor belongs to."""
        if m.start < 3 or self.doc[m.start - 1].lower_ not in ("der", "des", "of"):
            return None
        noun = m.start - 2
        if not self.doc[noun].text[:1].isupper() and self.lang == "de":
            return None
        for k in range(noun - 1, max(-1, noun - 4), -1):
            low = self.doc[k].lower_
            if low in PREPOSITIONS[self.lang]:
                return PREPOSITIONS[self.lang][low]
            if not self.doc[k].text.islower():
                return None
        return None

    def agent(self, clause: Clause) -> list[ActorMention]:
        """The agent of a passive clause ("von der Armee", "by the army")."""
        for m in self.in_clause(clause):
            if m.prep in AGENT_PREPS[self.lang]:
                return self.group_of(m, clause)
        return []
