"""The records Lagebild reads and writes: articles, actors, evidence, events, quotations.

One pydantic model per record. ``event_json_schema()`` gives the published JSON Schema
of an event line (``lagebild schema`` prints it).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
STATUSES = ("asserted", "reported", "hypothetical", "denied", "negated")
DATE_PRECISIONS = ("day", "month", "year", "range", "publication")
PSEUDO_COUNTRIES = ("IGO", "NGO", "MNC", "IMG")
SECTORS = (
    "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "REB", "PTY", "OPP", "BUS", "MED", "CVL",
    "REL", "EDU", "HLH", "LAB", "REF", "CRM", "UAF", "ELI", "AGR", "ENV",
)  # fmt: skip

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
Status = Literal["asserted", "reported", "hypothetical", "denied", "negated"]
DatePrecision = Literal["day", "month", "year", "range", "publication"]


class Article(BaseModel):
    """One news article as read from an input, before analysis."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(description="Document id, unique within a batch")
    text: str = Field(description="The article text, UTF-8")
    lang: str | None = Field(None, description="ISO 639-1 language code; detected when missing")
    published: date | None = Field(None, description="Publication date; anchors relative dates")
    title: str | None = None
    url: str | None = None
    source: str | None = Field(None, description="Publisher or feed name")


class Actor(BaseModel):
    """An actor mention resolved to a stable identity."""

    text: str = Field(description="The words in the article that name the actor")
    id: str | None = Field(None, description="Wikidata QID where known, else a readable slug")
    name: str | None = Field(None, description="Canonical (English) name")
    country: str | None = Field(
        None, description="ISO 3166-1 alpha-3 code, or IGO/NGO/MNC/IMG; null when unknown"
    )
    sector: str | None = Field(None, description="PLOVER sector code (GOV, MIL, ...) or null")


class Place(BaseModel):
    """A place resolved against GeoNames."""

    text: str
    geonames_id: int | None = None
    name: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 code of the place")
    lat: float | None = None
    lon: float | None = None


class Evidence(BaseModel):
    """Why an event was coded: the sentence, the trigger span and the rule that fired."""

    sentence: str = Field(description="The sentence the event was found in")
    start: int = Field(description="Character offset of the trigger in the article text")
    end: int = Field(description="Character offset just past the trigger")
    text: str = Field(description="The trigger words, article.text[start:end]")
    rule: str = Field(description="Id of the lexicon entry that fired")


class Event(BaseModel):
    """One coded political event: who did what to whom, when, where, according to whom."""

    event_id: str = Field(description="Stable id: doc id, trigger offset and type hashed")
    doc_id: str
    type: EventType
    mode: str | None = Field(None, description="PLOVER mode of the type, or null")
    cameo_code: str | None = Field(
        None, description="Closest CAMEO code (the PLOVER-CAMEO crosswalk), for GDELT/ICEWS users")
    source: list[Actor] = Field(default_factory=list)
    target: list[Actor] = Field(default_factory=list)
    date: str | None = Field(None, description="ISO date as precise as the text allows")
    date_precision: DatePrecision | None = None
    location: Place | None = None
    attributed_to: Actor | None = Field(None, description="Who the text says claims it")
    status: Status = "asserted"
    confidence: float = Field(ge=0.0, le=1.0, description="Rule-based confidence, 0 to 1")
    evidence: Evidence
    lang: str
    denies: list[str] = Field(
        default_factory=list, description="event_ids of the claims this denial rejects"
    )


class Span(BaseModel):
    """Text and character spans of one part of a quotation."""

    text: str
    spans: list[list[int]]


class Quote(BaseModel):
    """A quotation with its speaker, cue and addressee, in the shape of the quotation gold."""

    doc_id: str
    type: str
    quote: Span
    speaker: Span | None = None
    cue: Span | None = None
    addressee: Span | None = None
    speaker_actor: Actor | None = None


def event_json_schema() -> dict:
    """Return the JSON Schema of one event record (one line of ``lagebild code``)."""
    return Event.model_json_schema()
