"""Invented articles for the store tests (our own sentences, never gold)."""

from __future__ import annotations

from datetime import date

from lagebild.schema import Article

ACCUSATION_DE = Article(
    id="de-accuse", lang="de", published=date(2024, 5, 1), source="Rheinische Depesche",
    text="Die Bundesregierung warf Russland am Dienstag Cyberangriffe auf Ministerien vor.")
ACCUSATION_EN = Article(
    id="en-accuse", lang="en", published=date(2024, 5, 1), source="Baltic Wire",
    text="Germany accused Russia on Tuesday of cyberattacks on its ministries.")
ACCUSATION_LATER = Article(
    id="de-accuse-later", lang="de", published=date(2024, 6, 20), source="Nordkurier",
    text="Die Bundesregierung warf Russland am Dienstag erneut Cyberangriffe vor.")
DENIAL_DE = Article(
    id="de-deny", lang="de", published=date(2024, 5, 3), source="Nordkurier",
    text="Moskau wies die Vorwürfe der Bundesregierung am Donnerstag zurück.")

CAPITALS = [("Frankreich", "Paris"), ("Polen", "Warschau"), ("Italien", "Rom"),
            ("Spanien", "Madrid"), ("Japan", "Tokio"), ("Kanada", "Ottawa"),
            ("Brasilien", "Brasília"), ("Indien", "Neu-Delhi"), ("Kenia", "Nairobi"),
            ("Mexiko", "Mexiko-Stadt")]
TEMPLATES = [
    "Die Regierung von {country} verurteilte am Montag die Angriffe auf Zivilisten.",
    "Der Außenminister von {country} traf am Dienstag in {capital} seinen Amtskollegen aus "
    "Österreich.",
    "Tausende Menschen demonstrierten am Mittwoch in {capital} gegen die Regierung.",
    "{country} sagte der Ukraine am Donnerstag weitere humanitäre Hilfe zu.",
]


def many_articles(n: int) -> list[Article]:
    """``n`` distinct short German articles over ten countries and four kinds of event."""
    out = []
    for k in range(n):
        country, capital = CAPITALS[k % len(CAPITALS)]
        template = TEMPLATES[(k // len(CAPITALS)) % len(TEMPLATES)]
        text = template.format(country=country, capital=capital)
        out.append(Article(id=f"gen-{k:03d}", lang="de", published=date(2024, 3, 1 + k % 28),
                           source=f"Agentur {k % 3}", text=f"{text} (Meldung {k})"))
    return out
