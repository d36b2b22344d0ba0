"""The English coder shares the mechanism; these are its English rules, on sentences
written for the tests."""

from __future__ import annotations

from helpers import codes, events, triples


def en(text):
    return triples(text, lang="en")


def test_subject_verb_object():
    assert en("Russia attacked Ukraine on Monday.") == [("ASSAULT", ("RUS",), ("UKR",))]


def test_titles_and_possessives_give_the_country():
    assert en("Taiwan's Vice Foreign Minister visited Japan.") == [
        ("CONSULT", ("TWN",), ("JPN",))]
    assert en("British Defence Secretary John Smith criticised Iran.") == [
        ("ACCUSE", ("GBR",), ("IRN",))]


def test_a_group_of_actors_acts():
    [(type_, sources, targets)] = en("A group of French diplomats met Chinese officials.")
    assert (type_, sources, targets) == ("CONSULT", ("FRA",), ("CHN",))


def test_pledge_of_cooperation_is_agree():
    assert en("Finland will give Kenya a grant of 10 million euros.") == [
        ("AGREE", ("FIN",), ("KEN",))]


def test_announced_coercion_is_a_threat():
    found = en("The Palestinian Authority said it would boycott talks with Israel.")
    assert ("THREATEN", ("PSE",), ("ISR",)) in found and "AGREE" not in [t[0] for t in found]


def test_refused_cooperation_is_reject():
    [e] = events("Syria will not accept more refugees from Iraq.", lang="en")
    assert (e.type, codes(e.source), e.status) == ("REJECT", ("SYR",), "asserted")


def test_demand_targets_the_subject_of_what_is_demanded():
    assert en("China demanded that the United States cancel the arms sale.") == [
        ("REQUEST", ("CHN",), ("USA",))]


def test_owner_of_the_object_is_the_target():
    assert ("REJECT", ("BGD",), ("IND",)) in en("Bangladesh rejected an Indian proposal.")


def test_gerund_after_a_preposition_is_no_event():
    assert [t[0] for t in en("Canada accused Iran of attacking ships.")] == ["ACCUSE"]


def test_passive_with_by():
    assert en("Kyiv was attacked by Russia.") == [("ASSAULT", ("RUS",), ("UKR",))]


def test_threat_is_about_whom_its_content_names():
    assert en("Azerbaijan threatened to break relations with Russia.") == [
        ("THREATEN", ("AZE",), ("RUS",))]


def test_threat_is_about_the_owner_of_what_it_names():
    assert en("Hungary threatened to veto Finland's membership.") == [
        ("THREATEN", ("HUN",), ("FIN",))]


def test_protest_without_target_addresses_the_government_where_it_happens():
    assert en("Palestinian prisoners rioted at a jail in Israel.") == [
        ("PROTEST", ("PSE",), ("ISR",))]


def test_what_is_rejected_is_part_of_the_rejection():
    assert en("Bangladesh rejected an Indian proposal.") == [("REJECT", ("BGD",), ("IND",))]


def test_content_of_a_demand_or_denial_is_no_event_of_its_own():
    assert [t[0] for t in en("The United Nations called on both sides to agree to a "
                             "ceasefire.")] == ["REQUEST"]
    assert en("Iran denied supplying weapons to Russia.") == [("REJECT", ("IRN",), ("RUS",))]


def test_attack_with_unknown_attacker_keeps_its_victims():
    assert en("At least three Iraqi civilians have been killed in a car bombing.") == [
        ("ASSAULT", (), ("IRQ",))]


def test_victims_named_by_the_owner_of_the_passive_subject():
    assert en("A camp for Congolese refugees was attacked by Burundian militiamen.") == [
        ("ASSAULT", ("BDI",), ("COD",))]


def test_country_adjective_before_an_unknown_plural_names_who_acts():
    assert en("Thousands of Iraqi Kurds demonstrated in Kirkuk.") == [
        ("PROTEST", ("IRQ",), ("IRQ",))]
    # the plural may end a compound: "Vietnamese fishing boats"
    assert en("Vietnamese fishing boats attacked a Chinese trawler.")[0][1] == ("VNM",)


