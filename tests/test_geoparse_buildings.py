"""A village's name before a building word names the building, not the village: 'the X residential
project' (geo/geoparse/readings.py). Sentences written for these tests."""
from geo.model import Document


def surfaces(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("t", text))}


def test_a_housing_project_named_after_a_village_is_no_place(geoparser):
    found = surfaces(geoparser, "Shells fell on Deir ez-Zor as militants stormed the al-Jaryah residential "
                                "project on Monday.")
    assert found["Deir ez-Zor"].role == "place" and found["al-Jaryah"].role != "place"


def test_the_village_itself_is_still_placed(geoparser):
    found = surfaces(geoparser, "Militants stormed the village of al-Jaryah on Monday.")
    assert found["al-Jaryah"].role == "place"
