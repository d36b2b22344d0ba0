"""Finding stored events: one filter, used by ``lagebild query``, the service and watch
rules. Every value reaches DuckDB as a parameter, never as SQL text."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import duckdb

from lagebild.errors import LagebildError
from lagebild.schema import EVENT_TYPES, STATUSES


@dataclass
class EventFilter:
    """Which events to return. Empty fields do not filter; several values of one field
    match any of them.

    Attributes:
        actors: actor ids (``Q7747``), names or name parts (``Putin``), or country codes
            (``PRK``); matched against sources and targets.
        types: PLOVER event types.
        statuses: asserted, reported, hypothetical, denied, negated.
        since, until: events whose dates reach into this period.
        place: a place name (part) or the place's country code.
        text: words in the evidence sentence.
        story: a story id: the events of one real-world event.
    """

    actors: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    since: date | None = None
    until: date | None = None
    place: str | None = None
    text: str | None = None
    story: str | None = None

    def __post_init__(self) -> None:
        self.types = [t.strip().upper() for t in self.types if t.strip()]
        self.statuses = [s.strip().lower() for s in self.statuses if s.strip()]
        self.actors = [a.strip() for a in self.actors if a.strip()]
        for t in self.types:
            if t not in EVENT_TYPES:
                raise LagebildError(f"unknown event type '{t}' (types: {', '.join(EVENT_TYPES)})")
        for s in self.statuses:
            if s not in STATUSES:
                raise LagebildError(f"unknown status '{s}' (statuses: {', '.join(STATUSES)})")

    def where(self, alias: str = "e") -> tuple[str, list]:
        """The SQL condition on an ``events`` row named ``alias``, and its parameters."""
        clauses, params = ["true"], []
        if self.actors:
            each = []
            for actor in self.actors:
                each.append("(ea.actor_id = ? OR ea.country = ? OR ea.name ILIKE ? "
                            "OR ea.text ILIKE ?)")
                params += [actor, actor.upper(), f"%{actor}%", f"%{actor}%"]
            clauses.append(f"EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = "
                           f"{alias}.event_id AND ea.role IN ('source', 'target') "
                           f"AND ({' OR '.join(each)}))")
        for value, condition in ((self.types, "{a}.type IN (SELECT unnest(?))"),
                                 (self.statuses, "{a}.status IN (SELECT unnest(?))"),
                                 (self.since, "{a}.date_end >= ?"),
                                 (self.until, "{a}.date_start <= ?"),
                                 (self.story, "{a}.story_id = ?")):
            if value:
                clauses.append(condition.format(a=alias))
                params.append(value)
        if self.place:
            clauses.append(f"({alias}.place ILIKE ? OR {alias}.place_country = ? OR "
                           f"json_extract_string({alias}.record, '$.location.text') ILIKE ?)")
            params += [f"%{self.place}%", self.place.upper(), f"%{self.place}%"]
        if self.text:
            clauses.append(f"{alias}.sentence ILIKE ?")
            params.append(f"%{self.text}%")
        return " AND ".join(clauses), params

    @classmethod
    def from_options(cls, actor=None, types=None, statuses=None, since=None, until=None,
                     place=None, text=None, story=None) -> EventFilter:
        """Build a filter from option strings (comma lists, ISO dates)."""
        return cls(actors=_split(actor), types=_split(types), statuses=_split(statuses),
                   since=_date(since, "since"), until=_date(until, "until"), place=place or None,
                   text=text or None, story=story or None)


def _split(values) -> list[str]:
    if not values:
        return []
    if isinstance(values, str):
        values = [values]
    return [part for v in values for part in v.split(",") if part.strip()]


def _date(value, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise LagebildError(f"{name} {value!r} is not a date (use YYYY-MM-DD)") from None


EVENT_COLUMNS = ("e.event_id, e.record, e.story_id, s.num_sources, s.num_articles, "
                 "s.num_events, a.source, a.title, a.published")
EVENT_FROM = ("events e LEFT JOIN stories s USING (story_id) "
              "LEFT JOIN articles a ON a.doc_id = e.doc_id")


def find_events(cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int | None = None,
                offset: int = 0) -> list[dict]:
    """Matching events, newest first: each its record plus its story (``story_id``,
    ``num_sources``, ``num_articles``, ``num_events``), its denial links (``denies``,
    ``denied_by``) and its article's ``article_source``, ``article_title``, ``published``."""
    where, params = flt.where("e")
    sql = (f"SELECT {EVENT_COLUMNS} FROM {EVENT_FROM} "
           f"WHERE {where} ORDER BY e.date_start DESC NULLS LAST, e.seq")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return _with_links(cur, cur.execute(sql, params).fetchall())


