"""Answers remembered per word form, for the whole process.

The rules ask the same questions of the same words in every text (is this word a role,
may it trigger an event, does it look like a verb); the answer depends on the word alone,
so it is worked out once and looked up after that. Every such table holds at most
``CACHE_LIMIT`` entries and then starts afresh, so memory stays bounded on a long stream
(a thousand news articles hold about 55,000 word forms; a day of news many more).

``Memo`` answers for a key such as a word's text; ``FormTable`` for a word form with its
lemma (``Word.form``), for one word or for all the words of a Doc at once.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter

CACHE_LIMIT = 200_000


class Memo(dict):
    """``fn(key)`` for any key asked (``memo[key]``), worked out on the first asking and
    then looked up. A lookup that hits costs what a dict's does (no Python call); at
    ``CACHE_LIMIT`` entries the table starts afresh."""

    __slots__ = ("fn",)

    def __init__(self, fn: Callable) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key):
        if len(self) >= CACHE_LIMIT:
            self.clear()
        value = self[key] = self.fn(key)
        return value


def full(table) -> bool:
    """Whether a table of word forms kept by hand has reached ``CACHE_LIMIT``."""
    return len(table) >= CACHE_LIMIT


class FormTable(dict):
    """``fn(word)`` per word form with its lemma, keyed by the number a
    :class:`~lagebild.nlp.words.Word` carries for them (``word.form``): worked out on the
    first asking, then one lookup of an integer (no tuple of strings made and hashed).
    ``fn`` may read what the form decides (``text``, ``lower_``, ``lemma_``, the lexical
    flags), never where the word stands, and never answers None.

    ``table.of(word)`` answers for one word, remembered in the table (a dict). ``table.
    column(words)`` answers for every word of a Doc at once: each table has a slot in the
    form records the Doc's words point to (``words.records``), and the column is read from
    there in C, without a hash lookup per word; those answers are kept in the records
    only, so a table asked by columns holds no dict entries. At ``CACHE_LIMIT`` entries
    the dict starts afresh (the records go with the words' own table)."""

    __slots__ = ("fn", "slot")

    def __init__(self, fn: Callable) -> None:
        super().__init__()
        self.fn = fn
        self.slot = _take_slot()

    def of(self, word):
        found = self.get(word.form, self)
        return self._add(word) if found is self else found

    def column(self, words) -> list:
        records, slot = words.records, self.slot
        try:
            found = list(map(itemgetter(slot), records))
        except IndexError:  # records made before this table: each given the slot
            for record in records:
                record.extend([None] * (slot + 1 - len(record)))
            found = list(map(itemgetter(slot), records))
        if None in found:  # forms new to this table: worked out, in C found one by one
            i = found.index(None)
            while True:
                record = records[i]
                if record[slot] is None:  # else the same form, earlier in this Doc
                    record[slot] = self.fn(words[i])
                found[i] = record[slot]
                try:
                    i = found.index(None, i + 1)
                except ValueError:
                    break
        return found

    def _add(self, word):
        if len(self) >= CACHE_LIMIT:
            self.clear()
        value = self[word.form] = self.fn(word)
        return value


_slots_taken = 0  # by the tables made so far; slot 0 of a form record is the form itself


def _take_slot() -> int:
    global _slots_taken
    _slots_taken += 1
    return _slots_taken


def new_record(form: tuple) -> list:
    """A form's record: the form, then an empty slot for each table made so far."""
    return [form] + [None] * _slots_taken
