"""Which actor a claim names: the names of the sides' units, militias and factions (actors.toml),
'the alliance' for the coalition of groups named before, 'the jets' for the state whose aircraft
the text named, and 'has been shelling' as an active verb. Every sentence here was written for
these tests."""
import pytest

from geo.claims import ClaimExtractor
from geo.claims.actors import find_actors
from geo.model import Document


def triples(geoparser, text):
    doc = Document("t", text)
    return {(c.actor, c.relation, c.place.name) for c in ClaimExtractor().extract(doc, geoparser.parse(doc))}


@pytest.mark.parametrize("text, actor", [
    ("The Golden Division pushed into the eastern districts.", "Iraqi forces"),
    ("ISOF units cleared the market.", "Iraqi forces"),
    ("Fighters of the Imam Ali Brigades joined the assault.", "Iraqi forces"),
    ("Republican Guards units moved south.", "Syrian government"),
    ("A Desert Hawks column crossed the plain.", "Syrian government"),
    ("Jaish al-Islam fighters held the suburb for five years.", "Rebels"),
    ("Harakat Hazm lost its depots.", "Rebels"),
    ("Da'esh fighters mined the road.", "ISIS"),
    ("Jaysh Khalid ibn al-Walid held the valley.", "ISIS"),
    ("Sanadid Forces guarded the crossing.", "SDF"),
    ("The Northern Sun Battalion took part.", "SDF"),
    ("Planes of Operation Inherent Resolve flew over the river.", "United States"),
    ("Operation Olive Branch entered its second month.", "Turkey"),
    ("A Fatemiyun unit arrived by bus.", "Iran"),
    ("Hizbullah fighters crossed the border.", "Hezbollah"),
    ("al-Jaysh al-Watani al-Suri fighters entered the village.", "Syrian National Army"),
    ("Tanzim al-Dawla cells planted the bombs.", "ISIS"),
    ("Quwat Suriya al-Dimuqratiya took the silos.", "SDF"),
    ("The al-Firqa al-Dhahabiya units cleared the block.", "Iraqi forces"),
])
def test_the_usual_names_of_the_sides_map_to_their_actor(text, actor):
    assert [a.actor for a in find_actors(text)] == [actor]


def test_the_alliance_is_the_coalition_of_groups_named_before(geoparser):
    text = ("In spring a coalition of rebel groups calling itself Jaish al-Fatah stormed Idlib. "
            "The city fell after the army withdrew to the south. "
            "Two weeks later the alliance captured Jisr al-Shughur.")
    found = triples(geoparser, text)
    assert ("Rebels", "control", "Jisr al-Shughur") in found
    assert not any(t[0] == "Syrian government" and t[2] == "Jisr al-Shughur" for t in found)


def test_the_jets_are_the_aircraft_of_the_state_named_before_in_a_short_text(geoparser):
    text = ("Russian warplanes bombed a market in Saraqib on Tuesday, a monitor said. "
            "The monitor said the jets also hit Maarat al-Numan.")
    found = triples(geoparser, text)
    assert ("Russia", "strike", "Maarat al-Numan") in found
    assert not any(t[0].startswith("Unidentified") for t in found)


def test_warplanes_with_no_state_named_in_a_short_note_stay_unidentified(geoparser):
    found = triples(geoparser, "Warplanes bombed the outskirts of Saraqib on Tuesday.")
    assert ("Unidentified military forces", "strike", "Saraqib") in found


def test_has_been_shelling_is_an_active_verb_whose_subject_acts(geoparser):
    text = ("Russian warplanes bombed Saraqib on Monday. "
            "The Syrian army has been shelling Kafr Nabl for weeks.")
    found = triples(geoparser, text)
    assert ("Syrian government", "strike", "Kafr Nabl") in found
    assert ("Russia", "strike", "Kafr Nabl") not in found


def test_a_passive_subject_still_is_no_doer(geoparser):
    found = triples(geoparser, "Russian jets struck Saraqib. SDF positions have been shelled near Manbij.")
    assert ("SDF", "strike", "Manbij") not in found


def test_aircraft_before_a_verb_are_its_subject_not_a_modifier(geoparser):
    text = ("Government forces seized Maskanah on Saturday. "
            "Russian aircraft supported the push with strikes on positions near the Jirah airbase.")
    found = triples(geoparser, text)
    assert ("Russia", "strike", "Jirah airbase") in found
    assert not any(t[0].startswith("Unidentified") for t in found)


def test_officials_of_a_state_who_say_they_did_it_speak_for_its_forces(geoparser):
    text = ("Coalition jets bombed positions near Hit on Monday. "
            "Iraqi officials said on Tuesday that they had reached Haditha and broken the siege.")
    found = triples(geoparser, text)
    assert ("Iraqi forces", "advance", "Haditha") in found
    assert ("United States", "advance", "Haditha") not in found


def test_the_group_of_a_senior_official_who_was_killed_is_no_doer(geoparser):
    text = "SDF fighters killed a senior ISIS commander in a raid on the village of Dhiban on Friday."
    found = triples(geoparser, text)
    assert ("ISIS", "strike", "Dhiban") not in found
    assert ("SDF", "strike", "Dhiban") in found
