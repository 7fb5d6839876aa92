"""The wording of wire, monitor, state-media and encyclopedia reporting the relation lexicon reads
(issue #21), on sentences written for these tests: each asserts the relation ANNOTATION.md gives the
wording, with its actor and place."""
import pytest

from geo.model import Document
from geo.pipeline import default_geoparser, extract


def triples(text):
    _, claims = extract(Document("t.txt", text), default_geoparser())
    return {(c.actor, c.relation, c.place.name if c.place else None) for c in claims}


# the enemy as the object of a verb of fighting: a fight for the place
@pytest.mark.parametrize("text, expected", [
    ("YPG fighters battled ISIS in the southern districts of Kobani.", ("SDF", "contested", "Kobani")),
    ("Iraqi troops battled Islamic State militants in central Fallujah.", ("Iraqi forces", "contested", "Fallujah")),
    ("Iraqi forces engaged ISIS fighters in Fallujah.", ("Iraqi forces", "contested", "Fallujah")),
    ("Iraqi forces were locked in fierce battles with ISIS inside Fallujah.", ("Iraqi forces", "contested", "Fallujah")),
    ("The SDF were locked in heavy fighting with ISIS in Hajin.", ("SDF", "contested", "Hajin")),
    ("Rebels launched an offensive in northern Hama.", ("Rebels", "contested", "Hama")),
])
def test_fighting_an_enemy_in_a_place_contests_it(text, expected):
    assert expected in triples(text)


def test_words_of_fighting_that_name_no_fight_make_no_contest():
    assert not any(r == "contested" for _, r, _ in triples("The army engaged in talks with elders in Manbij."))
    # an offensive 'in' a month is a time, not a place fought in
    assert ("ISIS", "contested", "Tikrit") not in triples("Tikrit fell to ISIL during the offensive in June 2014.")


# through the defences, into the districts, a stated distance away: a move on the place, not yet its capture
@pytest.mark.parametrize("text, expected", [
    ("The SDF breached the walls of Raqqa.", ("SDF", "advance", "Raqqa")),
    ("Iraqi troops breached Mosul's eastern city limits.", ("Iraqi forces", "advance", "Mosul")),
    ("Syrian troops pushed into the southern suburbs of Deir ez-Zor.", ("Syrian government", "advance", "Deir ez-Zor")),
    ("Iraqi forces pushed into the eastern outskirts of Mosul.", ("Iraqi forces", "advance", "Mosul")),
    ("Government forces were now 5 km from Qaryatayn.", ("Syrian government", "advance", "al-Qaryatayn")),
])
def test_breaching_pushing_into_or_standing_close_is_an_advance(text, expected):
    got = triples(text)
    assert expected in got
    assert not any(r in ("control", "contested") and p == expected[2] for _, r, p in got)


def test_pushing_into_the_place_itself_stays_a_fight_in_it():
    assert ("Iraqi forces", "contested", "Tal Afar") in triples("Iraqi troops pushed into the western districts of Tal Afar.")


def test_a_breached_truce_or_a_distance_between_places_is_no_advance():
    assert not any(r == "advance" for _, r, _ in triples("ISIS breached the ceasefire in Yarmouk."))
    assert not any(r == "advance" for _, r, _ in triples("The village is 10 km from Aleppo."))


def test_a_declared_victory_in_a_place_is_control():
    assert ("Iraqi forces", "control", "Tal Afar") in triples("Iraqi forces declared victory in Tal Afar.")
    assert ("Iraqi forces", "control", "Mosul") in triples("The Iraqi government declared victory in Mosul in July 2017.")


def test_fighters_who_fled_a_town_lost_it():
    assert ("ISIS", "lost", "Jarabulus") in triples("Islamic State fighters fled Jarabulus as Turkish tanks rolled in.")
    # fleeing to a place is no loss of it
    assert not any(r == "lost" for _, r, _ in triples("ISIS militants fled to Raqqa."))


# an operation against a named side in a place: a fight for it; one that names no enemy is presence
@pytest.mark.parametrize("text, expected", [
    ("Turkish forces launched an operation against ISIS in Jarabulus.", ("Turkey", "contested", "Jarabulus")),
    ("Turkey began a military campaign against the YPG in Afrin.", ("Turkey", "contested", "Afrin")),
])
def test_an_operation_against_a_side_in_a_place_contests_it(text, expected):
    assert expected in triples(text)


def test_an_operation_with_no_enemy_named_stays_presence():
    assert ("Iraqi forces", "presence", "Tarmiyah") in triples("Iraqi security forces launched a search operation in Tarmiyah.")


