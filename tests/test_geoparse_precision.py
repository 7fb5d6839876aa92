"""Names whose place the words beside them settle: a common English word set beside a place noun,
a river named with the region it flows through. Sentences written for these tests."""
from geo.model import Document


def mentions(geoparser, text):
    return [m for m in geoparser.parse(Document("t", text))]


def test_a_common_word_set_beside_a_place_noun_is_the_place(geoparser):
    text = ("Hit, a riverside town in western Anbar, fell to the militants in October. "
            "Months later the army said that Hit had been retaken.")
    found = [m for m in mentions(geoparser, text) if m.surface == "Hit"]
    assert len(found) == 2 and all(m.role == "place" and m.country == "IQ" for m in found)
    # with no place noun beside it the word stays a word
    assert not any(m.surface == "Hit" for m in mentions(geoparser, "Hit by shelling, the convoy turned back."))


def test_a_river_named_with_its_region_stays_the_river(geoparser):
    text = "The militants crossed to a farm on the Euphrates in Deir ez-Zor Governorate."
    river = next(m for m in mentions(geoparser, text) if m.surface == "Euphrates")
    assert river.role == "place" and river.kind == "river"
    text = "Boats ferried fighters across the Tigris in Nineveh."
    river = next(m for m in mentions(geoparser, text) if m.surface == "Tigris")
    assert river.role == "place" and river.kind == "river"


def test_a_country_inside_a_bracketed_feature_name_is_no_country(geoparser):
    # 'Tal Syria Tel' in brackets: the head before 'Syria' begins a longer name the gazetteer lacks
    text = "Troops retook Syria Tel Hill (Tal Syria Tel), outside Khanasir, by nightfall."
    assert not any(m.surface == "Syria" and m.role == "place" for m in mentions(geoparser, text))
    found = {m.surface: m for m in mentions(geoparser, "Rebels entered the border town (Tal Abyad) at dawn.")}
    assert found["Tal Abyad"].role == "place"


def test_a_hill_named_like_a_far_village_is_not_that_village(geoparser):
    # the only 'Talat al-Bayda' the gazetteer has is a village 85 km north of Khanasir
    text = "The army pushed out of Khanasir towards Ithriya and stormed the large Talat Al-Bayda hill."
    hill = next(m for m in mentions(geoparser, text) if m.surface == "Talat Al-Bayda")
    assert hill.role == "unresolved"
    # a hill named after a village near the text's places keeps that village's point
    text = "Rebels near Aleppo shelled Anadan from the Tal Shueib hill."
    assert next(m for m in mentions(geoparser, text) if m.surface.startswith("Tal Shueib")).role == "place"
