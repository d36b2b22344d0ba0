"""The words the lookup lemmatizer knows: what is not among them, nor a compound of them,
may be a name."""

from __future__ import annotations

from spacy.language import Language


class Vocabulary:
    """The words the lookup lemmatizer knows, as forms and as lemmas."""

    def __init__(self, table) -> None:
        self.table = table
        self.lemmas = set(table.values())

    def known(self, word: str) -> bool:
        if word in self.table or word in self.lemmas:
            return True
        old = word.replace("ss", "ß")  # the tables spell "Einfluß", "Schuß"
        return old != word and (old in self.table or old in self.lemmas)


def vocabulary_of(nlp: Language) -> Vocabulary | None:
    """Without a lookup table (a user's own pipeline) unknown names are not guessed."""
    if "lagebild_lemmas" in nlp.pipe_names:
        return Vocabulary(nlp.get_pipe("lagebild_lemmas").table)
    try:  # a pipeline with spaCy's own lookup lemmatizer
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    except (KeyError, AttributeError, ValueError):
        return None
    return Vocabulary(table)
