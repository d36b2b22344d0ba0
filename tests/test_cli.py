"""The command line end to end, on the sample news shipped with the package."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from lagebild.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "samples" / "news.jsonl"
runner = CliRunner()


def invoke(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def sample_events():
    result = invoke("code", SAMPLES)
    assert result.exit_code == 0, result.output
    return jsonl(result.stdout)


def triples(events, doc_id):
    return {(e["type"], tuple(a["country"] or "-" for a in e["source"]),
             tuple(a["country"] or "-" for a in e["target"]))
            for e in events if e["doc_id"] == doc_id}


def test_version_and_schema():
    assert invoke("--version").stdout.startswith("lagebild ")
    schema = json.loads(invoke("schema").stdout)
    assert {"event_id", "source", "target", "evidence", "status"} <= set(schema["properties"])


def test_samples_give_the_events_the_texts_state(sample_events):
    assert ("ACCUSE", ("RUS",), ("DEU",)) in triples(sample_events, "sample-de-1")
    assert ("COERCE", ("GEO",), ("GEO",)) in triples(sample_events, "sample-de-2")
    assert ("REQUEST", ("IGO",), ("GEO",)) in triples(sample_events, "sample-de-2")
    assert ("SANCTION", ("IGO",), ("RUS",)) in triples(sample_events, "sample-en-1")
    assert ("ACCUSE", ("CHN",), ("USA",)) in triples(sample_events, "sample-en-2")


def test_every_record_validates_and_its_evidence_points_at_the_trigger(sample_events):
    from lagebild.schema import event_json_schema

    texts = {a["id"]: a["text"] for a in jsonl(SAMPLES.read_text(encoding="utf-8"))}
    schema = event_json_schema()
    for e in sample_events:
        jsonschema.validate(e, schema)
        ev = e["evidence"]
        assert texts[e["doc_id"]][ev["start"]:ev["end"]] == ev["text"]
        assert ev["text"] in ev["sentence"]


def test_event_ids_are_stable_across_runs(sample_events):
    again = jsonl(invoke("code", SAMPLES).stdout)
    assert [e["event_id"] for e in again] == [e["event_id"] for e in sample_events]


def test_bad_inputs_are_reported_skipped_and_kept(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Die Nato kritisierte Russland am Montag scharf.", encoding="utf-8")
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(
        b'{"id": "a", "text": "Polen kritisierte Belarus.", "lang": "de"}\n'
        b'{"id": "b", "text": \n'
        b'{"id": "c"}\n'
        b'{"id": "d", "text": ""}\n'
        b'{"id": "e", "text": "\xff"}\n'
        b'{"id": "f", "text": "' + b"x" * 300 + b'"}\n')
    errors = tmp_path / "errors.jsonl"
    result = invoke("code", good, mixed, tmp_path / "missing.txt", "--lang", "de",
                    "--max-chars", 200, "--errors", errors)
    assert result.exit_code == 3
    assert f"{mixed}:2: broken JSON" in result.stderr
    assert "Traceback" not in result.output
    coded = {e["doc_id"] for e in jsonl(result.stdout)}
    assert coded == {"good", "a"}
    kept = jsonl(errors.read_text(encoding="utf-8"))
    assert [(k["line"], k["reason"].split(":")[0].split(" (")[0]) for k in kept] == [
        (2, "broken JSON"), (3, "no 'text' field"), (4, "empty text"),
        (5, "not valid UTF-8 at byte 21"), (6, "text of 300 characters exceeds the limit of 200"),
        (None, "no such file")]


def test_unsupported_language_is_skipped_with_a_reason(tmp_path):
    p = tmp_path / "fr.jsonl"
    p.write_text(json.dumps({"id": "fr", "text": "Le gouvernement français a critiqué la "
                             "Russie lundi, selon le ministère."}) + "\n", encoding="utf-8")
    result = invoke("code", p)
    assert result.exit_code == 3 and "language 'fr' is not supported" in result.stderr


def test_standard_input(tmp_path):
    result = invoke("code", "-", "--lang", "de", "--published", "2024-03-14",
                    input="Die Türkei kritisierte Schweden am Montag.")
    [event] = jsonl(result.stdout)
    assert (event["type"], event["date"]) == ("ACCUSE", "2024-03-11")


def test_bad_published_date_is_a_clear_error():
    result = invoke("code", SAMPLES, "--published", "yesterday")
    assert result.exit_code == 2 and "is not a date" in result.stderr


def test_csv_and_parquet_outputs(tmp_path):
    csv_out = invoke("code", SAMPLES, "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("event_id,doc_id,type,mode,cameo_code,source")
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    assert invoke("code", SAMPLES, "--format", "parquet", "--output", path).exit_code == 0
    table = pq.read_table(path)
    assert table.num_rows == len(csv_out) - 1 and "evidence" in table.column_names
    assert invoke("code", SAMPLES, "--format", "parquet").exit_code == 2


def test_actors_explain_and_lexicon_check(tmp_path):
    lines = jsonl(invoke("actors", "-", "--lang", "de",
                         input="Der Kreml und die Nato stritten.").stdout)
    assert [(m["text"], m["country"]) for m in lines] == [("Kreml", "RUS"), ("Nato", "IGO")]
    out = invoke("explain", "Polen kritisierte Belarus.", "--lang", "de").stdout
    assert "ACCUSE" in out and "because verb 'kritisierte' matched" in out
    assert invoke("lexicon", "check").exit_code == 0
    broken = tmp_path / "mine.tsv"
    broken.write_text("id\tname\tcountry\tsector\tde\ten\tnote\nx\tX\tXXX\tGOV\tX\tX\t\n",
                      encoding="utf-8")
    result = invoke("lexicon", "check", broken)
    assert result.exit_code == 1 and f"{broken}:2: unknown-code" in result.stdout


def test_user_lexicon_extends_the_shipped_one(tmp_path):
    mine = tmp_path / "orgs.tsv"
    mine.write_text("id\tname\tcountry\tsector\tde\ten\tnote\n"
                    "org:bergwacht\tBergwacht Nord\tAUT\tCVL\tBergwacht Nord\t\tmine\n",
                    encoding="utf-8")
    text = "Die Bergwacht Nord kritisierte Italien."
    without = jsonl(invoke("code", "-", "--lang", "de", input=text).stdout)
    with_mine = jsonl(invoke("code", "-", "--lang", "de", "--lexicon", mine, input=text).stdout)
    assert without == []
    assert [(e["source"][0]["country"], e["target"][0]["country"]) for e in with_mine] == [
        ("AUT", "ITA")]


def test_workers_give_the_same_events_in_the_same_order(sample_events, tmp_path):
    many = tmp_path / "many.jsonl"
    lines = SAMPLES.read_text(encoding="utf-8").splitlines()
    many.write_text("\n".join(
        json.dumps({**json.loads(line), "id": f"{json.loads(line)['id']}-{n}"})
        for n in range(30) for line in lines) + "\n", encoding="utf-8")
    one = jsonl(invoke("code", many).stdout)
    two = jsonl(invoke("code", many, "--workers", 2).stdout)
    assert len(one) == 30 * len(sample_events) and one == two
    unordered = jsonl(invoke("code", many, "--workers", 2, "--unordered").stdout)
    assert sorted(e["event_id"] for e in unordered) == sorted(e["event_id"] for e in one)


def test_plover_format_and_cameo_codes():
    out = jsonl(invoke("code", "-", "--lang", "de", "--format", "plover",
                       input="Die USA verhängten Sanktionen gegen Iran.").stdout)
    assert out == [{**out[0], "event": "SANCTION", "cameo": "163",
                    "source_actors": [{"entity_text": "USA", "code": "USA", "sector": "GOV",
                                       "wikidata_id": "Q30"}]}]
    assert out[0]["target_actors"][0]["code"] == "IRN"
    [event] = jsonl(invoke("code", "-", "--lang", "de",
                           input="Russland griff die Ukraine mit Drohnen an.").stdout)
    assert event["type"] == "ASSAULT" and event["cameo_code"] in ("190", "195")


def test_user_cameo_table_gives_the_codes(tmp_path):
    mine = tmp_path / "my_cameo.tsv"
    mine.write_text("type\tmode\tcameo\tlabel\tnote\nSANCTION\t\t160\tReduce relations\tmine\n",
                    encoding="utf-8")
    text = "Die USA verhängten Sanktionen gegen Iran."
    [shipped] = jsonl(invoke("code", "-", "--lang", "de", input=text).stdout)
    [mine_] = jsonl(invoke("code", "-", "--lang", "de", "--lexicon", mine, input=text).stdout)
    assert (shipped["cameo_code"], mine_["cameo_code"]) == ("163", "160")


def test_cameo_crosswalk_covers_every_type():
    from lagebild.lexicon import load_lexicon
    from lagebild.schema import EVENT_TYPES

    lexicon = load_lexicon()
    assert all(lexicon.cameo_code(t, None) for t in EVENT_TYPES)
    assert lexicon.cameo_code("CONSULT", "visit") == "042"
    assert lexicon.cameo_code("ACCUSE", "no-such-mode") == "110"
