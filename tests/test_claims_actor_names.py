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
    ("The Turkish-backed forces captured the hill.", "Syrian National Army"),
    ("Russian-backed forces crossed the river.", "Syrian government"),
    ("Quwat Suriya al-Dimuqratiya took the silos.", "SDF"),
    ("The al-Firqa al-Dhahabiya units cleared the block.", "Iraqi forces"),
])
def test_the_usual_names_of_the_sides_map_to_their_actor(text, actor):
    assert [a.actor for a in find_actors(text)] == [actor]


def test_loyalists_are_the_government_of_the_country_the_places_lie_in(geoparser):
    assert ("Syrian government", "control", "Saraqib") in triples(geoparser, "Loyalists recaptured Saraqib on Sunday.")


def test_the_alliance_is_the_coalition_of_groups_named_before(geoparser):
    text = ("In spring a coalition of rebel groups calling itself Jaish al-Fatah stormed Idlib. "
            "The city fell after the army withdrew to the south. "
            "Two weeks later the alliance captured Jisr al-Shughur.")
    found = triples(geoparser, text)
    assert ("Rebels", "control", "Jisr al-Shughur") in found
    assert not any(t[0] == "Syrian government" and t[2] == "Jisr al-Shughur" for t in found)


# 'the jets' in a short text: the aircraft of the state named before; 'Russian aircraft supported
# ...': aircraft before a verb are its subject, not a modifier ('Russian-supported')
@pytest.mark.parametrize("text, place", [
    ("Russian warplanes bombed a market in Saraqib on Tuesday, a monitor said. "
     "The monitor said the jets also hit Maarat al-Numan.", "Maarat al-Numan"),
    ("Government forces seized Maskanah on Saturday. "
     "Russian aircraft supported the push with strikes on positions near the Jirah airbase.", "Jirah airbase"),
])
def test_aircraft_are_the_state_that_the_text_names(geoparser, text, place):
    found = triples(geoparser, text)
    assert ("Russia", "strike", place) in found
    assert not any(t[0].startswith("Unidentified") for t in found)


def test_warplanes_with_no_state_named_in_a_short_note_stay_unidentified(geoparser):
    found = triples(geoparser, "Warplanes bombed the outskirts of Saraqib on Tuesday.")
    assert ("Unidentified military forces", "strike", "Saraqib") in found


# who acts: 'has been shelling' is an active verb; a state's officials who say they did it speak
# for its forces; the group of 'a senior ISIS commander' who was killed did nothing
@pytest.mark.parametrize("text, right, wrong", [
    ("Russian warplanes bombed Saraqib on Monday. The Syrian army has been shelling Kafr Nabl for weeks.",
     ("Syrian government", "strike", "Kafr Nabl"), ("Russia", "strike", "Kafr Nabl")),
    ("Coalition jets bombed positions near Hit on Monday. "
     "Iraqi officials said on Tuesday that they had reached Haditha and broken the siege.",
     ("Iraqi forces", "advance", "Haditha"), ("United States", "advance", "Haditha")),
    ("SDF fighters killed a senior ISIS commander in a raid on the village of Dhiban on Friday.",
     ("SDF", "strike", "Dhiban"), ("ISIS", "strike", "Dhiban")),
])
def test_the_doer_is_the_one_the_sentence_makes_act(geoparser, text, right, wrong):
    found = triples(geoparser, text)
    assert right in found
    assert wrong not in found


def test_a_passive_subject_still_is_no_doer(geoparser):
    found = triples(geoparser, "Russian jets struck Saraqib. SDF positions have been shelled near Manbij.")
    assert ("SDF", "strike", "Manbij") not in found


# the forces a statement calls its own: the side named last, else the army of the places' country
@pytest.mark.parametrize("text, expected", [
    ("Our forces liberated Anah completely.", ("Iraqi forces", "control", "Anah")),
    ("The heroic forces raised the Iraqi flag over Tal Afar.", ("Iraqi forces", "control", "Tal Afar")),
    ("Units of our armed forces restored security to Palmyra.", ("Syrian government", "control", "Palmyra")),
    ("The SDF said in a statement that our forces liberated Manbij.", ("SDF", "control", "Manbij")),
])
def test_the_forces_a_statement_calls_its_own(geoparser, text, expected):
    assert expected in triples(geoparser, text)
