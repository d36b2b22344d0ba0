"""The German event coder, one rule family at a time, on sentences written for the tests."""

from __future__ import annotations

from helpers import codes, events, triples


def one(text):
    found = events(text)
    assert len(found) == 1, [(e.type, codes(e.source), codes(e.target)) for e in found]
    return found[0]


# -- triggers ------------------------------------------------------------------------------
def test_separable_particle_at_clause_end():
    assert triples("Frankreich forderte die Türkei am Montag auf, die Grenze zu öffnen.") == [
        ("REQUEST", ("FRA",), ("TUR",))]


def test_joined_particle_in_participle():
    assert triples("Frankreich hat die Türkei aufgefordert, die Grenze zu öffnen.") == [
        ("REQUEST", ("FRA",), ("TUR",))]


def test_passive_takes_the_agent_as_source():
    e = one("Der Iran wurde von den USA sanktioniert.")
    assert (e.type, codes(e.source), codes(e.target)) == ("SANCTION", ("USA",), ("IRN",))


def test_noun_event_with_its_own_frame():
    assert triples("Russische Angriffe auf die Ukraine gingen weiter.") == [
        ("ASSAULT", ("RUS",), ("UKR",))]


def test_support_verb_construction():
    assert triples("Die EU-Kommission hat Sanktionen gegen Belarus verhängt.") == [
        ("SANCTION", ("IGO",), ("BLR",))]


def test_background_noun_without_actors_is_no_event():
    assert triples("Die Sanktionen zeigen kaum Wirkung.") == []


def test_prepositional_target():
    assert triples("Die USA lieferten Panzer an die Ukraine.") == [("AID", ("USA",), ("UKR",))]
    assert one("Die USA lieferten Panzer an die Ukraine.").mode == "military"


# -- actors from the clause ------------------------------------------------------------------
def test_dative_object_is_the_target_not_the_source():
    assert triples("Dem Iran warf Saudi-Arabien am Dienstag Spionage vor.") == [
        ("ACCUSE", ("SAU",), ("IRN",))]


def test_coordinated_targets_stay_in_one_event():
    e = one("Die Nato warf Russland und Belarus vor, die Grenze zu verletzen.")
    assert codes(e.target) == ("RUS", "BLR")


def test_mutual_event_lists_all_parties_as_sources():
    e = one("Putin und Xi trafen sich in Peking.")
    assert (e.type, codes(e.source), codes(e.target)) == ("CONSULT", ("RUS", "CHN"), ())


def test_partner_with_mit_is_the_target_of_a_mutual_act():
    # the subject acts, the partner it meets is the target (as CAMEO and PLOVER code it)
    e = one("Frankreich verhandelte mit Iran über das Atomprogramm.")
    assert (codes(e.source), codes(e.target)) == (("FRA",), ("IRN",))


def test_coordination_reaches_over_the_seat_of_a_government():
    # "die Regierung in Khartum und die RSF": Khartum is where the government sits
    e = one("Die Regierung in Khartum und die RSF verhandeln in Dschidda.")
    assert [m.text for m in e.source] == ["Regierung", "RSF"]
    assert e.target == []


def test_subject_left_out_in_a_coordinated_clause():
    found = triples("Kanzler Olaf Scholz lobte Frankreich und forderte Russland auf, den "
                    "Krieg zu beenden.")
    assert ("REQUEST", ("DEU",), ("RUS",)) in found


def test_pronoun_subject_takes_the_last_person():
    found = triples("Kanzler Olaf Scholz reiste nach Paris. Er kritisierte Russland scharf.")
    assert ("ACCUSE", ("DEU",), ("RUS",)) in found


def test_no_event_without_a_source():
    assert triples("Es wurde heftig kritisiert.") == []


def test_what_someone_is_asked_to_do_is_not_an_event_of_its_own():
    assert triples("Ungarn lehnt es ab, Russland zu sanktionieren.") == [
        ("REJECT", ("HUN",), ())]


# -- status ----------------------------------------------------------------------------------
def test_sollen_marks_a_claim_as_reported():
    assert one("Nordkorea soll Russland Munition geliefert haben.").status == "reported"


def test_angeblich_marks_a_claim_as_reported():
    assert one("Angeblich hat China Waffen an Russland geliefert.").status == "reported"


def test_konjunktiv_marks_reported_speech():
    e = one("Der Iran habe Russland mit Drohnen beliefert, sagten westliche Beamte.")
    assert e.status == "reported" and codes(e.source) == ("IRN",)


