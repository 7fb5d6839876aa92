"""Claims from encyclopedia-style accounts of offensives: our own paragraphs about the wars in Syria
and Iraq (``tests/data/longform``), written for these tests, annotated by the rules of the dev
articles' ANNOTATION.md before the engine was run on them. Gold rows may list alternatives with
``|`` (two acting sides, a corridor's two ends); ``optional`` rows are right when found but not
counted for recall. Run with ``-s`` to see the figures.

The set was written in four batches, each scored once before any change made for it (the honest
estimate of how the engine does on unseen text of this kind), claim recall / precision:
a (12 paragraphs) 0.755 / 0.922; b (12, denser) 0.582 / 0.769; c (10, after the first round of
changes) 0.508 / 0.745; d (6 article-shaped texts with background and aftermath) 0.727 / 0.794.
The mechanisms tested below were then added for the classes these batches and the dev articles share;
the whole set now scores recall 0.77 (155/202), precision 0.89 (181/204)."""
from pathlib import Path

import pytest

from geo.claims import ClaimExtractor
from geo.model import Document

DATA = Path(__file__).parent / "data" / "longform"


def claims_of(geoparser, text):
    doc = Document("t", text)
    return ClaimExtractor().extract(doc, geoparser.parse(doc))


def triples(geoparser, text):
    return {(c.actor, c.relation, c.place.name) for c in claims_of(geoparser, text)}


# ---- mechanisms these paragraphs showed missing (each sentence here is ours, not from the set)
def test_a_party_that_reports_an_agentless_capture_made_it(geoparser):
    # 'X declared that Y had been captured': the speaker speaks of its own deed
    assert ("SDF", "control", "Manbij") in triples(geoparser, "On Friday the SDF announced that the city of Manbij had been liberated.")
    assert ("Iraqi forces", "control", "Baiji") in triples(geoparser, "The Iraqi army said that Baiji had been fully retaken.")
    # an agent after 'by' still acts, and a monitor is no party
    assert ("Rebels", "control", "Saraqib") not in triples(geoparser, "Rebels said Saraqib had been captured by government forces.")
    assert triples(geoparser, "SOHR said Saraqib had been captured.") == set()


def test_two_holders_of_one_place_at_two_times_are_both_kept(geoparser):
    found = triples(geoparser, "ISIL seized Baiji in 2014. The town stayed under ISIL control until October 2015, "
                               "when Iraqi troops retook it.")
    assert {("ISIS", "control", "Baiji"), ("Iraqi forces", "control", "Baiji")} <= found


def test_a_fronted_helper_is_no_partner_of_the_subject(geoparser):
    assert triples(geoparser, "Backed by coalition jets, Peshmerga fighters took Zummar.") == {("Peshmerga", "control", "Zumar")}
    assert triples(geoparser, "With the support of coalition aircraft, the Peshmerga captured Zummar.") == {("Peshmerga", "control", "Zumar")}
    # each helper of a list after the support word helps
    assert triples(geoparser, "With the support of US aircraft and Iraqi artillery, the Peshmerga took Zummar.") == {
        ("Peshmerga", "control", "Zumar")}


def test_an_apposition_names_the_town_it_describes(geoparser):
    # 'X, a town in ...' is X: 'the town' of the next sentence is X, not an unnamed town
    found = triples(geoparser, "In May 2015 ISIL captured al-Sukhnah, a town in the desert north-east of Palmyra. "
                               "The army retook the town in August 2017.")
    assert ("Syrian government", "control", "al-Sukhnah") in found


def test_a_lead_names_its_doer_after_a_date_and_keeps_the_holder_it_names(geoparser):
    found = triples(geoparser, "The Baiji offensive was a military operation launched in October 2015 by the Iraqi Army "
                               "to recapture the ISIL-held town of Baiji.")
    assert {("Iraqi forces", "contested", "Baiji"), ("ISIS", "control", "Baiji")} <= found
    assert ("Iraqi forces", "control", "Baiji") not in found


def test_reaching_a_place_is_an_advance_on_it(geoparser):
    assert triples(geoparser, "On 2 May Iraqi troops reached the town of Baiji.") == {("Iraqi forces", "advance", "Baiji")}
    assert triples(geoparser, "The SDF reached the eastern outskirts of Manbij.") == {("SDF", "advance", "Manbij")}
    # an agreement, a toll, reinforcements kept from reaching: no move
    assert triples(geoparser, "The SDF and the army reached a deal over Manbij.") == set()
    assert triples(geoparser, "The rebels kept army reinforcements from reaching Baiji.") == set()


def test_turning_or_pushing_towards_a_place_is_an_advance(geoparser):
    assert triples(geoparser, "The army then turned north towards Tadef.") == {("Syrian government", "advance", "Tādif")}
    assert triples(geoparser, "Iraqi troops pushed west along the highway to Rutba.") == {("Iraqi forces", "advance", "Rutba")}
    # a push to take it is a fight for it, as before
    assert ("Iraqi forces", "advance", "Rutba") not in triples(geoparser, "Iraqi troops pushed west to retake Rutba.")


def test_after_taking_a_place_the_subject_holds_it(geoparser):
    assert ("SDF", "control", "Tabqa") in triples(geoparser, "After taking Tabqa, the SDF turned east.")


def test_two_demonyms_share_one_force_noun(geoparser):
    found = triples(geoparser, "Iraqi and American jets bombed Qaim.")
    assert {("Iraqi forces", "strike", "al-Qaim"), ("United States", "strike", "al-Qaim")} <= found


def test_a_clause_whose_subject_is_civilians_takes_no_earlier_actor(geoparser):
    found = triples(geoparser, "The SDF shelled a hill east of Tabqa, while hundreds of families from the area reached Raqqa.")
    assert not any(place == "Raqqa" for _, _, place in found)


def test_a_description_of_a_place_names_its_holder_and_lends_nothing_to_the_main_verbs(geoparser):
    found = triples(geoparser, "Iraqi troops reached Rawa, one of the last ISIL strongholds near the Syrian border, "
                               "and stormed it from the south.")
    assert {("Iraqi forces", "advance", "Rawa"), ("ISIS", "control", "Rawa")} <= found
    assert not any(actor == "ISIS" and relation != "control" for actor, relation, _ in found)
    found = triples(geoparser, "The army took Deir Hafer, the last town held by ISIL in the east of Aleppo Governorate.")
    assert ("ISIS", "control", "Aleppo Governorate") not in found


@pytest.mark.parametrize("text, actor", [
    ("The Army of Conquest stormed Ariha.", "Rebels"),
    ("Rebel fighters withdrew from Ariha.", "Rebels"),
])
def test_rebel_coalitions_and_rebel_fighters_are_rebels(geoparser, text, actor):
    assert {a for a, _, _ in triples(geoparser, "HTS fighters captured Saraqib on Monday. " + text) if a != "HTS"} == {actor}


def test_a_list_goes_on_past_the_date_of_its_first_item(geoparser):
    found = triples(geoparser, "The SDF captured Ajaja on 17 February and Markada on the next day.")
    assert {("SDF", "control", "Aajaja"), ("SDF", "control", "Markadah")} <= found


def test_subjects_that_began_an_offensive_together_both_fight(geoparser):
    found = triples(geoparser, "Iraqi troops and the Peshmerga launched a joint offensive on Bashiqa.")
    assert {("Iraqi forces", "contested", "Bashiqa"), ("Peshmerga", "contested", "Bashiqa")} <= found


def test_who_holds_a_part_of_a_place_is_there(geoparser):
    # 'the rebels held a pocket': a verb (a determiner follows), not 'rebel-held'
    assert triples(geoparser, "By May the rebels held only a small pocket in the north of Homs.") == {("Rebels", "presence", "Homs")}
    # taking a part of a place is still a fight for it
    assert triples(geoparser, "The army captured parts of Homs.") == {("Syrian government", "contested", "Homs")}


def test_a_description_after_a_place_an_earlier_clause_took_still_names_its_holder(geoparser):
    found = triples(geoparser, "After taking Tadef, the rebels turned east towards Manbij, the last ISIL stronghold west of the Euphrates.")
    assert {("Rebels", "control", "Tādif"), ("ISIS", "control", "Manbij")} <= found
    # the place the main verb took: the description's holder held it before, no second holder now
    assert ("ISIS", "control", "Baghuz") not in triples(geoparser, "The SDF captured Baghouz, the last pocket held by ISIS.")


def test_a_verb_after_and_takes_the_main_subject_past_a_subordinate_clause(geoparser):
    found = triples(geoparser, "Iraqi troops took Karmah after ISIL fighters withdrew, and then pushed west towards Fallujah.")
    assert ("Iraqi forces", "advance", "Fallujah") in found
    assert ("ISIS", "advance", "Fallujah") not in found


def test_the_holder_right_after_held_by_holds(geoparser):
    found = triples(geoparser, "The town of Sinjar was held by ISIL, which had taken it from the Peshmerga in August.")
    assert found == {("ISIS", "control", "Sinjar")}


def test_they_in_a_subordinate_clause_is_the_main_subject(geoparser):
    found = triples(geoparser, "Government troops shelled Daraa. The rebels dug in at Tafas two days after they withdrew from Inkhil.")
    assert ("Rebels", "lost", "Inkhil") in found
    assert ("Syrian government", "lost", "Inkhil") not in found


def test_an_offensive_from_one_side_towards_a_place_is_an_advance_on_it(geoparser):
    assert ("ISIS", "advance", "Ramadi") in triples(geoparser, "ISIL launched an offensive from the north towards Ramadi.")


def test_control_of_a_road_is_a_claim_on_the_route(geoparser):
    found = claims_of(geoparser, "In May ISIL took control of the road from Palmyra to Deir ez-Zor.")
    assert any(c.relation == "corridor" and {c.place.name, c.to_place.name if c.to_place else ""} == {"Palmyra", "Deir ez-Zor"}
               for c in found)


def test_the_refinery_refers_back_to_the_refinery_named_before(geoparser):
    found = triples(geoparser, "ISIL fighters attacked the Baiji oil refinery in June. In April they besieged the refinery again.")
    assert ("ISIS", "contested", "Baiji refinery") in found
    assert len(claims_of(geoparser, "ISIL fighters attacked the Baiji oil refinery in June. In April they besieged the refinery again.")) == 2


def test_the_object_of_a_preposition_before_a_comma_is_no_partner(geoparser):
    found = triples(geoparser, "Army units entered Manbij under a deal with the SDF, and Russian military police patrolled the town.")
    assert ("Russia", "presence", "Manbij") in found
    assert ("SDF", "presence", "Manbij") not in found


def test_a_place_handed_over_to_a_side_is_its(geoparser):
    assert ("Syrian government", "control", "A'rima") in triples(
        geoparser, "The SDF later handed the village of Arima over to the Syrian government.")


def test_an_offensive_aimed_at_a_capture_takes_nothing_yet(geoparser):
    # (intent-or-modal)
    assert triples(geoparser, "The SDF began the second phase of the offensive, aimed at capturing Tabqa.") == set()


def test_a_place_declared_free_of_a_group_is_lost_to_it(geoparser):
    assert ("ISIS", "lost", "Anbar") in triples(geoparser, "The Iraqi army declared Anbar province free of ISIS.")
    assert ("ISIS", "lost", "Nineveh Governorate") in triples(
        geoparser, "In August the prime minister declared the whole of Nineveh province free of ISIL.")


def test_a_capture_in_an_offensive_to_free_another_place_does_not_bind_it(geoparser):
    # (later-clause: the place after an attempt is the attempt's)
    found = triples(geoparser, "Iraqi troops seized two villages during an operation to recapture Hawija.")
    assert found == {("Iraqi forces", "contested", "Hawija")}


def test_reaching_a_place_in_the_future_is_no_deed(geoparser):
    assert triples(geoparser, "The FSA vowed to fight on until they reach the Kuweires airbase.") == set()


def test_clearing_or_securing_a_place_is_taking_it(geoparser):
    found = triples(geoparser, "Iraqi troops first cleared the surrounding villages, including Saqlawiyah and Albu Shajal.")
    assert ("Iraqi forces", "control", "Saqlawiyah") in found
    assert ("Iraqi forces", "control", "Baiji") in triples(geoparser, "On 20 October the army secured Baiji.")
    assert triples(geoparser, "Engineers cleared mines in Baiji.") == set()


def test_deaths_in_a_fight_are_no_unnamed_strike(geoparser):
    found = triples(geoparser, "The SDF said that 400 ISIL fighters were killed in the battle for Manbij.")
    assert ("ISIS", "contested", "Manbij") in found
    assert not any(actor == "Unidentified armed group" for actor, _, _ in found)


def test_the_kurdish_parties_forces_are_the_peshmerga_not_a_place(geoparser):
    found = triples(geoparser, "Units of the Patriotic Union of Kurdistan withdrew from Kirkuk on Monday.")
    assert found == {("Peshmerga", "lost", "Kirkuk")}


def test_claims_of_our_encyclopedia_paragraphs(geoparser, capsys):
    from benchmarks.own_texts import extract_units, read_gold, score

    gold = read_gold(DATA)
    assert {g.doc for g in gold} <= {p.stem for p in DATA.glob("*.txt")}
    figure = score(gold, extract_units(DATA, geoparser))
    with capsys.disabled():
        print("\nLong-form paragraphs: " + figure.line("claims"))
    assert figure.recall >= 0.74 and figure.precision >= 0.86
