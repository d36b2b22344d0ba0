"""The event record and its published JSON Schema."""

from __future__ import annotations

import jsonschema
import pytest
from pydantic import ValidationError

from lagebild.schema import Actor, Event, Evidence, event_json_schema


def make_event(**kw):
    base = dict(event_id="e1", doc_id="d1", type="AID", mode="military",
                source=[Actor(text="Pjöngjang", country="PRK", sector="GOV")],
                target=[Actor(text="Wagner", country="RUS", sector="UAF")],
                date="2022", date_precision="year", status="asserted", confidence=0.8,
                evidence=Evidence(sentence="s", start=0, end=5, text="xxxxx", rule="de.v.liefern"),
                lang="de")
    base.update(kw)
    return Event(**base)


def test_event_validates_against_the_published_schema():
    record = make_event().model_dump(mode="json")
    jsonschema.validate(record, event_json_schema())
    for field in ("event_id", "doc_id", "type", "mode", "source", "target", "date",
                  "date_precision", "location", "attributed_to", "status", "confidence",
                  "evidence", "lang"):
        assert field in record


def test_unknown_type_and_status_are_refused():
    with pytest.raises(ValidationError):
        make_event(type="BLAME")
    with pytest.raises(ValidationError):
        make_event(status="rumoured")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**make_event().model_dump(mode="json"), "type": "BLAME"},
                            event_json_schema())
