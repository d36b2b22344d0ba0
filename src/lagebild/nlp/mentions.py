"""What the analysis layers put on a Doc: actor mentions, time expressions, places.

Plain dataclasses, so the event coder and the CLI read them without spaCy internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ActorMention:
    """A span of tokens that names an actor, resolved as far as the lexicon allows."""

    start: int  # token index
    end: int  # token index, exclusive
    start_char: int
    end_char: int
    text: str
    id: str | None
    name: str | None
    country: str | None
    sector: str | None
    kind: str  # state, capital, adj, people, org, person, role, pronoun, modifier
    rule: str = ""
    genitive: bool = False
    prep: str | None = None  # governing preposition, lowercase
    case: str | None = None  # nom, acc, dat, gen from the article; None when unknown
    country_from: str = "lexicon"  # lexicon, adjective, prefix, attached, default, generic
    group: int = -1  # index of the coordinated group ("Iran und Nordkorea") it belongs to

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start_char, "end": self.end_char,
                "id": self.id, "name": self.name, "country": self.country,
                "sector": self.sector}


@dataclass
class TimeExpression:
    """A date or period named in the text, resolved against the publication date."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    value: str | None  # ISO date, "2023-08", "2022", or None when it cannot be resolved
    precision: str | None  # day, month, year, range
    rule: str = ""
    end_value: str | None = None  # for ranges

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start_char, "end": self.end_char,
                "value": self.value, "precision": self.precision, "end_value": self.end_value}


@dataclass
class PlaceMention:
    """A place name resolved to GeoNames."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    geonames_id: int | None
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    prep: str | None = None
    metonym: bool = False  # the place stands for a government here, so it is an actor
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start_char, "end": self.end_char,
                "geonames_id": self.geonames_id, "name": self.name, "country": self.country,
                "lat": self.lat, "lon": self.lon}