def test_a_city_attacked_stands_for_its_state_and_is_the_place():
    [e] = events("Syrian troops shelled Aleppo on Sunday.", lang="en")
    assert (e.type, codes(e.source), codes(e.target)) == ("ASSAULT", ("SYR",), ("SYR",))
    assert e.location.name == "Aleppo"
    [e] = events("Odesa was bombed overnight.", lang="en")
    assert codes(e.target) == ("UKR",) and e.location.country == "UKR"
    # a city after a preposition is the scene, not the target
    assert en("Rebels attacked a convoy near Goma.") == []


def test_people_and_artillery_are_actors():
    assert en("Thousands of people protested in Nairobi on Friday.") == [
        ("PROTEST", ("KEN",), ("KEN",))]
    [e] = events("Kharkiv was shelled overnight by Russian artillery.", lang="en")
    assert (codes(e.source), codes(e.target)) == (("RUS",), ("UKR",))


def test_a_rejection_is_aimed_at_whoever_made_what_it_rejects():
    assert en("Russia denied the accusations by the Czech Republic.") == [
        ("REJECT", ("RUS",), ("CZE",))]
    assert en("China rejected a proposal from the European Union.") == [
        ("REJECT", ("CHN",), ("IGO",))]


def test_an_attack_on_what_an_actor_holds_targets_the_actor():
    assert en("Israeli tanks shelled positions of the Palestinian security forces.") == [
        ("ASSAULT", ("ISR",), ("PSE",))]


def test_a_support_verb_used_as_a_noun_makes_no_event():
    # "positions" is no "position (troops)": only the attack is coded
    assert [t for t, _, _ in en("Turkish jets bombed positions of Kurdish forces in Iraq.")] \
        == ["ASSAULT"]


def test_a_possessive_s_is_no_support_verb():
    [(type_, sources, targets)] = en(
        "Brazil's foreign minister held a meeting with his Argentine counterpart.")
    assert (type_, sources, targets) == ("CONSULT", ("BRA",), ("ARG",))


def test_a_promise_is_for_whoever_the_promised_act_is_done_to():
    assert ("AGREE", ("FRA",), ("MLI",)) in en(
        "The French defence minister has promised to continue military aid to war-torn Mali.")


def test_a_weapon_that_kills_makes_an_attack_by_unnamed_attackers_of_the_place():
    [e] = events("A roadside bomb near the town of Kandahar killed four Afghan police officers.",
                 lang="en")
    assert e.type == "ASSAULT" and codes(e.target) == ("AFG",)
    assert codes(e.source) == ("AFG",) and e.source[0].sector is None  # unnamed, placed
    assert e.location.country == "AFG" and e.location.text == "Kandahar"
    [e] = events("An explosion wounded twelve Pakistani civilians.", lang="en")
    assert codes(e.source) == () and codes(e.target) == ("PAK",)  # no place: no country


def test_the_city_of_names_a_place():
    [e] = events("Syrian troops shelled the northern city of Aleppo.", lang="en")
    assert e.location.name == "Aleppo" and codes(e.target) == ("SYR",)


def test_a_threat_is_against_whoever_the_threatened_act_is_done_to():
    assert en("Turkey threatened to ban flights to Cyprus.") == [
        ("THREATEN", ("TUR",), ("CYP",))]


def test_tear_gas_custody_and_free_of_charge():
    assert en("Chilean police used tear gas on demonstrators.") == [
        ("ASSAULT", ("CHL",), ("CHL",))]
    assert en("Kenyan police have taken two opposition leaders into custody.") == [
        ("COERCE", ("KEN",), ("KEN",))]
    # "charge" after "of" is a noun: no accusation
    assert "ACCUSE" not in [t for t, _, _ in en(
        "The French government offers free of charge tests to Algerian students.")]


def test_a_threat_warns_the_subject_of_its_condition():
    assert en("China has threatened to halt trade talks if Australia goes ahead.") == [
        ("THREATEN", ("CHN",), ("AUS",))]


def test_accepting_demands_is_a_concession_to_whoever_made_them():
    assert en("Kenya's government accepted demands from striking doctors.") == [
        ("CONCEDE", ("KEN",), ("KEN",))]  # doctors take the country of the article


def test_expelling_officials_is_a_sanction_expelling_migrants_a_deportation():
    [e] = events("Britain expelled two Russian diplomats for spying.", lang="en")
    assert (e.type, e.mode, codes(e.target)) == ("SANCTION", "expel", ("RUS",))
    [e] = events("Italy expelled dozens of Tunisian migrants.", lang="en")
    assert (e.type, e.mode) == ("COERCE", "deport")


