"""Scoring quotation attribution against the German Wikinews gold (``eval/FORMAT.md`` §2).

A predicted quotation is correct when it covers at least half of the characters of some
gold quotation; a gold quotation is found when some prediction covers half of it. The
speaker of a found gold quotation is right when the speaker of the prediction that overlaps
it most shares at least one character with the gold speaker.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from lagebild.evaluate import read_jsonl

QUOTES_COMPONENT = "lagebild_quotes"


def _chars(part: dict | None) -> set[int]:
    """The character offsets a part (``{"text", "spans"}`` or None) covers."""
    if not part:
        return set()
    return {c for b, e in part.get("spans") or [] for c in range(b, e)}


def score_quotations(gold_docs: list[dict], predicted: dict[str, list[dict]]) -> dict:
    """Score predicted quotations against gold documents.

    Args:
        gold_docs: gold documents, each ``{"id", "text", "quotes": [...]}`` in gold shape.
        predicted: document id -> predicted quotations in gold shape
            (``Quotation.to_gold_shape``); a missing id counts as no predictions.
    Returns:
        ``{"documents", "gold_quotes", "predicted_quotes", "precision", "recall", "f1",
        "speaker_accuracy", "speaker_found"}``: counts, the three figures, the fraction of
        matched gold quotations with a speaker whose predicted speaker overlaps it, and the
        number of those. A figure with nothing to count (no predictions) is 0.0.
    Raises:
        ValueError: a gold document lacks ``id`` or ``quotes``, or ``predicted`` names a
            document that is not in the gold.
    """
    gold_ids = set()
    for number, doc in enumerate(gold_docs):
        if "id" not in doc or "quotes" not in doc:
            raise ValueError(f"gold document {number} has no 'id' or 'quotes' "
                             f"(keys: {sorted(doc)}); give documents in gold shape")
        gold_ids.add(doc["id"])
    unknown = sorted(set(predicted) - gold_ids)
    if unknown:
        raise ValueError(f"predictions for documents not in the gold: {unknown[:5]}; "
                         f"key predictions by the gold documents' ids")
    n_gold = n_pred = correct = found = pairs = speakers_right = 0
    for doc in gold_docs:
        gold = [(_chars(q["quote"]), _chars(q.get("speaker"))) for q in doc["quotes"]]
        gold = [(quote, speaker) for quote, speaker in gold if quote]
        pred = [(_chars(q["quote"]), _chars(q.get("speaker")))
                for q in predicted.get(doc["id"], [])]
        n_gold += len(gold)
        n_pred += len(pred)
        correct += sum(1 for p, _ in pred
                       if any(len(p & g) * 2 >= len(g) for g, _ in gold))
        for g, g_speaker in gold:
            overlaps = [(len(p & g), p_speaker) for p, p_speaker in pred]
            covering = [o for o in overlaps if o[0] * 2 >= len(g)]
            if not covering:
                continue
            found += 1
            if g_speaker:
                pairs += 1
                best_speaker = max(covering, key=lambda o: o[0])[1]
                speakers_right += bool(best_speaker & g_speaker)
    precision = correct / n_pred if n_pred else 0.0
    recall = found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"documents": len(gold_docs), "gold_quotes": n_gold, "predicted_quotes": n_pred,
            "precision": precision, "recall": recall, "f1": f1,
            "speaker_accuracy": speakers_right / pairs if pairs else 0.0,
            "speaker_found": speakers_right}


def predict_document(nlp: Language, doc_id: str, text: str) -> list[dict]:
    """Run ``nlp`` on one text and return its quotations in gold shape.

    Args:
        nlp: a pipeline containing the ``lagebild_quotes`` component.
        doc_id: the document's id, for error messages.
        text: the document text.
    Raises:
        ValueError: the pipeline left ``doc._.quotes`` unset (no ``lagebild_quotes``).
    """
    doc = nlp(text)
    if doc._.quotes is None:
        raise ValueError(f"document {doc_id!r}: the pipeline {nlp.pipe_names} set no "
                         f"doc._.quotes; add the '{QUOTES_COMPONENT}' component")
    return [quotation.to_gold_shape(doc.text) for quotation in doc._.quotes]


def evaluate_file(gold_path: str | Path, nlp: Language) -> dict:
    """Run ``nlp`` over every document of a gold quotation file and score it.

    Args:
        gold_path: a ``*.quotes.jsonl`` file (one gold document per line).
        nlp: a pipeline containing the ``lagebild_quotes`` component.
    Returns:
        The figures of ``score_quotations``.
    Raises:
        ValueError: the pipeline has no ``lagebild_quotes``.
        LagebildError: a line of the gold file is not JSON (file and line named).
        OSError: the file cannot be read.
    """
    if QUOTES_COMPONENT not in nlp.pipe_names:
        raise ValueError(f"pipeline {nlp.pipe_names} has no '{QUOTES_COMPONENT}'; add it with "
                         f"nlp.add_pipe('{QUOTES_COMPONENT}') after importing "
                         f"lagebild.nlp.quotes")
    gold_docs = read_jsonl(gold_path)
    predicted = {doc["id"]: predict_document(nlp, doc["id"], doc["text"]) for doc in gold_docs}
    return score_quotations(gold_docs, predicted)
