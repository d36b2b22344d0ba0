"""Writing events: JSONL (one record per line), CSV (flat), Parquet (nested), table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import IO

from lagebild.errors import LagebildError
from lagebild.schema import Event

FORMATS = ("jsonl", "csv", "parquet", "table", "plover")
CSV_COLUMNS = ("event_id", "doc_id", "type", "mode", "cameo_code", "source", "source_text", "target",
               "target_text", "date", "date_precision", "location", "attributed_to", "status",
               "confidence", "trigger", "rule", "start", "end", "denies", "lang", "sentence")


def codes(actors) -> str:
    return ";".join(a.country or "-" for a in actors) or "-"


def flat_row(e: Event) -> dict:
    """One event as a flat row (CSV and the table view)."""
    return {
        "event_id": e.event_id, "doc_id": e.doc_id, "type": e.type, "mode": e.mode or "",
        "cameo_code": e.cameo_code or "",
        "source": codes(e.source), "source_text": "; ".join(a.text for a in e.source),
        "target": codes(e.target), "target_text": "; ".join(a.text for a in e.target),
        "date": e.date or "", "date_precision": e.date_precision or "",
        "location": e.location.name if e.location and e.location.name else "",
        "attributed_to": (e.attributed_to.country or "-") if e.attributed_to else "",
        "status": e.status, "confidence": e.confidence, "trigger": e.evidence.text,
        "rule": e.evidence.rule, "start": e.evidence.start, "end": e.evidence.end,
        "denies": ";".join(e.denies), "lang": e.lang, "sentence": e.evidence.sentence,
    }


def plover_record(e: Event) -> dict:
    """An event in the shape of PLOVER/POLECAT records, for tools built for them: actor
    lists with ``entity_text``, ``code``, ``sector``, ``wikidata_id``; ``event``, ``mode``,
    ``event_text``, ``date``."""
    def actors(items):
        return [{"entity_text": a.text, "code": a.country or "", "sector": a.sector or "",
                 "wikidata_id": a.id if a.id and a.id.startswith("Q") else ""} for a in items]

    return {
        "id": e.event_id, "story_id": e.doc_id, "event": e.type, "mode": e.mode or "",
        "event_text": e.evidence.sentence, "date": e.date or "",
        "date_precision": e.date_precision or "", "source_actors": actors(e.source),
        "target_actors": actors(e.target), "cameo": e.cameo_code or "",
        "location": e.location.name if e.location and e.location.name else "",
        "status": e.status, "attributed_to": actors([e.attributed_to])[0]
        if e.attributed_to else None, "language": e.lang,
    }


class EventWriter:
    """Streams events to a text stream (jsonl, csv, table) or collects them (parquet)."""

    def __init__(self, fmt: str, stream: IO[str] | None, path: str | None) -> None:
        if fmt not in FORMATS:
            raise LagebildError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")
        if fmt == "parquet" and not path:
            raise LagebildError("--format parquet writes a binary file: give --output FILE")
        self.fmt, self.stream, self.path = fmt, stream, path
        self.rows: list = []
        self.count = 0
        self._csv = None
        if fmt == "csv":
            self._csv = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
            self._csv.writeheader()

    def write(self, events: Iterable[Event]) -> None:
        for e in events:
            self.count += 1
            if self.fmt == "jsonl":
                self.stream.write(e.model_dump_json() + "\n")
            elif self.fmt == "plover":
                self.stream.write(json.dumps(plover_record(e), ensure_ascii=False) + "\n")
            elif self.fmt == "csv":
                self._csv.writerow(flat_row(e))
            else:
                self.rows.append(e)

    def close(self) -> None:
        if self.fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            records = [json.loads(e.model_dump_json()) for e in self.rows]
            pq.write_table(pa.Table.from_pylist(records), self.path)
        elif self.fmt == "table":
            self.stream.write(render_table(self.rows))
        if self.stream is not None:
            self.stream.flush()


def render_table(events: list[Event], width: int = 160) -> str:
    """A readable table of events for a terminal."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for column in ("doc", "type", "mode", "source", "target", "date", "status", "by",
                   "trigger"):
        table.add_column(column, overflow="fold")
    for e in events:
        r = flat_row(e)
        table.add_row(e.doc_id[:18], e.type, r["mode"], f"{r['source']} ({r['source_text']})"
                      if r["source_text"] else r["source"], r["target"], r["date"], e.status,
                      r["attributed_to"], e.evidence.text)
    buf = io.StringIO()
    Console(file=buf, width=width, force_terminal=False).print(table)
    return buf.getvalue()
