"""A name the text calls a village ('the villages of A, B and C') is not a town of that name far from
every place the text names: it stays unresolved (geo/geoparse/context.py, ranking.py). Sentences
written for these tests."""
from geo.model import Document


def parse(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("t", text))}


def test_a_listed_village_is_no_far_town_of_its_name(geoparser):
    found = parse(geoparser, "Clashes broke out near Tal Tamr on Sunday. Drones struck the villages of "
                             "Abu Rasain, Qasimiyah and Mahmudiyah overnight, the council said.")
    assert found["Tal Tamr"].role == "place"
    assert found["Mahmudiyah"].role == "unresolved"


def test_the_town_named_without_a_village_word_is_still_placed(geoparser):
    found = parse(geoparser, "Clashes broke out near Tal Tamr on Sunday. A car bomb hit Mahmudiyah, "
                             "south of Baghdad, the police said.")
    assert found["Mahmudiyah"].role == "place" and found["Mahmudiyah"].country == "IQ"


def test_a_listed_village_near_the_text_keeps_its_place(geoparser):
    found = parse(geoparser, "Fighting went on south of Baghdad. Militants attacked the villages of "
                             "Yusufiyah and Mahmudiyah at dawn.")
    assert found["Mahmudiyah"].role == "place" and found["Mahmudiyah"].country == "IQ"
