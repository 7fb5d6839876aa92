"""A name an Arabic qualifier ends ('Shilallah al-Kabeera', 'Buqrus Tahtani'; the [[name_tail]] words of words.toml)
is looked for by spelling in the districts of the text's places; nothing is shown when nothing so
spelled lies near. Sentences written for these tests."""
from geo.geoparse.toponyms import qualified_names
from geo.knowledge import name_tails
from geo.model import Document


def mentions(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("t", text))}


def test_names_that_a_qualifier_ends_are_found_without_the_word_before_them():
    text = "In Boqrous Tahtani and Tal Shair Kabira the army met Mayadin al-Sharqiyah's elders."
    assert [text[s:e] for s, e in qualified_names(text)] == ["Boqrous Tahtani", "Tal Shair Kabira",
                                                           "Mayadin al-Sharqiyah"]


def test_the_qualifier_list_is_validated_and_holds_the_common_spellings():
    words = name_tails()
    assert {"Tahtani", "Fawqani", "Kabeera", "Gharbiyah"} <= set(words) and all(w[:1].isupper() for w in words)


def test_a_qualified_village_of_the_texts_district_is_found_by_spelling(geoparser):
    found = mentions(geoparser, "Troops pushing north from Khanasir took Shilallah al-Kabeera after two days.")
    village = found["Shilallah al-Kabeera"]
    assert village.role == "place"
    assert abs(village.lat - 35.86) < 0.05 and abs(village.lon - 37.57) < 0.05  # Shallalah Kabirah


def test_a_qualified_name_nothing_near_answers_to_is_not_shown(geoparser):
    found = mentions(geoparser, "Police in Basra said the convoy had come from Shilallah al-Kabeera.")
    assert "Shilallah al-Kabeera" not in found
