"""A start-up cache on disk: structures that are slow to build (the GeoNames city index,
the lemma tables, the tokenised lexicon names) are pickled once, keyed by the versions
and file contents they come from, and loaded in a fraction of the time afterwards.

The cache lives in ``$LAGEBILD_CACHE``, else ``$XDG_CACHE_HOME/lagebild``, else
``~/.cache/lagebild``. ``LAGEBILD_CACHE=off`` turns it off. A cache that cannot be read
or written is ignored: the structure is built as if there were none. Of each structure
the ``KEEP`` versions used last are kept (each change of a lexicon file makes a new
version of its names' index; the older ones go as new ones are stored).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
KEEP = 4  # versions kept per structure: the ones used last
DIGEST_CHARS = 20  # of the key's digest in a cache file's name


def cache_dir() -> Path | None:
    """Where cached structures are kept, or None when caching is off."""
    setting = os.environ.get("LAGEBILD_CACHE")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lagebild"


def versions(*packages: str) -> str:
    """Installed versions of packages, as part of a cache key."""
    out = []
    for name in packages:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=?")
    return ",".join(out)


def file_digest(paths) -> str:
    """A digest of the contents of files, as part of a cache key."""
    h = hashlib.sha256()
    for p in sorted(str(p) for p in paths):
        h.update(p.encode())
        try:
            h.update(Path(p).read_bytes())
        except OSError:
            h.update(b"<missing>")
    return h.hexdigest()[:16]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """Load ``name`` from the cache when it was stored under ``key``; else build it, store
    it and return it."""
    folder = cache_dir()
    digest = hashlib.sha256(f"{name}|{key}".encode()).hexdigest()[:DIGEST_CHARS]
    path = folder / f"{name}-{digest}.pickle" if folder else None
    if path is not None and path.exists():
        try:
            with path.open("rb") as f:
                value = pickle.load(f)
        except Exception:  # noqa: BLE001 - a damaged cache file is rebuilt, never fatal
            pass
        else:
            try:
                os.utime(path)  # used now: kept before versions used longer ago
            except OSError:
                pass  # a cache we may read but not write
            return value
    value = build()
    if path is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False) as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(f.name, path)  # atomic: a reader never sees half a file
            _drop_old_versions(folder, name)
        except OSError:
            pass
    return value


def _drop_old_versions(folder: Path, name: str) -> None:
    """Remove the versions of ``name`` beyond the ``KEEP`` used last."""
    versions_of = []
    for path in folder.glob(f"{name}-{'?' * DIGEST_CHARS}.pickle"):  # not "cities-v3-…" for "cities"
        try:
            versions_of.append((path.stat().st_mtime, path))
        except OSError:
            continue  # removed meanwhile by another process
    for _, path in sorted(versions_of, reverse=True)[KEEP:]:
        path.unlink(missing_ok=True)
