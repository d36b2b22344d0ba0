"""Export a database as Parquet files that other engines (Spark, Polars, DuckDB) read."""

from __future__ import annotations

from pathlib import Path

from lagebild.errors import LagebildError
from lagebild.store.db import Store

# table -> the query that exports it; events are partitioned by year and type
TABLES = {
    "articles": "SELECT * EXCLUDE (ingested_at) FROM articles",
    "events": ("SELECT * EXCLUDE (merge_key, actor_key, window_start, window_end), "
               "coalesce(CAST(year(date_start) AS VARCHAR), 'unknown') AS year FROM events"),
    "event_actors": "SELECT * FROM event_actors",
    "stories": "SELECT * EXCLUDE (merge_key, window_start, window_end) FROM stories",
    "denials": "SELECT * FROM denials",
    "quotes": "SELECT * FROM quotes",
    "mentions": "SELECT * FROM mentions",
}


def export_parquet(store: Store, directory: str | Path, overwrite: bool = False) -> dict[str, int]:
    """Write every table under ``directory``: ``events/year=…/type=…/*.parquet`` (Hive
    partitions) and one file per other table. Returns rows per table."""
    out = Path(directory)
    if out.exists() and any(out.iterdir()) and not overwrite:
        raise LagebildError(f"{out}: directory is not empty (use --overwrite)")
    out.mkdir(parents=True, exist_ok=True)
    cur = store.cursor()
    counts = {}
    for table, sql in TABLES.items():
        counts[table] = cur.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
        if table == "events":
            target = out / "events"
            cur.execute(f"COPY ({sql}) TO '{_quoted(target)}' (FORMAT parquet, "
                        "PARTITION_BY (year, type), OVERWRITE_OR_IGNORE true)")
        else:
            cur.execute(f"COPY ({sql}) TO '{_quoted(out / f'{table}.parquet')}' "
                        "(FORMAT parquet)")
    return counts


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
