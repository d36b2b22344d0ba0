"""Ingest: read, code and store articles, one transaction per batch.

An article whose text is already stored (same content hash) is skipped before it is
coded, so a rerun of the same command adds nothing. Each batch of coded articles is
written in one transaction together with its stories, denial links and alerts: a
process killed at any moment leaves the database as it was after the last whole batch,
and a rerun stores exactly what is missing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from lagebild.errors import InputProblem
from lagebild.pipeline import CodedArticle, analyse, batched
from lagebild.schema import Article
from lagebild.store.db import Store
from lagebild.store.merge import assign_stories, event_keys, link_denials

BATCH_SIZE = 64


@dataclass
class IngestReport:
    """What one ingest did."""

    read: int = 0
    stored: int = 0
    known: int = 0
    events: int = 0
    batches: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    alerts: list[dict] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.stored} article(s) stored, {self.known} already stored, "
                f"{len(self.problems)} skipped; {self.events} event(s), "
                f"{len(self.alerts)} alert(s)")


def content_hash(text: str) -> str:
    """The identity of an article's content: SHA-256 of its text without outer space."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def ingest(
    store: Store,
    items: Iterable[Article | InputProblem],
    *,
    lexicon_paths: tuple[str, ...] = (),
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    on_problem: Callable[[InputProblem], None] | None = None,
    on_batch: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Code and store articles that are not stored yet.

    Args:
        store: the open database.
        items: articles and reading problems, as :func:`lagebild.sources.read_inputs` gives.
        lexicon_paths: the user's own lexicon files.
        workers: processes to code with.
        batch_size: articles per transaction.
        on_problem: called with each input that could not be read or coded.
        on_batch: called after each committed batch with the report so far.
    Returns:
        The :class:`IngestReport`; its ``alerts`` are the alerts raised by new events.
    """
    report = IngestReport()

    def problem(p: InputProblem) -> None:
        report.problems.append(p)
        if on_problem:
            on_problem(p)

    hashes: dict[str, str] = {}
    fresh = _unseen(store, items, report, problem, hashes)
    results = analyse(fresh, lexicon_paths, batch_size=batch_size, workers=workers,
                      details=True)
    # articles that could not be coded are reported (problem() returns None) and left out
    coded = (r for r in results if r.problem is None or problem(r.problem))
    for batch in batched(coded, batch_size):
        _commit(store, batch, hashes, report, on_batch)
    return report


def _unseen(store: Store, items, report: IngestReport, problem,
            hashes: dict[str, str]) -> Iterator[Article]:
    """Articles whose content is not stored yet; a stored id with other content gets the
    content hash appended, so ids stay unique."""
    cur = store.cursor()
    seen: set[str] = set()
    ids: set[str] = set()
    for item in items:
        if isinstance(item, InputProblem):
            problem(item)
            continue
        report.read += 1
        digest = content_hash(item.text)
        # one look-up: is this text stored, and is this id taken?
        stored = cur.execute("SELECT bool_or(content_hash = ?), bool_or(doc_id = ?) "
                             "FROM articles WHERE content_hash = ? OR doc_id = ?",
                             [digest, item.id, digest, item.id]).fetchone()
        if digest in seen or stored[0]:
            report.known += 1
            continue
        seen.add(digest)
        if item.id in ids or stored[1]:
            item = item.model_copy(update={"id": f"{item.id}~{digest[:8]}"})
        ids.add(item.id)
        hashes[item.id] = digest
        yield item


def _commit(store: Store, batch: list[CodedArticle], hashes, report: IngestReport,
            on_batch) -> None:
    from lagebild.service.watch import raise_alerts

    with store.lock:
        con = store.con
        con.execute("BEGIN TRANSACTION")
        try:
            first_seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM events").fetchall()[0][0]
            rows = _rows(batch, hashes, first_seq)
            for table, table_rows in rows.items():
                _append(con, table, table_rows)
            assign_stories(con, first_seq)
            link_denials(con, first_seq)
            alerts = raise_alerts(con, first_seq)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    report.stored += len(batch)
    report.events += len(rows["events"])
    report.batches += 1
    report.alerts.extend(alerts)
    if on_batch:
        on_batch(report)


def _rows(batch: list[CodedArticle], hashes, first_seq: int) -> dict[str, list[dict]]:
    now = datetime.now()
    out: dict[str, list[dict]] = {t: [] for t in ("articles", "events", "event_actors",
                                                  "mentions", "quotes", "denials")}
    seq = first_seq
    for r in batch:
        a = r.article
        out["articles"].append({
            "doc_id": a.id, "content_hash": hashes[a.id], "title": a.title, "url": a.url,
            "source": a.source, "lang": r.lang, "published": a.published, "text": a.text,
            "ingested_at": now})
        for e in r.events:
            record = json.loads(e.model_dump_json())
            keys = event_keys(record)
            place = e.location
            out["events"].append({
                "event_id": e.event_id, "doc_id": a.id, "type": e.type, "mode": e.mode,
                "cameo_code": e.cameo_code, "status": e.status, "confidence": e.confidence,
                "date": e.date, "date_precision": e.date_precision,
                "date_start": keys["date_start"], "date_end": keys["date_end"],
                "place": place.name or place.text if place else None,
                "place_country": place.country if place else None,
                "lat": place.lat if place else None, "lon": place.lon if place else None,
                "evidence_start": e.evidence.start, "evidence_end": e.evidence.end,
                "trigger": e.evidence.text, "rule": e.evidence.rule,
                "sentence": e.evidence.sentence, "lang": e.lang,
                "record": json.dumps(record, ensure_ascii=False), "seq": seq,
                "merge_key": keys["merge_key"], "actor_key": keys["actor_key"],
                "window_start": keys["window_start"], "window_end": keys["window_end"]})
            seq += 1
            roles = [("source", e.source), ("target", e.target),
                     ("attributed", [e.attributed_to] if e.attributed_to else [])]
            for role, actors in roles:
                for position, actor in enumerate(actors):
                    out["event_actors"].append({
                        "event_id": e.event_id, "role": role, "position": position,
                        "text": actor.text, "actor_id": actor.id, "name": actor.name,
                        "country": actor.country, "sector": actor.sector})
            for claim in dict.fromkeys(e.denies):
                out["denials"].append({"denial_id": e.event_id, "claim_id": claim,
                                       "scope": "article"})
        for m in r.mentions:
            out["mentions"].append({
                "doc_id": a.id, "kind": m["kind"], "text": m["text"], "start_char": m["start"],
                "end_char": m["end"], "actor_id": m["id"], "name": m["name"],
                "country": m["country"], "sector": m["sector"]})
        for position, q in enumerate(r.quotes):
            out["quotes"].append({
                "doc_id": a.id, "position": position, "type": q["type"],
                "quote": q["quote"]["text"],
                "speaker": q["speaker"]["text"] if q.get("speaker") else None,
                "cue": q["cue"]["text"] if q.get("cue") else None,
                "speaker_actor": json.dumps(q["speaker_actor"], ensure_ascii=False)
                if q.get("speaker_actor") else None,
                "record": json.dumps(q, ensure_ascii=False)})
    return out


def _append(con, table: str, rows: list[dict]) -> None:
    """Insert rows (dicts keyed by column) in one statement through Arrow."""
    if not rows:
        return
    import pyarrow as pa

    con.register("_rows", pa.Table.from_pylist(rows))
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
    con.unregister("_rows")
