"""Clauses without a parser: split a sentence at punctuation, quotation marks and
coordinated verbs, and say what kind of clause each piece is.

Good enough for the event coder to find a trigger's subject and objects in the blank
pipeline; a user with a dependency parse gets the same interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress
from typing import NamedTuple

from lagebild.memo import FormTable
from lagebild.nlp.grammar import AUXILIARIES, COORDINATORS, PREPOSITIONS, RELATIVE_DE, SUBORDINATORS
from lagebild.nlp.words import any_between, between, per_doc

# parentheses are no boundary: "(IS)" belongs to the clause around it
BOUNDARY = {",", ";", ":", "–", "—", "„", "“", "”", '"', "»", "«", "‚", "‘"}
ADJ_ENDINGS = ("e", "en", "er", "es", "em")
FINITE_AUX_DE = {"ist", "sind", "war", "waren", "hat", "haben", "hatte", "hatten", "wird",
                 "werden", "wurde", "wurden", "kann", "können", "konnte", "konnten", "könnte",
                 "könnten", "soll", "sollen", "sollte", "sollten", "will", "wollen", "wollte",
                 "wollten", "muss", "müssen", "musste", "mussten", "habe", "hätte", "hätten",
                 "sei", "seien", "wäre", "wären", "würde", "würden", "darf", "dürfen", "mag"}


@dataclass
class Clause:
    """A token range [start, end) of one sentence, with what opens it."""

    start: int
    end: int
    opener: str  # "main", "sub" (dass, weil, ...), "rel" (relative), "inf" (zu-infinitive),
    #              "purpose" ("um ... zu", "in order to": intentions, not events),
    #              "coord" (und + verb: the subject is the previous clause's)
    sentence_start: int
    has_verb: bool = False

    def __contains__(self, i: int) -> bool:
        return self.start <= i < self.end


def is_verb_like(tok, lang: str) -> bool:
    """A cheap guess that a token is a verb form, from its case, lemma and ending
    (``verb_like``, remembered per word form and lemma)."""
    return VERB_LIKE[lang].of(tok)


def verb_like(text: str, lemma: str, lang: str) -> bool:
    """Whether a word with this text and lemma looks like a verb form in ``lang``."""
    low = text.lower()
    if lang == "de":
        if low in FINITE_AUX_DE:
            return True
        if not text.islower():
            return False
        lemma = lemma.lower()
        if lemma in AUXILIARIES["de"]:
            return True
        if not lemma.endswith(("en", "ern", "eln")) or len(low) < 4:
            return False
        if low.startswith(lemma) and low[len(lemma):] in ADJ_ENDINGS:
            return False  # "vergangenen": an adjective built on a participle
        return True
    lemma = lemma.lower()
    if not text.islower():
        return False
    return lemma in AUXILIARIES["en"] or lemma in SPEECH_VERBS_EN or (
        low.endswith(("ed", "es")) and lemma != low) or (
        # irregular pasts: "sought", "fought", "met", "struck"
        lemma != low and not low.endswith(("s", "ing")) and low not in EN_IRREGULAR_PLURALS)


VERB_LIKE = {lang: FormTable(lambda w, lang=lang: verb_like(w.text, w.lemma_, lang))
             for lang in ("de", "en")}
CLAUSE_WORD = {lang: FormTable(lambda w, lang=lang: _clause_word(w, lang))
               for lang in ("de", "en")}


EN_IRREGULAR_PLURALS = {"men", "women", "children", "people", "feet", "teeth", "mice", "data",
                        "media", "criteria", "militia", "personnel", "police"}


def split_clauses(doc, sent, lang: str) -> list[Clause]:
    """Split one sentence into clauses."""
    clauses: list[Clause] = []
    start = sent.start
    cuts = []
    found = clause_words(doc, lang)
    for i in between(found.cut, sent.start, sent.end):  # the words that may end a clause
        tok = doc[i]  # the Doc's shared tokens, not new ones from the Span
        if tok.text in QUOTES and not _quote_boundary(doc, sent, i):
            continue  # a quoted phrase inside a clause: sie sich "zur Verstärkung" versprachen
        if tok.text in BOUNDARY:
            cuts.append((i, i + 1))
        elif tok.lower_ in COORDINATORS[lang] and i + 1 < sent.end and i > sent.start \
                and found.flags[i + 1] & VERB and doc[i + 1].text.islower():
            cuts.append((i, i))  # "sagte Kirby und versprach": a new clause from "und"
        elif lang == "en" and i > sent.start and (tok.lower_ in EN_CLAUSE_OPENERS or (
                tok.lower_ == "to" and doc[i - 1].lemma_.lower() in CONTROL_VERBS_EN)):
            cuts.append((i, i))  # "a resolution that aims", "agreed to share"
    for cut_start, cut_end in cuts:
        if cut_start > start:
            clauses.append(_clause(doc, start, cut_start, sent.start, lang, found))
        start = cut_end
    if start < sent.end:
        clauses.append(_clause(doc, start, sent.end, sent.start, lang, found))
    return [c for c in clauses if c.end > c.start]


# what the clause splitter asks of a word that the word alone decides, one bit each: it may
# end a clause (punctuation, quotation mark, coordinator, English clause opener), it looks
# like a verb, it is "zu", it is a verb with "zu" inside ("einzustellen")
CUT, VERB, ZU, ZU_VERB = 1, 2, 4, 8


class ClauseWords(NamedTuple):
    """The words of a Doc the clause splitter looks at: each word's bits, and the
    positions of the words with each."""

    flags: list[int]
    cut: list[int]
    verb: list[int]
    zu: list[int]
    zu_verb: list[int]


def clause_words(doc, lang: str) -> ClauseWords:
    """The :class:`ClauseWords` of a Doc, found once."""
    def build(words) -> ClauseWords:
        flags = CLAUSE_WORD[lang].column(words)
        some = list(compress(range(len(flags)), flags))
        return ClauseWords(flags, *(
            [i for i in some if flags[i] & bit] for bit in (CUT, VERB, ZU, ZU_VERB)))

    return per_doc(doc, ("clause words", lang), build)


def _clause_word(word, lang: str) -> int:
    low = word.lower_
    verb = VERB_LIKE[lang].of(word)  # the answer is_verb_like gives, worked out once
    return (CUT * (word.text in QUOTES or word.text in BOUNDARY or low in COORDINATORS[lang]
                   or lang == "en" and (low in EN_CLAUSE_OPENERS or low == "to"))
            | VERB * verb | ZU * (low == "zu")
            | ZU_VERB * (verb and "zu" in low[2:-2] and word.lemma_.lower() != low))


QUOTES = {"„", "“", "”", '"', "»", "«", "‚", "‘"}
EN_CLAUSE_OPENERS = {"that", "which", "who", "whom", "whose", "because", "while",
                     "although", "whereas", "if", "unless", "until"}
# verbs whose complement is a to-infinitive with their own subject ("agreed to share")
CONTROL_VERBS_EN = {"agree", "offer", "promise", "pledge", "vow", "decide", "refuse",
                    "threaten", "plan", "want", "seek", "try", "aim", "fail", "continue",
                    "begin", "start", "hope", "expect", "intend", "prepare", "attempt",
                    "undertake", "commit", "consider", "propose", "demand", "ask", "urge",
                    "willing", "ready", "prepared", "able", "likely", "set"}
# verbs whose that-clause says what is demanded, said or feared (not a relative clause)
THAT_VERBS_EN = {"demand", "insist", "warn", "believe", "fear", "hope", "suggest",
                 "recommend", "propose", "urge", "ask", "agree", "say", "tell", "announce",
                 "claim", "allege", "deny", "state", "declare", "confirm", "report", "argue"}
# nouns whose that-clause says their content ("an admission that X murdered ..."), not a
# relative clause
THAT_NOUNS_EN = {"admission", "claim", "report", "allegation", "assurance", "promise",
                 "fear", "warning", "statement", "demand", "suggestion", "rumour", "rumor",
                 "charge", "accusation", "denial", "confirmation", "announcement", "news",
                 "insistence", "belief", "hope", "evidence", "sign", "indication"}
SPEECH_VERBS_EN = {"say", "tell", "announce", "state", "add", "claim", "report", "note",
                   "declare", "confirm", "insist", "argue", "explain", "write"}


def _quote_boundary(doc, sent, i: int) -> bool:
    """A quotation mark ends or starts a clause when punctuation or the sentence edge is
    next to it; inside a clause it only marks a quoted phrase."""
    if i <= sent.start or i >= sent.end - 1:
        return True
    before, after = doc[i - 1].text, doc[i + 1].text
    return not before[:1].isalnum() or not after[:1].isalnum()


CONDITION_WORDS = {"if", "unless", "falls", "wenn", "sofern"}
EXCEPTION_WORDS = (("unless",), ("es", "sei", "denn"))  # "unless", "..., es sei denn, ..."


def condition_kind(doc, clause: Clause) -> str | None:
    """ "unless" for a clause that opens with "unless" / "es sei denn", "if" for one that
    opens with another condition ("if", "falls", "wenn"), else None."""
    words = tuple(doc[k].lower_ for k in range(clause.start, min(clause.end, clause.start + 3)))
    if any(words[:len(w)] == w for w in EXCEPTION_WORDS):
        return "unless"
    return "if" if words[:1] and words[0] in CONDITION_WORDS else None


def _that_verb_before(doc, start: int, sent_start: int) -> bool:
    """ "said that", "said on Tuesday that": a verb taking a that-clause just before it,
    with at most a few words of no verb between."""
    for k in range(start - 1, max(sent_start, start - 5) - 1, -1):
        # "an admission by Moscow that", "reports that": a noun's content, too
        if doc[k].lemma_.lower() in THAT_VERBS_EN or doc[k].lemma_.lower() in THAT_NOUNS_EN:
            return True
        if is_verb_like(doc[k], "en"):
            return False
    return False


def _clause(doc, start, end, sent_start, lang, found: ClauseWords) -> Clause:
    first = doc[start].lower_
    opener = "main"
    has_verb = any_between(found.verb, start, end)
    if lang == "en" and start > sent_start:
        if first == "to":
            return Clause(start, end, "inf", sent_start, True)
        if first == "that" and _that_verb_before(doc, start, sent_start):
            return Clause(start, end, "sub", sent_start, True)  # "demanded that X cancel"
        if first in ("that", "which", "who", "whom", "whose") and \
                not found.flags[start - 1] & VERB:
            return Clause(start, end, "rel", sent_start, has_verb)
    if _purpose(doc, start, end, lang):
        opener = "purpose"
    elif first in COORDINATORS[lang] and start + 1 < end and found.flags[start + 1] & VERB:
        opener = "coord"
    elif first in SUBORDINATORS[lang]:
        opener = "sub"
    elif lang == "de" and any(k + 1 < end and found.flags[k + 1] & VERB
                              # "zu landesweiten Protesten": an adjective before its noun
                              and not (k + 2 < end and doc[k + 2].text[:1].isupper())
                              for k in between(found.zu, start, end)):
        opener = "inf"
    elif lang == "de" and any_between(found.zu_verb, start, end):
        opener = "inf"  # "einzustellen": zu inside a separable verb
    elif lang == "de" and start > sent_start and doc[start - 1].text == "," and (
            first in RELATIVE_DE or first in PREPOSITIONS["de"] and start + 1 < end
            and doc[start + 1].lower_ in RELATIVE_DE):
        opener = "rel"  # ", die ...", ", in denen ..."
    return Clause(start, end, opener, sent_start, has_verb)


def _purpose(doc, start, end, lang) -> bool:
    words = [doc[k].lower_ for k in range(start, min(end, start + 3))]
    if lang == "de":
        return bool(words) and words[0] == "um"
    return words[:3] == ["in", "order", "to"] or words[:3] == ["so", "as", "to"]
