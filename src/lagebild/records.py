"""Turning what the components found on a Doc into the published records."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from lagebild.lexicon import load_lexicon
from lagebild.nlp.mentions import ActorMention, PlaceMention
from lagebild.nlp.places import city_index
from lagebild.nlp.sentence_rules import CodedEvent
from lagebild.schema import Actor, Article, Event, Evidence, Place


def actor_record(m: ActorMention) -> Actor:
    """The record of one resolved mention."""
    return Actor(text=m.text, id=m.id, name=m.name, country=m.country, sector=m.sector)


def place_record(p: PlaceMention) -> Place:
    return Place(text=p.text, geonames_id=p.geonames_id, name=p.name, country=p.country,
                 lat=p.lat, lon=p.lon)


def event_id(doc_id: str, key: str) -> str:
    """Stable across runs: the same article and trigger give the same id."""
    return hashlib.sha1(f"{doc_id}|{key}".encode()).hexdigest()[:16]


def event_records(doc: Doc, article: Article, lang: str,
                  lexicon_paths: tuple[str, ...] = ()) -> list[Event]:
    """The events of one analysed article as :class:`Event` records (CAMEO codes from the
    same lexicon, a user's own files included, that coded them)."""
    coded: list[CodedEvent] = doc._.events or []
    lexicon = load_lexicon(lexicon_paths)
    ids = [event_id(article.id, e.key) for e in coded]
    out = []
    for e, eid in zip(coded, ids):
        tok = doc[e.match.i]
        sent = tok.sent
        if e.time is not None and e.time.value:
            date, precision = e.time.value, e.time.precision
        elif article.published is not None:
            date, precision = article.published.isoformat(), "publication"
        else:
            date, precision = None, None
        out.append(Event(
            event_id=eid, doc_id=article.id, type=e.type, mode=e.mode,
            cameo_code=lexicon.cameo_code(e.type, e.mode),
            source=[actor_record(m) for m in e.source],
            target=[actor_record(m) for m in e.target],
            date=date, date_precision=precision, location=_location(e),
            attributed_to=actor_record(e.attributed) if e.attributed is not None else None,
            status=e.status, confidence=max(0.05, e.confidence),
            evidence=Evidence(sentence=sent.text.strip(), start=tok.idx,
                              end=tok.idx + len(tok.text), text=tok.text,
                              rule=e.match.trigger.id),
            lang=lang, denies=[ids[k] for k in e.denies],
        ))
    return out


def _location(e: CodedEvent) -> Place | None:
    # "besuchte Pjöngjang": the capital visited is the government and the place
    if e.mode == "visit":
        for m in e.target:
            if m.kind == "capital":
                record = city_index().get(m.text) or city_index().get(m.text.rstrip("s"))
                if record:
                    return Place(text=m.text, **record)
    if e.place is not None:
        return place_record(e.place)
    return None


def quote_records(doc: Doc, doc_id: str, lang: str) -> list[dict]:
    """The quotations of an analysed article in the shape of the quotation gold, each with
    the speaker resolved through the actor layer (``speaker_actor``)."""
    from lagebild.nlp.arguments import ArgumentFinder

    finder = ArgumentFinder(doc, lang, doc._.actors or [])
    out = []
    for q in doc._.quotes or []:
        actor = finder.speaker_actor(q)
        out.append({"doc_id": doc_id, **q.to_gold_shape(doc.text),
                    "speaker_actor": actor_record(actor).model_dump() if actor else None})
    return out