def test_operations_carried_out_against_a_side_in_a_place_contest_it():
    assert ("Syrian government", "contested", "Jobar") in triples(
        "Army units carried out operations against terrorist groups in Jobar.")


# the holder's own words of leaving: forced out, left, gave up, evacuated, its defeat there
@pytest.mark.parametrize("text, expected", [
    ("Regime forces were forced out of Idlib city in March 2015.", ("Syrian government", "lost", "Idlib")),
    ("Peshmerga forces left Kirkuk without a fight.", ("Peshmerga", "lost", "Kirkuk")),
    ("ISIS gave up Dabiq without much resistance.", ("ISIS", "lost", "Dabiq")),
    ("ISIS evacuated its fighters from Tabqa.", ("ISIS", "lost", "Tabqa")),
    ("Rebels evacuated eastern Aleppo under a deal in December 2016.", ("Rebels", "lost", "Aleppo")),
    ("The defeat of ISIS in Mosul ended its rule over the city.", ("ISIS", "lost", "Mosul")),
])
def test_a_side_that_left_gave_up_or_was_defeated_in_a_place_lost_it(text, expected):
    assert expected in triples(text)


@pytest.mark.parametrize("text", [
    "The army evacuated civilians from Daraa.",
    "The rebels gave up their weapons in Daraa.",
    "ISIS fighters left 20 dead in Manbij.",
    "Two days later, ISIS evacuated its headquarters in al-Bab.",
])
def test_people_evacuated_weapons_given_up_or_dead_left_behind_are_no_loss(text):
    assert not any(r == "lost" for _, r, _ in triples(text))


# passive and nominal wordings of a holder, a siege, an attack held off
@pytest.mark.parametrize("text, expected", [
    ("Palmyra was wrested from ISIS by the Syrian army.", ("Syrian government", "control", "Palmyra")),
    ("Control of Kirkuk passed to Iraqi federal forces.", ("Iraqi forces", "control", "Kirkuk")),
    ("Hawija remains in ISIS hands.", ("ISIS", "control", "Hawija")),
    ("Deir ez-Zor was under siege by ISIS for three years.", ("ISIS", "contested", "Deir ez-Zor")),
    ("Afrin came under attack from Turkish forces in January.", ("Turkey", "contested", "Afrin")),
    ("Kurdish fighters held off ISIS in Kobani for months.", ("SDF", "contested", "Kobani")),
    ("The SDF fought its way to the outskirts of Raqqa.", ("SDF", "advance", "Raqqa")),
    ("The Iraqi army collapsed in Mosul in June 2014.", ("Iraqi forces", "lost", "Mosul")),
])
def test_passive_and_nominal_wordings_of_holding_and_fighting(text, expected):
    assert expected in triples(text)


def test_a_building_that_collapsed_is_no_loss():
    assert not any(r == "lost" for _, r, _ in triples("The building collapsed in Mosul after an air strike."))


@pytest.mark.parametrize("text, expected", [
    ("Rebels repelled an ISIS assault on Marea and kept the town.", ("Rebels", "control", "Marea")),
    ("Kurdish fighters beat back the attack on Kobani and kept the city.", ("SDF", "control", "Kobani")),
])
def test_a_side_that_kept_the_town_holds_it(text, expected):
    assert expected in triples(text)


def test_keeping_up_pressure_or_keeping_people_away_is_no_control():
    assert not any(r == "control" for _, r, _ in triples("The army kept up the pressure on Mosul."))
    assert not any(r == "control" for _, r, _ in triples("ISIS kept them away from Raqqa."))


# 'held'/'controlled' written apart from the actor: a verb when nothing makes the pair an adjective
@pytest.mark.parametrize("text, expected", [
    ("ISIS held Raqqa until October 2017.", ("ISIS", "control", "Raqqa")),
    ("ISIS controlled Raqqa from 2014 to 2017.", ("ISIS", "control", "Raqqa")),
    ("Government forces were in full control of Fallujah.", ("Iraqi forces", "control", "Fallujah")),
    ("By Friday the SDF was in complete control of Tabqa.", ("SDF", "control", "Tabqa")),
])
def test_an_actor_before_held_or_in_control_holds_the_place(text, expected):
    assert expected in triples(text)


def test_an_actor_and_held_after_a_determiner_or_preposition_stay_an_adjective():
    got = triples("Coalition jets struck targets in ISIS held Mosul.")
    assert ("United States", "strike", "Mosul") in got
    assert not any(actor == "ISIS" and relation == "strike" for actor, relation, _ in got)
