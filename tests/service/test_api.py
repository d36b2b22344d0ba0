"""The JSON API: filters, one event with its article, network, timeline, ingest with a
token, clear 4xx errors and a body limit."""

from __future__ import annotations

import warnings

import pytest

from lagebild.errors import LagebildError
from lagebild.store import Store, ingest
from news_articles import ACCUSATION_DE, ACCUSATION_EN, DENIAL_DE

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from lagebild.service.app import create_app, is_loopback  # noqa: E402

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "api.duckdb"
    with Store(path) as s:
        ingest(s, [ACCUSATION_DE, ACCUSATION_EN, DENIAL_DE])
    return path


@pytest.fixture
def client(db):
    with TestClient(create_app(db, token=TOKEN)) as c:
        yield c


def test_events_with_filters_and_paging(client):
    everything = client.get("/events").json()
    assert everything["total"] == len(everything["events"]) >= 4
    accusations = client.get("/events", params={"type": "ACCUSE", "actor": "RUS"}).json()
    assert accusations["total"] == 2
    assert all(e["type"] == "ACCUSE" and e["num_sources"] == 2 and e["num_events"] == 2
               for e in accusations["events"])
    assert {e["article_source"] for e in accusations["events"]} == {"Rheinische Depesche",
                                                                    "Baltic Wire"}
    repeated = client.get("/events?type=ACCUSE&type=REJECT").json()
    assert {e["type"] for e in repeated["events"]} == {"ACCUSE", "REJECT"}
    page = client.get("/events", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == everything["total"]
    assert page["events"][0]["event_id"] == everything["events"][1]["event_id"]


def test_one_event_with_its_article_story_and_denials(client):
    claim = client.get("/events", params={"type": "ACCUSE", "lang": "de"}).json()["events"]
    claim = next(e for e in claim if e["doc_id"] == "de-accuse")
    detail = client.get(f"/events/{claim['event_id']}").json()
    text = detail["article"]["text"]
    ev = detail["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["text"]
    assert {e["doc_id"] for e in detail["story_events"]} == {"de-accuse", "en-accuse"}
    assert detail["denied_by"], "the denial in another article is linked"
    denial = client.get(f"/events/{detail['denied_by'][0]}").json()
    assert claim["event_id"] in denial["denies"]


def test_network_timeline_actors_stories_health(client):
    net = client.get("/actors/RUS/network").json()
    assert any(e["type"] == "ACCUSE" and e["count"] == 2 for e in net["edges"])
    russia = next(n for n in net["nodes"] if n["id"] == "RUS/GOV")
    # two accusations, the cyberattacks they name, the denial
    assert russia["label"] == "Russia · GOV" and russia["events"] == 4
    assert client.get("/network", params={"type": "REJECT"}).json()["edges"]
    days = client.get("/timeline", params={"type": "ACCUSE"}).json()
    assert days == [{"day": "2024-04-30", "type": "ACCUSE", "count": 2}]
    assert client.get("/actors", params={"q": "RUS"}).json()[0]["country"] == "RUS"
    assert client.get("/stories", params={"type": "ACCUSE"}).json()[0]["num_articles"] == 2
    assert client.get("/health").json()["articles"] == 3
    assert client.get("/openapi.json").json()["info"]["title"] == "Lagebild"
    docs = client.get("/docs").text
    assert "swagger" in docs.lower() and "cdn" not in docs  # served by the app: works offline
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_bad_requests_get_4xx_with_a_message(client):
    unknown = client.get("/events", params={"type": "HUG"})
    assert unknown.status_code == 400 and "unknown event type 'HUG'" in unknown.json()["detail"]
    bad_date = client.get("/timeline", params={"since": "yesterday"})
    assert bad_date.status_code == 400 and "not a date" in bad_date.json()["detail"]
    assert client.get("/events", params={"limit": 0}).status_code == 422
    assert client.get("/events/0000").status_code == 404
    hostile = client.get("/events", params={"actor": "'; DROP TABLE events; --"})
    assert hostile.status_code == 200 and hostile.json()["total"] == 0
    assert client.get("/health").json()["events"] > 0


def test_posting_articles_needs_the_token(client):
    body = {"articles": [{"id": "posted", "lang": "en", "published": "2024-05-06",
                          "text": "Poland accused Belarus on Monday of sending migrants "
                                  "across the border."}]}
    assert client.post("/articles", json=body).status_code == 401
    wrong = client.post("/articles", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    done = client.post("/articles", json=body, headers=AUTH)
    assert done.status_code == 200 and done.json()["stored"] == 1
    assert client.post("/articles", json=body, headers=AUTH).json()["known"] == 1
    assert client.get("/events", params={"actor": "POL"}).json()["total"] >= 1
    empty = client.post("/articles", json={"articles": []}, headers=AUTH)
    assert empty.status_code == 422
    missing = client.post("/articles", json={"articles": [{"id": "x"}]}, headers=AUTH)
    assert missing.status_code == 422 and "text" in str(missing.json()["detail"])


def test_bodies_over_the_limit_are_refused(db):
    with TestClient(create_app(db, token=TOKEN, max_body=2_000)) as small:
        big = {"articles": [{"id": "big", "text": "Wort " * 1000}]}
        refused = small.post("/articles", json=big, headers=AUTH)
        assert refused.status_code == 413 and "limit" in refused.json()["detail"]

        def chunks():  # no Content-Length: counted while it streams
            for _ in range(10):
                yield b"x" * 500

        streamed = small.post("/articles", content=chunks(),
                              headers={**AUTH, "Content-Type": "application/json"})
        assert streamed.status_code == 413


def test_without_a_token_ingest_is_disabled(db):
    with TestClient(create_app(db)) as open_client:
        refused = open_client.post("/articles", json={"articles": [{"id": "a", "text": "b"}]})
        assert refused.status_code == 403 and "--token" in refused.json()["detail"]
        assert open_client.get("/events").status_code == 200


def test_reading_needs_the_token_off_loopback(db):
    with pytest.raises(LagebildError, match="needs a token"):
        create_app(db, host="0.0.0.0")
    with TestClient(create_app(db, token=TOKEN, host="0.0.0.0")) as public:
        assert public.get("/events").status_code == 401
        assert public.get("/events", headers=AUTH).status_code == 200
        assert public.get("/events", headers={"X-Lagebild-Token": TOKEN}).status_code == 200


def test_loopback_addresses():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
