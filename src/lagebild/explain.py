"""``lagebild explain``: show every layer of the analysis of a short text, and why each
event was coded as it was."""

from __future__ import annotations

from datetime import date

from lagebild.errors import LagebildError
from lagebild.langid import SUPPORTED, detect_language
from lagebild.pipeline import analyse
from lagebild.schema import Article


def explain_text(text: str, lang: str | None = None, published: date | None = None,
                 lexicon_paths: tuple[str, ...] = ()) -> str:
    """A human-readable account of how ``text`` is analysed and coded."""
    if not text.strip():
        raise LagebildError("nothing to explain: the text is empty")
    lang = lang or detect_language(text)
    if lang not in SUPPORTED:
        raise LagebildError(f"language '{lang}' is not supported; set --lang de or --lang en")
    article = Article(id="explain", text=text, lang=lang, published=published)
    result = next(iter(analyse([article], lexicon_paths, keep_docs=True)))
    doc = result.doc
    out = [f"language: {lang}   published: {published or 'unknown (relative dates stay open)'}",
           "", "tokens (text/lemma):"]
    for sent in doc.sents:
        out.append("  " + " ".join(f"{t.text}/{t.lemma_}" if t.lemma_ and t.lemma_ != t.text
                                   else t.text for t in sent if not t.is_space))
    out += ["", "actors:"]
    for m in doc._.actors or []:
        if m.kind == "modifier":
            continue
        out.append(f"  [{m.start_char}:{m.end_char}] {m.text!r} -> {m.country or '-'} "
                   f"{m.sector or '-'} {m.name or ''} ({m.kind}; country from {m.country_from}"
                   f"{'; after ' + repr(m.prep) if m.prep else ''}"
                   f"{'; case ' + m.case if m.case else ''}) {m.rule}")
    out += ["", "times:"]
    for t in doc._.times or []:
        out.append(f"  [{t.start_char}:{t.end_char}] {t.text!r} -> {t.value} ({t.precision}) "
                   f"{t.rule}")
    out += ["", "places:"]
    for p in doc._.places or []:
        out.append(f"  [{p.start_char}:{p.end_char}] {p.text!r} -> {p.name} ({p.country}, "
                   f"GeoNames {p.geonames_id})")
    out += ["", "quotations:"]
    for q in doc._.quotes or []:
        quote = " ".join(doc.text[b:e] for b, e in q.quote)
        speaker = " ".join(doc.text[b:e] for b, e in q.speaker) or "-"
        out.append(f"  {q.type}: {quote[:80]!r} speaker {speaker!r}")
    out += ["", "events:"]
    for coded, record in zip(doc._.events or [], result.events):
        src = ", ".join(f"{a.text} ({a.country or '-'})" for a in record.source) or "-"
        tgt = ", ".join(f"{a.text} ({a.country or '-'})" for a in record.target) or "-"
        by = f" according to {record.attributed_to.text}" if record.attributed_to else ""
        out.append(f"  {record.type}{'/' + record.mode if record.mode else ''}: {src} -> {tgt}"
                   f"  [{record.status}{by}] date {record.date} ({record.date_precision})")
        for reason in coded.reasons:
            out.append(f"      because {reason}")
        for k in coded.denies:
            denied = result.events[k]
            out.append(f"      denies the {denied.type} event of "
                       f"{', '.join(a.text for a in denied.source) or '-'} "
                       f"('{denied.evidence.text}')")
    if not result.events:
        out.append("  (none: no lexicon entry fired with an actor in its frame)")
    return "\n".join(out)