def count_events(cur: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    where, params = flt.where("e")
    return cur.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]


def get_event(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict | None:
    """One event with its story, its denial links and its source article."""
    rows = cur.execute(f"SELECT {EVENT_COLUMNS} FROM {EVENT_FROM} WHERE e.event_id = ?",
                       [event_id]).fetchall()
    if not rows:
        return None
    event = _with_links(cur, rows)[0]
    article = cur.execute("SELECT doc_id, title, url, source, lang, published, text "
                          "FROM articles WHERE doc_id = ?", [event["doc_id"]]).fetchone()
    keys = ("doc_id", "title", "url", "source", "lang", "published", "text")
    event["article"] = dict(zip(keys, article)) if article else None
    if event["article"] and event["article"]["published"]:
        event["article"]["published"] = event["article"]["published"].isoformat()
    event["story_events"] = find_events(cur, EventFilter(story=event["story_id"]))
    return event


def _with_links(cur, rows) -> list[dict]:
    ids = [r[0] for r in rows]
    links: dict[str, dict[str, list[str]]] = {i: {"denies": [], "denied_by": []} for i in ids}
    if ids:
        for denial, claim in cur.execute(
                "SELECT denial_id, claim_id FROM denials WHERE denial_id IN (SELECT unnest(?)) "
                "OR claim_id IN (SELECT unnest(?)) ORDER BY denial_id, claim_id",
                [ids, ids]).fetchall():
            if denial in links:
                links[denial]["denies"].append(claim)
            if claim in links:
                links[claim]["denied_by"].append(denial)
    out = []
    for (event_id, record, story_id, n_sources, n_articles, n_events, outlet, title,
         published) in rows:
        event = json.loads(record)
        event["denies"] = links[event_id]["denies"]
        event["denied_by"] = links[event_id]["denied_by"]
        event.update(story_id=story_id, num_sources=n_sources, num_articles=n_articles,
                     num_events=n_events, article_source=outlet, article_title=title,
                     published=published.isoformat() if published else None)
        out.append(event)
    return out


def find_stories(cur: duckdb.DuckDBPyConnection, flt: EventFilter,
                 limit: int | None = None) -> list[dict]:
    """Stories (real-world events) with at least one matching event, most reported first."""
    where, params = flt.where("e")
    sql = f"""
        SELECT s.story_id, s.type, s.date_start, s.date_end, s.place_country, s.num_events,
               s.num_articles, s.num_sources, first(e.record ORDER BY e.seq) AS record
        FROM stories s JOIN events e USING (story_id)
        WHERE s.story_id IN (SELECT e.story_id FROM events e WHERE {where})
        GROUP BY ALL ORDER BY s.num_sources DESC, s.num_articles DESC, s.date_start DESC"""
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    keys = ("story_id", "type", "date_start", "date_end", "place_country", "num_events",
            "num_articles", "num_sources")
    out = []
    for row in cur.execute(sql, params).fetchall():
        story = dict(zip(keys, row[:-1]))
        first = json.loads(row[-1])
        story.update(source=first["source"], target=first["target"], mode=first.get("mode"),
                     sentence=first["evidence"]["sentence"])
        for k in ("date_start", "date_end"):
            story[k] = story[k].isoformat() if story[k] else None
        out.append(story)
    return out


def list_actors(cur: duckdb.DuckDBPyConnection, q: str | None = None,
                limit: int = 100) -> list[dict]:
    """Actors of stored events with how often they act and are acted on."""
    where, params = "true", []
    if q:
        where = "(actor_id = ? OR country = ? OR name ILIKE ? OR text ILIKE ?)"
        params = [q, q.upper(), f"%{q}%", f"%{q}%"]
    rows = cur.execute(f"""
        SELECT {ACTOR_NODE} AS node, any_value(name) AS name, any_value(country) AS country,
               mode(sector) AS sector, count(DISTINCT event_id) FILTER (role = 'source'),
               count(DISTINCT event_id) FILTER (role = 'target'), count(DISTINCT event_id)
        FROM event_actors WHERE role IN ('source', 'target') AND {where}
        GROUP BY node ORDER BY count(DISTINCT event_id) DESC, node LIMIT ?""",
                       [*params, limit]).fetchall()
    keys = ("id", "name", "country", "sector", "as_source", "as_target", "events")
    return [dict(zip(keys, r)) for r in rows]


# An actor in the actor list: its id, else its country and sector (a role such as
# "the North Korean government" without an id), else its words.
ACTOR_NODE = "coalesce(actor_id, country || coalesce('/' || sector, ''), lower(text))"
# A node of the network: country and sector, the level event data compares at ("die
# Bundesregierung", "Germany" and "Olaf Scholz" are all DEU/GOV), else the id or words.
DYAD_NODE = "coalesce(country || coalesce('/' || sector, ''), actor_id, lower(text))"
QUAD = {"AGREE": "verbal cooperation", "CONSULT": "verbal cooperation",
        "SUPPORT": "verbal cooperation", "CONCEDE": "material cooperation",
        "COOPERATE": "material cooperation", "AID": "material cooperation",
        "RETREAT": "material cooperation", "REQUEST": "verbal conflict",
        "ACCUSE": "verbal conflict", "REJECT": "verbal conflict", "THREATEN": "verbal conflict",
        "PROTEST": "verbal conflict", "SANCTION": "material conflict",
        "MOBILIZE": "material conflict", "COERCE": "material conflict",
        "ASSAULT": "material conflict"}


def network(cur: duckdb.DuckDBPyConnection, flt: EventFilter, actor: str | None = None,
            limit: int = 200) -> dict:
    """Who acts on whom: edges (source, target, type) between country-and-sector nodes
    with counts and quad class, and their nodes (``id``, ``label``, ``country``,
    ``sector``, ``events``: the matching events they take part in). With ``actor`` (a
    node id or a country code), only edges that touch it."""
    where, params = flt.where("e")
    touch = ""
    if actor:
        touch = "AND (s.node = ? OR t.node = ? OR s.country = ? OR t.country = ?)"
        params = [*params, actor, actor, actor.upper(), actor.upper()]
    rows = cur.execute(f"""
        WITH nodes AS (SELECT event_id, role, {DYAD_NODE} AS node, name, country, text
                       FROM event_actors)
        SELECT s.node, t.node, e.type, count(DISTINCT e.event_id) AS n,
               any_value(coalesce(s.name, s.text)), any_value(s.country),
               any_value(coalesce(t.name, t.text)), any_value(t.country)
        FROM events e
        JOIN nodes s ON s.event_id = e.event_id AND s.role = 'source'
        JOIN nodes t ON t.event_id = e.event_id AND t.role = 'target'
        WHERE {where} {touch}
        GROUP BY s.node, t.node, e.type ORDER BY n DESC LIMIT ?""", [*params, limit]).fetchall()
    nodes: dict[str, dict] = {}
    edges = []
    for src, tgt, etype, n, s_name, s_country, t_name, t_country in rows:
        for node, name, country in ((src, s_name, s_country), (tgt, t_name, t_country)):
            nodes.setdefault(node, {"id": node, "label": _node_label(node, name, country),
                                    "name": name, "country": country,
                                    "sector": node.partition("/")[2] or None
                                    if country and node.startswith(country) else None})
        edges.append({"source": src, "target": tgt, "type": etype, "quad": QUAD[etype],
                      "count": n})
    counts = dict(cur.execute(f"""
        SELECT {DYAD_NODE} AS node, count(DISTINCT ea.event_id) FROM event_actors ea
        JOIN events e ON e.event_id = ea.event_id
        WHERE ea.role IN ('source', 'target') AND {where} AND node IN (SELECT unnest(?))
        GROUP BY node""", [*flt.where("e")[1], list(nodes)]).fetchall()) if nodes else {}
    for node in nodes.values():
        node["events"] = counts.get(node["id"], 0)
    return {"nodes": list(nodes.values()), "edges": edges}


def _node_label(node: str, name: str | None, country: str | None) -> str:
    """A readable name for a network node: the country's name and the sector
    ("Germany · GOV"), else the actor's name."""
    if country and node.startswith(country):
        from lagebild.nlp.places import country_records

        record = country_records().get(country)
        sector = node.partition("/")[2]
        base = record["name"] if record else (name or country)
        return f"{base} · {sector}" if sector else base
    return name or node


def timeline(cur: duckdb.DuckDBPyConnection, flt: EventFilter) -> list[dict]:
    """Events per day and type (by the first day of each event's date)."""
    where, params = flt.where("e")
    rows = cur.execute(f"""
        SELECT e.date_start, e.type, count(*) FROM events e
        WHERE {where} AND e.date_start IS NOT NULL
        GROUP BY ALL ORDER BY 1, 2""", params).fetchall()
    return [{"day": d.isoformat(), "type": t, "count": n} for d, t, n in rows]
