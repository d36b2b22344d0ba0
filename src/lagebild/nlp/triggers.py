"""Finding event triggers in a clause: verbs with their separable particles wherever they
stand, participles and zu-infinitives, nouns, and nouns with their support verbs."""

from __future__ import annotations

from dataclasses import dataclass

from lagebild.lexicon import EventLexicon, Trigger
from lagebild.nlp.clauses import Clause, is_verb_like
from lagebild.nlp.grammar import AUXILIARIES, DET_CASE, PREPOSITIONS

REFLEXIVE = {"sich", "mich", "uns", "dich", "euch"}


@dataclass
class TriggerMatch:
    """A lexicon entry that fired on token ``i`` of ``clause``."""

    trigger: Trigger
    i: int
    clause: Clause
    particle_i: int | None = None  # where a detached particle stands ("forderte ... auf")
    support_i: int | None = None  # the support verb of a noun event ("Kritik üben")
    in_pp: str = ""  # the preposition before a noun ("nach der Reise" -> "nach")


def find_triggers(doc, lex: EventLexicon, clause: Clause,
                  candidates: list[int] | None = None) -> list[TriggerMatch]:
    """All trigger matches in one clause, at most one entry per token (the most specific).

    ``candidates``: the clause's tokens for which ``may_trigger`` holds, where known (no
    other token can match); else every token is tried.
    """
    matches: list[TriggerMatch] = []
    for i in range(clause.start, clause.end) if candidates is None else candidates:
        tok = doc[i]
        known = lex.verbs.get(tok.lemma_.lower()) or lex.verbs.get(tok.lower_)
        verb = _verb_match(doc, lex, clause, i) \
            if known and _verb_candidate(doc, tok, lex.lang) else None
        noun = _noun_match(doc, lex, clause, i) if verb is None or lex.lang == "en" else None
        if verb is not None and not (noun is not None and noun.support_i is not None):
            matches.append(verb)  # English "used tear gas": a noun with its support verb wins
        elif noun is not None:
            matches.append(noun)
    # a noun with its support verb says more than the verb alone: "um Entschuldigung
    # bitten" is an apology, "Soldaten schicken" a deployment
    supports = {m.support_i for m in matches if m.support_i is not None}
    return [m for m in matches if not (m.trigger.pos == "verb" and m.i in supports)]


# endings of English adjectives and participles before a noun ("growing pressure")
ADJECTIVE_ENDINGS_EN = ("ing", "ed", "al", "ive", "ous", "ful", "ic", "ent", "ant", "ble",
                        "ary", "ory", "dy", "vy", "ly", "ce")


def may_trigger(text: str, lemma: str, lex: EventLexicon) -> bool:
    """Whether the lexicon has a verb or noun entry for a word of this text and lemma: what
    ``find_triggers`` needs before it looks at the word's clause (a cheap test for a whole
    sentence)."""
    if lex.verbs.get(lemma.lower()) or lex.verbs.get(text.lower()):
        return True
    shaped = text[:1].isupper() if lex.lang == "de" else text.isalpha()
    return shaped and bool(lex.nouns_for(text, lemma))


EN_NOUN_BEFORE = {"the", "a", "an", "its", "their", "his", "her", "this", "these", "those",
                  "that", "'s", "’s", "our", "new", "further", "more", "any", "no"}


