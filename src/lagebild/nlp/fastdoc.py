"""A Doc whose tokens are made once.

spaCy makes a new Python ``Token`` each time ``doc[i]`` is read or a Doc is iterated; the
rule components read each token dozens of times, and making those objects was a third of
the coding time. :class:`FastDoc` holds the tokens made once and passes everything else
(slices, ``doc._``, ``char_span``, ``sents``) to the Doc itself. Components wrap the Doc
they are given: ``doc = FastDoc.of(doc)``; the last one releases it.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "lagebild.fastdoc"


class FastDoc:
    """The Doc ``doc`` with ``doc[i]``, ``iter(doc)``, ``len(doc)`` and ``doc.text``
    answered from values computed once."""

    __slots__ = ("doc", "tokens", "_text")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens = list(doc)
        self._text: str | None = None

    @classmethod
    def of(cls, doc: Doc | FastDoc) -> FastDoc:
        """The FastDoc of ``doc``, made once and shared by the components (kept in the
        Doc's ``user_data``; a Doc's tokens do not change after tokenisation)."""
        if isinstance(doc, FastDoc):
            return doc
        fast = doc.user_data.get(_KEY)
        if fast is None or fast.doc is not doc:
            fast = doc.user_data[_KEY] = cls(doc)
        return fast

    @staticmethod
    def release(doc: Doc) -> None:
        """Drop the shared FastDoc (the last component does), so the Doc pickles and
        serialises as any other."""
        doc.user_data.pop(_KEY, None)

    def __getitem__(self, key):
        if isinstance(key, int):
            return self.tokens[key]
        return self.doc[key]

    def __iter__(self):
        return iter(self.tokens)

    def __len__(self) -> int:
        return len(self.tokens)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.doc.text
        return self._text

    def __getattr__(self, name: str):
        return getattr(self.doc, name)
