"""The commands around the store: ``ingest``, ``query``, ``export``, ``serve`` and ``watch``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from lagebild.cli import (
    EXIT_SKIPPED,
    FilesArg,
    LangOpt,
    LexiconOpt,
    MaxCharsOpt,
    PublishedOpt,
    _fail,
    _Reader,
    app,
)
from lagebild.errors import LagebildError

watch_app = typer.Typer(no_args_is_help=True, help="Watch rules: alerts on new matching events.")
app.add_typer(watch_app, name="watch")

DbOpt = Annotated[str, typer.Option("--db", envvar="LAGEBILD_DB",
                                    help="The database file (DuckDB)")]
ActorOpt = Annotated[list[str] | None, typer.Option(
    "--actor", help="Actor id, name (part) or country code; repeatable or comma-separated")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="Event types, e.g. AID,SANCTION")]
StatusOpt = Annotated[str | None, typer.Option(
    "--status", help="Statuses, e.g. asserted,reported (also hypothetical, denied, negated)")]


def _open(db: str, read_only: bool = False):
    from lagebild.store import Store

    try:
        return Store(db, read_only=read_only)
    except LagebildError as err:
        raise _fail(str(err)) from None


@app.command()
def ingest(
    files: FilesArg,
    db: DbOpt = "lagebild.duckdb",
    lang: LangOpt = None,
    published: PublishedOpt = None,
    max_chars: MaxCharsOpt = 1_000_000,
    lexicon: LexiconOpt = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes to code with")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1,
                                            help="Articles per transaction")] = 64,
    errors: Annotated[str | None, typer.Option(
        "--errors", help="Write skipped inputs here as JSONL, with the reason")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                          help="A line per committed batch")] = False,
) -> None:
    """Code articles and store them with their events, quotes and actors. Articles already
    stored (same text) are skipped; each batch is one transaction. New events that match
    a watch rule raise alerts (printed, stored, sent to the rule's webhook)."""
    from lagebild.service.watch import deliver_pending, describe, list_alerts
    from lagebild.store import ingest as run_ingest

    reader = _Reader(files, lang, published, max_chars)
    store = _open(db)
    progress = _BatchProgress(enabled=sys.stderr.isatty() and not verbose, verbose=verbose)
    try:
        with store, progress:
            report = run_ingest(store, reader.items, lexicon_paths=tuple(map(str, lexicon or ())),
                                workers=workers, batch_size=batch_size,
                                on_problem=reader.report, on_batch=progress.update)
            if report.alerts:
                by_id = {a["alert_id"]: a for a in list_alerts(store.cursor(), limit=100_000)}
                for alert in report.alerts:
                    typer.echo(describe(by_id[alert["alert_id"]]))
            delivered, failed = deliver_pending(store)
    except (LagebildError, OSError) as err:
        raise _fail(f"{db}: {err}") from None
    typer.echo(f"lagebild: {db}: {report.summary()}", err=True)
    if delivered or failed:
        typer.echo(f"lagebild: webhooks: {delivered} alert(s) delivered, {failed} kept for the "
                   "next try (lagebild watch deliver)", err=True)
    if errors:
        with open(errors, "w", encoding="utf-8") as f:
            for p in reader.problems:
                f.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
    if reader.problems:
        raise typer.Exit(EXIT_SKIPPED)


class _BatchProgress:
    """A progress bar on a terminal, or a line per batch with --verbose."""

    def __init__(self, enabled: bool, verbose: bool) -> None:
        self.enabled, self.verbose = enabled, verbose
        self._progress = self._task = None

    def __enter__(self):
        if self.enabled:
            from rich.progress import Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("ingesting"),
                                      TextColumn("{task.completed} articles stored"),
                                      TimeElapsedColumn(), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("ingest", total=None)
        return self

    def update(self, report) -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=report.stored)
        if self.verbose:
            typer.echo(f"lagebild: batch {report.batches} committed: {report.stored} "
                       f"article(s) stored, {report.events} event(s)", err=True)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()


@app.command()
def query(
    db: DbOpt = "lagebild.duckdb",
    actor: ActorOpt = None,
    types: TypeOpt = None,
    status: StatusOpt = None,
    since: Annotated[str | None, typer.Option("--since", help="From this date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this date")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Place name or its country")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Words in the evidence")] = None,
    story: Annotated[str | None, typer.Option("--story", help="The events of one story")] = None,
    stories: Annotated[bool, typer.Option(
        "--stories", help="One row per real-world event, with sources and articles counted"
    )] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=1)] = None,
    fmt: Annotated[str, typer.Option(
        "--format", help="table, jsonl, csv, parquet or plover")] = "table",
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write here")] = None,
) -> None:
    """Find stored events (newest first) with filters; every filter is optional."""
    from lagebild.output import EventWriter
    from lagebild.schema import Event
    from lagebild.store.query import EventFilter, find_events, find_stories

    store = _open(db, read_only=True)
    try:
        flt = EventFilter.from_options(actor=actor, types=types, statuses=status, since=since,
                                       until=until, place=place, text=text, story=story)
        if stories:
            _print_stories(find_stories(store.cursor(), flt, limit=limit), fmt)
            return
        found = find_events(store.cursor(), flt, limit=limit)
        stream = None
        if fmt != "parquet":
            stream = open(output, "w", encoding="utf-8") if output else sys.stdout
        if fmt == "jsonl":  # the stored record plus its story and denial links
            for e in found:
                stream.write(json.dumps(e, ensure_ascii=False) + "\n")
        else:
            writer = EventWriter(fmt, stream, output)
            fields = set(Event.model_fields)
            writer.write(Event(**{k: v for k, v in e.items() if k in fields}) for e in found)
            writer.close()
        if output and stream is not None:
            stream.close()
    except (LagebildError, OSError) as err:
        raise _fail(str(err)) from None
    finally:
        store.close()
    if fmt != "table":
        typer.echo(f"lagebild: {len(found)} event(s)", err=True)


