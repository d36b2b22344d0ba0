"""The actor layer: recognition and resolution, on sentences written for the tests."""

from __future__ import annotations

from datetime import date

from helpers import run


def actors(text, published=date(2024, 3, 14), lang="de"):
    doc = run(text, lang, published).doc
    return [(m.text, m.country, m.sector) for m in doc._.actors if m.kind != "modifier"]


def test_country_names_with_genitive_and_capitals():
    found = actors("Russlands Nachbarn und Moskau schwiegen, Pjöngjang auch.")
    assert ("Moskau", "RUS", "GOV") in found and ("Pjöngjang", "PRK", "GOV") in found


def test_adjective_and_role_give_country_and_sector():
    assert actors("Die russischen Truppen rückten vor.") == [("russischen Truppen", "RUS", "MIL")]
    assert actors("Der nordkoreanische Machthaber schwieg.")[0][1:] == ("PRK", "GOV")


def test_demonyms_in_every_form():
    assert actors("Der Iraner lachte.")[0][1] == "IRN"
    assert actors("Die Russen kamen.")[0][1] == "RUS"


def test_seats_of_power_and_agencies():
    found = actors("Der Kreml, das Weiße Haus, Downing Street, das Pentagon und die "
                   "Bundeswehr äußerten sich.")
    assert [c for _, c, _ in found] == ["RUS", "USA", "GBR", "USA", "DEU"]
    assert found[3][2] == "MIL"


def test_compound_prefix_gives_the_country():
    assert actors("Das US-Finanzministerium sanktionierte eine Firma.")[0] == (
        "US-Finanzministerium", "USA", "GOV")


def test_role_takes_the_country_of_the_body_it_speaks_for():
    assert actors("Ein Sprecher des Kremls sagte nichts.")[0][1:] == ("RUS", "GOV")


def test_role_takes_the_country_of_the_place_named_with_it():
    assert actors("Demonstranten in Teheran riefen Parolen.")[0][:2] == ("Demonstranten", "IRN")


def test_generic_adjective_names_no_country():
    assert actors("Westliche Beamte widersprachen.") == [("Westliche Beamte", None, "GOV")]


def test_armed_groups_and_organisations():
    found = actors("Die Hamas, die Hisbollah, die Taliban, der IS und die Nato drohten.")
    assert [c for _, c, _ in found] == ["PSE", "LBN", "AFG", "IMG", "IGO"]


def test_short_mention_resolves_to_the_earlier_full_one():
    found = actors("Linda Thomas-Greenfield, US-Botschafterin bei den Vereinten Nationen, "
                   "sprach. Greenfield sagte, die Lage sei ernst.")
    assert ("Greenfield", "USA", "GOV") in found


def test_unknown_person_after_a_role_takes_its_country():
    found = actors("Der polnische Verteidigungsminister Jan Kowalczyk sprach. Kowalczyk "
                   "warnte.")
    assert found[0][1:] == ("POL", "GOV") and found[1] == ("Kowalczyk", "POL", "GOV")


def test_roles_are_date_bounded():
    assert actors("Angela Merkel sprach.", published=date(2019, 5, 1)) == [
        ("Angela Merkel", "DEU", "GOV")]
    # out of office: still German, but no longer government
    assert actors("Angela Merkel sprach.", published=date(2024, 5, 1)) == [
        ("Angela Merkel", "DEU", None)]


def test_role_without_country_takes_the_state_the_text_is_about():
    found = actors("Ägypten schloss die Grenze. Der Außenminister verteidigte den Schritt.")
    assert found[-1] == ("Außenminister", "EGY", "GOV")


def test_capital_after_in_is_a_place_not_an_actor():
    doc = run("Die Minister trafen sich in Kiew.").doc
    assert [(p.text, p.name, p.country) for p in doc._.places] == [("Kiew", "Kyiv", "UKR")]


def test_english_actors():
    found = actors("Russia's foreign ministry and U.S. officials met in Geneva.", lang="en")
    assert found == [("Russia's foreign ministry", "RUS", "GOV"), ("U.S. officials", "USA", "GOV")]
    found = actors("Secretary of State Antony Blinken met Chinese President Xi Jinping.",
                   published=date(2023, 6, 19), lang="en")
    assert [c for _, c, _ in found] == ["USA", "CHN"]


def test_dateline_city_is_no_actor():
    assert actors("Kiew – Die Regierung Polens kritisierte Belarus.")[0] == (
        "Regierung Polens", "POL", "GOV")


def test_unknown_capitalised_words_after_a_colon_or_von_are_no_names():
    assert actors("Dazu Folgendes: Gemeinsam erreichten sie viel.") == []
    assert actors("Die Jets wurden von Spangdahlem verlegt.") == []


def test_people_are_of_the_place_their_own_sentence_names():
    found = actors("Frankreich kritisierte Italien. Die Lage blieb angespannt. "
                   "Tausende Menschen demonstrierten in Belgrad.")
    assert ("Menschen", "SRB", "CVL") in found
    # officials are not placed by a later place name: they may be abroad
    found = actors("Frankreich kritisierte Italien. Die Lage blieb angespannt. "
                   "Der Minister sprach in Belgrad.")
    assert ("Minister", None, "GOV") in found


def test_an_english_state_owns_no_role_across_a_verb():
    found = actors("Groups in Egypt are demanding that President Sisi resign.", lang="en")
    assert ("Egypt", "EGY", "GOV") in found and all("demanding" not in t for t, _, _ in found)
    assert [t for t, _, _ in actors("Egypt's ruling party won.", lang="en")] == [
        "Egypt's ruling party"]


def test_an_english_title_word_that_is_the_role_takes_no_verb_along():
    assert [t for t, _, _ in actors("Police used force. Kenyan police arrested two men.",
                                    lang="en")][:2] == ["Police", "Kenyan police"]
    assert [t for t, _, _ in actors("The Police Chief resigned.", lang="en")] == [
        "Police Chief"]


def test_a_people_after_a_country_adjective_belongs_to_that_state():
    found = actors("Bosnian Croats and Turkish Cypriots marched.", lang="en")
    assert [(t, c) for t, c, _ in found] == [("Bosnian Croats", "BIH"),
                                             ("Turkish Cypriots", "TUR")]


def test_an_ethnic_minority_is_of_the_state_it_lives_in():
    found = actors("Ethnic Hungarians rallied in Romania on Sunday.", lang="en")
    assert ("Hungarians", "ROU", "CVL") in found


def test_plain_nouns_between_adjective_and_role():
    found = actors("Greek dock workers and Polish border guards met.", lang="en")
    assert [(t, c) for t, c, _ in found] == [("Greek dock workers", "GRC"),
                                             ("Polish border guards", "POL")]


def test_security_forces_in_a_state_are_that_states_police():
    assert actors("Security forces in Chad arrested him.", lang="en")[0][1:] == ("TCD", "COP")
    assert actors("Russian troops in Syria moved.", lang="en")[0][1] == "RUS"


def test_a_verb_between_a_preposition_and_a_name_governs_the_name():
    found = run("They tried to assassinate Prime Minister Ali Zeidan.", "en",
                date(2013, 5, 1)).doc._.actors
    assert [m.prep for m in found if "Zeidan" in m.text] == [None]