def test_armed_forces_that_arrive_are_deployed_peacekeepers_are_aid():
    [e] = events("Russian troops arrived in Belarus for joint exercises.", lang="en")
    assert (e.type, e.mode, codes(e.target)) == ("MOBILIZE", "troops", ("BLR",))
    [e] = events("The first NATO peacekeeping troops have arrived in Kosovo.", lang="en")
    assert (e.type, e.mode, e.cameo_code) == ("AID", "peacekeeping", "074")
    [e] = events("The German defence minister visited Lithuania.", lang="en")
    assert (e.type, e.mode) == ("CONSULT", "visit")


def test_a_verb_that_launches_an_act_gives_it_its_subject():
    [e] = events("Qatar's emir launched a mediation effort between Egypt and Ethiopia.",
                 lang="en")
    assert (e.type, codes(e.source), set(codes(e.target))) == ("CONSULT", ("QAT",),
                                                               {"EGY", "ETH"})
    # a verb that judges the act does not make its subject the actor of it
    assert ("ASSAULT", ("GBR",), ()) not in en("The British minister condemned the attack.")


def test_a_suspension_announced_is_a_sanction():
    assert en("Canada announced a suspension of flights to Haiti.") == [
        ("SANCTION", ("CAN",), ("HTI",))]


def test_a_withdrawal_from_a_town_is_from_its_state():
    assert en("Serbian troops completed their withdrawal from the town of Gorazde.") == [
        ("RETREAT", ("SRB",), ("BIH",))]  # the name without its diacritic (Goražde)


def test_support_and_criticism_of_what_an_actor_has_target_the_actor():
    assert en("The United States defended the right of Israeli troops to respond.") == [
        ("SUPPORT", ("USA",), ("ISR",))]
    assert en("The EU criticised the policies of Hungary's government.") == [
        ("ACCUSE", ("IGO",), ("HUN",))]


def test_a_demand_is_addressed_to_whoever_is_to_act():
    assert en("Estonia demanded better protection by NATO.") == [
        ("REQUEST", ("EST",), ("IGO",))]


def test_failing_to_act_negates_the_act():
    [e] = events("Canada failed to send the aid to Haiti.", lang="en")
    assert e.type == "AID" and e.status == "negated"
    # failing to agree is no agreement: a rejection
    [e] = events("Serbs and Albanians failed to reach an agreement on the border.", lang="en")
    assert e.type == "REJECT" and e.status == "asserted"


def test_what_is_sent_is_not_whom_a_promise_is_for():
    assert ("AGREE", ("KEN",), ("HTI",)) in en("Kenya agreed to send police officers to Haiti.")


def test_an_act_announced_unless_a_condition_is_met_is_a_threat():
    assert ("THREATEN", ("GHA",), ("TGO",)) in en(
        "Ghana will cut aid to Togo unless the government releases the prisoners.")


def test_an_act_in_a_condition_is_no_event_of_its_own():
    # the condition is part of the threat; nothing in it happened
    found = en("Ghana will cut aid to Togo unless the government releases the prisoners.")
    assert [t[0] for t in found] == ["THREATEN"]
    assert [t[0] for t in en("Nigerian doctors said they would strike unless the minister agrees to "
                             "resign.")] == ["THREATEN"]
    assert [t[0] for t in triples("Polen droht mit Sanktionen, falls Belarus die Grenze "
                                  "schließt.")] == ["THREATEN"]


def test_what_protesters_demand_is_the_protests_aim():
    assert en("Thousands of Chilean students marched in Santiago to demand free "
              "education.") == [("PROTEST", ("CHL",), ("CHL",))]


def test_one_attack_that_kills_and_wounds_is_one_event():
    found = en("A roadside bomb killed two Nigerian soldiers and wounded four others.")
    assert [t[0] for t in found] == ["ASSAULT"]


def test_agreeing_to_cooperate_is_one_agreement_but_a_promised_sanction_a_threat():
    assert [t[0] for t in en("Chile and Peru agreed that their navies should cooperate.")] \
        == ["AGREE"]
    assert [t[0] for t in en("Canada promised to impose sanctions on Iran.")] == ["THREATEN"]


