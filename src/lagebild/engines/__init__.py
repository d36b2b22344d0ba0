"""Engines that run the one coding function (:func:`lagebild.pipeline.code_batch`) over
many articles: in this process or a local process pool (``local``), or as a Ray Data job
on this machine or a cluster (``ray``, needs ``pip install 'lagebild[ray]'``).

Every engine gives the same :class:`~lagebild.pipeline.CodedArticle` results, one per
article, in input order unless ``ordered`` is false.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lagebild.errors import LagebildError
from lagebild.pipeline import CodedArticle
from lagebild.schema import Article

ENGINES = ("local", "ray")


class EngineError(LagebildError):
    """An engine is unknown or cannot run here (its extra is not installed)."""


def run(engine: str, articles: Iterable[Article], lexicon_paths: tuple[str, ...] = (),
        workers: int = 1, ordered: bool = True,
        address: str | None = None) -> Iterator[CodedArticle]:
    """Code ``articles`` with ``engine``.

    Args:
        engine: "local" (this process for ``workers`` 1, else a process pool) or "ray".
        articles: the articles; those without ``lang`` get one detected.
        lexicon_paths: the user's own lexicon files.
        workers: processes (local) or Ray actors (ray) that code in parallel.
        ordered: keep the input order (else results come as batches finish).
        address: ray only: the cluster to join (default ``RAY_ADDRESS``, else a local Ray).
    Returns:
        One :class:`CodedArticle` per article.
    Raises:
        EngineError: the engine is unknown, or Ray is not installed (raised at once, before
            any article is read).
    """
    if engine == "local":
        if address:
            raise EngineError("--address needs --engine ray")
        from lagebild.pipeline import analyse

        return analyse(articles, lexicon_paths, workers=workers, ordered=ordered)
    if engine == "ray":
        try:
            import ray  # noqa: F401
            import ray.data  # noqa: F401
        except ImportError:
            raise EngineError("the ray engine needs Ray: pip install 'lagebild[ray]'") from None
        from lagebild.engines.ray_engine import run_ray

        return run_ray(articles, lexicon_paths, workers=workers, ordered=ordered,
                       address=address)
    raise EngineError(f"unknown engine {engine!r} (engines: {', '.join(ENGINES)})")
