"""The engines: the Ray engine codes exactly as the local one, through the library and the
command line. One Ray instance (two CPUs) serves the whole module."""

from __future__ import annotations

import json
import sys
from datetime import date

import pytest
from typer.testing import CliRunner

from lagebild import engines
from lagebild.cli import app
from lagebild.schema import Article

ray = pytest.importorskip("ray")
# Ray Data's own context copy touches its deprecated options
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")

runner = CliRunner()
PUB = date(2024, 3, 14)

# invented texts: German, English, one in French (unsupported), one for a user's lexicon
TEXTS = [
    ("de-1", "de", "Die Regierung in Paris verurteilte am Montag den Angriff. "
                   "Russland warf der Ukraine vor, zu lügen."),
    ("en-1", None, "Russia accused Ukraine of shelling the power plant on Tuesday. "
                   "The United States imposed sanctions on Iran last week."),
    ("fr-1", None, "Le gouvernement français a condamné l'attaque lundi dernier à Paris, "
                   "selon le ministère des affaires étrangères."),
    ("de-2", None, "Der Kreml kündigte an, die Gespräche mit China fortzusetzen. "
                   "Die Bergwacht Nord kritisierte Italien scharf."),
    ("en-2", "en", "Germany's foreign minister visited Kyiv and promised more aid."),
]


@pytest.fixture(scope="module")
def ray_running():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             ignore_reinit_error=True)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory):
    path = tmp_path_factory.mktemp("lexicon") / "orgs.tsv"
    path.write_text("id\tname\tcountry\tsector\tde\ten\tnote\n"
                    "org:bergwacht\tBergwacht Nord\tAUT\tCVL\tBergwacht Nord\t\tinvented\n",
                    encoding="utf-8")
    return (str(path),)


def articles() -> list[Article]:
    return [Article(id=i, text=t, lang=lang, published=PUB) for i, lang, t in TEXTS]


def outcome(results) -> list[tuple]:
    return [(r.article, r.lang, [e.model_dump_json() for e in r.events],
             r.problem.reason if r.problem else None) for r in results]


def test_ray_codes_exactly_as_local_in_input_order(ray_running, lexicon):
    local = outcome(engines.run("local", articles(), lexicon))
    distributed = outcome(engines.run("ray", articles(), lexicon, workers=2))
    assert distributed == local
    assert [a.id for a, *_ in distributed] == [i for i, *_ in TEXTS]
    by_id = {a.id: (lang, events, problem) for a, lang, events, problem in distributed}
    assert by_id["fr-1"][0] == "fr" and "'fr' is not supported" in by_id["fr-1"][2]
    assert by_id["en-1"][0] == "en" and by_id["de-2"][0] == "de"
    assert all(by_id[i][1] and by_id[i][2] is None for i in ("de-1", "en-1", "de-2", "en-2"))
    # the user's lexicon reached the Ray workers: the invented organisation is an actor
    sources = [json.loads(e)["source"] for e in by_id["de-2"][1]]
    assert [{"text": "Bergwacht Nord", "id": "org:bergwacht", "name": "Bergwacht Nord",
             "country": "AUT", "sector": "CVL"}] in sources


def test_ray_unordered_gives_the_same_results(ray_running):
    local = outcome(engines.run("local", articles()))
    unordered = outcome(engines.run("ray", articles(), workers=2, ordered=False))
    assert sorted(unordered, key=str) == sorted(local, key=str)


def test_cli_code_with_the_ray_engine_writes_jsonl(ray_running, tmp_path):
    inputs = tmp_path / "news.jsonl"
    inputs.write_text("".join(json.dumps({"id": i, "text": t, "lang": lang,
                                          "published": PUB.isoformat()}) + "\n"
                              for i, lang, t in TEXTS), encoding="utf-8")
    local = runner.invoke(app, ["code", str(inputs)])
    result = runner.invoke(app, ["code", "--engine", "ray", "--workers", "2", str(inputs),
                                 "--errors", str(tmp_path / "skipped.jsonl")])
    assert result.exit_code == 3, result.output  # the French article is skipped
    assert "fr-1: language 'fr' is not supported" in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines and lines == [json.loads(line) for line in local.stdout.splitlines()]
    assert [e["doc_id"] for e in lines] == sorted(
        (e["doc_id"] for e in lines), key=[i for i, *_ in TEXTS].index)
    skipped = json.loads((tmp_path / "skipped.jsonl").read_text(encoding="utf-8"))
    assert skipped["source"] == "fr-1"


def test_no_articles_no_ray_start(monkeypatch):
    from lagebild.engines import ray_engine

    monkeypatch.setattr(ray_engine, "ensure_ray", lambda workers: pytest.fail("Ray started"))
    assert list(engines.run("ray", iter([]), workers=2)) == []


def test_unknown_engine_is_one_line_naming_the_engines(tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", "--engine", "spark", "-o", str(out), "-"],
                           input="Die Regierung verurteilte den Angriff.")
    assert result.exit_code == 2
    assert result.stderr == "lagebild: error: unknown engine 'spark' (engines: local, ray)\n"
    assert not out.exists()


def test_without_ray_the_ray_engine_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    result = runner.invoke(app, ["code", "--engine", "ray", "-"], input="Text.")
    assert result.exit_code == 2
    assert result.stderr == ("lagebild: error: the ray engine needs Ray: "
                             "pip install 'lagebild[ray]'\n")


