"""German grammar for quotation attribution: marks, clauses, Konjunktiv, noun phrases.

Closed-class words (articles, pronouns, prepositions, clause words) are grammar, not
knowledge about the world, so they live here; the reporting words live in
``lexicon/data/speech.de.tsv``. Every function reads only what the tokenizer and a lookup
lemmatizer give (text, lemma, offsets), so it works on a blank German pipeline.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from lagebild.memo import FormTable

# closing marks each opening mark accepts; "“" closes „ in German but opens in English
QUOTE_CLOSERS = {"„": "“”\"", "»": "«", "«": "»", "“": "”", '"': '"', "‚": "‘’", "›": "‹",
                 "‹": "›"}
# the characters the mark and bracket scanners act on; every other one they step over
MARK_CHARS = re.compile("[\n" + re.escape("".join(sorted(
    set(QUOTE_CLOSERS) | set("".join(QUOTE_CLOSERS.values()))))) + "]")
BRACKET_CHARS = re.compile(r"[\n()]")
CLAUSE_PUNCT = {",", ";", ":", "–", "—", "-"}
FINAL_PUNCT = {".", "!", "?", "…"}

DETERMINERS = {
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem",
    "einen", "kein", "keine", "dieser", "diese", "dieses", "diesem", "diesen", "jener",
    "jene", "jenes", "sein", "seine", "seiner", "seines", "seinem", "seinen", "ihr", "ihre",
    "ihrer", "ihres", "ihrem", "ihren", "unser", "unsere", "unserer", "unseren", "deren",
    "dessen", "mehrere", "einige", "viele", "zahlreiche", "alle", "beide", "beiden", "andere",
    "anderen", "weitere", "weiteren", "mehreren", "einigen", "vielen", "zahlreichen",
}
# case-ambiguous forms: "der Zeitung" after a name may be a genitive or a dative
GENITIVE_OPENERS = {"des", "der", "eines", "einer", "dessen", "deren"}
DATIVE_OPENERS = {"dem", "einem", "ihm", "ihr", "ihnen", "diesem", "seinem", "ihrem", "mir",
                  "uns"}
# pronouns that can be the speaker themselves ("sagte er"); "es" only says "heißt es"
SPEAKER_PRONOUNS = {"er", "sie", "man", "wir", "ich", "ihr", "dieser", "diese", "jener"}
OBJECT_PRONOUNS = {"das", "dies", "dieses", "es", "was", "dazu", "darüber", "damit", "davon",
                   "daran", "darauf", "dem", "so", "ebenso", "genau"}
SUBORDINATORS = {"wie", "dass", "daß", "als", "ob", "weil", "nachdem", "wenn", "da",
                 "obwohl", "während", "was", "wer", "wo", "wobei", "womit", "worin", "weshalb",
                 "wonach", "sodass", "damit", "indem", "bevor", "seit", "seitdem"}
RELATIVE_PRONOUNS = {"der", "die", "das", "dem", "den", "denen", "dessen", "deren", "welche",
                     "welcher", "welches", "welchem", "welchen"}
COMPLEMENTIZERS = {"dass", "daß", "ob", "wie", "warum", "weshalb", "wieso", "wann", "wo", "was",
                   "wer", "wen", "wem", "welche", "welcher", "welches", "inwieweit", "wonach"}
PREPOSITIONS = {
    "an", "am", "ans", "auf", "aufs", "aus", "bei", "beim", "durch", "für", "gegen", "in", "im",
    "ins", "mit", "nach", "seit", "von", "vom", "vor", "zu", "zum", "zur", "zwischen", "über",
    "unter", "um", "ohne", "gegenüber", "wegen", "trotz", "laut", "hinter", "neben",
    "innerhalb", "außerhalb", "seitens", "angesichts", "bis", "ab", "gemäß", "zufolge", "per",
}
# temporal and other clauses that do not report ("als er ankam, sagte er ...")
NON_REPORTING_SUBORDINATORS = SUBORDINATORS - {"wie", "dass", "daß", "ob", "was", "wonach"}
PASSIVE_FORMS = {"wurde", "wurden", "wird", "werden", "worden"}
CONJUNCTIONS = {"und", "aber", "doch", "sondern", "oder", "denn"}
# a phrase opening with these is no subject: "sagte dem Sender", "zum Abschluss des Treffens"
OBLIQUE_OPENERS = DATIVE_OPENERS | {"des", "den", "eines", "einen", "deren", "dessen", "seinen",
                                    "ihren", "diesen", "es", "sich"}
# pronouns that point back to the sentence before: "Das bestätigte die Polizei."
DEMONSTRATIVES = {"das", "dies", "dieses"}
# adverbs that stand for a source named before ("Demnach ...") or after a comma ("Berichte,
# wonach ...")
POINTING_BACK = {"demnach", "danach", "dementsprechend"}
RELATIVE_ADVERBS = {"wonach", "womit", "wobei"}
# the source stands before these: "dem Bericht zufolge", "seiner Meinung nach"
POSTPOSITIONS = {"zufolge", "nach"}
ADVERBS = {
    "auch", "zudem", "außerdem", "dazu", "daher", "deshalb", "dann", "damals", "gestern",
    "heute", "morgen", "nun", "jetzt", "zuvor", "später", "bereits", "schon", "noch", "weiter",
    "ferner", "allerdings", "jedoch", "doch", "aber", "und", "oder", "sowie", "so", "dort",
    "hier", "inzwischen", "mittlerweile", "zunächst", "zuletzt", "erst", "gleichzeitig",
    "ebenfalls", "immer", "nie", "nicht", "kürzlich", "vorher", "danach", "anschließend",
    "abschließend", "ausdrücklich", "erneut", "wiederholt", "bislang", "bisher", "indes",
    "dagegen", "hingegen", "jedenfalls", "offenbar", "offensichtlich", "vielmehr", "zugleich",
    "denn", "also", "sogar", "lediglich", "nur", "ebenso", "wörtlich", "sinngemäß",
    "zuerst", "schließlich", "trotzdem", "dennoch", "demnach", "vergangene", "vergangenen",
    "laut", "eben", "deutlich", "klar", "öffentlich",
}
# nouns of time that stand where a speaker could ("sagte heute Abend")
TIME_WORDS = {"abend", "morgen", "mittag", "nachmittag", "vormittag", "nacht", "tag", "woche",
              "wochenende", "jahr", "monat", "montag", "dienstag", "mittwoch", "donnerstag",
              "freitag", "samstag", "sonntag", "montagabend", "sonntagabend", "vortag",
              "januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
              "september", "oktober", "november", "dezember", "heute", "gestern", "am", "im",
              "vergangenen", "letzten", "kommenden", "anfang", "ende", "mitte"}
# prepositions whose phrase belongs to the noun before: "Ärzte ohne Grenzen", "der Rat für
# Menschenrechte", "ein Sprecher der Polizei in Berlin"
ATTACHED_PREPOSITIONS = {"ohne", "für", "in", "im", "aus", "zur", "zum"}
NAME_PARTICLES = {"von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "al", "el",
                  "bin", "ibn", "zu", "ter", "vom"}
SEPARABLE_PARTICLES = {"ab", "an", "auf", "aus", "bei", "ein", "fest", "fort", "her", "hin",
                       "los", "mit", "nach", "vor", "weg", "zu", "zurück", "zusammen", "hinzu",
                       "bekannt", "vorbei", "heraus", "hervor", "voraus", "vorher", "dar"}
# adjectives the lookup table does not know: "niedersächsische", "stellvertretende"
ADJECTIVE_ENDING = re.compile(r"(isch|lich|ig|al|iv|ell|är|bar|sam|los|haft|end|ös|ant|ent|"
                              r"^ge\w+t|iert)(e|en|er|es|em)$")
# an adjective that opens a sentence as an adverb: "Offiziell geht die Regierung davon aus"
ADVERBIAL_ADJECTIVE = re.compile(r"(ell|lich|isch|bar|end|sam|haft|iv|wärtig)$")
# pronominal adverbs ("dabei", "darüber") and adverbs by their ending ("monatelang")
ADVERB_SHAPE = re.compile(r"^(?:(?:da|dar|hier|wo|wor)(?:bei|für|gegen|mit|nach|an|auf|aus|in|"
                          r"über|um|unter|von|vor|zu|neben|durch)|\w+(?:lang|mals|weise|"
                          r"dings|falls|halb|wegen|zeit|seits|wärts))$")
KONJUNKTIV_FORMS = {"sei", "seien", "seiest", "habe", "werde", "könne", "müsse", "solle",
                    "wolle", "dürfe", "möge", "wisse", "gebe", "stehe", "gehe", "liege",
                    "komme", "bleibe", "gelte", "handele", "handle", "befinde", "lasse"}
KONJUNKTIV_II_FORMS = {"hätte", "hätten", "wäre", "wären", "würde", "würden", "könnte",
                       "könnten", "müsste", "müssten", "dürfte", "dürften", "gäbe", "käme",
                       "kämen", "stünde", "stünden", "lägen", "läge", "bräuchten", "wüsste"}
# words ending in -e that look like a Konjunktiv I verb to the suffix rule below
NOT_KONJUNKTIV = {"eine", "keine", "meine", "deine", "seine", "ihre", "alle", "diese", "jene",
                  "anstelle", "weise", "schnelle", "klare", "rege", "gerne", "ohne", "bitte",
                  "heute", "gerade", "ferne", "nahe", "raste", "ganze", "alte", "viele",
                  "beide", "welche", "solche", "manche", "andere", "große", "erste", "letzte"}
AUXILIARY_LEMMAS = {"haben", "habe", "sein", "werden", "können", "müssen", "sollen", "wollen",
                    "wolle", "dürfen", "mögen", "lassen"}


def quotation_mark_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the outermost quotations in ``text``, marks included.

    Pairs „…“, "…", »…«, «…», ‚…‘ and “…”; a quotation never crosses a line break, and an
    opening mark left unclosed at a line break is dropped. Apostrophes are not marks.

    Args:
        text: the document text.
    Returns:
        ``[(start_char, end_char), ...]`` in text order, not nested.
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for found in MARK_CHARS.finditer(text):
        i, char = found.start(), found.group()
        if char == "\n":
            stack.clear()
            continue
        if stack and char in QUOTE_CLOSERS[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                spans.append((start, i + 1))
        elif char in QUOTE_CLOSERS and (char != "‚" or _opens_single(text, i)):
            stack.append((char, i))
    return spans


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the outermost round brackets of ``text`` within one line."""
    spans, depth, start = [], 0, 0
    for found in BRACKET_CHARS.finditer(text):
        i, char = found.start(), found.group()
        if char == "\n":
            depth = 0
        elif char == "(":
            start = i if depth == 0 else start
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    return spans


