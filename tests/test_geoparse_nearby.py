"""Names the document's own area settles (geo/geoparse/nearby.py): a village the text names beside
places it has located is looked for, spelled alike, in their districts; a namesake far away is not
taken, and a name nothing near answers to stays unresolved. Sentences written for these tests."""
from geo.model import Document


def mentions(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("t", text))}


def test_a_neighbourhood_of_the_city_the_text_is_about_before_a_village_far_away(geoparser):
    found = mentions(geoparser, "Government troops entered Deir ez-Zor city on Sunday and fought on towards "
                                "al-Husseiniyeh, while jets struck Hama.")
    place = found["al-Husseiniyeh"]
    assert place.role == "place" and place.kind == "neighbourhood"
    # in Deir ez-Zor, not the Homs village of that name 60 km from Hama
    assert abs(place.lat - 35.36) < 0.05 and abs(place.lon - 40.15) < 0.05


def test_an_unresolved_village_is_found_by_spelling_near_the_town_the_text_names(geoparser):
    found = mentions(geoparser, "Troops advanced from Muhasan towards the villages of al-Junaina and al-Abd, "
                                "and Deir ez-Zor city was shelled.")
    village = found["al-Junaina"]
    assert village.role == "place" and village.kind == "village"
    assert abs(village.lat - 35.36) < 0.05 and abs(village.lon - 40.12) < 0.05
    assert found["al-Abd"].role == "unresolved"  # nothing spelled so nearby: honest, not guessed


def test_a_namesake_far_from_the_text_is_not_traded_for_a_near_one_spelled_further_off(geoparser):
    found = mentions(geoparser, "Turkish-backed fighters shelled Tel Tamr for a third day. Residents of Tel "
                                "Tamr said the shells fell on Amriyah, a village north of the town.")
    # no neighbourhood of Baghdad 700 km away, and no village of another spelling 100 km off
    assert found["Amriyah"].role == "unresolved"


def test_a_village_the_text_locates_itself_keeps_the_place_its_region_gives(geoparser):
    found = mentions(geoparser, "Artillery hit Harbal town in Aleppo countryside.")
    assert found["Harbal"].role == "place"
    assert abs(found["Harbal"].lat - 36.43) < 0.05 and abs(found["Harbal"].lon - 37.17) < 0.05


def test_a_town_far_from_the_text_gives_way_to_a_neighbourhood_spelled_a_little_differently(geoparser):
    found = mentions(geoparser, "ISIS shelled the town of Bagheliya near Deir ez-Zor city.")
    # not the Iraqi city of that alternate name 500 km away: the Bougailia neighbourhood of Deir ez-Zor
    assert found["Bagheliya"].role == "place" and found["Bagheliya"].country == "SY"
    assert abs(found["Bagheliya"].lat - 35.38) < 0.05 and abs(found["Bagheliya"].lon - 40.09) < 0.05


def test_a_town_far_from_everything_the_text_is_sure_of_is_unresolved(geoparser):
    # 'Irbin' in a list of villages around Tel Tamr is no town of Rural Damascus 450 km away
    found = mentions(geoparser, "Turkish-backed fighters shelled Tel Tamr and Abu Rasin. Residents of Tel Tamr "
                                "said the villages of Irbin and Dawudiya were hit, as Hasakah city braced.")
    assert found["Irbin"].role == "unresolved"
    # a text about Rural Damascus keeps it
    found = mentions(geoparser, "Shelling hit Irbin and Douma in the Eastern Ghouta.")
    assert found["Irbin"].role == "place" and abs(found["Irbin"].lat - 33.54) < 0.05


def test_a_listed_village_spelled_with_g_for_gh_is_found_beside_the_town_the_text_names(geoparser):
    found = mentions(geoparser, "Engineers rebuilt the bridge between Zaghareed and Saqlawiyah on Monday.")
    village = found["Zaghareed"]
    assert village.role == "place"
    assert abs(village.lat - 33.43) < 0.05 and abs(village.lon - 43.72) < 0.05  # Zigareid, by Saqlawiyah
