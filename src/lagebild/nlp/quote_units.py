"""Units and frames: the view of a German sentence that the quotation finder reads.

A ``Unit`` is one sentence of a Doc (joined with the next where a quotation runs across
them), with the quotations in marks, the brackets and the clauses of its tokens; a ``Frame``
is where a cue attributes, the shared result of ``quote_markers`` and ``quote_verbs``.
``punct`` and ``only_adjuncts`` read tokens of a unit; the German words and word lists they
rest on come from ``quote_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import and_

from spacy.tokens import Doc

from lagebild.memo import FormTable
from lagebild.nlp.quote_rules import (
    ADVERBS,
    CLAUSE_PUNCT,
    FINAL_PUNCT,
    PREPOSITIONS,
    noun_phrase_end,
)
from lagebild.nlp.words import any_between, between, per_doc

Spans = tuple[tuple[int, int], ...]
CLAUSE_END = CLAUSE_PUNCT | FINAL_PUNCT
# what a word is to the units, as bits of one per-form column (``unit_bits``): where
# ``_units`` may cut a sentence (a line break, a number with a point: "3."), a space, a
# clause's punctuation, an opening bracket
LINE_BREAK, NUMBER_POINT, SPACE, CLAUSE_MARK, OPENING = 1, 2, 4, 8, 16


def _unit_bits(w) -> int:
    bits = (SPACE | (LINE_BREAK if "\n" in w.text else 0)) if w.is_space else (
        NUMBER_POINT if w.text[:1].isdigit() and w.text.endswith(".") else 0)
    return bits | (CLAUSE_MARK if w.text in CLAUSE_END else 0) | (OPENING if w.text == "(" else 0)


UNIT_WORD = FormTable(_unit_bits)


def unit_bits(doc) -> list[int]:
    """The ``UNIT_WORD`` bits of each token of ``doc``, read once per Doc."""
    return per_doc(doc, "unit-bits", UNIT_WORD.column)


@dataclass
class Unit:
    """One sentence of a Doc: tokens ``start`` to ``end``, joined with the next sentence
    where a quotation runs across them.

    ``in_quote`` gives each token of the Doc the number of the quotation in marks it stands
    in (-1 outside), ``marks`` the token ranges of those quotations; ``clause_of`` maps each
    token to its clause (between punctuation outside marks and brackets).
    """

    doc: Doc
    start: int
    end: int
    in_quote: list[int]
    marks: list[tuple[int, int]]
    clause_of: dict[int, tuple[int, int]] = field(default_factory=dict)
    in_brackets: set[int] = field(default_factory=set)
    _words: list[int] = field(default_factory=list, init=False, repr=False)  # see ``words``

    def __post_init__(self) -> None:
        # clauses end at punctuation outside quotation marks and brackets; a quotation and
        # a bracket ("(CDU)", "(Wikinews berichtete)") stay inside their clause
        plain, ends, opens = per_doc(self.doc, ("units", id(self.in_quote)), self._doc_positions)
        if any_between(opens, self.start, self.end):
            depth = 0
            for i in range(self.start, self.end):
                text = self.doc[i].text
                depth += text == "("
                if depth:
                    self.in_brackets.add(i)
                depth = max(0, depth - (text == ")"))
        start = self.start
        for i in between(ends, self.start, self.end):
            if i not in self.in_brackets:
                self.clause_of.update(dict.fromkeys(range(start, i), (start, i)))
                start = i + 1
        self.clause_of.update(dict.fromkeys(range(start, self.end), (start, self.end)))
        self._words = between(plain, self.start, self.end)

    def _doc_positions(self, doc) -> tuple[list[int], list[int], list[int]]:
        """Of the whole Doc, once: the words outside quotation marks (no spaces), the
        clause punctuation outside them, and the opening brackets."""
        in_quote, bits = self.in_quote, unit_bits(doc)
        at = range(len(bits))
        return ([i for i, q, b in zip(at, in_quote, bits) if q < 0 and not b & SPACE],
                [i for i in compress(at, map(and_, bits, repeat(CLAUSE_MARK))) if in_quote[i] < 0],
                list(compress(at, map(and_, bits, repeat(OPENING)))))

    def chars(self, indices) -> Spans:
        """Character spans of the runs of token ``indices``, punctuation at the edges cut."""
        runs: list[list[int]] = []  # first and last index of each run
        if isinstance(indices, range) and indices.step == 1:
            if indices:  # most calls: one run
                runs.append([indices.start, indices.stop - 1])
        else:
            for i in sorted(set(indices)):
                if runs and runs[-1][1] == i - 1:
                    runs[-1][1] = i
                else:
                    runs.append([i, i])
        spans = []
        for first, last in runs:
            while first <= last and self._trim(first):
                first += 1
            while first <= last and self._trim(last):
                last -= 1
            if first <= last:
                end = self.doc[last]
                spans.append((self.doc[first].idx, end.idx + len(end.text)))
        return tuple(spans)

    def _trim(self, i: int) -> bool:
        token = self.doc[i]
        return token.is_space or (self.in_quote[i] < 0 and (
            token.text in CLAUSE_PUNCT or token.text in FINAL_PUNCT))

    def marks_within(self, start: int, end: int) -> list[tuple[int, int]]:
        """Quotations in marks that lie inside tokens ``start`` to ``end``."""
        return [(s, e) for s, e in self.marks if start <= s and e <= end]

    def words(self, start: int, end: int) -> list[int]:
        """Indices of tokens outside quotation marks from ``start`` to ``end``, no spaces."""
        if self.start <= start and end <= self.end:  # most calls: a slice of the unit's own
            return between(self._words, start, end)
        return [i for i in range(start, end) if self.in_quote[i] < 0 and not self.doc[i].is_space]


# the shared result of quote_markers and quote_verbs, here so neither imports quote_frames
@dataclass
class Frame:
    """Where a cue attributes: its token indices, the speaker and addressee phrases (token
    ranges), the region the frame itself takes, the scope where its quotation stands, and
    its kind: "verb", "marker", or "backward" (the quotation is the sentence before)."""

    cue: list[int]
    speaker: tuple[int, int] | None
    addressee: tuple[int, int] | None
    region: tuple[int, int]
    scope: tuple[int, int]
    kind: str


def punct(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is punctuation or space."""
    return doc[i].is_punct or doc[i].is_space


def only_adjuncts(unit: Unit, i: int, end: int) -> bool:
    """Whether tokens ``i..end`` hold only adverbs and prepositional phrases ("weiter",
    "gegenüber der Zeitung", "am Montag"): no verb of a clause of their own."""
    doc = unit.doc
    while i < end:
        low = doc[i].lower_
        if low in ADVERBS or unit.in_quote[i] >= 0:
            i += 1
        elif low in PREPOSITIONS:
            i = noun_phrase_end(doc, i + 1, end) or i + 1
        else:
            return False
    return True