def _opens_single(text: str, i: int) -> bool:
    # "‚" doubles as a low comma in some texts: it opens only before a letter
    return i + 1 < len(text) and text[i + 1].isalnum()


def is_konjunktiv(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a Konjunktiv I verb form, the mood of German reported speech.

    Known forms ("sei", "habe") and the regular form: the infinitive without its final
    "n" ("erwarte" from "erwarten", "handele" from "handeln"), lowercase.
    """
    # "ich arbeite": the first person looks the same
    return KONJUNKTIV_FORM.of(doc[i]) and not (i > 0 and doc[i - 1].lower_ == "ich")


def _konjunktiv_form(token: Token) -> bool:
    text = token.text
    if text in KONJUNKTIV_FORMS:
        return True
    if not text.islower() or not text.endswith("e") or text in NOT_KONJUNKTIV:
        return False
    lemma = token.lemma_
    if lemma.endswith(("eln", "ern")):
        return text == lemma[:-1] + "e" or text == lemma[:-1]
    return lemma.endswith("en") and text == lemma[:-1]


def is_hearsay(doc: Doc, words: list[int]) -> bool:
    """Whether the words hold hearsay "soll(en) ... haben/sein": "Er soll geflohen sein"."""
    modal = [i for i in words if doc[i].lower_ in HEARSAY_MODALS]
    return bool(modal) and any(doc[i].lower_ in {"haben", "sein"} and i > modal[0]
                               and i + 1 < len(doc) and doc[i + 1].is_punct for i in words)


def is_konjunktiv_ii(token: Token) -> bool:
    """Whether ``token`` is a Konjunktiv II form that stands in for Konjunktiv I ("hätten")."""
    return token.text in KONJUNKTIV_II_FORMS


def is_function_word(token: Token) -> bool:
    """Articles, pronouns, prepositions, clause words and adverbs, in any case."""
    return FUNCTION_WORD.of(token)


def _function_word(token: Token) -> bool:
    low = token.lower_
    return (low in DETERMINERS or low in PREPOSITIONS or low in SUBORDINATORS
            or low in ADVERBS or low in SPEAKER_PRONOUNS or low in OBJECT_PRONOUNS
            or low in {"es", "sich", "nicht", "kein", "keine"}
            or ADVERB_SHAPE.match(low) is not None)


def is_nominal(token: Token) -> bool:
    """A capitalised noun or name ("Minister", "Kirby", "UN-Generalsekretär", "G7")."""
    return NOMINAL.of(token)


def _nominal(token: Token) -> bool:
    text = token.text
    if not text[:1].isupper() and not _prefixed_name(text) and not _domain(text) \
            or is_function_word(token):
        return False
    if text.isalpha():
        return True  # most: the tests below, in one call
    return any(c.isalpha() for c in text) and all(c.isalnum() or c in "-.'’&/" for c in text)


def _domain(text: str) -> bool:
    # "faz.net", "t-online.de": a source named by its web address
    name, _, top = text.rpartition(".")
    return bool(name) and top.isalpha() and 2 <= len(top) <= 4 and name[:1].isalnum()


def _prefixed_name(text: str) -> bool:
    # "el-Baradei", "al-Sawahiri"
    head, _, rest = text.partition("-")
    return len(head) <= 3 and rest[:1].isupper()


def is_modifier(token: Token) -> bool:
    """A word that may stand between an article and its noun: an inflected adjective or a
    number ("ersten", "stellvertretende", "25-jährige", "drei")."""
    return MODIFIER.of(token)


def _modifier(token: Token) -> bool:
    text = token.text
    if token.like_num or (text[:1].isdigit() and "-" in text):
        return True
    if "-" in text and text[:1].islower():  # "baden-württembergischen"
        text = text.rsplit("-", 1)[1]
        return text.isalpha() and ADJECTIVE_ENDING.search(text) is not None
    if not text.islower() or not text.isalpha() or is_function_word(token):
        return False
    lemma = token.lemma_.lower()
    if text != lemma and text.startswith(lemma):
        return text[len(lemma):] in {"e", "en", "er", "es", "em", "n", "ste", "sten", "ster"}
    return ADJECTIVE_ENDING.search(text) is not None


def is_verb_like(token: Token) -> bool:
    """A lowercase word that is neither a function word nor a modifier: in a clause that is
    usually its verb."""
    return VERB_LIKE.of(token)


def _verb_like(token: Token) -> bool:
    return token.text.isalpha() and token.text.islower() and not is_function_word(token) \
        and not is_modifier(token) and not token.like_num


# what may make a sentence report something, one bit each (``SpeechCues.flagged``): a
# reporting verb's lemma, a marker's first word, a Konjunktiv I form, the hearsay modal
CUE_REPORTING, CUE_MARKER, CUE_KONJUNKTIV, CUE_MODAL = 1, 2, 4, 8
HEARSAY_MODALS = {"soll", "sollen"}


# the answers of the tests above that read only the word (``Word.form``), per word form:
# the quotation rules ask them of the same words many times
KONJUNKTIV_FORM = FormTable(_konjunktiv_form)
FUNCTION_WORD = FormTable(_function_word)
NOMINAL = FormTable(_nominal)
MODIFIER = FormTable(_modifier)
VERB_LIKE = FormTable(_verb_like)


def noun_phrase_end(doc: Doc, start: int, stop: int, genitive: bool = True) -> int | None:
    """The end of the noun phrase that starts at token ``start``, or None if none starts there.

    Covers a speaker pronoun ("er"), and article + modifiers + nouns or names, with name
    particles ("Thomas de Maizière"), a party in brackets ("Müller (SPD)"), genitives
    ("der Sprecher des Ministeriums") and coordination ("Merkel und Stoiber").

    Args:
        doc: the document.
        start: index of the first token.
        stop: the phrase ends at the latest before this index.
        genitive: whether to take a following "der/des ..." as a genitive attribute.
    Returns:
        The exclusive end index, or None.
    """
    if start >= stop:
        return None
    first = doc[start].lower_
    if first in SPEAKER_PRONOUNS and not (
            first in DETERMINERS | {"ihr"} and start + 1 < stop
            and (is_nominal(doc[start + 1]) or is_modifier(doc[start + 1]))):
        return start + 1
    i = start
    while i < min(stop, start + 2) and doc[i].lower_ in DETERMINERS:  # "die beiden"
        i += 1
    if i > start and i < stop and doc[i].lower_ in PREPOSITIONS:
        i = _attribute_end(doc, i, stop)  # "die zur Universität gehörende Stiftung"
    while i < stop and (is_modifier(doc[i]) or i > start and _inflected(doc[i])):
        i += 1
    head_start = i
    while i < stop and (is_nominal(doc[i]) or _name_particle(doc, i, stop) or _quoted(doc, i)
                        or doc[i].is_space and i + 1 < stop and is_nominal(doc[i + 1])):
        if (step := _skip_quoted(doc, i, stop)) == i:
            break
        i = step
    if i == head_start and not (head_start > start and doc[start].lower_ in DETERMINERS
                                and head_start - start >= 2):
        return None  # "der 81-jährige" is a phrase without a capital
    while i < stop:
        low = doc[i].lower_
        if doc[i].text == "(":
            close = next((j for j in range(i + 1, min(stop, i + 8)) if doc[j].text == ")"), None)
            if close is None:
                break
            i = close + 1
        elif doc[i].is_space:
            i += 1
        elif low in ATTACHED_PREPOSITIONS and i + 1 < stop and (
                is_nominal(doc[i + 1]) or doc[i + 1].lower_ in DETERMINERS):
            end = noun_phrase_end(doc, i + 1, stop, genitive=genitive)  # "Ärzte ohne Grenzen"
            if end is None:
                break
            i = end
        elif genitive and low in GENITIVE_OPENERS or low in {"von", "vom"}:
            end = noun_phrase_end(doc, i + 1, stop, genitive=True)
            if end is None or doc[i + 1].lower_ in SPEAKER_PRONOUNS:
                break
            i = end
        elif low in {"und", "sowie"} and doc[i + 1:i + 2] and not is_verb_like(doc[i + 1]):
            end = noun_phrase_end(doc, i + 1, stop, genitive=genitive)
            if end is None:
                break
            i = end
        else:
            break
    return i


def _inflected(token: Token) -> bool:
    # after an article, a lowercase word with an adjective's ending is its adjective
    return token.text.isalpha() and token.text.islower() and not is_function_word(token) \
        and token.text.endswith(("e", "en", "er", "es", "em"))


def _attribute_end(doc: Doc, i: int, stop: int) -> int:
    """After an article, a prepositional phrase and the participle it belongs to ("der in
    Berlin lebende Autor"); ``i`` itself when there is none."""
    end = noun_phrase_end(doc, i + 1, stop, genitive=False)
    if end is not None and end < stop and (is_modifier(doc[end]) or _inflected(doc[end])):
        return end
    return i


def _name_particle(doc: Doc, i: int, stop: int) -> bool:
    return (doc[i].lower_ in NAME_PARTICLES and doc[i].text.islower() and i > 0
            and is_nominal(doc[i - 1]) and i + 1 < stop and is_nominal(doc[i + 1])
            and doc[i].lower_ not in {"der", "den", "von", "vom", "zu"})


def _quoted(doc: Doc, i: int) -> bool:
    return doc[i].text in {"„", "»", '"'}


def _skip_quoted(doc: Doc, i: int, stop: int) -> int:
    """Step over one token, or over a short quoted name ("die „Berliner Zeitung“")."""
    if not _quoted(doc, i):
        return i + 1
    for j in range(i + 2, min(stop, i + 6)):
        if doc[j].text in {"“", "«", '"', "”"}:
            return j + 1 if doc[i + 1].text[:1].isupper() else i
    return i


def noun_phrase_start(doc: Doc, end: int, start: int) -> int | None:
    """The start of a noun phrase that ends just before token ``end``, found from the left
    edge ``start`` of its clause (the phrase before "zufolge" or ", wonach"), or None."""
    for i in range(start, end):
        if doc[i].lower_ in PREPOSITIONS and doc[i].lower_ not in {"laut", "gemäß"}:
            continue
        if noun_phrase_end(doc, i, end) == end:
            return i
    return None


def is_statement(doc: Doc, start: int, end: int) -> bool:
    """Whether marks ``start..end`` hold a statement rather than a name or a phrase: a
    sentence (ends in . ! ?) or at least six words."""
    words = [t for t in doc[start + 1:end - 1] if not t.is_punct]
    return len(words) >= 6 or (end - start > 3 and doc[end - 2].text in FINAL_PUNCT)
