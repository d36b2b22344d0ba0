"""The start-up cache: built once, loaded after, rebuilt when damaged, off on request."""

from __future__ import annotations

from lagebild import cache


def test_built_once_then_loaded(tmp_path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_CACHE", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"Pjöngjang": "Pyongyang"}

    assert cache.cached("demo", "v1", build) == {"Pjöngjang": "Pyongyang"}
    assert cache.cached("demo", "v1", build) == {"Pjöngjang": "Pyongyang"}
    assert len(calls) == 1
    cache.cached("demo", "v2", build)  # another key: built again
    assert len(calls) == 2


def test_damaged_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_CACHE", str(tmp_path))
    cache.cached("demo", "k", lambda: [1, 2])
    [stored] = list(tmp_path.glob("demo-*.pickle"))
    stored.write_bytes(b"not a pickle")
    assert cache.cached("demo", "k", lambda: [3]) == [3]


def test_off_and_unwritable_caches_only_build(tmp_path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_CACHE", "off")
    assert cache.cache_dir() is None
    assert cache.cached("demo", "k", lambda: "fresh") == "fresh"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("LAGEBILD_CACHE", str(blocker / "sub"))
    assert cache.cached("demo", "k", lambda: "still fresh") == "still fresh"


def test_file_digest_changes_with_content(tmp_path):
    p = tmp_path / "a.tsv"
    p.write_text("one")
    before = cache.file_digest([p])
    p.write_text("two")
    assert cache.file_digest([p]) != before


def test_only_the_versions_used_last_are_kept(tmp_path, monkeypatch):
    """A lexicon edited again and again makes a new version each time: the cache keeps
    the ``KEEP`` used last of each structure and leaves other structures alone."""
    import os
    import time

    monkeypatch.setenv("LAGEBILD_CACHE", str(tmp_path))
    cache.cached("demo-v2", "other", lambda: "another structure")
    past = time.time() - 1000
    for k in range(cache.KEEP + 3):  # versions 0 to KEEP + 2, stored a second apart
        cache.cached("demo", f"edit {k}", lambda k=k: k)
        for p in tmp_path.glob("demo-*.pickle"):
            if p.stat().st_mtime > past + 500:  # the one just stored
                os.utime(p, (past + k, past + k))
    oldest_kept = 3
    assert cache.cached("demo", f"edit {oldest_kept}", lambda: "built") == oldest_kept  # used
    cache.cached("demo", "edit 9", lambda: 9)  # a new version: the one used longest ago goes
    assert len(list(tmp_path.glob("demo-????????????????????.pickle"))) == cache.KEEP
    assert cache.cached("demo", f"edit {oldest_kept}", lambda: "built") == oldest_kept
    assert cache.cached("demo", f"edit {oldest_kept + 1}", lambda: "built") == "built"
    assert cache.cached("demo", "edit 0", lambda: "built") == "built"
    assert cache.cached("demo-v2", "other", lambda: "built") == "another structure"
