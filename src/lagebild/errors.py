"""Errors a user can act on. Each names the input and the reason."""

from __future__ import annotations

from dataclasses import dataclass


class LagebildError(Exception):
    """Base of every error Lagebild raises on purpose; the CLI prints it without a traceback."""


class LexiconError(LagebildError):
    """A lexicon file is malformed."""


@dataclass
class InputProblem:
    """One input record that could not be read, with where it came from and why.

    Readers yield these instead of raising, so the rest of a batch goes on.
    """

    source: str
    line: int | None
    reason: str
    record: str | None = None

    def location(self) -> str:
        """``file:line`` or ``file``, as printed in error messages."""
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def to_dict(self) -> dict:
        """The JSONL record written by ``--errors FILE``."""
        return {"source": self.source, "line": self.line, "reason": self.reason,
                "record": self.record}