def test_modal_and_planning_verbs_make_events_hypothetical():
    assert one("Die Türkei könnte Schweden bald unterstützen.").status == "hypothetical"
    e = one("Nordkorea erwägt, Russland Raketen zu liefern.")
    assert (e.type, e.status, codes(e.source)) == ("AID", "hypothetical", ("PRK",))


def test_negation_with_nicht_and_kein():
    assert one("Russland hat die Ukraine nicht angegriffen.").status == "negated"
    assert one("Berlin hat Kiew keine Kampfjets geliefert.").status == "negated"


def test_denial_is_a_reject_linked_to_the_claim():
    found = events("Die USA warfen China vor, Hacker zu unterstützen. "
                   "Peking wies die Vorwürfe zurück.")
    accuse, reject = found
    assert (accuse.type, reject.type, reject.status) == ("ACCUSE", "REJECT", "denied")
    assert reject.denies == [accuse.event_id]
    assert codes(reject.target) == ("USA",)


def test_co_deniers_each_deny():
    found = events("Nordkorea unterstellt den USA, einen Angriff vorzubereiten, was Washington "
                   "und Seoul bestreiten.")
    rejects = [e for e in found if e.type == "REJECT"]
    assert sorted(codes(e.source) for e in rejects) == [("KOR",), ("USA",)]
    assert all(e.denies for e in rejects)


def test_promised_sanction_is_a_threat():
    found = triples("Der Minister versprach, dass die USA Sanktionen gegen alle beteiligten "
                    "Firmen verhängen würden.")
    assert [t[0] for t in found] == ["THREATEN"]


# -- attribution ------------------------------------------------------------------------------
def test_direct_quote_is_attributed_to_the_speaker():
    e = one('"Wir werden Israel nicht angreifen", sagte der iranische Außenminister.')
    assert codes(e.source) == ("IRN",)
    assert e.attributed_to is not None and e.attributed_to.country == "IRN"


def test_laut_attributes_reported_speech():
    e = one("Laut der Regierung in Teheran hat Israel Ziele in Syrien bombardiert.")
    assert e.attributed_to is not None and e.attributed_to.country == "IRN"
    assert e.status == "reported"


# -- one event per action, evidence -------------------------------------------------------------
def test_noun_and_its_support_verb_are_one_action():
    found = triples("Nordkorea erwägt, Russlands Streitkräften militärische Unterstützung zu "
                    "gewähren.")
    assert len(found) == 1 and found[0][0] == "AID"


def test_noun_setting_the_scene_is_the_same_act_as_the_verb():
    # "bei Gefechten ... getötet": the fighting and the killing are one assault
    found = events("Bei Gefechten zwischen der Armee und Rebellen im Norden Malis wurden "
                   "acht Soldaten getötet.")
    assert [e.type for e in found] == ["ASSAULT"]
    # "nach dem Treffen": a noun that names an earlier act stays an event of its own
    found = events("Nach dem Treffen des Kanzlers mit dem französischen Präsidenten traf "
                   "Scholz den US-Präsidenten in Washington.")
    assert [e.type for e in found] == ["CONSULT", "CONSULT"]
    # ... and its "mit" partner is no partner of the verb's meeting
    assert (codes(found[1].source), codes(found[1].target)) == (("DEU",), ("USA",))


def test_evidence_points_at_the_trigger():
    text = "Am Montag kritisierte Polen die Regierung in Minsk."
    e = one(text)
    assert text[e.evidence.start:e.evidence.end] == e.evidence.text == "kritisierte"
    assert e.evidence.rule.startswith("de.v.")
    assert e.date == "2024-03-11" and e.date_precision == "day"


# -- when and where -----------------------------------------------------------------------------
def test_event_takes_the_place_and_time_of_its_clause():
    e = one("Russland griff am Montag Ziele in Charkiw an.")
    assert (e.location.name, e.location.country) == ("Kharkiv", "UKR")
    assert (e.date, e.date_precision) == ("2024-03-11", "day")


def test_place_after_an_organisation_is_the_event_location():
    e = one("Die US-Botschafterin kritisierte Russland bei den Vereinten Nationen in New York.")
    assert e.location.name == "New York City" and codes(e.source) == ("USA",)


def test_without_a_time_expression_the_publication_date_is_used():
    e = one("Polen kritisierte Belarus.")
    assert (e.date, e.date_precision) == ("2024-03-14", "publication")


def test_without_a_publication_date_relative_dates_stay_open():
    [e] = events("Am Montag kritisierte Polen Belarus.", published=None)
    assert (e.date, e.date_precision) == (None, None)


