"""Shared fixtures: the project's own sample texts, and the shared data where present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAGEBILD_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "data" / "seed" / "000_3254c015179ba7b5.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the founding article is not here ({SEED}): ../shared is not beside "
                    "this clone")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp_de():
    from lagebild.pipeline import build_nlp

    return build_nlp("de")


@pytest.fixture(scope="session")
def nlp_en():
    from lagebild.pipeline import build_nlp

    return build_nlp("en")


@pytest.fixture(scope="module")
def nlp_quotes():
    """A bare German pipeline with only the quotation component (no actors or events)."""
    import spacy

    import lagebild.nlp.quotes  # noqa: F401  (registers the factory)

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.add_pipe("lagebild_quotes")
    return nlp