def test_a_noun_after_a_named_modifier_is_no_verb():
    assert [t[0] for t in en("Serbia rejected a French offer to host talks.")] == ["REJECT"]
    assert en("The long-threatened strike began.") == []


def test_people_blocking_a_way_protest_states_blocking_a_decision_reject():
    assert en("Angry Chilean farmers blocked the main road in Santiago.") == [
        ("PROTEST", ("CHL",), ("CHL",))]
    assert en("Hungary blocked the EU sanctions package.") == [("REJECT", ("HUN",), ("IGO",))]


def test_lifting_a_state_of_emergency_or_shortening_a_curfew_is_a_concession():
    assert [t for t, _, _ in en("Sudan's government lifted a state of emergency in Darfur.")] \
        == ["CONCEDE"]
    assert [t for t, _, _ in en("The government of Chad shortened the nightly curfew.")] \
        == ["CONCEDE"]


def test_an_obligation_in_reported_speech_is_the_speakers_demand():
    assert en("Russia said on Tuesday that Sudan must return the captured helicopter.") == [
        ("REQUEST", ("RUS",), ("SDN",))]


def test_an_apposition_does_not_take_the_subject():
    assert en("Chile, a close U.S. partner in the region, has refused to deploy soldiers "
              "in Bolivia.") == [("REJECT", ("CHL",), ("BOL",))]


def test_the_scene_of_an_attack_or_threat_stands_for_its_state():
    assert en("Turkish jets bombed targets in northern Iraq.") == [
        ("ASSAULT", ("TUR",), ("IRQ",))]
    assert en("Kenya's president threatened to impose a curfew in Mombasa.") == [
        ("THREATEN", ("KEN",), ("KEN",))]


def test_a_meeting_with_a_partner_goes_from_the_subject_to_the_partner():
    assert en("The Dutch minister held talks with the Japanese ambassador.") == [
        ("CONSULT", ("NLD",), ("JPN",))]
    assert en("Chile and Peru held talks on Monday.") == [("CONSULT", ("CHL", "PER"), ())]


def test_a_state_before_a_verb_owns_no_role_after_it():
    # "mobilized" is the verb, not an adjective of "army"; whom they are mobilised against
    # is the target
    assert en("Poland mobilized army reservists for a possible war against Belarus.") == [
        ("MOBILIZE", ("POL",), ("BLR",))]


def test_a_word_after_a_country_adjective_is_a_noun():
    assert en("Ukrainian protests against Russian rule spread.") == [
        ("PROTEST", ("UKR",), ("RUS",))]


def test_lifting_a_blockade_is_a_retreat():
    # PLOVER's CAMEO cross-walk: easing a military blockade is RETREAT (0872)
    assert [t[0] for t in en("Egypt lifted its blockade of the border town on Monday.")] \
        == ["RETREAT"]


def test_a_protest_with_no_addressee_is_addressed_to_the_own_government():
    assert en("Young Chileans blocked roads leading to the city centre on Sunday.") == [
        ("PROTEST", ("CHL",), ("CHL",))]


def test_withdrawing_inspectors_or_recalling_an_ambassador_is_a_sanction():
    assert en("Canada recalled its ambassador from Riyadh on Monday.") == [
        ("SANCTION", ("CAN",), ("SAU",))]
    # announced, it is a threat (a coercive act promised)
    assert en("The UN will withdraw its inspectors from Iraq.") == [
        ("THREATEN", ("IGO",), ("IRQ",))]
    assert triples("Die Niederlande riefen ihren Botschafter aus Moskau zurück.") == [
        ("SANCTION", ("NLD",), ("RUS",))]


def test_accepting_demands_of_unknown_authors_is_a_concession():
    assert [t[0] for t in en("The government accepted demands from striking dockers.")] == [
        "CONCEDE"]


def test_a_protest_announced_keeps_its_demand_as_its_aim():
    assert en("Angry Greek farmers said they would blockade Athens on Monday to demand an "
              "end to the reform.") == [("THREATEN", ("GRC",), ("GRC",))]


def test_compound_nouns_and_nouns_after_prepositions_are_no_verbs():
    # "war games" are exercises, not a war; "in protest of" is no protest of its own
    assert [t[0] for t in en("Greek and Turkish warships launched war games.")] == []
    assert [t[0] for t in en("Danish farmers went on a hunger strike.")] == ["PROTEST"]
    assert [t[0] for t in en("Kenya expelled the envoy in protest.")] == ["SANCTION"]


