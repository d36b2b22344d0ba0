"""Watch rules: named filters whose new matching events raise alerts.

Alerts are written in the same transaction as the events that raise them (so a crash
loses neither), printed by ``lagebild ingest``, listed by ``GET /alerts`` and, when the
rule names a webhook, POSTed to it as JSON. A delivery that fails (after a few tries
with a timeout) is logged and stays pending with its error, and is tried again on the
next ingest or by ``lagebild watch deliver``: an alert is never lost.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime

import duckdb

from lagebild.errors import LagebildError
from lagebild.store.query import EventFilter

log = logging.getLogger("lagebild.watch")

TRIES = 3
TIMEOUT = 5.0
BACKOFF = 0.5  # seconds before the second try; doubled for each further try


@dataclass
class Watch:
    """A rule: events matching its actors, types and statuses raise alerts."""

    name: str
    actors: list[str]
    types: list[str]
    statuses: list[str]
    webhook: str | None = None

    def filter(self) -> EventFilter:
        return EventFilter(actors=self.actors, types=self.types, statuses=self.statuses)

    def as_dict(self) -> dict:
        return {"name": self.name, "actors": self.actors, "types": self.types,
                "statuses": self.statuses, "webhook": self.webhook}


def add_watch(con: duckdb.DuckDBPyConnection, watch: Watch, replace: bool = False) -> None:
    """Store a rule (checking its types and statuses); a name is used once unless ``replace``."""
    watch.filter()  # raises on unknown types or statuses
    if not watch.name.strip():
        raise LagebildError("a watch needs a name")
    if watch.webhook and not watch.webhook.startswith(("http://", "https://")):
        raise LagebildError(f"webhook {watch.webhook!r} is not an http(s) URL")
    exists = con.execute("SELECT 1 FROM watches WHERE name = ?", [watch.name]).fetchone()
    if exists and not replace:
        raise LagebildError(f"a watch named '{watch.name}' exists (use --replace)")
    con.execute("INSERT OR REPLACE INTO watches VALUES (?, ?, ?, ?, ?, ?)",
                [watch.name, json.dumps(watch.actors), json.dumps(watch.types),
                 json.dumps(watch.statuses), watch.webhook, datetime.now()])


def remove_watch(con: duckdb.DuckDBPyConnection, name: str) -> None:
    if not con.execute("SELECT 1 FROM watches WHERE name = ?", [name]).fetchone():
        raise LagebildError(f"no watch named '{name}'")
    con.execute("DELETE FROM watches WHERE name = ?", [name])


def list_watches(con: duckdb.DuckDBPyConnection) -> list[Watch]:
    rows = con.execute("SELECT name, actors, types, statuses, webhook FROM watches "
                       "ORDER BY name").fetchall()
    return [Watch(name, json.loads(a), json.loads(t), json.loads(s), hook)
            for name, a, t, s, hook in rows]


def raise_alerts(con: duckdb.DuckDBPyConnection, from_seq: int) -> list[dict]:
    """Alerts for the events with ``seq >= from_seq`` that match a rule (inside the
    caller's transaction). Returns the new alerts."""
    now = datetime.now()
    new = []
    for watch in list_watches(con):
        where, params = watch.filter().where("e")
        rows = con.execute(f"SELECT e.event_id FROM events e WHERE e.seq >= ? AND {where} "
                           "ORDER BY e.seq", [from_seq, *params]).fetchall()
        for (event_id,) in rows:
            alert_id = hashlib.sha1(f"{watch.name}|{event_id}".encode()).hexdigest()[:16]
            inserted = con.execute(
                "INSERT INTO alerts (alert_id, watch, event_id, created_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING RETURNING alert_id",
                [alert_id, watch.name, event_id, now]).fetchall()
            if inserted:
                new.append({"alert_id": alert_id, "watch": watch.name, "event_id": event_id})
    return new


def list_alerts(cur: duckdb.DuckDBPyConnection, watch: str | None = None,
                pending: bool = False, limit: int = 200) -> list[dict]:
    """Alerts, newest first, each with its event record."""
    clauses, params = ["true"], []
    if watch:
        clauses.append("a.watch = ?")
        params.append(watch)
    if pending:
        clauses.append("NOT a.delivered AND w.webhook IS NOT NULL")
    rows = cur.execute(f"""
        SELECT a.alert_id, a.watch, a.event_id, a.created_at, a.delivered, a.attempts,
               a.last_error, w.webhook, e.record
        FROM alerts a LEFT JOIN watches w ON w.name = a.watch
        LEFT JOIN events e USING (event_id)
        WHERE {' AND '.join(clauses)} ORDER BY a.created_at DESC, a.alert_id LIMIT ?""",
                       [*params, limit]).fetchall()
    out = []
    for aid, name, event_id, created, delivered, attempts, error, hook, record in rows:
        out.append({"alert_id": aid, "watch": name, "event_id": event_id,
                    "created_at": created.isoformat(timespec="seconds"),
                    "delivered": delivered, "attempts": attempts, "last_error": error,
                    "webhook": hook, "event": json.loads(record) if record else None})
    return out


def describe(alert: dict) -> str:
    """One line for a terminal."""
    e = alert.get("event") or {}
    actors = lambda side: ",".join(a.get("country") or a.get("text") for a in e.get(side) or []) or "-"  # noqa: E731
    return (f"ALERT [{alert['watch']}] {e.get('type')} {actors('source')} -> "
            f"{actors('target')} {e.get('date') or ''} ({e.get('status')}): "
            f"{(e.get('evidence') or {}).get('sentence', '')[:160]}")


def post_json(url: str, payload: dict, timeout: float = TIMEOUT) -> None:
    """POST ``payload``; raise on any failure (network, timeout, status >= 300)."""
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "User-Agent": "lagebild-watch"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        if response.status >= 300:
            raise OSError(f"HTTP {response.status}")


def deliver_pending(store, tries: int = TRIES, timeout: float = TIMEOUT,
                    backoff: float = BACKOFF, post=post_json) -> tuple[int, int]:
    """POST every pending alert to its rule's webhook. Returns (delivered, failed);
    failures keep their error and stay pending."""
    cur = store.cursor()
    delivered = failed = 0
    for alert in list_alerts(cur, pending=True, limit=10_000):
        error = None
        for attempt in range(tries):
            if attempt:
                time.sleep(backoff * 2 ** (attempt - 1))
            try:
                post(alert["webhook"], {k: alert[k] for k in ("alert_id", "watch", "event_id",
                                                              "created_at", "event")},
                     timeout)
                error = None
                break
            except (OSError, urllib.error.URLError, ValueError) as err:
                error = f"{type(err).__name__}: {err}"
        with store.lock:
            store.con.execute(
                "UPDATE alerts SET attempts = attempts + ?, delivered = ?, last_error = ? "
                "WHERE alert_id = ?", [attempt + 1, error is None, error, alert["alert_id"]])
        if error is None:
            delivered += 1
        else:
            failed += 1
            log.warning("alert %s of watch %s not delivered to %s: %s", alert["alert_id"],
                        alert["watch"], alert["webhook"], error)
    return delivered, failed
