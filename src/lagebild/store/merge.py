"""One story per real-world event, and denials linked to claims across articles.

Two event rows from different articles (or one) belong to the same story when they have
the same type, the same source and target actors (by country and sector), statuses on the same side (claims
with claims, denials with denials), dates whose windows overlap and places that do not
contradict each other. A date's window depends on its precision: a day (or a
publication date) reaches two days either side, a month or a year covers itself. An
event without a date or without any actor stays a story of its own.

Stories are assigned event by event in ingest order (``seq``), each joining the first
(oldest) story it fits, so the result does not depend on where batches start and end:
a rerun after a crash gives the stories a clean run gives.
"""

from __future__ import annotations

import calendar
import json
from collections import defaultdict
from datetime import date, timedelta

import duckdb

DAY_SLACK = timedelta(days=2)
RANGE_SPAN = timedelta(days=7)
DENIAL_REACH = 7  # days a denial may come after (or before) the claim it denies
CLAIMS = ("asserted", "reported", "hypothetical")


def actor_identity(actor: dict) -> str:
    """What makes two mentions the same actor when stories are merged: country and sector
    (the level at which event data is compared: "die Bundesregierung", "Germany" and
    "Olaf Scholz" are all DEU/GOV), else the id, else the words."""
    if actor.get("country"):
        return f"{actor['country']}/{actor.get('sector') or ''}"
    if actor.get("id"):
        return actor["id"]
    return (actor.get("text") or "").strip().lower()


def date_window(value: str | None, precision: str | None) -> tuple[date | None, date | None,
                                                                   date | None, date | None]:
    """``(date_start, date_end, window_start, window_end)`` of an event's date."""
    if not value:
        return None, None, None, None
    try:
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) == 1:
            start, end = date(parts[0], 1, 1), date(parts[0], 12, 31)
        elif len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            start, end = date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        else:
            start = end = date(parts[0], parts[1], parts[2])
    except ValueError:
        return None, None, None, None
    if precision == "range":
        end = start + RANGE_SPAN
    slack = DAY_SLACK if start == end or precision == "range" else timedelta(0)
    return start, end, start - slack, end + slack


def event_keys(record: dict | str) -> dict:
    """The keys an event is merged and linked by, computed from its record."""
    if isinstance(record, str):
        record = json.loads(record)
    sources = sorted({actor_identity(a) for a in record.get("source") or []})
    targets = sorted({actor_identity(a) for a in record.get("target") or []})
    actor_key = f"{'+'.join(sources)}>{'+'.join(targets)}" if sources or targets else ""
    start, end, w_start, w_end = date_window(record.get("date"), record.get("date_precision"))
    side = "claim" if record.get("status") in CLAIMS else "denial"
    mergeable = bool(actor_key) and w_start is not None
    return {"actor_key": actor_key,
            "merge_key": f"{record['type']}|{side}|{actor_key}" if mergeable else None,
            "date_start": start, "date_end": end, "window_start": w_start, "window_end": w_end}


def assign_stories(con: duckdb.DuckDBPyConnection, from_seq: int) -> None:
    """Give every event with ``seq >= from_seq`` a story, in ``seq`` order, and recount
    the stories they joined."""
    new = con.execute(
        "SELECT event_id, seq, merge_key, window_start, window_end, place_country, type "
        "FROM events WHERE seq >= ? ORDER BY seq", [from_seq]).fetchall()
    if not new:
        return
    keys = sorted({row[2] for row in new if row[2]})
    by_key: dict[str, list[dict]] = defaultdict(list)
    if keys:
        for sid, mk, ws, we, country in con.execute(
                "SELECT story_id, merge_key, window_start, window_end, place_country "
                "FROM stories WHERE merge_key IN (SELECT unnest(?)) ORDER BY seq", [keys]
        ).fetchall():
            by_key[mk].append({"story_id": sid, "window_start": ws, "window_end": we,
                               "place_country": country, "new": False, "changed": False})
    assignments = []
    created = []
    for event_id, seq, mk, ws, we, country, etype in new:
        story = _fitting_story(by_key.get(mk, []), ws, we, country) if mk else None
        if story is None:
            story = {"story_id": event_id, "seq": seq, "merge_key": mk or f"solo|{event_id}",
                     "type": etype, "window_start": ws, "window_end": we,
                     "place_country": country, "new": True, "changed": False}
            created.append(story)
            if mk:
                by_key[mk].append(story)
        elif story["place_country"] is None and country is not None:
            story["place_country"] = country
            story["changed"] = True
        assignments.append((event_id, story["story_id"]))
    _write_stories(con, assignments, created,
                   [s for stories in by_key.values() for s in stories
                    if s["changed"] and not s["new"]])


def _fitting_story(stories: list[dict], ws, we, country) -> dict | None:
    for story in stories:
        if ws > story["window_end"] or story["window_start"] > we:
            continue
        if country and story["place_country"] and country != story["place_country"]:
            continue
        return story
    return None


def _write_stories(con, assignments, created, changed) -> None:
    import pyarrow as pa

    con.register("_assigned", pa.table({"event_id": [a for a, _ in assignments],
                                        "story_id": [s for _, s in assignments]}))
    con.execute("UPDATE events SET story_id = _assigned.story_id FROM _assigned "
                "WHERE events.event_id = _assigned.event_id")
    con.unregister("_assigned")
    if created:
        con.executemany(
            "INSERT INTO stories (story_id, seq, merge_key, type, place_country, window_start,"
            " window_end, num_events, num_articles, num_sources) VALUES (?, ?, ?, ?, ?, ?, ?,"
            " 0, 0, 0)",
            [[s["story_id"], s["seq"], s["merge_key"], s["type"], s["place_country"],
              s["window_start"], s["window_end"]] for s in created])
    for s in changed:
        con.execute("UPDATE stories SET place_country = ? WHERE story_id = ?",
                    [s["place_country"], s["story_id"]])
    touched = sorted({story_id for _, story_id in assignments})
    con.execute("""
        UPDATE stories SET num_events = c.n_events, num_articles = c.n_articles,
               num_sources = c.n_sources, date_start = c.d_start, date_end = c.d_end
        FROM (SELECT e.story_id, count(*) AS n_events, count(DISTINCT e.doc_id) AS n_articles,
                     count(DISTINCT coalesce(a.source, regexp_extract(a.url, '//([^/]+)', 1),
                                             a.doc_id)) AS n_sources,
                     min(e.date_start) AS d_start, max(e.date_end) AS d_end
              FROM events e JOIN articles a USING (doc_id)
              WHERE e.story_id IN (SELECT unnest(?)) GROUP BY e.story_id) AS c
        WHERE stories.story_id = c.story_id""", [touched])


def link_denials(con: duckdb.DuckDBPyConnection, from_seq: int) -> None:
    """Link denials to the claims they deny in other articles, in either order of arrival
    (``seq >= from_seq`` on one side), as the coder links them within an article: the
    denier is a party to the claim, the dates are within reach, and the denial either
    answers the claimant ("Moskau wies die Vorwürfe Berlins zurück") or restates the
    claim itself ("Pjöngjang bestritt Waffenlieferungen an Russland")."""
    con.execute(f"""
        INSERT INTO denials
        SELECT DISTINCT d.event_id, c.event_id, 'story'
        FROM events d JOIN events c ON d.doc_id <> c.doc_id
        WHERE d.status = 'denied' AND c.status IN {CLAIMS}
          AND (d.seq >= ? OR c.seq >= ?)
          AND d.window_start - INTERVAL {DENIAL_REACH} DAY <= c.window_end
          AND c.window_start <= d.window_end + INTERVAL {DENIAL_REACH} DAY
          AND EXISTS (SELECT 1 FROM event_actors x JOIN event_actors y USING (country)
                      WHERE x.event_id = d.event_id AND x.role = 'source'
                        AND y.event_id = c.event_id AND y.role IN ('source', 'target'))
          AND ((d.type = c.type AND d.actor_key = c.actor_key)
               OR EXISTS (SELECT 1 FROM event_actors x JOIN event_actors y USING (country)
                          WHERE x.event_id = d.event_id AND x.role = 'target'
                            AND y.event_id = c.event_id AND y.role IN ('source', 'attributed')))
        ON CONFLICT DO NOTHING""", [from_seq, from_seq])
