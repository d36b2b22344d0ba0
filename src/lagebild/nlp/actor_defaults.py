"""Countries for roles the text does not tie to a state ("der Provinzgouverneur", "die
Sicherheitskräfte"): from where the text says things happen, the state that was just the
subject, or the state that dominates the article; otherwise unknown. See
docs/design-notes.md for why each rule is there."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from lagebild.nlp.mentions import ActorMention
from lagebild.nlp.places import city_index

ARMED = {"MIL", "UAF"}  # armed forces operate where they are sent, not where they are from
FOREIGN_BY_DEFINITION = {"REF"}  # refugees are seldom of the country they are in


def default_countries(doc, mentions: list[ActorMention], sentences: list[tuple[int, int]],
                      vocabulary) -> None:
    """Roles with no country ("der Provinzgouverneur", "die Sicherheitskräfte") take
    the state the text is about at that point: where it happens (the last place named
    in the paragraph, "in der Grenzstadt Kilis"), else the last state named as a
    subject before them, else (for people) the place their own sentence names, else the
    state named most often."""
    states = [m for m in mentions if m.country and len(m.country) == 3
              and m.country not in ("IGO", "NGO", "MNC", "IMG") and m.kind != "modifier"]
    counts = Counter(m.country for m in states)
    if not counts:
        return
    top, top_count = counts.most_common(1)[0]
    dominant = top if top_count * 2 > sum(counts.values()) else None
    anchors = _locations(doc, mentions, vocabulary)
    text = doc.text  # once: Doc.text joins every token
    for m in mentions:
        if m.country is not None or m.kind not in ("role", "person", "people") \
                or m.country_from == "generic":
            continue
        if m.sector in FOREIGN_BY_DEFINITION:
            continue  # refugees are seldom of the country they are in
        para = text.rfind("\n", 0, m.start_char)
        n = bisect_right(sentences, (m.start, len(doc))) - 1
        recent = sentences[max(0, n - 1)][0]
        here = [(start, code) for start, code in anchors
                if max(para, doc[recent].idx - 1) < start < m.start_char]
        topic = [t for t in states if t.end <= m.start and t.prep is None
                 and t.case not in ("gen", "dat", "obj") and not t.genitive
                 and t.start >= recent]
        if not here and not topic and m.sector == "CVL":
            # "Tausende Menschen demonstrierten in Belgrad": people are where their own
            # sentence says they are
            sent_end = doc[sentences[n][1] - 1].idx
            here = [(start, code) for start, code in anchors
                    if m.start_char < start <= sent_end]
        if here and m.sector not in ARMED and m.sector != "MED":
            m.country = min(here, key=lambda a: abs(a[0] - m.start_char))[1]
        elif topic:
            m.country = topic[-1].country
        else:
            m.country = dominant  # unknown where no state dominates: never a guess
        if m.country is not None:
            m.country_from = "default"

def _locations(doc, mentions, vocabulary) -> list[tuple[int, str]]:
    """(character offset, country) of the places the text says things happen in."""
    # "in der Ukraine", "im Iran", "in Kiew" say where; "in den Iran", "in die Ukraine"
    # (accusative) say where to
    out = [(m.start_char, m.country) for m in mentions
           if m.kind in ("state", "capital") and m.prep in ("in", "at") and m.country
           and doc[m.start - 1].lower_ not in ("den", "die", "das")]
    cities = city_index()
    for tok in [w for w in doc if w.lower_ in ("in", "im")]:
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ in ("den", "die", "das"):
            continue
        for k in range(tok.i + 1, min(len(doc), tok.i + 5)):
            text = doc[k].text
            if not text[:1].isupper():
                continue
            # "im Norden": a German word that is also a town's name is no anchor
            known = vocabulary is not None and vocabulary.known(text)
            record = None if known else cities.get(text)
            if record and record["country"]:
                out.append((doc[k].idx, record["country"]))
                break
    return out
