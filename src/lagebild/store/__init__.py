"""The event store: one DuckDB file with articles, events, stories, quotes and alerts.

``Store(path)`` opens (and migrates) a database; :func:`ingest` codes and stores
articles; :mod:`lagebild.store.query` finds events; :func:`export_parquet` writes
partitioned Parquet for other engines.
"""

from lagebild.store.db import DEFAULT_DB, Store
from lagebild.store.export import export_parquet
from lagebild.store.ingest import IngestReport, content_hash, ingest
from lagebild.store.query import EventFilter

__all__ = ["DEFAULT_DB", "EventFilter", "IngestReport", "Store", "content_hash",
           "export_parquet", "ingest"]
