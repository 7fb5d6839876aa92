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


def test_a_district_the_gazetteer_lacks_is_a_quarter_of_the_city_and_a_real_district_stays(geoparser):
    text = ("The army pushed into Tikrit from the south. Patrols combed Tikrit for snipers for a week, "
            "above all in the northern Qadisiya District.")
    found = by_surface(geoparser, text)
    assert found["Qadisiya District"].role == "place" and found["Qadisiya District"].name == "Tikrit"
    text = "Troops held Mosul for weeks. From Mosul they moved on the Hamdaniya district to the east."
    assert by_surface(geoparser, text)["Hamdaniya district"].name != "Mosul"  # an admin district stays one
    # a name called a neighbourhood is never the governorate spelled alike
    text = "Snipers held out in Tikrit. The troops cleared Tikrit's old Qadisiya neighbourhood."
    assert by_surface(geoparser, text)["Qadisiya"].kind != "governorate"


def test_a_governorate_name_called_a_district_is_a_quarter_of_the_city(geoparser):
    # Ta'mim is Kirkuk Governorate's old name; a governorate is never a district of a city
    text = ("Marines were dug in around Ramadi all winter. In March they attacked the Tameem district "
            "across the canal, and by April Ramadi was quiet.")
    found = by_surface(geoparser, text)
    assert found["Tameem"].kind != "governorate" and found["Tameem"].name == "Ramadi"
    text = "Gunmen killed two policemen in Kirkuk province and the Tameem council met in Kirkuk city."
    assert by_surface(geoparser, text)["Kirkuk province"].kind == "governorate"
