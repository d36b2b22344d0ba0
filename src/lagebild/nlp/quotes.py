"""Quotations in German news and who said them: direct, indirect and reported speech.

``find_quotations`` reads a Doc from a blank German pipeline (sentencizer, lookup
lemmatizer; a parser, if there is one, is not used) and returns ``Quotation`` records; the
``lagebild_quotes`` component puts them on ``doc._.quotes``. The reporting words come from ``lexicon/data/speech.de.tsv``; the
grammar (quotation marks, Konjunktiv, noun phrases) from ``quote_rules``; how a cue, its
speaker and its quotation fit together (a frame) from ``quote_frames``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, pairwise, repeat
from operator import and_
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from lagebild.errors import LexiconError
from lagebild.memo import FormTable
from lagebild.nlp import quote_frames as frames
from lagebild.nlp.quote_markers import (
    MarkerIndex,
    marker_candidates,
    marker_index,
    may_start_marker,
)
from lagebild.nlp.quote_rules import (
    CUE_KONJUNKTIV,
    CUE_MARKER,
    CUE_MODAL,
    CUE_REPORTING,
    HEARSAY_MODALS,
    KONJUNKTIV_FORM,
    bracket_spans,
    is_hearsay,
    is_konjunktiv,
    is_statement,
    quotation_mark_spans,
)
from lagebild.nlp.quote_units import LINE_BREAK, NUMBER_POINT, Spans, Unit, unit_bits
from lagebild.nlp.words import any_between, per_doc, words_of

SPEECH_LEXICON = Path(__file__).resolve().parent.parent / "lexicon" / "data" / "speech.de.tsv"
SPEECH_COLUMNS = ("lemma", "particle", "kind", "note")
SPEECH_KINDS = ("verb", "quoting", "marker", "audience")
QUOTATION_TYPES = ("Direct", "Indirect", "Reported")
# capitalised words that open a sentence, never a phrase after an ordinal ("am 3. Oktober")
SENTENCE_OPENERS = {"Der", "Die", "Das", "Ein", "Eine", "Er", "Sie", "Es", "Wir", "Ich", "Man",
                    "Dies", "Diese", "Dieser", "Auch", "Doch", "Aber", "Und", "Laut", "Nach"}
# how many sentences back a speaker still counts for an unattributed quotation
CONTEXT_SENTENCES = 3


@dataclass(frozen=True)
class Quotation:
    """One quotation: what was said and who said it, as character spans into ``doc.text``.

    ``type`` is "Direct" (in quotation marks), "Indirect" (a clause governed by a reporting
    verb: Konjunktiv, dass) or "Reported" (a statement attributed by "laut X", "X zufolge",
    "so X", "wie X mitteilte" or a reporting verb with an indicative clause). Each part is a
    tuple of ``(start_char, end_char)`` spans, empty when the text gives none.
    """

    type: str
    quote: Spans
    speaker: Spans = ()
    cue: Spans = ()
    addressee: Spans = ()

    def to_gold_shape(self, text: str) -> dict:
        """The quotation in the shape of the gold files (``eval/FORMAT.md`` section 2).

        Args:
            text: the text the spans point into (``doc.text``).
        Returns:
            ``{"type", "quote", "speaker", "cue", "addressee"}``; each part is
            ``{"text", "spans"}`` (texts joined by one space, spans as ``[[b, e], ...]``),
            or None for an absent speaker, cue or addressee.
        """
        def part(spans: Spans) -> dict | None:
            if not spans:
                return None
            return {"text": " ".join(text[b:e] for b, e in spans),
                    "spans": [[b, e] for b, e in spans]}

        return {"type": self.type, "quote": part(self.quote) or {"text": "", "spans": []},
                "speaker": part(self.speaker), "cue": part(self.cue),
                "addressee": part(self.addressee)}


@dataclass(frozen=True)
class SpeechCues:
    """The reporting words of one speech lexicon, indexed for matching.

    ``verbs`` maps a lemma to the particles it needs ("" for none); a particle verb is also
    indexed under its joined lemma ("mitteilen"). ``quoting`` holds the verbs whose object
    is the one quoted ("zitieren"); ``markers`` each marker as a tuple of lowercase words;
    ``audience`` the lowercase head nouns of addressees.
    """

    path: str
    verbs: dict[str, frozenset[str]]
    quoting: frozenset[str]
    markers: tuple[tuple[str, ...], ...]
    audience: tuple[str, ...]
    # the markers indexed for matching (``quote_markers.marker_index``)
    marker_index: MarkerIndex = field(init=False, repr=False, compare=False)
    # what may make a sentence report something, per word form (``flagged``)
    cue_flags: FormTable = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "marker_index", marker_index(self.markers))
        object.__setattr__(self, "cue_flags", FormTable(self._cue_flags))

    def flagged(self, doc) -> tuple[list[int], list[int]]:
        """Each word's cue flags (``CUE_REPORTING`` and the others of ``quote_rules``) and
        the positions of the words with any, found once per Doc."""
        def build(words) -> tuple[list[int], list[int]]:
            flags = self.cue_flags.column(words)
            return flags, list(compress(range(len(flags)), flags))

        return per_doc(doc, ("cue flags", id(self)), build)

    def _cue_flags(self, word) -> int:
        return (CUE_REPORTING * bool(self.verbs.get(word.lemma_.lower()))
                | CUE_MARKER * may_start_marker(word, self.marker_index)
                | CUE_KONJUNKTIV * KONJUNKTIV_FORM.of(word)
                | CUE_MODAL * (word.lower_ in HEARSAY_MODALS))


@lru_cache(maxsize=8)
def load_speech_cues(path: str | Path | None = None) -> SpeechCues:
    """Read a speech lexicon (``lemma particle kind note``, tab-separated, ``#`` comments).

    Args:
        path: the file; None for the shipped ``lexicon/data/speech.de.tsv``.
    Returns:
        The parsed cues; cached per path, so components share one copy.
    Raises:
        LexiconError: the file is missing, has another header, a row with the wrong number
            of columns, or an unknown kind.
    """
    path = Path(path) if path is not None else SPEECH_LEXICON
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as err:
        raise LexiconError(f"{path}: cannot read the speech lexicon: {err}") from err
    verbs: dict[str, set[str]] = {}
    markers, audience, quoting, header = [], [], set(), None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            if tuple(cells) != SPEECH_COLUMNS:
                raise LexiconError(f"{path}:{number}: header {cells!r} is not the speech "
                                   f"lexicon's; write: {chr(9).join(SPEECH_COLUMNS)}")
            header = cells
            continue
        if len(cells) != len(SPEECH_COLUMNS):
            raise LexiconError(f"{path}:{number}: {len(cells)} columns, expected 4 "
                               f"({' '.join(SPEECH_COLUMNS)}); leave empty cells as tabs")
        lemma, particle, kind, _ = cells
        if kind in ("verb", "quoting"):
            verbs.setdefault(lemma.lower(), set()).add(particle.lower())
            if kind == "quoting":
                quoting.add(lemma.lower())
            if particle:
                verbs.setdefault(particle.lower() + lemma.lower(), set()).add("")
        elif kind == "marker":
            markers.append(tuple(lemma.lower().split()))
        elif kind == "audience":
            audience.append(lemma.lower())
        else:
            raise LexiconError(f"{path}:{number}: unknown kind {kind!r}; use one of "
                               f"{', '.join(SPEECH_KINDS)}")
    if header is None:
        raise LexiconError(f"{path}: no header line; the first line must be "
                           f"{chr(9).join(SPEECH_COLUMNS)}")
    return SpeechCues(str(path), {k: frozenset(v) for k, v in verbs.items()},
                      frozenset(quoting), tuple(markers), tuple(audience))


def find_quotations(doc: Doc, cues: SpeechCues) -> list[Quotation]:
    """Find the quotations of a German document and their speakers, cues and addressees.

    Args:
        doc: a Doc with sentence boundaries and lemmas (``spacy.blank("de")`` with
            ``sentencizer`` and a lookup ``lemmatizer``); no parser or NER is needed.
        cues: the speech lexicon, from ``load_speech_cues``.
    Returns:
        Quotations in text order. A cue frames the quotation of its sentence ("sagte X",
        "laut X", "X zufolge"); a sentence in Konjunktiv I without a cue continues the
        speaker before it; a long quotation in marks without a cue gets the last speaker.
    Raises:
        ValueError: the Doc has no sentence boundaries or no lemmas.
    """
    if len(doc) and not doc.has_annotation("SENT_START"):
        raise ValueError(f"find_quotations needs sentence boundaries, and the Doc "
                         f"{doc.text[:40]!r}... has none: add a 'sentencizer' (or a parser) "
                         f"to the pipeline before 'lagebild_quotes'")
    if len(doc) and not doc.has_annotation("LEMMA"):
        raise ValueError(f"find_quotations needs lemmas, and the Doc {doc.text[:40]!r}... has "
                         f"none: add a 'lemmatizer' with mode 'lookup' before 'lagebild_quotes'")
    doc = words_of(doc)
    marks = [doc.char_span(b, e, alignment_mode="expand") for b, e in
             quotation_mark_spans(doc.text)]
    marks = [(s.start, s.end) for s in marks if s is not None]
    in_quote = [-1] * len(doc)
    for number, (start, end) in enumerate(marks):
        for i in range(start, end):
            in_quote[i] = number
    story = _Story(cues)
    cued = _cue_positions(doc, cues)
    quoted = [i for i, number in enumerate(in_quote) if number >= 0]
    for index, (start, end) in enumerate(_units(doc, marks)):
        if not any_between(cued, start, end) and not any_between(quoted, start, end):
            # no word that could be a cue, no Konjunktiv, no quotation marks: nothing is
            # said here (most sentences), and nothing need be read
            story.pass_over(index, start, lambda a=start, b=end: Unit(doc, a, b, in_quote, marks))
            continue
        story.read(index, Unit(doc, start, end, in_quote, marks))
    return story.found


def _cue_positions(doc, cues: SpeechCues) -> list[int]:
    """The positions of the words of a Doc that may make a sentence report something: a
    reporting verb's lemma, a marker's first word, a Konjunktiv form, hearsay "soll"."""
    flags, flagged = cues.flagged(doc)
    cued = konjunktiv_forms(doc, cues).union(
        frames.reporting_verbs(doc, cues), marker_candidates(doc, cues),
        [i for i in flagged if flags[i] & CUE_MODAL])
    return sorted(cued)


class _Story:
    """The quotations of a document, read sentence by sentence, and who spoke last."""

    def __init__(self, cues: SpeechCues):
        self.cues = cues
        self.found: list[Quotation] = []
        self.last: tuple[int, Spans] | None = None  # sentence index and speaker of a frame
        # the sentence before (its subject, when asked), or how to make it
        self.previous: Unit | Callable[[], Unit] | None = None
        self.chained = -2  # the last sentence that continued a quotation
        self.before: tuple[int, list[Quotation]] | None = None  # its start and quotations

    def read(self, index: int, unit: Unit) -> None:
        """Add the quotations of sentence number ``index``."""
        recent = self._speaker_since(index - CONTEXT_SENTENCES)
        reading = frames.framed_quotations(unit, self.cues)
        quotations = [Quotation(*f._replace(speaker=f.speaker or recent)) for f in reading.found]
        if reading.backward and self.before is not None and not self.before[1]:
            # "Das bestätigte die Polizei.": the sentence before is what she confirmed
            said = ((unit.doc[self.before[0]].idx, reading.backward.quote[0][1]),)
            quotations.insert(0, Quotation(*reading.backward._replace(quote=said)))
        if not quotations:
            quotations = _continued(unit, lambda: self._speaker_since(index - 1)
                                    or self._subject_before() or recent, self.cues)
            self._chain(index, unit, quotations)
        if not quotations:
            quotations = _unframed_direct(unit, recent)
        self.found.extend(quotations)
        speakers = [q.speaker for q in quotations if q.speaker]
        if reading.speaker or speakers:
            self.last = (index, reading.speaker or speakers[-1])
        elif quotations and self.last is not None:
            self.last = (index, self.last[1])
        self.previous = unit
        self.before = (unit.start, quotations)

    def pass_over(self, index: int, start: int, unit: Callable[[], Unit]) -> None:
        """A sentence that says nothing (what ``read`` would make of it, unread)."""
        self.previous = unit
        self.before = (start, [])

    def _subject_before(self) -> Spans:
        """The subject of the sentence before, found only when a sentence needs it."""
        if callable(self.previous):
            self.previous = self.previous()
        return frames.subject_of(self.previous, self.cues) if self.previous is not None else ()

    def _speaker_since(self, index: int) -> Spans:
        return self.last[1] if self.last is not None and self.last[0] >= index else ()

    def _chain(self, index: int, unit: Unit, quotations: list[Quotation]) -> None:
        """Consecutive sentences in Konjunktiv are one quotation, by the first one's speaker."""
        if not quotations:
            return
        starts_sentence = quotations[0].quote[0][0] == unit.doc[unit.start].idx
        if self.chained == index - 1 and starts_sentence and self.found \
                and self.found[-1].type == "Indirect":
            first = self.found.pop()
            quotations[0] = Quotation("Indirect", ((first.quote[0][0],
                                                    quotations[0].quote[-1][1]),),
                                      first.speaker)
        self.chained = index


def _units(doc: Doc, marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences, cut at line breaks and joined where a quotation runs across them."""
    starts = {s.start for s in doc.sents}
    flags = unit_bits(doc)
    for i in compress(range(len(flags)), map(and_, flags, repeat(LINE_BREAK | NUMBER_POINT))):
        if flags[i] & LINE_BREAK:
            starts.update({i, i + 1})
        elif i + 1 < len(doc) and doc[i + 1].text in SENTENCE_OPENERS:
            starts.add(i + 1)  # "des Modells 3. Ein Sprecher": the number ends it
    for start, end in marks:
        if start + 1 in starts:  # the sentencizer left an opening mark on the sentence before
            starts.add(start)
        starts.difference_update(range(start + 1, end))
    for span in (doc.char_span(b, e, alignment_mode="expand") for b, e in
                 bracket_spans(doc.text)):
        if span is not None:  # "(dt. etwa ...)": an abbreviation ends no sentence in brackets
            starts.difference_update(range(span.start + 1, span.end))
    bounds = sorted(b for b in starts if 0 <= b < len(doc)) + [len(doc)]
    units = []
    for start, end in pairwise(bounds):
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start < end:
            units.append((start, end))
    return units


def _continued(unit: Unit, speaker_before: Callable[[], Spans],
               cues: SpeechCues) -> list[Quotation]:
    """A sentence in Konjunktiv I (or with hearsay "soll ... haben") reports someone.

    When only a later clause is in Konjunktiv ("X vertritt die Ansicht, A sei B"), the
    subject of the sentence said it; when the whole sentence is, the speaker of the
    sentences just before (``speaker_before()``, asked only then) goes on talking.
    """
    doc = unit.doc
    words = unit.words(unit.start, unit.end)
    forms = konjunktiv_forms(doc, cues)
    marked = [i for i in words if i in forms]
    if not marked and not is_hearsay(doc, words):
        return []
    start, speaker = unit.start, None
    first_clause = next(unit.clause_of[i] for i in words if i in unit.clause_of)
    if marked and marked[0] >= first_clause[1] and doc[first_clause[1]].text == ",":
        clause = unit.clause_of[marked[0]]
        own = frames.subject_of(Unit(doc, unit.start, first_clause[1], unit.in_quote,
                                            unit.marks), cues)
        if own:
            start, speaker = clause[0], own
    if speaker is None:
        speaker = speaker_before()
    content = unit.chars(range(start, unit.end))
    nested = frames.nested_direct(unit, range(start, unit.end), speaker, ())
    return [Quotation("Indirect", content, speaker)] + [Quotation(*f) for f in nested]


def konjunktiv_forms(doc, cues: SpeechCues) -> set[int]:
    """The positions of the Konjunktiv I forms of a Doc (``is_konjunktiv``), found once."""
    def build(words) -> set[int]:
        flags, flagged = cues.flagged(words)
        return {i for i in flagged if flags[i] & CUE_KONJUNKTIV and is_konjunktiv(words, i)}

    return per_doc(doc, "konjunktiv", build)


def _unframed_direct(unit: Unit, speaker: Spans) -> list[Quotation]:
    """Long quotations in marks that no cue frames: the last speaker said them, if any."""
    found = []
    for start, end in unit.marks_within(unit.start, unit.end):
        before = unit.doc[start - 1].text if start > unit.start else ":"
        if before in {":", ",", "–"} and is_statement(unit.doc, start, end):
            found.append(Quotation("Direct", unit.chars(range(start, end)), speaker))
    return found


class QuotationFinder:
    """Pipeline component: sets ``doc._.quotes`` to the quotations of the Doc."""

    def __init__(self, nlp: Language, name: str, cues_path: str | None = None):
        self.name = name
        self.cues = load_speech_cues(cues_path)

    def __call__(self, doc: Doc) -> Doc:
        """Find the quotations of ``doc`` and store them on ``doc._.quotes``."""
        doc._.quotes = find_quotations(doc, self.cues)
        return doc


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


@Language.factory("lagebild_quotes", default_config={"cues_path": None})
def make_quotation_finder(nlp: Language, name: str, cues_path: str | None) -> QuotationFinder:
    """Build the quotation finder; ``cues_path`` names another speech lexicon to use."""
    return QuotationFinder(nlp, name, cues_path)
