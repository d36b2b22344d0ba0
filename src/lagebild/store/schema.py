"""The tables of a Lagebild database and the migrations that build them.

A database records its schema version in ``meta``. Opening it runs every migration it
has not seen yet, in order, each in its own transaction, so a database made by an older
version opens in a newer one. Migrations are only ever appended, never edited.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

V1_CORE = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE articles (
    doc_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL UNIQUE,
    title VARCHAR, url VARCHAR, source VARCHAR, lang VARCHAR, published DATE,
    text VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL, mode VARCHAR, cameo_code VARCHAR,
    status VARCHAR NOT NULL, confidence DOUBLE,
    date VARCHAR, date_precision VARCHAR, date_start DATE, date_end DATE,
    place VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE,
    evidence_start INTEGER, evidence_end INTEGER, trigger VARCHAR, rule VARCHAR,
    sentence VARCHAR, lang VARCHAR,
    record JSON NOT NULL
);
CREATE TABLE event_actors (
    event_id VARCHAR NOT NULL, role VARCHAR NOT NULL, position INTEGER NOT NULL,
    text VARCHAR, actor_id VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR
);
CREATE TABLE mentions (
    doc_id VARCHAR NOT NULL, kind VARCHAR, text VARCHAR, start_char INTEGER, end_char INTEGER,
    actor_id VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR
);
CREATE TABLE quotes (
    doc_id VARCHAR NOT NULL, position INTEGER NOT NULL, type VARCHAR, quote VARCHAR,
    speaker VARCHAR, cue VARCHAR, speaker_actor JSON, record JSON NOT NULL
);
"""

V2_STORIES = """
ALTER TABLE events ADD COLUMN seq BIGINT;
ALTER TABLE events ADD COLUMN story_id VARCHAR;
ALTER TABLE events ADD COLUMN merge_key VARCHAR;
ALTER TABLE events ADD COLUMN actor_key VARCHAR;
ALTER TABLE events ADD COLUMN window_start DATE;
ALTER TABLE events ADD COLUMN window_end DATE;
CREATE TABLE stories (
    story_id VARCHAR PRIMARY KEY, seq BIGINT NOT NULL, merge_key VARCHAR NOT NULL,
    type VARCHAR NOT NULL, date_start DATE, date_end DATE, place_country VARCHAR,
    window_start DATE, window_end DATE,
    num_events INTEGER NOT NULL, num_articles INTEGER NOT NULL, num_sources INTEGER NOT NULL
);
CREATE TABLE denials (
    denial_id VARCHAR NOT NULL, claim_id VARCHAR NOT NULL, scope VARCHAR NOT NULL,
    PRIMARY KEY (denial_id, claim_id)
);
"""

V3_WATCH = """
CREATE TABLE watches (
    name VARCHAR PRIMARY KEY, actors JSON, types JSON, statuses JSON, webhook VARCHAR,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE alerts (
    alert_id VARCHAR PRIMARY KEY, watch VARCHAR NOT NULL, event_id VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL, delivered BOOLEAN NOT NULL DEFAULT false,
    attempts INTEGER NOT NULL DEFAULT 0, last_error VARCHAR
);
"""


def _backfill_stories(con: duckdb.DuckDBPyConnection) -> None:
    """Events stored before version 2 get their ingest order, keys and stories."""
    from lagebild.store.merge import assign_stories, event_keys, link_denials

    rows = con.execute("SELECT event_id, record FROM events ORDER BY rowid").fetchall()
    for seq, (event_id, record) in enumerate(rows, start=1):
        keys = event_keys(record)
        con.execute("UPDATE events SET seq = ?, merge_key = ?, actor_key = ?, window_start = ?,"
                    " window_end = ? WHERE event_id = ?",
                    [seq, keys["merge_key"], keys["actor_key"], keys["window_start"],
                     keys["window_end"], event_id])
    if rows:
        assign_stories(con, 1)
        link_denials(con, 1)


# (version, what it adds, SQL, Python step run after the SQL)
MIGRATIONS: list[tuple[int, str, str, Callable | None]] = [
    (1, "articles, events, actors, mentions, quotes", V1_CORE, None),
    (2, "stories (one per real-world event) and denials across articles", V2_STORIES,
     _backfill_stories),
    (3, "watch rules and alerts", V3_WATCH, None),
]
LATEST = MIGRATIONS[-1][0]


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version a database is at (0 for an empty one)."""
    exists = con.execute("SELECT count(*) FROM information_schema.tables "
                         "WHERE table_name = 'meta'").fetchone()[0]
    if not exists:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection, upto: int = LATEST) -> list[int]:
    """Bring a database to version ``upto``; return the versions applied."""
    current = schema_version(con)
    if current > LATEST:
        from lagebild.errors import LagebildError

        raise LagebildError(f"the database is at schema version {current}, newer than this "
                            f"Lagebild (version {LATEST}); upgrade Lagebild to open it")
    applied = []
    for version, _what, sql, step in MIGRATIONS:
        if version <= current or version > upto:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            if step is not None:
                step(con)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                        [str(version)])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied
