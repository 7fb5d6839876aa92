"""Which relation a reader takes from the usual wording of wire, monitoring and state-media
reporting (issue #21): the verbs and nominals of relations.toml, on sentences written for the
test, in a long-form text (a neutral paragraph after them)."""
import pytest

from geo.claims import ClaimExtractor
from geo.model import Document
from geo.pipeline import default_geoparser

# a neutral paragraph that makes a text long-form (longer than a coded event's note)
FILLER = " ".join(["Aid groups said thousands of families had left their homes in recent weeks."] * 22)


def triples(text):
    doc = Document("t", text + "\n\n" + FILLER)
    return {(c.actor, c.relation, c.place.name) for c in ClaimExtractor().extract(doc, default_geoparser().parse(doc))}


def short_relations_at(text, place):
    doc = Document("t", text)
    return {c.relation for c in ClaimExtractor().extract(doc, default_geoparser().parse(doc)) if c.place.name == place}


def relations_at(text, place):
    return {relation for _, relation, name in triples(text) if name == place}


# changes of hands the lexicon lacked: 'wrested', 'purged', 'dislodged', 'was lost to', 'fell into the hands of'
@pytest.mark.parametrize("text, actor, place", [
    ("The army wrested Palmyra from the Islamic State on Sunday.", "Syrian government", "Palmyra"),
    ("Kurdish fighters purged Kobani of the last jihadists.", "SDF", "Kobani"),
    ("The army dislodged ISIS from Hawija on Thursday.", "Iraqi forces", "Hawija"),
    ("Tikrit was lost to ISIS in June 2014.", "ISIS", "Tikrit"),
    ("Palmyra fell into the hands of ISIS in May 2015.", "ISIS", "Palmyra"),
    ("Idlib fell into rebel hands in March.", "Rebels", "Idlib"),
])
def test_a_change_of_hands_in_other_words_is_control(text, actor, place):
    got = {(a, r) for a, r, name in triples(text) if name == place}
    assert (actor, "control") in got


def test_purging_the_ranks_is_no_capture():
    assert relations_at("The army purged its ranks of officers in Palmyra.", "Palmyra") != {"control"}


# a move that gets closer: advance, not control
@pytest.mark.parametrize("text, place", [
    ("The army moved closer to Maarat al-Numan.", "Maarat al-Numan"),
    ("Iraqi forces edged closer to Tikrit on Monday.", "Tikrit"),
    ("The SDF neared Tabqa on Monday.", "Tabqa"),
])
def test_getting_closer_is_an_advance(text, place):
    assert relations_at(text, place) == {"advance"}


# stationed: 'based at', 'present in'
@pytest.mark.parametrize("text, place", [
    ("US forces are based at al-Tanf.", "al-Tanf"),
    ("Russian troops are based at Hmeimim airbase.", "Hmeimim airbase"),
    ("Iranian forces were present in Aleppo.", "Aleppo"),
])
def test_being_based_or_present_is_presence(text, place):
    assert "presence" in relations_at(text, place)


# raids: the noun is a strike (from the air or by fire), the verb a ground raid (presence), neither a fight
def test_raids_on_a_town_are_a_strike():
    assert relations_at("Government raids on Saraqeb killed five people.", "Saraqib") == {"strike"}
    assert relations_at("Warplanes carried out raids on Saraqeb, killing four.", "Saraqib") == {"strike"}


def test_a_village_raided_by_troops_is_their_presence():
    got = triples("Iraqi forces raided the village of Hammam al-Alil and arrested two suspects.")
    assert ("Iraqi forces", "presence", "Hammam al-Alil") in got
    assert not any(r == "contested" for _, r, _ in got)


# 'as part of the offensive' names the operation, not a part of the place (a short note: a part is a fight there)
def test_as_part_of_an_operation_is_no_part_of_the_place():
    assert short_relations_at("Kurdish forces seized as part of a wider push the town of Suluk.", "Suluk") == {"control"}
    assert short_relations_at("Kurdish forces seized part of the town of Suluk.", "Suluk") == {"contested"}


# long-form: a part taken within the place is the capture a reader takes; what lies around it is a fight for it
@pytest.mark.parametrize("text, place", [
    ("Kurdish forces captured the eastern part of Suluk on Thursday.", "Suluk"),
    ("The army took three districts of Saraqeb after heavy fighting.", "Saraqib"),
    ("The army captured several points in Khanasir in a counter-attack.", "Khanasir"),
])
def test_a_part_taken_within_the_place_is_control_in_long_form(text, place):
    assert relations_at(text, place) == {"control"}


def test_the_outskirts_taken_are_no_capture_of_the_place():
    assert "control" not in relations_at("Kurdish forces captured the southern outskirts of Suluk.", "Suluk")


def test_a_raid_by_ground_forces_on_a_place_is_a_fight_for_it():
    got = triples("Last week a raid by a combined SDF-U.S. special forces contingent on the Tabqa Dam began.")
    assert ("SDF", "contested", "Tabqa Dam") in got or ("United States", "contested", "Tabqa Dam") in got
    assert not any(r == "strike" for _, r, _ in got)


def test_a_loss_in_the_losers_own_words_stays_a_loss():
    got = triples("Iraqi forces recaptured Tikrit in April, which they had lost to ISIS in June 2014.")
    assert ("ISIS", "control", "Tikrit") not in got


# a move on the place and a fight for it in coordinated clauses: two deeds, both kept
def test_reaching_a_town_and_storming_it_is_an_advance_and_a_fight():
    got = triples("Government troops reached the town of Khanasir on Sunday and stormed it from the west.")
    assert {("Syrian government", "advance", "Khanasir"), ("Syrian government", "contested", "Khanasir")} <= got


def test_an_advance_amid_clashes_is_one_deed():
    assert relations_at("Iraqi forces advanced towards Tikrit amid clashes.", "Tikrit") == {"advance"}


def test_a_capture_after_a_fight_stays_one_capture():
    got = triples("Government forces captured Khanasir after heavy clashes with ISIS.")
    assert {r for a, r, place in got if a == "Syrian government" and place == "Khanasir"} == {"control"}


# movement wording: a move on the place, not its capture; taking up positions: presence
@pytest.mark.parametrize("text, place", [
    ("Iraqi forces moved into the city of Tikrit on Monday.", "Tikrit"),
    ("The army made its way into Palmyra on Sunday.", "Palmyra"),
    ("Iraqi forces were at the gates of Mosul.", "Mosul"),
    ("Government forces made gains near Khan Shaykhun.", "Khan Shaykhun"),
])
def test_moving_in_or_gaining_ground_is_an_advance(text, place):
    assert relations_at(text, place) == {"advance"}


def test_taking_up_positions_is_presence_not_a_capture():
    assert relations_at("Turkish troops took up positions in Manbij on Friday.", "Manbij") == {"presence"}


# the besieged and the ones still there hold out in the place; the besieger contests it
def test_the_besieged_hold_out_in_the_place():
    assert ("Rebels", "presence", "al-Qusayr") in triples(
        "After two weeks of fighting, the rebels were besieged in the northern part of al-Qusayr.")
    assert ("ISIS", "presence", "al-Sukhnah") in triples(
        "ISIS said its fighters were still in the eastern neighbourhoods of al-Sukhnah.")
    assert ("Hezbollah", "contested", "al-Qusayr") in triples("Hezbollah fighters surrounded al-Qusayr on Monday.")


# the nominal capture before a fight noun ('the Mosul liberation operation') is the fight's goal
def test_a_liberation_operation_is_a_fight_for_the_place():
    assert relations_at("Iraqi forces pressed on with the Mosul liberation operation.", "Mosul") == {"contested"}


# an operation 'entered its third week', forces 'pushed on with' an assault: time and persistence, no move
@pytest.mark.parametrize("text, place", [
    ("The army's offensive to retake Aleppo entered its third week.", "Aleppo"),
    ("The SDF pushed on with its assault on Raqqa.", "Raqqa"),
])
def test_going_on_with_a_fight_is_no_advance(text, place):
    assert relations_at(text, place) == {"contested"}


def test_a_place_surrendered_to_a_side_is_its_control():
    assert ("Syrian government", "control", "Douma") in triples("The rebels surrendered Douma to the army.")


def test_raging_battles_are_a_fight():
    assert relations_at("Fierce battles raged in Palmyra between ISIS and the army.", "Palmyra") == {"contested"}


@pytest.mark.parametrize("text, place", [
    ("The US-led coalition has a base in al-Tanf.", "al-Tanf"),
    ("ISIS sleeper cells are still active in Deir ez-Zor.", "Deir ez-Zor"),
])
def test_a_base_kept_or_cells_active_are_presence(text, place):
    assert relations_at(text, place) == {"presence"}


# 'A captured X after clashes with B': the fight ended in A's capture, B's part in it is no claim of its own
def test_the_other_side_of_a_fight_that_ended_in_a_capture_is_no_claim():
    got = triples("Government forces captured Khanasir after heavy clashes with ISIS.")
    assert ("Syrian government", "control", "Khanasir") in got
    assert ("ISIS", "contested", "Khanasir") not in got
    # (a fight told alone: both sides contest the place)
    assert {("Syrian government", "contested", "Khanasir"), ("ISIS", "contested", "Khanasir")} <= triples(
        "Government forces clashed with ISIS in Khanasir.")


# a side that withdrew with no place after the verb lost the place named before
def test_a_capture_after_the_other_side_withdrew_is_its_loss():
    got = triples("The army captured Saraqeb after the rebels withdrew.")
    assert {("Syrian government", "control", "Saraqib"), ("Rebels", "lost", "Saraqib")} <= got
    assert ("Rebels", "lost", "Saraqib") in triples("Government forces entered Saraqeb as the rebels pulled out overnight.")


# the last holdouts removed: the doer took the place; told in the passive, the holdouts' side lost it
@pytest.mark.parametrize("text, actor, place", [
    ("Iraqi forces eliminated the last pockets of ISIS resistance in Tikrit.", "Iraqi forces", "Tikrit"),
    ("The SDF crushed the last ISIS holdouts in Baghouz.", "SDF", "Baghuz"),
    ("The army finished off the remaining rebels in Douma.", "Syrian government", "Douma"),
])
def test_removing_the_last_holdouts_is_control(text, actor, place):
    got = {(a, r) for a, r, name in triples(text) if name == place}
    assert (actor, "control") in got and not any(r == "presence" for _, r in got)


def test_the_last_pockets_eliminated_are_the_holders_loss():
    assert ("ISIS", "lost", "Tikrit") in triples("The last pockets of ISIS resistance in Tikrit were eliminated on Saturday.")


def test_a_bombardment_then_a_ground_offensive_is_a_strike_and_a_fight():
    got = triples("Government forces shelled Douma heavily, and then launched a ground offensive on the town.")
    assert {("Syrian government", "strike", "Douma"), ("Syrian government", "contested", "Douma")} <= got