def _verb_candidate(doc, tok, lang: str) -> bool:
    if not (tok.text.islower() or tok.is_sent_start):
        return False
    if lang == "en" and not tok.text.islower():
        return False  # "Protests against ...": English news sentences open with no verb
    if lang == "en" and tok.i > 0:
        prev = doc[tok.i - 1].lower_
        k = tok.i - 1
        while k > 0 and tok.i - k <= 3 and doc[k].is_lower and doc[k].lower_.endswith(
                ADJECTIVE_ENDINGS_EN) and doc[k].lower_ not in PREPOSITIONS["en"]:
            k -= 1
        if k < tok.i - 1 and doc[k].lower_ in PREPOSITIONS["en"] and doc[k].lower_ != "to":
            return False  # "despite growing pressure", "after deadly border clashes"
        if prev in PREPOSITIONS["en"] and (tok.lower_.endswith("ing") or prev != "to"):
            # "suspected of blowing up": content of another act, a gerund; "in protest
            # of", "in response": after a preposition other than "to" a noun
            return False
        if prev == "-":
            return False  # "a long-threatened strike": part of a compound adjective
        if prev in ("up", "down", "off", "out"):
            return False  # "put up barricades", "set off protests": a phrasal verb's object
        if tok.i > 1 and doc[tok.i - 2].lower_ == "to" and doc[tok.i - 1].is_lower \
                and doc[tok.i - 1].is_alpha and prev not in AUXILIARIES["en"] \
                and prev not in EN_NOUN_BEFORE and not prev.endswith("ly"):
            return False  # "to increase trade": the infinitive's object
        if tok.i > 1 and doc[tok.i - 2].lower_ in EN_NOUN_BEFORE and doc[tok.i - 1].is_lower \
                and doc[tok.i - 1].is_alpha and not doc[tok.i - 1].lower_.endswith("s") \
                and tok.lower_ == tok.lemma_.lower():
            return False  # "a hunger strike", "the peace deal": the head of a compound noun
        # "the attack", "Russia's arrest of", "free of charge": after a determiner or
        # "of" the word is a noun; so it is after a full verb ("accepted demands")
        return prev not in EN_NOUN_BEFORE and prev != "of" and not _noun_use(doc, tok.i) \
            and not _after_named_modifier(doc, tok.i)
    if lang == "de" and tok.i + 1 < len(doc) and tok.i > 0:
        # "des besetzten Westjordanlandes": a participle used as an adjective
        nxt, prev = doc[tok.i + 1], doc[tok.i - 1]
        if nxt.text[:1].isupper() and tok.lower_.endswith(("e", "en", "er", "es", "em")) and (
                prev.lower_ in DET_CASE["de"] or prev.lower_ in PREPOSITIONS["de"]
                or prev.text.islower() and prev.lower_.endswith(("en", "er", "es"))):
            return False
    return True


def _after_named_modifier(doc, i: int) -> bool:
    """ "Palestinian riots", "a French offer", "the UN appeal": a word right after a country
    adjective is a noun (an adjective is never a subject), and so is an uninflected word
    between a determiner and a name ("The Palestinians reject", "The United Nations
    called on" and "Japan's Deputy Foreign Minister visited" are subjects and verbs)."""
    m = next((m for m in doc._.actors or () if m.end == i), None)
    if m is None:
        return False
    if m.kind == "modifier" and not doc[m.start].text[:1].islower():
        return True
    if m.kind not in ("state", "org", "capital") or m.start == 0 \
            or doc[i].lower_ != doc[i].lemma_.lower():
        return False
    return doc[m.start - 1].lower_ in EN_NOUN_BEFORE


def _verb_match(doc, lex: EventLexicon, clause: Clause, i: int) -> TriggerMatch | None:
    tok = doc[i]
    lemma, low = tok.lemma_.lower(), tok.lower_
    entries = list(dict.fromkeys(lex.verbs.get(lemma, []) + lex.verbs.get(low, [])))
    if not entries:
        return None
    best: TriggerMatch | None = None
    for entry in entries:
        if "reflexive" in entry.flags and not any(
                doc[k].lower_ in REFLEXIVE for k in range(clause.start, clause.end)):
            continue
        if entry.particle:
            particle_i = _particle_for(doc, lex.lang, clause, i, entry, lemma, low)
            if particle_i is None:
                continue
            return TriggerMatch(entry, i, clause, particle_i=None if particle_i < 0 else
                                particle_i)
        if best is None and not _detached_particle(doc, lex.lang, clause, i):
            best = TriggerMatch(entry, i, clause)
    return best


def _particle_for(doc, lang, clause, i, entry: Trigger, lemma: str, low: str) -> int | None:
    """-1 when the particle is joined to the verb; its index when it stands apart."""
    if lang == "de":
        joined = entry.particle + entry.lemma
        if lemma == joined or low.startswith(entry.particle) and lemma != entry.lemma:
            return -1
        if lemma != entry.lemma and low not in entry.forms:
            return None
        for k in range(i + 1, clause.end):
            if doc[k].lower_ == entry.particle and (k + 1 == clause.end
                                                   or not doc[k + 1].text[:1].isalpha()
                                                   or is_verb_like(doc[k + 1], lang)):
                return k
        return None
    words = entry.particle.split()
    for k in range(i + 1, min(i + 5, clause.end - len(words) + 1)):
        if [doc[k + n].lower_ for n in range(len(words))] == words:
            return k
    return None


def _detached_particle(doc, lang, clause, i) -> bool:
    """ "schlug ... vor": a particle at the clause end makes the plain verb another verb."""
    if lang != "de" or clause.end - 1 <= i:
        return False
    last = _last_word(doc, clause)
    return last.lower_ in DE_PARTICLES and last.i > i + 1


