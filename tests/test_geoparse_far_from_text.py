"""A place that lies far from every other place the text names, once every stage has placed its
names, is a namesake the gazetteer lacks: a village or a quarter 100 km off, a quarter of a city
of the other theatre country. It is left unresolved rather than guessed. Sentences written for
these tests."""
from geo.model import Document


def roles(geoparser, text):
    return {m.surface: (m.role, m.country) for m in geoparser.parse(Document("t", text))}


def test_a_square_in_a_city_found_by_its_spelling_is_no_quarter_of_another_city(geoparser):
    found = roles(geoparser, "Police fired tear gas at mourners near Al Haboubi square, in the centre of Nassriya, on Sunday.")
    assert found["Nassriya"] == ("place", "IQ")
    assert found["Al Haboubi"][0] == "unresolved"


def test_a_quarter_of_a_city_of_the_other_country_is_unresolved(geoparser):
    found = roles(geoparser, "Militias fought in the Qusor area on the edge of Baghdad on Friday.")
    assert found["Baghdad"] == ("place", "IQ")
    assert found["Qusor"][0] == "unresolved"


def test_towns_of_both_countries_in_one_sentence_stay(geoparser):
    found = roles(geoparser, "Rebels shelled Kafr Nabl while Iraqi jets struck Najaf and Karbala.")
    assert found["Kafr Nabl"] == ("place", "SY") and found["Najaf"] == ("place", "IQ")


def test_a_quarter_near_the_other_places_named_and_a_village_of_the_named_governorate_stay(geoparser):
    found = roles(geoparser, "Rebels shelled Al Haboubi neighbourhood while fighting raged in Jobar and Harasta.")
    assert found["Al Haboubi"] == ("place", "SY")
    found = roles(geoparser, "Turkish drones struck a car near Tawilah village in Hasakah province.")
    assert found["Tawilah"] == ("place", "SY")
