"""Places of the Kurdistan Region as reports from there spell them (geo/data/gazetteer/theatre.csv).
Sentences written for these tests."""
from geopy.distance import great_circle

from geo.model import Document

QANDIL_PEAK = (36.541, 44.996)  # the range's highest point (Wikipedia, 'Qandil Mountains')


def placed(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("t", text)) if m.role == "place"}


def test_the_kurdish_spelling_of_qandil_is_the_range_on_the_iranian_border(geoparser):
    found = placed(geoparser, "Turkish drones struck a car near Binare Qendil in Erbil province on Friday.")
    qandil = found["Qendil"]
    assert qandil.name == "Qandil mountains"
    assert great_circle((qandil.lat, qandil.lon), QANDIL_PEAK).km < 10


def test_the_qandil_mountains_lie_in_erbil_not_sulaymaniyah(geoparser):
    qandil = placed(geoparser, "Warplanes bombed the Qandil mountains overnight.")["Qandil mountains"]
    assert great_circle((qandil.lat, qandil.lon), QANDIL_PEAK).km < 10


def test_a_kurdish_head_begins_a_longer_name_the_gazetteer_lacks(geoparser):
    # 'Gire X' (Kurdish: the hill X), like 'Tal X': 'Gire' alone is no village of that name elsewhere
    mentions = geoparser.parse(Document("t", "Clashes went on around Gire Cudi and Gire KK in Duhok."))
    assert not any(m.surface == "Gire" and m.role == "place" for m in mentions)
    assert any(m.surface == "Duhok" and m.role == "place" for m in mentions)
