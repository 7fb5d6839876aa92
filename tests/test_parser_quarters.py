"""Quarters of the city a text is about (geo.geoparse.quarters); sentences written for the tests."""
from geo.model import Document


def by_surface(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("q", text))}


def test_listed_quarters_of_the_city_are_placed_at_the_city(geoparser):
    text = ("Government troops held on in Deir ez-Zor city. Militants attacked the al-Ommal, al-Mowazzafin "
            "and al-Rasafa districts at dawn; by noon they had entered al-Ommal and Rasafa. Jets bombed the "
            "neighbourhoods of al-Orfi and Kanamat near Deir ez-Zor.")
    found = geoparser.parse(Document("q", text))
    for surface in ("al-Ommal", "al-Mowazzafin", "al-Rasafa", "Rasafa", "al-Orfi", "Kanamat"):
        placed = [m for m in found if m.surface == surface]
        assert placed and all(m.role == "place" and m.name == "Deir ez-Zor" and m.precision == 2 for m in placed), surface


def test_a_quarter_of_a_named_town_and_describing_words(geoparser):
    found = by_surface(geoparser, "Police from Damascus were sent to the Qusour al-Jadida neighborhood of Al-Bukamal city.")
    assert found["Qusour al-Jadida"].name == "Abu Kamal"
    found = by_surface(geoparser, "A car bomb hit the mostly Shiite Zuhur al-Madina neighbourhood in Baghdad.")
    assert found["Zuhur al-Madina"].name == "Baghdad" and "Shiite Zuhur al-Madina" not in found
    # a community adjective alone names no quarter
    found = by_surface(geoparser, "Bombs hit Shiite neighbourhoods of Baghdad.")
    assert "Shiite" not in found


def test_a_town_or_a_quarter_inside_the_city_stays(geoparser):
    found = by_surface(geoparser, "Shelling hit Aleppo city and the Sheikh Maqsoud neighbourhood, then Manbij district.")
    assert found["Aleppo"].name == "Aleppo"
    assert found["Manbij"].name != "Aleppo"