def _print_stories(rows: list[dict], fmt: str) -> None:
    if fmt == "jsonl":
        for r in rows:
            typer.echo(json.dumps(r, ensure_ascii=False))
        return
    if fmt != "table":
        raise LagebildError("--stories prints a table or jsonl")
    from rich.console import Console
    from rich.table import Table

    table = Table(header_style="bold")
    for column in ("story", "type", "source", "target", "dates", "sources", "articles",
                   "first report"):
        table.add_column(column, overflow="fold")
    for r in rows:
        side = lambda actors: ",".join(a["country"] or a["text"] for a in actors) or "-"  # noqa: E731
        dates = r["date_start"] or "-"
        if r["date_end"] and r["date_end"] != r["date_start"]:
            dates += f" .. {r['date_end']}"
        table.add_row(r["story_id"], r["type"], side(r["source"]), side(r["target"]), dates,
                      str(r["num_sources"]), str(r["num_articles"]), r["sentence"][:90])
    Console(width=160).print(table)


@app.command()
def export(
    directory: Annotated[Path, typer.Argument(help="Directory to write the Parquet files to")],
    db: DbOpt = "lagebild.duckdb",
    fmt: Annotated[str, typer.Option("--format", help="parquet (the only format)")] = "parquet",
    overwrite: Annotated[bool, typer.Option("--overwrite",
                                            help="Write into a non-empty directory")] = False,
) -> None:
    """Export the database as Parquet: events partitioned by year and type (Hive layout),
    and one file per other table, for Spark, Polars, pandas or DuckDB."""
    from lagebild.store import export_parquet

    if fmt != "parquet":
        raise _fail(f"unknown export format '{fmt}': use parquet")
    store = _open(db, read_only=True)
    try:
        counts = export_parquet(store, directory, overwrite=overwrite)
    except (LagebildError, OSError) as err:
        raise _fail(str(err)) from None
    finally:
        store.close()
    typer.echo(f"lagebild: wrote {directory}: " + ", ".join(f"{t} {n}" for t, n in counts.items()),
               err=True)


@app.command()
def serve(
    db: DbOpt = "lagebild.duckdb",
    host: Annotated[str, typer.Option("--host", help="Address to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="LAGEBILD_TOKEN",
        help="Secret for POST /articles (and for reading when not on loopback)")] = None,
    max_body: Annotated[int, typer.Option("--max-body", min=1,
                                          help="Largest request body in bytes")] = 5_000_000,
    lexicon: LexiconOpt = None,
) -> None:
    """Serve the JSON API (docs at /docs) and the web page at / over a database."""
    import uvicorn

    from lagebild.service.app import create_app

    try:
        web = create_app(db, token=token, host=host, max_body=max_body,
                         lexicon_paths=tuple(map(str, lexicon or ())))
    except LagebildError as err:
        raise _fail(str(err)) from None
    typer.echo(f"lagebild: serving {db} on http://{host}:{port}/ (API docs: /docs; "
               "Ctrl-C stops)", err=True)
    uvicorn.run(web, host=host, port=port, log_level="warning")


@watch_app.command("add")
def watch_add(
    name: Annotated[str, typer.Argument(help="A name for the rule")],
    db: DbOpt = "lagebild.duckdb",
    actor: ActorOpt = None,
    types: TypeOpt = None,
    status: StatusOpt = None,
    webhook: Annotated[str | None, typer.Option(
        "--webhook", help="POST each alert as JSON to this URL")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace a rule of that name")] = False,
) -> None:
    """Add a rule: new events matching all its filters raise alerts."""
    from lagebild.service.watch import Watch, add_watch
    from lagebild.store.query import _split

    store = _open(db)
    try:
        with store:
            add_watch(store.con, Watch(name, _split(actor), _split(types), _split(status),
                                       webhook), replace=replace)
    except LagebildError as err:
        raise _fail(str(err)) from None
    typer.echo(f"lagebild: watch '{name}' added to {db}", err=True)


@watch_app.command("list")
def watch_list(db: DbOpt = "lagebild.duckdb") -> None:
    """List the rules, one JSON line each."""
    from lagebild.service.watch import list_watches

    with _open(db) as store:
        for w in list_watches(store.con):
            typer.echo(json.dumps(w.as_dict(), ensure_ascii=False))


@watch_app.command("remove")
def watch_remove(name: str, db: DbOpt = "lagebild.duckdb") -> None:
    """Remove a rule (its alerts stay)."""
    from lagebild.service.watch import remove_watch

    try:
        with _open(db) as store:
            remove_watch(store.con, name)
    except LagebildError as err:
        raise _fail(str(err)) from None


@watch_app.command("alerts")
def watch_alerts(db: DbOpt = "lagebild.duckdb",
                 name: Annotated[str | None, typer.Option("--watch")] = None,
                 as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List alerts, newest first."""
    from lagebild.service.watch import describe, list_alerts

    with _open(db, read_only=True) as store:
        for alert in list_alerts(store.cursor(), watch=name):
            typer.echo(json.dumps(alert, ensure_ascii=False) if as_json else describe(alert))


@watch_app.command("deliver")
def watch_deliver(db: DbOpt = "lagebild.duckdb") -> None:
    """Send alerts whose webhook delivery failed before."""
    from lagebild.service.watch import deliver_pending

    with _open(db) as store:
        delivered, failed = deliver_pending(store)
    typer.echo(f"lagebild: {delivered} alert(s) delivered, {failed} still pending", err=True)
    if failed:
        raise typer.Exit(1)
