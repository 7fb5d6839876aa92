"""A feature's Arabic head before a name: 'Tallat al-Brouk' is the hill the map calls 'Tall Baruq'
('Tallat', a hill, is one more spelling of the head 'Tal'), and a 'Tal X' or 'Jabal X' the gazetteer
lacks is shown as an unresolved name, never guessed. Sentences written for these tests."""
from geo.geoparse.normalize import name_key, token_key
from geo.model import Document


def found(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("t", text))}


def test_tallat_is_a_spelling_of_the_head_tal():
    assert token_key("Tallat") == token_key("Tallet") == token_key("Tell") == "tal"
    assert name_key("Tallat al-Brouk") == name_key("Tal al-Brouk")


def test_a_hill_spelled_with_tallat_is_found_near_the_city_the_text_names(geoparser):
    mentions = found(geoparser, "ISIL shelled Tallat al-Brouk and the town of Bagheliya near Deir ez-Zor.")
    hill = mentions["Tallat al-Brouk"]
    assert hill.role == "place" and hill.name == "Tall Baruq"
    assert abs(hill.lat - 35.36) < 0.05 and abs(hill.lon - 40.04) < 0.05


def test_a_feature_name_the_gazetteer_lacks_is_unresolved_not_dropped(geoparser):
    mentions = found(geoparser, "The army took the hills of Tal Sheikh Yusuf and Tal Mamo east of Khanasir.")
    assert mentions["Tal Sheikh Yusuf"].role == "unresolved" and mentions["Tal Sheikh Yusuf"].lat is None
    mentions = found(geoparser, "Fighters dug in on Jabal Zawiq Hamdan above the plain.")
    assert mentions["Jabal Zawiq Hamdan"].role == "unresolved"


def test_a_feature_name_the_gazetteer_holds_stays_the_place(geoparser):
    mentions = found(geoparser, "Turkish jets struck Tal Abyad and Tell Tamr.")
    assert mentions["Tal Abyad"].role == "place" and mentions["Tal Abyad"].name == "Tell Abyad"
    assert mentions["Tell Tamr"].role == "place"
