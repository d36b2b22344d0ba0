"""What looks like a name, a title or a dateline: word-level tests the actor layer uses
before the lexicon decides (unknown person names, English title words, lowercase words
that may open a mention). A mixin of :class:`~lagebild.nlp.actors.ActorRecognizer`: it
reads the recognizer's lexicon, vocabulary and word lists."""

from __future__ import annotations

from lagebild.nlp.clauses import EN_CLAUSE_OPENERS, SPEECH_VERBS_EN, is_verb_like
from lagebild.nlp.grammar import (
    AUXILIARIES,
    GENERIC_ADJ,
    NAME_STOP,
    NOUN_SUFFIXES_DE,
    TITLE_WORDS_EN,
    is_capitalised,
)

PLACE_PREPS_DE = {"von", "nach", "in", "aus", "bei", "nahe", "vom", "im"}


class NameHeuristics:
    """Word-level tests on tokens; mixed into the actor recognizer."""

    def _unknown_name_end(self, doc, i: int) -> int | None:
        """End of a run of capitalised words that are no German or English word, no
        compound of one, and stand without an article: a person's name."""
        if doc[i].is_sent_start or self.lang != "de":
            return None
        prev = doc[i - 1]
        if prev.text in (":", '"', "„", "“", "–", "-", "(") or prev.lower_ in PLACE_PREPS_DE:
            return None  # capitalised anyway after a colon; after "von/nach" mostly a place
        titled = prev.text in ("Herrn", "Herr", "Frau")
        adjective_before = self._plain_adjective(prev) and not is_verb_like(prev, self.lang)
        if not titled and (prev.lower_ in self.dets or adjective_before or prev.like_num
                           or prev.text[:1].isupper() and prev.text[:1].isalpha()):
            return None
        end = i
        while end < len(doc) and end - i < 3 and self._unknown_word(doc, end):
            end += 1
        return end if end > i else None

    def _unknown_word(self, doc, k: int) -> bool:
        text = doc[k].text
        if k + 1 < len(doc) and doc[k + 1].text == "." and len(text) <= 5:
            return False  # "Anm.": an abbreviation
        return self._unknown_text(text)

    def _unknown_text(self, text: str) -> bool:
        """The word alone (without what stands around it) may be a name the lexicon and the
        vocabulary lack."""
        known = self.vocabulary.known
        if not is_capitalised(text) or len(text) < 4 or known(text) or text.isupper():
            return False  # most capitalised words: a noun the vocabulary knows
        low = text.lower()
        if text in NAME_STOP[self.lang] or low in self.calendar:
            return False
        if low.endswith(NOUN_SUFFIXES_DE):
            return False  # "Munition", "Verzweiflung": nouns the vocabulary lacks
        if any(text.endswith(e) and known(text[: -len(e)]) for e in ("e", "en", "n", "s", "es")):
            return False  # an inflected form of a known noun
        if known(low) or self.names.single(text) or \
                self.actors.role_of(self.lang, text) is not None:
            return False
        # a compound of known words ("Sanktionsumgehungsnetzwerk") is a noun, not a name
        return not any(known(text[cut:].capitalize())
                       for cut in range(3, len(text) - 3) if len(text) - cut >= 5 or cut >= 4)

    def _plain_adjective(self, tok) -> bool:
        low = tok.lower_
        if not tok.text.islower() or low in self.preps or low in self.dets:
            return False
        if self.lang == "en":
            # "Egypt's ruling party", "Russia's armed forces"; but no verb or clause word
            # ("Egypt are demanding that President ...")
            return tok.text.isalpha() and low not in ("and", "or") \
                and low not in EN_CLAUSE_OPENERS and tok.lemma_.lower() not in (
                    AUXILIARIES["en"] | SPEECH_VERBS_EN)
        return low.endswith(("e", "en", "er", "es", "em")) and len(low) > 3

    def _may_start_lowercase(self, text: str) -> bool:
        """Lowercase words that can open a mention: country and generic adjectives (German),
        roles and names written in lowercase (English "officials", "de Maizière")."""
        low = text.lower()
        if self.lang == "de":
            return low in self.adjectives or low in GENERIC_ADJ["de"] or bool(
                self.names.by_first.get(text))
        return self.actors.role_of(self.lang, text) is not None or bool(
            self.names.by_first.get(text)) or low in GENERIC_ADJ["en"]

    def _starts_nothing(self, text: str) -> bool:
        """No mention can start at a word of this text, whatever stands around it (unless
        it is the surname of a person named before): no letter first; a lowercase word
        that opens nothing; a capitalised word that is no name, adjective, title or role
        of the lexicon, no hyphenated compound and no unknown name. The tests of
        ``_mention_at`` that depend on the word alone, asked once per word form."""
        first = text[:1]
        if not first.isalpha():
            return True
        if first.islower():
            return not self._may_start_lowercase(text)
        low = text.lower()
        return not (text in self.names.by_first or "-" in text
                    or low in GENERIC_ADJ[self.lang]
                    or self.lang == "de" and low in self.adjectives
                    or self.lang == "en" and low in TITLE_WORDS_EN
                    or self.actors.role_of(self.lang, text) is not None
                    or self.lang == "de" and self.vocabulary is not None
                    and self._unknown_text(text))

    @staticmethod
    def _dateline(doc, i: int) -> bool:
        """ "Kiew – Ein Defekt ...": the city an article was filed from is no actor."""
        if not doc[i].is_sent_start:
            return False
        k = i + 1
        while k < len(doc) and k - i < 3 and doc[k].text[:1].isupper():
            k += 1
        return k < len(doc) and doc[k].text in ("–", "—", "(")

    def _skip_titles(self, doc, j: int) -> int:
        """English titles before a role: "Vice Foreign Minister", "Defence Secretary"."""
        k = j
        while self.lang == "en" and k < len(doc) - 1 and k - j < 3 \
                and doc[k].lower_ in TITLE_WORDS_EN:
            k += 1
        return k

    def _surname_like(self, tok) -> bool:
        """A capitalised role word after a first name is a surname: "Tom King"."""
        return is_capitalised(tok.text) and tok.text not in NAME_STOP[self.lang] \
            and tok.lower_ not in self.calendar

    def _name_token(self, tok) -> bool:
        return (is_capitalised(tok.text) and tok.text not in NAME_STOP[self.lang]
                and tok.lower_ not in self.calendar
                and self.actors.role_of(self.lang, tok.text) is None
                and tok.lemma_.lower() not in self.event_nouns  # "Mitverantwortung"
                and not self.names.single(tok.text))