def test_the_object_of_an_infinitive_is_no_verb():
    assert [t[0] for t in en("China and Chile signed an agreement to increase trade.")] == [
        "AGREE"]


def test_a_capitalised_plural_at_the_start_is_a_noun():
    assert [t[0] for t in en("Protests against Russian rule spread in Georgia.")] == [
        "PROTEST"]


def test_a_country_adjective_in_the_object_names_its_owner_first():
    assert en("Serbia rejected an Australian ultimatum to hand over a guard of the Yugoslav "
              "consulate.") == [("REJECT", ("SRB",), ("AUS",))]


def test_irregular_pasts_are_verbs_and_but_joins_clauses():
    assert en("Some 8,000 Syrian Kurds sought refuge in Germany last month.") == [
        ("REQUEST", ("SYR",), ("DEU",))]
    assert ("REJECT", ("BEN",), ("GHA",)) in en(
        "Benin opened its border, but was still refusing admittance to Ghanaians.")


def test_violating_a_ban_defies_its_author():
    assert en("A Lebanese newspaper violated a ban by the Syrian army.") == [
        ("REJECT", ("LBN",), ("SYR",))]


def test_what_an_act_goes_against_and_what_waits_until_are_no_events():
    assert [t[0] for t in en("The Kenyan minister declined to resign despite growing "
                             "pressure by the opposition.")] == ["REJECT"]
    assert [t[0] for t in en("Sudanese rebels rejected the Kenyan plan until their demands "
                             "were met.")] == ["REJECT"]


def test_a_relative_clause_in_the_past_perfect_is_background():
    assert [t[0] for t in en("Fijian rebels freed the Indian envoy, whom they had taken "
                             "hostage in May.")] == ["RETREAT"]


def test_demands_that_are_met_are_no_meeting():
    assert en("Chile's ministry said that the new demands of Peru could not be met.") == []


def test_a_gift_from_an_official_is_aid():
    assert en("The watch was a gift from a Ukrainian official.") == [("AID", ("UKR",), ())]


def test_a_named_summit_in_a_scene_phrase_is_background():
    # the summit is where it happened, not a meeting coded of its own
    assert [t[0] for t in en("Police arrested a Danish activist during a G8 summit in "
                             "Genoa.")] == ["COERCE"]


def test_what_is_demanded_is_no_event_all_the_way_down():
    assert en("China demanded that the US cancel plans to sell missiles to Taiwan.") == [
        ("REQUEST", ("CHN",), ("USA",))]
    # a noun's that-clause is its content, not a relative clause
    assert [t[0] for t in en("Poland demanded an admission by Moscow that Soviet forces "
                             "murdered Polish officers.")] == ["REQUEST"]


def test_prohibiting_aid_is_a_sanction():
    assert [t[0] for t in en("Canada prohibited all aid to the Sri Lankan army.")] == [
        "SANCTION"]


def test_it_stands_for_a_state_or_body_never_a_person():
    assert en("Ghana announced that it will withdraw its peacekeepers from Mali unless "
              "President Keita signs the accord.")[0][:2] == ("THREATEN", ("GHA",))


def test_adjectives_after_a_preposition_keep_the_next_word_a_noun():
    assert [t[0] for t in en("Chad lifted a curfew that was imposed after bloody tribal "
                             "clashes there.")] == ["CONCEDE"]


def test_failing_to_reach_agreement_is_a_rejection():
    assert en("Chile and Peru failed to reach agreement on the border.") == [
        ("REJECT", ("CHL", "PER"), ())]


def test_an_order_to_stop_or_leave_coerces():
    assert [t[0] for t in en("Nicaragua's government ordered the opposition newspaper to "
                             "suspend publication.")] == ["COERCE"]
    assert [t[0] for t in en("The Chilean court ordered Peru to pay compensation.")] == [
        "REQUEST"]


def test_authorities_who_put_up_barricades_do_not_protest():
    assert en("Chilean police put up barricades after a counter-protest formed.") == []
    assert [t[0] for t in en("Chilean farmers put up barricades on the highway.")] == [
        "PROTEST"]
