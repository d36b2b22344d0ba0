"""The store: idempotent ingest, stories across articles, denials across articles,
queries, export and migrations (on invented articles)."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pyarrow.parquet as pq
import pytest

from lagebild.errors import InputProblem, LagebildError
from lagebild.schema import Article
from lagebild.store import EventFilter, Store, export_parquet, ingest
from lagebild.store.query import find_events, find_stories, list_actors, network, timeline
from lagebild.store.schema import LATEST, migrate, schema_version
from news_articles import (
    ACCUSATION_DE,
    ACCUSATION_EN,
    ACCUSATION_LATER,
    DENIAL_DE,
    many_articles,
)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.duckdb") as s:
        yield s


def events_of(store, **options) -> list[dict]:
    return find_events(store.cursor(), EventFilter.from_options(**options))


def test_ingest_stores_articles_events_quotes_and_actors(store):
    report = ingest(store, [ACCUSATION_DE, ACCUSATION_EN])
    counts = store.counts()
    assert report.stored == 2 and counts["articles"] == 2
    assert counts["events"] == report.events >= 2
    assert counts["mentions"] >= 4
    accusations = events_of(store, types="ACCUSE")
    assert {e["doc_id"] for e in accusations} == {"de-accuse", "en-accuse"}


def test_ingest_is_idempotent_by_content(store):
    ingest(store, [ACCUSATION_DE, ACCUSATION_EN])
    before = store.counts()
    again = ingest(store, [ACCUSATION_EN, ACCUSATION_DE.model_copy(update={"id": "other-id"})])
    assert again.stored == 0 and again.known == 2
    assert store.counts() == before


def test_same_id_with_other_text_is_kept_under_a_new_id(store):
    ingest(store, [ACCUSATION_DE])
    clash = ACCUSATION_EN.model_copy(update={"id": "de-accuse"})
    report = ingest(store, [clash])
    assert report.stored == 1
    ids = [r[0] for r in store.cursor().execute("SELECT doc_id FROM articles").fetchall()]
    assert "de-accuse" in ids and any(i.startswith("de-accuse~") for i in ids)


def test_bad_inputs_are_reported_and_the_batch_goes_on(store):
    seen = []
    problem = InputProblem("feed.jsonl", 2, "missing 'text'")
    unsupported = Article(id="fr", lang="fr", text="Le gouvernement a protesté lundi.")
    report = ingest(store, [ACCUSATION_DE, problem, unsupported, ACCUSATION_EN],
                    on_problem=seen.append)
    assert report.stored == 2
    assert [p.source for p in seen] == ["feed.jsonl", "fr"]
    assert "not supported" in seen[1].reason


def test_one_story_per_real_world_event_across_languages_and_outlets(store):
    ingest(store, [ACCUSATION_DE, ACCUSATION_EN, ACCUSATION_LATER])
    accusations = events_of(store, types="ACCUSE")
    same = [e for e in accusations if e["doc_id"] in ("de-accuse", "en-accuse")]
    later = [e for e in accusations if e["doc_id"] == "de-accuse-later"]
    assert same[0]["story_id"] == same[1]["story_id"]
    assert same[0]["num_articles"] == 2 and same[0]["num_sources"] == 2
    # seven weeks later: another event, its own story; each article keeps its own row
    assert later[0]["story_id"] != same[0]["story_id"] and later[0]["num_articles"] == 1
    stories = find_stories(store.cursor(), EventFilter(types=["ACCUSE"]))
    assert stories[0]["num_sources"] == 2 and len(stories) == 2


def test_stories_do_not_depend_on_batch_boundaries(tmp_path):
    articles = [ACCUSATION_DE, ACCUSATION_LATER, DENIAL_DE, ACCUSATION_EN, *many_articles(6)]
    results = []
    for size in (1, 3, 64):
        with Store(tmp_path / f"b{size}.duckdb") as s:
            ingest(s, articles, batch_size=size)
            results.append(s.cursor().execute(
                "SELECT event_id, story_id FROM events ORDER BY event_id").fetchall())
    assert results[0] == results[1] == results[2]


@pytest.mark.parametrize("order", ["claim first", "denial first"])
def test_denials_link_to_claims_in_other_articles(store, order):
    articles = [ACCUSATION_DE, DENIAL_DE] if order == "claim first" else [DENIAL_DE,
                                                                          ACCUSATION_DE]
    for article in articles:  # separate ingests: the link is made across batches
        ingest(store, [article])
    claim = next(e for e in events_of(store, types="ACCUSE"))
    denial = next(e for e in events_of(store, statuses="denied"))
    assert denial["doc_id"] != claim["doc_id"]
    assert claim["event_id"] in denial["denies"]
    assert denial["event_id"] in claim["denied_by"]


def test_a_denial_weeks_away_is_not_linked(store):
    late_denial = DENIAL_DE.model_copy(update={"id": "late", "published": date(2024, 9, 1)})
    ingest(store, [ACCUSATION_DE, late_denial])
    claim = next(e for e in events_of(store, types="ACCUSE"))
    assert claim["denied_by"] == []


def test_query_filters(store):
    ingest(store, [ACCUSATION_DE, ACCUSATION_EN, DENIAL_DE, *many_articles(30)])
    assert {e["type"] for e in events_of(store, types="ACCUSE,REJECT")} == {"ACCUSE", "REJECT"}
    by_country = events_of(store, actor="RUS")
    assert by_country and all(any(a["country"] == "RUS" for a in e["source"] + e["target"])
                              for e in by_country)
    by_name = events_of(store, actor="Russia")
    assert {e["event_id"] for e in by_name} <= {e["event_id"] for e in by_country}
    assert by_name
    russia_id = next(a["id"] for e in by_country for a in e["target"] if a["country"] == "RUS")
    assert events_of(store, actor=russia_id)
    assert all(e["status"] == "denied" for e in events_of(store, statuses="denied"))
    march = events_of(store, since="2024-03-01", until="2024-03-31")
    assert march and all(e["date"].startswith("2024-03") for e in march)
    assert all("Cyber" in e["evidence"]["sentence"] or "cyber" in e["evidence"]["sentence"]
               for e in events_of(store, text="cyber"))
    assert events_of(store, actor="nobody-of-that-name") == []
    in_warsaw = events_of(store, place="Warschau")  # the words of the text ...
    assert in_warsaw and all(e["location"]["name"] == "Warsaw" for e in in_warsaw)
    assert {e["event_id"] for e in events_of(store, place="Warsaw")} == \
        {e["event_id"] for e in in_warsaw}  # ... its GeoNames name, or its country
    assert {e["event_id"] for e in in_warsaw} <= {e["event_id"] for e in events_of(
        store, place="POL")}
    with pytest.raises(LagebildError, match="unknown event type 'FOO'"):
        EventFilter.from_options(types="FOO")
    with pytest.raises(LagebildError, match="not a date"):
        EventFilter.from_options(since="last tuesday")


def test_filter_values_are_parameters_not_sql(store):
    ingest(store, [ACCUSATION_DE])
    hostile = "x'); DROP TABLE events; --"
    assert events_of(store, actor=hostile, text=hostile, place=hostile) == []
    assert store.counts()["events"] > 0


def test_network_timeline_and_actors(store):
    ingest(store, [ACCUSATION_DE, ACCUSATION_EN, DENIAL_DE])
    cur = store.cursor()
    net = network(cur, EventFilter(), actor="RUS")
    edge = next(e for e in net["edges"] if e["type"] == "ACCUSE")
    assert edge["count"] == 2 and edge["quad"] == "verbal conflict"
    assert {n["country"] for n in net["nodes"]} >= {"DEU", "RUS"}
    days = timeline(cur, EventFilter(types=["ACCUSE"]))
    assert days == [{"day": "2024-04-30", "type": "ACCUSE", "count": 2}]
    top = list_actors(cur, "RUS")
    assert top and top[0]["country"] == "RUS" and top[0]["as_target"] >= 2


def test_export_writes_partitioned_parquet(store, tmp_path):
    ingest(store, [ACCUSATION_DE, ACCUSATION_EN, *many_articles(4)])
    out = tmp_path / "export"
    counts = export_parquet(store, out)
    assert counts["events"] == store.counts()["events"]
    assert (out / "events" / "year=2024" / "type=ACCUSE").is_dir()
    table = pq.read_table(out / "events")
    assert table.num_rows == counts["events"]
    assert pq.read_table(out / "articles.parquet").num_rows == 6
    with pytest.raises(LagebildError, match="not empty"):
        export_parquet(store, out)


def test_a_database_of_an_older_version_opens_and_is_migrated(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, upto=1)  # what the first version of the store made
    record = {"event_id": "e1", "doc_id": "d1", "type": "SANCTION", "mode": None,
              "source": [{"text": "EU", "id": "Q458", "name": "European Union",
                          "country": "IGO", "sector": None}],
              "target": [{"text": "Iran", "id": "Q794", "name": "Iran", "country": "IRN",
                          "sector": "GOV"}],
              "date": "2024-04-15", "date_precision": "day", "status": "asserted",
              "confidence": 0.8, "lang": "en", "denies": [],
              "evidence": {"sentence": "The EU imposed sanctions on Iran.", "start": 7,
                           "end": 14, "text": "imposed", "rule": "en.v.impose"}}
    con.execute("INSERT INTO articles VALUES ('d1', 'h1', NULL, NULL, NULL, 'en', NULL, "
                "'The EU imposed sanctions on Iran.', now())")
    con.execute("INSERT INTO events (event_id, doc_id, type, status, date, date_precision, "
                "date_start, date_end, sentence, lang, record) VALUES ('e1', 'd1', 'SANCTION',"
                " 'asserted', '2024-04-15', 'day', '2024-04-15', '2024-04-15', "
                "'The EU imposed sanctions on Iran.', 'en', ?)", [json.dumps(record)])
    con.execute("INSERT INTO event_actors VALUES ('e1', 'source', 0, 'EU', 'Q458', "
                "'European Union', 'IGO', NULL), ('e1', 'target', 0, 'Iran', 'Q794', 'Iran', "
                "'IRN', 'GOV')")
    assert schema_version(con) == 1
    con.close()
    with Store(path) as s:
        assert schema_version(s.con) == LATEST
        old = events_of(s, actor="IRN")
        assert [e["event_id"] for e in old] == ["e1"] and old[0]["story_id"] == "e1"
        newer = Article(id="d2", lang="en", published=date(2024, 4, 16),
                        text="The European Union imposed sanctions on Iran on Monday.")
        ingest(s, [newer])
        assert len(events_of(s, types="SANCTION")) == 2


def test_a_database_of_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    with Store(path) as s:
        s.con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(LagebildError, match="newer than this"):
        Store(path)


def test_not_a_database_is_a_clear_error(tmp_path):
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("this is not a database\n" * 100)
    with pytest.raises(LagebildError, match="notes.duckdb"):
        Store(bogus)
    with pytest.raises(LagebildError, match="no such database"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_ingest_with_worker_processes_stores_what_one_process_stores(tmp_path):
    articles = [ACCUSATION_DE, ACCUSATION_EN, DENIAL_DE, *many_articles(10)]
    rows = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as s:
            ingest(s, articles, workers=workers, batch_size=4)
            cur = s.cursor()
            rows.append((cur.execute("SELECT event_id, story_id, seq FROM events ORDER BY seq")
                         .fetchall(), cur.execute("SELECT * FROM quotes ORDER BY ALL").fetchall(),
                         cur.execute("SELECT * FROM mentions ORDER BY ALL").fetchall()))
    assert rows[0] == rows[1]
