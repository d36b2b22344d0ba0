"""Property tests: any text, in either language, is coded without an error, and every
event's evidence points at its trigger."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.pipeline import analyse
from lagebild.schema import Article

# words that make the components work hard, mixed with arbitrary Unicode
NEWS_WORDS = ["Russland", "Iran", "USA", "kritisierte", "forderte", "auf", "vor", "warf",
              "sagte", "Präsident", "Minister", "des", "der", "die", "und", "nicht", "habe",
              "„", "“", '"', ",", ".", ":", "–", "\n", "Russia", "attacked", "said", "that",
              "officials", "Foreign", "Minister", "of", "to", "will", "Kiew", "in", "Sie", "es",
              "Secretary", "Police", "US-Finanzministerium", "Sprecher", "Kremls", "sich"]

texts = st.one_of(
    st.text(min_size=1, max_size=200),
    st.lists(st.sampled_from(NEWS_WORDS), min_size=1, max_size=40).map(" ".join),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, lang=st.sampled_from(["de", "en"]))
def test_any_text_codes_without_error(text, lang):
    [result] = list(analyse([Article(id="x", text=text, lang=lang)]))
    for e in result.events:
        assert text[e.evidence.start:e.evidence.end] == e.evidence.text