def test_capital_is_the_place_visited_and_the_government_that_acts():
    visit = one("Der russische Außenminister besuchte Pjöngjang.")
    assert codes(visit.target) == ("PRK",) and visit.location.name == "Pyongyang"
    aid = one("Pjöngjang lieferte Raketen an Moskau.")
    assert (codes(aid.source), codes(aid.target)) == (("PRK",), ("RUS",))


def test_polite_sie_is_no_actor():
    assert triples("Kanzler Olaf Scholz kam. Frage: Wann treten Sie zurück?") == []


def test_people_demonstrating_in_a_capital_protest_its_government():
    assert triples("Tausende Menschen demonstrierten in Belgrad gegen die Regierung.") == [
        ("PROTEST", ("SRB",), ("SRB",))]


def test_passive_without_agent_takes_the_source_of_the_same_act_named_as_noun():
    assert triples("Bei einem Luftangriff der israelischen Armee im Libanon wurden drei "
                   "Menschen getötet.") == [("ASSAULT", ("ISR",), ("LBN",))]


def test_support_verb_idiom_zur_verfuegung_stellen():
    found = triples("Die EU stellt der Ukraine weitere 50 Milliarden Euro zur Verfügung.")
    assert found == [("AID", ("IGO",), ("UKR",))]


def test_phone_call_with_a_counterpart_goes_from_the_caller_to_the_partner():
    [(type_, sources, targets)] = triples(
        "Die polnische Außenministerin telefonierte mit ihrem chinesischen Amtskollegen.")
    assert (type_, sources, targets) == ("CONSULT", ("POL",), ("CHN",))


def test_ordered_arrests_and_tear_gas_against_demonstrators():
    assert triples("Die Regierung in Ankara hat die Festnahme von 20 Journalisten "
                   "angeordnet.") == [("COERCE", ("TUR",), ("TUR",))]
    [e] = events("Die iranische Polizei setzte Tränengas gegen die Demonstranten ein.")
    assert (e.type, e.mode, codes(e.source)) == ("ASSAULT", "crowd-control", ("IRN",))


def test_rejected_accusation_names_its_author_as_target():
    assert triples("Die griechische Regierung wies die Vorwürfe der Türkei zurück.") == [
        ("REJECT", ("GRC",), ("TUR",))]


def test_the_one_condemned_is_who_did_the_condemned_act():
    found = triples("Polen verurteilte die Festnahme eines Journalisten durch die russischen "
                    "Behörden.")
    assert ("ACCUSE", ("POL",), ("RUS",)) in found
    assert [t[1] for t in found if t[0] == "COERCE"] == [("RUS",)]


def test_country_adjective_on_the_object_names_the_target():
    assert triples("Die Marine hat ein griechisches Frachtschiff im Hafen gekapert.")[0][2] \
        == ("GRC",)
    # an adjective inside a prepositional phrase names no one who is attacked
    assert triples("Die Armee hat mit französischen Raketen ein Lager angegriffen.")[0][2] == ()


def test_dative_object_before_a_noun_is_not_the_noun_s_actor():
    # "bot Georgien Gespräche an": Georgien receives the offer; it does not talk alone
    assert triples("Die Türkei hat Georgien Gespräche angeboten.") == [
        ("AGREE", ("TUR",), ("GEO",))]


def test_threat_is_about_the_owner_of_what_it_names():
    assert triples("Ungarn drohte, die Mitgliedschaft Finnlands zu blockieren.") == [
        ("THREATEN", ("HUN",), ("FIN",))]


def test_separable_support_verb_before_the_full_stop():
    # "schränkte die Zusammenarbeit ... ein": the particle ends the sentence
    assert triples("Serbien schränkte die Zusammenarbeit mit Kroatien ein.") == [
        ("SANCTION", ("SRB",), ("HRV",))]


def test_zu_before_an_adjective_is_no_infinitive():
    # "zu friedlichen Protesten": the clause keeps its own subject
    assert triples("Der serbische Präsident rief zu friedlichen Kundgebungen auf.") == [
        ("REQUEST", ("SRB",), ())]


def test_breaking_off_relations_is_a_sanction():
    assert triples("Nicaragua brach im März die Beziehungen zu den Niederlanden ab.") == [
        ("SANCTION", ("NIC",), ("NLD",))]


def test_rejected_delivery_targets_its_recipient():
    assert triples("Der Bundestag hat die Lieferung von Marschflugkörpern an die Ukraine "
                   "abgelehnt.") == [("REJECT", ("DEU",), ("UKR",))]


