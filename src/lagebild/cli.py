"""The ``lagebild`` command line: thin, it calls the library.

User errors (bad input, bad options) are printed as one line on standard error, never a
traceback. ``code`` exits 0 when every input was coded, 3 when some were skipped.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from lagebild import __version__
from lagebild.errors import InputProblem, LagebildError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Lagebild: German and English news into PLOVER event data.")
lexicon_app = typer.Typer(no_args_is_help=True, help="Inspect and validate lexicon files.")
app.add_typer(lexicon_app, name="lexicon")

EXIT_SKIPPED = 3
FilesArg = Annotated[list[str], typer.Argument(help="Files (.txt, .jsonl, .html, .rss, .atom, .xml, .warc, .warc.gz, .parquet) or - for stdin")]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Language (de, en); else detected")]
PublishedOpt = Annotated[str | None, typer.Option(
    "--published", help="Publication date (YYYY-MM-DD) for inputs without one")]
LexiconOpt = Annotated[list[Path] | None, typer.Option(
    "--lexicon", help="An extra lexicon file (repeatable); its header names its table")]
MaxCharsOpt = Annotated[int, typer.Option("--max-chars", help="Skip texts longer than this")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"lagebild: error: {message}", err=True)
    return typer.Exit(code)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"--published {value!r} is not a date (use YYYY-MM-DD)") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lagebild {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version,
                                               is_eager=True, help="Print the version")] = False
         ) -> None:
    """Lagebild: who did what to whom, when, where, and according to whom."""


class _Reader:
    """Reads inputs, reports problems on stderr as they come, and keeps them."""

    def __init__(self, files, lang, published, max_chars) -> None:
        from lagebild.sources import read_inputs

        self.problems: list[InputProblem] = []
        self.items = read_inputs(files, lang=lang, published=_parse_date(published),
                                 max_chars=max_chars)

    def articles(self):
        for item in self.items:
            if isinstance(item, InputProblem):
                self.report(item)
            else:
                yield item

    def report(self, problem: InputProblem) -> None:
        self.problems.append(problem)
        typer.echo(f"lagebild: skipped {problem.location()}: {problem.reason}", err=True)


def _progress(results, enabled: bool):
    if not enabled:
        yield from results
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("coding"), BarColumn(), TextColumn("{task.completed} articles"),
                  TimeElapsedColumn(), transient=True) as progress:
        task = progress.add_task("code", total=None)
        for r in results:
            progress.advance(task)
            yield r


@app.command()
def code(
    files: FilesArg,
    lang: LangOpt = None,
    published: PublishedOpt = None,
    fmt: Annotated[str, typer.Option(
        "--format", help="jsonl, csv, parquet, table, or plover (PLOVER/POLECAT-style)")] = "jsonl",
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write here")] = None,
    errors: Annotated[str | None, typer.Option(
        "--errors", help="Write skipped inputs here as JSONL, with the reason")] = None,
    max_chars: MaxCharsOpt = 1_000_000,
    lexicon: LexiconOpt = None,
    workers: Annotated[int, typer.Option("--workers", min=1,
                                         help="Processes (or Ray workers) to code with "
                                              "(one per core)")] = 1,
    unordered: Annotated[bool, typer.Option(
        "--unordered", help="With --workers, write events as batches finish")] = False,
    engine: Annotated[str, typer.Option(
        "--engine", metavar="[local|ray]",
        help="local: this process or a process pool; ray: a Ray Data job on this machine "
             "or the cluster in RAY_ADDRESS (needs the ray extra of lagebild)")] = "local",
    address: Annotated[str | None, typer.Option(
        "--address", help="With --engine ray: the Ray cluster to join (ray://head:10001); "
                          "default RAY_ADDRESS, else a local Ray")] = None,
) -> None:
    """Code articles into events, one JSON record per line."""
    from lagebild import engines
    from lagebild.output import EventWriter

    reader = _Reader(files, lang, published, max_chars)
    stream = None
    try:
        # lazy: nothing is read yet, but an unknown engine fails before --output is opened
        results = engines.run(engine, reader.articles(), tuple(str(p) for p in lexicon or ()),
                              workers=workers, ordered=not unordered, address=address)
        if fmt != "parquet":
            stream = open(output, "w", encoding="utf-8") if output else sys.stdout
        writer = EventWriter(fmt, stream, output)
        show = sys.stderr.isatty() and not (len(files) == 1 and files[0].endswith(".txt"))
        for result in _progress(results, show):
            if result.problem is not None:
                reader.report(result.problem)
            writer.write(result.events)
        writer.close()
    except (LagebildError, OSError) as err:
        raise _fail(str(err)) from None
    finally:
        if output and stream is not None:
            stream.close()
    if errors:
        with open(errors, "w", encoding="utf-8") as f:
            for p in reader.problems:
                f.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
    if reader.problems:
        typer.echo(f"lagebild: {len(reader.problems)} input(s) skipped, "
                   f"{writer.count} event(s) written", err=True)
        raise typer.Exit(EXIT_SKIPPED)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Event gold file (JSONL)")],
    pred: Annotated[Path | None, typer.Argument(help="Predicted events (JSONL); "
                                                "else the coder runs on the gold texts")] = None,
    show_errors: Annotated[bool, typer.Option("--show-errors")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON")] = False,
    lexicon: LexiconOpt = None,
) -> None:
    """Score events against a gold file: the figures of score_events.py."""
    from lagebild.evaluate import format_report, read_jsonl, score

    try:
        gold_docs = read_jsonl(gold)
        if pred is not None:
            predictions = read_jsonl(pred)
        else:
            predictions = _code_gold(gold_docs, tuple(str(p) for p in lexicon or ()))
    except (LagebildError, OSError) as err:
        raise _fail(str(err)) from None
    figures, errs = score(gold_docs, predictions)
    if as_json:
        typer.echo(json.dumps(figures))
        return
    if show_errors:
        for e in errs:
            typer.echo("\t".join(str(x) for x in e))
        typer.echo("")
    typer.echo(format_report(figures))


def _code_gold(gold_docs: list[dict], lexicon_paths) -> list[dict]:
    from lagebild.pipeline import code
    from lagebild.schema import Article

    articles = [Article(id=str(d["id"]), text=d["text"], lang=d.get("lang"),
                        published=(d.get("published") or None)) for d in gold_docs]
    return [json.loads(e.model_dump_json()) for e in code(articles, lexicon_paths)]


@app.command()
def schema() -> None:
    """Print the JSON Schema of an event record."""
    from lagebild.schema import event_json_schema

    typer.echo(json.dumps(event_json_schema(), indent=2, ensure_ascii=False))


def _analysed(files, lang, published, max_chars, lexicon):
    """Analysed articles with their Docs; problems reported and kept on the reader."""
    from lagebild.pipeline import analyse

    reader = _Reader(files, lang, published, max_chars)
    results = analyse(reader.articles(), tuple(str(p) for p in lexicon or ()), keep_docs=True)
    return reader, (r for r in results if r.problem is None or reader.report(r.problem))


@app.command()
def actors(files: FilesArg, lang: LangOpt = None, published: PublishedOpt = None,
           max_chars: MaxCharsOpt = 1_000_000, lexicon: LexiconOpt = None) -> None:
    """Print every resolved actor mention as a JSON line."""
    reader, results = _analysed(files, lang, published, max_chars, lexicon)
    for result in results:
        for m in result.doc._.actors or []:
            if m.kind != "modifier":
                typer.echo(json.dumps({"doc_id": result.article.id, **m.as_dict()},
                                      ensure_ascii=False))
    if reader.problems:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def quotes(files: FilesArg, lang: LangOpt = None, published: PublishedOpt = None,
           max_chars: MaxCharsOpt = 1_000_000, lexicon: LexiconOpt = None) -> None:
    """Print every quotation (direct, indirect, reported) with speaker, cue and addressee
    as a JSON line in the shape of the quotation gold."""
    from lagebild.records import quote_records

    reader, results = _analysed(files, lang, published, max_chars, lexicon)
    for result in results:
        for record in quote_records(result.doc, result.article.id, result.lang):
            typer.echo(json.dumps(record, ensure_ascii=False))
    if reader.problems:
        raise typer.Exit(EXIT_SKIPPED)


@app.command("eval-quotes")
def eval_quotes(
    gold: Annotated[Path, typer.Argument(help="Quotation gold file (JSONL)")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON")] = False,
) -> None:
    """Score quotation detection and speakers against a quotation gold file: quote P/R/F1
    (a quote counts when it covers half of a gold quote) and speaker accuracy."""
    from lagebild.pipeline import build_nlp
    from lagebild.quotes_eval import evaluate_file

    try:
        figures = evaluate_file(str(gold), build_nlp("de"))
    except (LagebildError, OSError, ValueError) as err:
        raise _fail(f"{gold}: {err}") from None
    if as_json:
        typer.echo(json.dumps(figures))
        return
    typer.echo(f"documents {figures['documents']}  gold quotes {figures['gold_quotes']}  "
               f"predicted {figures['predicted_quotes']}")
    typer.echo(f"quotes: P {figures['precision']:.3f}  R {figures['recall']:.3f}  "
               f"F1 {figures['f1']:.3f}")
    typer.echo(f"speaker accuracy on found quotes: {figures['speaker_accuracy']:.3f} "
               f"(of {figures['speaker_found']})")


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence or short text to explain")],
    lang: LangOpt = None,
    published: PublishedOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Show how a text is coded: tokens, lemmas, actors, times, the entries that fired
    and why each event got its actors and status."""
    from lagebild.explain import explain_text

    try:
        typer.echo(explain_text(sentence, lang, _parse_date(published),
                                tuple(str(p) for p in lexicon or ())))
    except LagebildError as err:
        raise _fail(str(err)) from None


@lexicon_app.command("check")
def lexicon_check(paths: Annotated[list[Path] | None, typer.Argument(
        help="Lexicon files to check; default the shipped lexicon")] = None) -> None:
    """Validate lexicon files: malformed lines, unknown codes, duplicates, overlapping terms."""
    from lagebild.lexicon.check import check_files

    problems = check_files(list(paths) if paths else None)
    for p in problems:
        typer.echo(str(p))
    if problems:
        typer.echo(f"{len(problems)} problem(s)", err=True)
        raise typer.Exit(1)
    typer.echo("lexicon ok")


# the store, service and watch commands register themselves on ``app``
from lagebild import cli_store  # noqa: E402, F401