def _last_word(doc, clause: Clause):
    """The clause's last token before its closing punctuation (where a particle stands)."""
    end = clause.end
    while end - 1 > clause.start and not doc[end - 1].text[:1].isalpha():
        end -= 1
    return doc[end - 1]


DE_PARTICLES = {"auf", "vor", "zurück", "aus", "ab", "an", "ein", "fest", "frei", "voran",
                "bei", "los", "nieder", "weg", "zusammen", "fort", "hin", "her", "mit", "zu",
                "dar", "nach", "um", "hinzu", "fern", "bekannt"}


def _noun_match(doc, lex: EventLexicon, clause: Clause, i: int) -> TriggerMatch | None:
    tok = doc[i]
    if lex.lang == "de" and not tok.text[:1].isupper():
        return None
    if lex.lang == "en" and not tok.text.isalpha():
        return None
    entries = lex.nouns_for(tok.text, tok.lemma_)
    if not entries:
        return None
    if lex.lang == "en" and _modifies_next_noun(doc, lex, clause, i):
        return None  # "war games", "protest leaders", "aid workers": the last noun is the head
    bare = None
    for entry in entries:
        if entry.support:
            k = _support_verb(doc, clause, entry)
            if k is not None and lex.lang == "en" and (not 0 < i - k <= 10
                                                        or _noun_use(doc, k)):
                k = None  # English: the support verb stands just before its object noun
            if k is not None and lex.lang == "en" and k > 0 and doc[k].lower_.endswith(
                    "ing") and doc[k - 1].lower_ in PREPOSITIONS["en"]:
                return None  # "an appeal for deploying troops": what is asked, no act
            if k is not None:
                return TriggerMatch(entry, i, clause, support_i=k)
        elif bare is None:
            bare = TriggerMatch(entry, i, clause, in_pp=_after_preposition(doc, i, lex.lang))
    return bare


# heads of compounds whose first noun names no act of their own: "war games"
EN_NON_ACT_HEADS = {"games", "crimes", "criminals", "zone", "zones", "correspondent",
                    "correspondents", "memorial", "footage"}


def _modifies_next_noun(doc, lex, clause: Clause, i: int) -> bool:
    """An English noun right before the noun it modifies names no act when that head is a
    role ("aid workers", "protest leaders") or a thing apart ("war games"); in "aid
    deliveries" or "attacks killed" the first word still names the act."""
    if i + 1 >= clause.end:
        return False
    if doc[i + 1].lower_ in EN_NON_ACT_HEADS:
        return True
    return any(m.start == i + 1 and m.kind in ("role", "people") and m.end == i + 2
               for m in doc._.actors or ())


def _noun_use(doc, k: int) -> bool:
    """English "shelled positions of", "the moves": a support verb's form used as a noun,
    after a determiner or after a verb in the past ("held talks" is still a verb: a
    plural noun before it is its subject)."""
    if k == 0:
        return False
    prev = doc[k - 1]
    past = (prev.text.islower() and prev.lower_.endswith("ed")
            and prev.lemma_.lower() != prev.lower_)
    return prev.lower_ in DET_CASE["en"] or (past and prev.lemma_.lower()
                                             not in AUXILIARIES["en"])


def _after_preposition(doc, i: int, lang: str) -> str:
    """The preposition that governs the noun at ``i``, or ""."""
    named = {j for m in doc._.actors or () if m.end <= i and m.end >= i - 3
             for j in range(m.start, m.end)}  # "during a G8 summit", "nach dem EU-Gipfel"
    k = i - 1
    while k >= 0 and i - k <= 4:
        low = doc[k].lower_
        if low in PREPOSITIONS[lang]:
            return low
        if low not in DET_CASE[lang] and not doc[k].text.islower() and k not in named \
                and low != "-":  # "after a counter-protest"
            return ""
        k -= 1
    return ""


def _support_verb(doc, clause: Clause, entry: Trigger) -> int | None:
    for k in range(clause.start, clause.end):
        tok = doc[k]
        if not tok.text.islower() or not tok.text[0].isalpha():
            continue  # also "'s", which the English lemmatizer reads as "be"
        if tok.lemma_.lower() in entry.support or tok.lower_ in entry.support:
            return k
        # the lemmatizer misreads some ("führten" -> "fahren"): compare the verb stem
        if any(len(v) > 5 and v.endswith("en") and tok.lower_.startswith(v[:-2])
               for v in entry.support):
            return k
    # a separable support verb: "nahmen Gespräche auf" -> "aufnehmen"
    last = _last_word(doc, clause).lower_
    for k in range(clause.start, clause.end):
        if (last + doc[k].lemma_.lower()) in entry.support:
            return k
    return None
