"""English quotation attribution (``lagebild_quotes_en``): direct quotes in quotation
marks with "said X" / "X said", indirect speech after a reporting verb ("X said (that)
..." and "..., X said"), and reported speech with "according to X".

Smaller than the German component: English marks reported speech by word order and
cue words alone, with no mood to read. Writes ``doc._.quotes`` with the same
:class:`~lagebild.nlp.quotes.Quotation` records.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from lagebild.nlp.clauses import is_verb_like
from lagebild.nlp.quote_rules import quotation_mark_spans
from lagebild.nlp.quotes import Quotation, SpeechCues, load_speech_cues
from lagebild.nlp.words import words_of

SPEECH_LEXICON_EN = Path(__file__).resolve().parent.parent / "lexicon" / "data" / "speech.en.tsv"
MAX_SPEAKER = 8  # tokens in a speaker phrase


def find_quotations_en(doc: Doc, cues: SpeechCues) -> list[Quotation]:
    """Quotations of an English Doc (needs sentence boundaries and lemmas)."""
    doc = words_of(doc)
    out: list[Quotation] = []
    marks = [doc.char_span(b, e, alignment_mode="expand") for b, e in
             quotation_mark_spans(doc.text)]
    marks = [m for m in marks if m is not None and len(m) > 2]
    covered: set[int] = set()
    for m in marks:
        cue = _cue_near(doc, m.end, m.end + MAX_SPEAKER, cues) or _cue_near(doc, m.start - 6, m.start,
                                                                    cues)
        if cue is None:
            continue
        speaker = _speaker_around(doc, cue, m)
        out.append(Quotation("Direct", ((m.start_char, m.end_char),), speaker,
                             (_chars(doc, cue, cue + 1),)))
        covered.update(range(m.start, m.end))
    for sent in doc.sents:
        if any(i in covered for i in range(sent.start, sent.end)):
            continue
        found = _according_to(doc, sent, cues) or _reporting_verb(doc, sent, cues)
        if found is not None:
            out.append(found)
    return out


NOUN_BEFORE = {"a", "an", "the", "its", "their", "his", "her", "this", "that", "these",
               "those", "our", "of"}


def _cue_near(doc, start: int, end: int, cues: SpeechCues) -> int | None:
    for k in range(max(0, start), min(len(doc), end)):
        if doc[k].lemma_.lower() in cues.verbs and doc[k].text.islower() and not (
                k > 0 and doc[k - 1].lower_ in NOUN_BEFORE):
            return k  # but "a state of emergency", "the report": nouns, no cues
    return None


def _speaker_around(doc, cue: int, mark) -> tuple:
    """ "..., said the minister" (after the cue) or "the minister said" (before it)."""
    if cue >= mark.end:
        after = _phrase(doc, cue + 1, 1)
        before = _phrase(doc, cue - 1, -1, stop=mark.end)
        span = before if before and before[0] >= mark.end else after
    else:
        span = _phrase(doc, cue - 1, -1)
    return (_chars(doc, *span),) if span else ()


def _phrase(doc, k: int, step: int, stop: int = 0) -> tuple[int, int] | None:
    """A noun phrase next to the cue: capitalised words, determiners, adjectives."""
    tokens = []
    while 0 <= k < len(doc) and k >= stop and len(tokens) < MAX_SPEAKER:
        tok = doc[k]
        if tok.is_punct or tok.lower_ in ("and", "but", "that") or tok.is_space:
            break
        tokens.append(k)
        k += step
    if not tokens:
        return None
    return min(tokens), max(tokens) + 1


def _according_to(doc, sent, cues: SpeechCues) -> Quotation | None:
    for k in range(sent.start, sent.end - 2):
        if doc[k].lower_ == "according" and doc[k + 1].lower_ == "to":
            speaker = _phrase(doc, k + 2, 1)
            if speaker is None:
                return None
            quote = [(doc[sent.start].idx, doc[k].idx)] if k > sent.start else []
            if speaker[1] < sent.end - 1:
                quote.append((doc[speaker[1]].idx, sent.end_char))
            return _quotation(doc, "Reported", quote, speaker, (k, k + 2))
    return None


def _quotation(doc, type_: str, quote, speaker: tuple[int, int],
               cue: tuple[int, int]) -> Quotation | None:
    """A quotation from character spans of the quote and token spans of speaker and cue;
    None when the quoted part is only punctuation."""
    quote = tuple((b, e) for b, e in quote if doc.text[b:e].strip(" ,.\""))
    if not quote:
        return None
    return Quotation(type_, quote, (_chars(doc, *speaker),), (_chars(doc, *cue),))


def _chars(doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _reporting_verb(doc, sent, cues: SpeechCues) -> Quotation | None:
    cue = _cue_near(doc, sent.start, sent.end, cues)
    if cue is None:
        return None
    tail = cue + 1
    if tail < sent.end and doc[tail].lower_ == "that":
        tail += 1
    if doc[cue - 1].text == "," if cue > sent.start else False:
        # "Iran supplied drones, officials said." / "..., said the ministry."
        quote = ((doc[sent.start].idx, doc[cue - 1].idx),)
        speaker = _phrase(doc, cue + 1, 1)
    elif cue + 1 < sent.end and doc[cue + 1].text == "," or _ends_sentence(doc, sent, cue):
        quote = ((doc[sent.start].idx, doc[cue].idx),)
        speaker = _phrase(doc, cue - 1, -1, stop=sent.start)
    else:
        # "Officials said (that) Iran supplied drones."
        speaker = _phrase(doc, cue - 1, -1, stop=sent.start)
        if tail >= sent.end - 1:
            return None
        if doc[cue + 1].lower_ != "that" and not any(
                is_verb_like(t, "en") and doc[t.i - 1].lower_ not in NOUN_BEFORE
                for t in doc[tail:sent.end]):
            return None  # "declared a state of emergency": an object, not what was said
        quote = ((doc[tail].idx, sent.end_char),)
    if speaker is None:
        return None
    return _quotation(doc, "Indirect", quote, speaker, (cue, cue + 1))


def _ends_sentence(doc, sent, cue: int) -> bool:
    rest = [t for t in doc[cue + 1:sent.end] if not t.is_punct and not t.is_space]
    return len(rest) <= 3 and all(t.text[:1].isupper() or t.lower_ in ("on", "in", "today",
                                                                        "yesterday")
                                  for t in rest)


class EnglishQuotationFinder:
    """Pipeline component: sets ``doc._.quotes`` for English Docs."""

    def __init__(self, cues_path: str | None = None) -> None:
        self.cues = load_speech_cues(cues_path or SPEECH_LEXICON_EN)

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotations_en(doc, self.cues)
        return doc


@Language.factory("lagebild_quotes_en", default_config={"cues_path": None})
def make_english_quotation_finder(nlp: Language, name: str, cues_path: str | None
                                  ) -> EnglishQuotationFinder:
    """spaCy factory: English quotation attribution."""
    return EnglishQuotationFinder(cues_path)
