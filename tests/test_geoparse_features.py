"""A feature the gazetteer lacks, named in English after the place beside it ('Lake X', 'Mount X',
'X Mountain', 'X Hill'): a toponym, shown unresolved, and placed near X (precision 2) when X is a
place of the text's own districts; never a namesake of X elsewhere. Sentences written for these tests."""
import pytest

from geo.geoparse.normalize import name_key
from geo.geoparse.spelling import spelling_alternates
from geo.geoparse.toponyms import find_unresolved
from geo.model import Document


def mentions(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("t", text))}


@pytest.mark.parametrize("name, rest", [("Lake Jabbul", "jabul"), ("Mount Tharda", "tharda"),
                                         ("al-Hamam Mountain", "hamam"), ("Zaarour Hill", "zarur")])
def test_the_english_word_of_a_feature_leaves_the_place_it_is_named_after_near_it(name, rest):
    assert spelling_alternates(name_key(name)) == [(rest, 2)]


def test_english_feature_names_are_toponyms():
    text = "Shelling hit the slopes of Mount Qurmaz and the shore of Lake Zarzur, then Bardan Hill."
    assert [m.surface for m in find_unresolved("t", text, [])] == ["Mount Qurmaz", "Lake Zarzur", "Bardan Hill"]


def test_a_mountain_named_after_a_village_of_the_texts_district_is_placed_near_it(geoparser):
    found = mentions(geoparser, "Government troops pushed out of Khanasir on Tuesday and took the ridge of "
                                "al-Hamam Mountain after a night of shelling.")
    mountain = found["al-Hamam Mountain"]
    assert mountain.role == "place" and mountain.precision == 2
    assert abs(mountain.lat - 35.66) < 0.05 and abs(mountain.lon - 37.61) < 0.05  # by the village of al-Hammam


def test_a_feature_named_after_a_village_far_from_the_text_stays_unresolved(geoparser):
    found = mentions(geoparser, "Police in Basra said gunmen fired from the reeds of al-Hamam Mountain.")
    assert found["al-Hamam Mountain"].role == "unresolved"


def test_a_lake_named_after_a_village_of_another_district_of_the_texts_governorate(geoparser):
    # Jabbul lies in another district than Khanasir, 33 km off: a lake reaches past a district
    found = mentions(geoparser, "Army units closed the pocket south of Lake Jabbul, north of Khanasir.")
    lake = found["Lake Jabbul"]
    assert lake.role == "place" and lake.precision == 2
    assert abs(lake.lat - 36.08) < 0.05 and abs(lake.lon - 37.51) < 0.05
