"""A head written into the word it heads: 'al-Boulail' is the village Albu Layl (the tribal head
'Albu', 'al-Bu', written as one word with the name), and a second spelling of a village the text
has already named is that village. Sentences written for these tests."""
from geo.geoparse.normalize import name_key
from geo.geoparse.spelling import spelling_alternates
from geo.model import Document


def placed(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("t", text))}


def test_an_albu_head_written_into_the_word_is_set_apart():
    assert ("abu lail", 1) in spelling_alternates(name_key("al-Boulail"))
    assert ("abu kamal", 1) in spelling_alternates(name_key("Albukamal"))
    # a short name starting 'Bu' is no head and a name: 'Busra' stays itself
    assert not any(key.startswith("abu") for key, _ in spelling_alternates(name_key("Busra")))


def test_a_fused_albu_village_is_found_beside_the_town_the_text_names(geoparser):
    village = placed(geoparser, "The army attacked al-Boulail and Muhasan.")["al-Boulail"]
    assert (village.role, village.name) == ("place", "Abu Layl")
    assert (round(village.lat, 1), round(village.lon, 1)) == (35.2, 40.4)  # beside Muhasan, not Al Bulel


def test_a_second_spelling_of_a_village_the_text_named_is_that_village(geoparser):
    found = placed(geoparser, "Jets struck al-Bo Leil near Muhasan on Monday. On Tuesday shells fell on al-Boulail.")
    assert found["al-Bo Leil"].name == "Abu Layl"
    assert found["al-Boulail"].role == "place" and found["al-Boulail"].place_id == found["al-Bo Leil"].place_id