def test_eine_angegriffene_stadt_steht_fuer_ihren_staat():
    [e] = events("Die Armee bombardierte am Montag Mossul.", lang="de")
    assert e.type == "ASSAULT" and codes(e.target) == ("IRQ",)
    assert e.location.name == "Mosul"
    [e] = events("Moskau beschoss Odessa.", lang="de")  # no person named "Odessa"
    assert (codes(e.source), codes(e.target)) == (("RUS",), ("UKR",))


def test_zurueckweisung_trifft_den_urheber_des_zurueckgewiesenen():
    assert triples("Moskau wies die Kritik von Amnesty International zurück.", lang="de") == [
        ("REJECT", ("RUS",), ("NGO",))]


def test_angriff_auf_stellungen_trifft_ihren_halter():
    assert triples("Die türkische Armee beschoss Stellungen der syrischen Armee.",
                   lang="de") == [("ASSAULT", ("TUR",), ("SYR",))]


def test_eine_bombe_vor_dem_verb_macht_die_akteure_danach_zu_opfern():
    [e] = events("Eine Autobombe tötete am Montag in Kabul fünf afghanische Polizisten.",
                 lang="de")
    assert codes(e.target) == ("AFG",) and e.target[0].text == "afghanische Polizisten"
    assert e.source[0].text == "Autobombe"  # unnamed attackers, placed in Kabul


def test_eine_drohung_gilt_dem_ziel_der_angedrohten_handlung():
    assert triples("Die Türkei drohte, Flüge nach Zypern zu verbieten.", lang="de") == [
        ("THREATEN", ("TUR",), ("CYP",))]


def test_eine_drohung_warnt_das_subjekt_ihrer_bedingung():
    assert triples("Die EU drohte mit neuen Sanktionen, falls Teheran die Anreicherung nicht "
                   "stoppe.", lang="de") == [("THREATEN", ("IGO",), ("IRN",))]


def test_im_passiv_ist_ein_ort_nach_praeposition_kein_ziel():
    # the patient is flown "in ein Krankenhaus": no visit of a hospital by the doctor
    assert triples("Die Verletzte wurde vom Notarzt versorgt und vom Piloten in ein "
                   "Krankenhaus geflogen.", lang="de") == []


def test_angenommene_forderungen_sind_ein_zugestaendnis():
    assert triples("Die Regierung in Lima akzeptierte die Forderungen der Bauern.",
                   lang="de") == [("CONCEDE", ("PER",), ("PER",))]


def test_ein_funktionsverb_gibt_dem_nomen_sein_subjekt():
    assert triples("Die Staatsanwaltschaft in Wien leitete eine Untersuchung gegen den "
                   "Minister ein.", lang="de") == [("ACCUSE", ("AUT",), ("AUT",))]


def test_lob_fuer_die_reformen_einer_regierung_gilt_der_regierung():
    assert triples("Die Bundesregierung lobte die Reformen der ukrainischen Regierung.",
                   lang="de") == [("SUPPORT", ("DEU",), ("UKR",))]


def test_eine_forderung_richtet_sich_an_den_der_handeln_soll():
    assert triples("Litauen fordert einen stärkeren Schutz durch die NATO.", lang="de") == [
        ("REQUEST", ("LTU",), ("IGO",))]


def test_nach_seiner_begegnung_mit_ist_ein_treffen_des_subjekts():
    [(type_, sources, targets)] = triples(
        "Polens Außenminister zeigte sich nach seiner Begegnung mit dem chinesischen "
        "Botschafter zufrieden.", lang="de")
    assert (type_, sources, targets) == ("CONSULT", ("POL",), ("CHN",))


def test_es_sei_denn_macht_die_ankuendigung_zur_drohung():
    assert ("THREATEN", ("FRA",), ("MLI",)) in triples(
        "Frankreich werde seine Soldaten aus Mali abziehen, es sei denn, die Junta lenke ein.",
        lang="de")


def test_und_sein_amtskollege_ist_eine_koordination():
    [(type_, sources, _)] = triples(
        "Modi und sein chinesischer Amtskollege Xi Jinping nutzten ihr Treffen in Delhi.",
        lang="de")
    assert type_ == "CONSULT" and set(sources) == {"IND", "CHN"}


def test_demonstranten_die_marschieren_protestieren():
    assert triples("Tausende Demonstranten marschierten am Samstag in Berlin gegen die "
                   "Regierung.", lang="de") == [("PROTEST", ("DEU",), ("DEU",))]


def test_ein_befehl_das_land_zu_verlassen_ist_zwang():
    assert [t[0] for t in triples("Die russische Regierung befahl den Journalisten, das Land "
                                  "zu verlassen.", lang="de")] == ["COERCE"]