def test_ray_address_connects_to_a_cluster_without_cpu_counts(monkeypatch):
    from lagebild.engines import ray_engine

    calls = []
    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray, "init", lambda **kw: calls.append(kw))
    monkeypatch.setenv("RAY_ADDRESS", "ray://head:10001")
    ray_engine.ensure_ray(16)
    monkeypatch.delenv("RAY_ADDRESS")
    ray_engine.ensure_ray(3)
    cluster, local = calls
    assert cluster["address"] == "ray://head:10001" and "num_cpus" not in cluster
    assert local["num_cpus"] == 3 and local["include_dashboard"] is False
    assert all(c["log_to_driver"] is False and c["ignore_reinit_error"] for c in calls)


def test_address_option_joins_that_cluster(monkeypatch):
    from lagebild.engines import ray_engine

    calls = []
    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray, "init", lambda **kw: calls.append(kw))
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    ray_engine.ensure_ray(4, "ray://other:10001")
    assert calls[0]["address"] == "ray://other:10001" and "num_cpus" not in calls[0]


def test_address_needs_the_ray_engine():
    result = CliRunner().invoke(app, ["code", "--address", "ray://x:1", "-"], input="Text.")
    assert result.exit_code == 2 and "--address needs --engine ray" in result.stderr


def test_block_sizes_shrink_towards_the_end_and_cover_the_input():
    from lagebild.engines.ray_engine import MIN_BLOCK_ROWS, block_sizes

    for n, workers, most in [(5000, 2, 1024), (100_000, 16, 1024), (777, 3, 100)]:
        sizes = block_sizes(n, workers, most)
        assert sum(sizes) == n
        assert all(a >= b for a, b in zip(sizes, sizes[1:]))  # large first, small last
        assert max(sizes) <= most and min(sizes[:-1]) >= MIN_BLOCK_ROWS
        assert sizes[0] == min(most, -(-n // (2 * workers)))
    # a short input still gives every worker a share; an empty one no block
    assert block_sizes(5, 2) == [3, 2] and block_sizes(3, 4) == [1, 1, 1]
    assert block_sizes(0, 2) == []
    # the end of a long input (not ``whole``) keeps blocks of at least MIN_BLOCK_ROWS
    assert block_sizes(100, 2, whole=False) == [MIN_BLOCK_ROWS, 100 - MIN_BLOCK_ROWS]


def test_blocks_keep_every_article_in_order(ray_running):
    from lagebild.engines.ray_engine import _put_blocks, block_sizes

    many = [Article(id=f"a{k}", text=f"Text {k}.", lang="de") for k in range(700)]
    tables = ray.get(_put_blocks(iter(many), 2, 64))
    assert [i for t in tables for i in t["id"].to_pylist()] == [a.id for a in many]
    assert [i for t in tables for i in t["idx"].to_pylist()] == list(range(700))
    # full blocks while more than 2 * workers * 64 are left, then the guided tail
    sizes = [len(t) for t in tables]
    assert sizes[:7] == [64] * 7 and sizes[7:] == block_sizes(700 - 7 * 64, 2, 64, False)


def test_a_worker_keeps_its_coder_per_set_of_lexicons(lexicon, monkeypatch):
    from lagebild.engines import ray_engine

    monkeypatch.setattr(ray_engine, "_CODERS", type(ray_engine._CODERS)())
    monkeypatch.setattr(ray_engine, "CODERS_KEPT", 2)
    made = []
    monkeypatch.setattr(ray_engine, "RayCoder", lambda lexicons: made.append(lexicons)
                        or (lambda batch: batch))
    own = [(p.rsplit("/", 1)[-1], open(p, encoding="utf-8").read()) for p in lexicon]
    other = [("orgs.tsv", own[0][1] + "org:x\tX\tFRA\tGOV\tX\t\t\n")]
    for lexicons in ([], own, [], own, other, []):
        ray_engine.code_block("batch", lexicons, ray_engine.lexicons_key(lexicons))
    # built once per set, kept while among the two last used ("other" pushed out the
    # coder without lexicons, which was then made again)
    assert made == [[], own, other, []]
    assert len(ray_engine._CODERS) == 2
    assert ray_engine.lexicons_key(own) != ray_engine.lexicons_key(other)
    assert ray_engine.lexicons_key([("a", "bc")]) != ray_engine.lexicons_key([("ab", "c")])


def test_the_job_options_are_put_back(ray_running):
    from ray.data import DataContext

    from lagebild.engines.ray_engine import BACKPRESSURE_KEY

    ctx = DataContext.get_current()
    before = ctx.get_config(BACKPRESSURE_KEY, "unset")
    assert outcome(engines.run("ray", articles()[:2], workers=2))
    assert ctx.get_config(BACKPRESSURE_KEY, "unset") == before


def test_the_driver_reads_ahead_no_more_than_its_bound(ray_running, monkeypatch):
    from lagebild.engines import ray_engine

    monkeypatch.setattr(ray_engine, "MAX_READ_AHEAD", 100)  # below 2 workers x 64
    many = [Article(id=f"a{k}", text=f"Text {k}.", lang="de") for k in range(700)]
    tables = ray.get(ray_engine._put_blocks(iter(many), 2, 64))
    assert [i for t in tables for i in t["id"].to_pylist()] == [a.id for a in many]
    # full blocks while more than 100 are left, then the guided tail of what is left
    sizes = [len(t) for t in tables]
    full = (700 - 100 + 63) // 64
    assert sizes[:full] == [64] * full
    assert sizes[full:] == ray_engine.block_sizes(700 - 64 * full, 2, 64, False)
