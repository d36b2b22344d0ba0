"""Opening a Lagebild database: one DuckDB file, migrated to the current schema."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from lagebild.errors import LagebildError
from lagebild.store.schema import migrate

DEFAULT_DB = "lagebild.duckdb"


class Store:
    """A Lagebild database. Use as a context manager, or call :meth:`close`.

    One process writes at a time (DuckDB's rule for a file); threads of that process
    share the connection through :meth:`cursor` and take :attr:`lock` to write.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise LagebildError(f"{self.path}: no such database (create it with lagebild ingest)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as err:
            raise LagebildError(f"{self.path}: cannot open the database: "
                                f"{str(err).splitlines()[0]}") from None
        except duckdb.Error as err:
            raise LagebildError(f"{self.path}: not a Lagebild (DuckDB) database: "
                                f"{str(err).splitlines()[0]}") from None
        self.lock = threading.RLock()
        if not read_only:
            migrate(self.con)
        else:
            from lagebild.store.schema import LATEST, schema_version

            if schema_version(self.con) != LATEST:
                raise LagebildError(f"{self.path}: made by another Lagebild version; open it "
                                    "once for writing (lagebild ingest) to migrate it")

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for one thread (DuckDB connections are not shared between threads)."""
        return self.con.cursor()

    def counts(self) -> dict[str, int]:
        """Rows per table, for reports and tests."""
        tables = ("articles", "events", "stories", "denials", "quotes", "mentions", "alerts")
        cur = self.cursor()
        return {t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
