"""A place name inside a longer Arabic name the gazetteer lacks is no place of its own
(geo/geoparse/readings.py part_of_longer_name). Sentences written for these tests."""
from geo.model import Document


def placed(geoparser, text):
    return {m.surface: m.name for m in geoparser.parse(Document("t", text)) if m.role == "place"}


def test_a_country_before_a_name_head_begins_a_hill_name(geoparser):
    found = placed(geoparser, "By evening the army retook Syria Tel Hill, outside Khanasir.")
    assert "Syria" not in found and found.get("Khanasir") == "Khanasir"


def test_a_name_head_after_a_name_ends_it(geoparser):
    found = placed(geoparser, "The army retook the hill the locals call Tal Syria Tel near Khanasir.")
    assert "Tel" not in found and found.get("Khanasir") == "Khanasir"


def test_a_head_after_a_possessive_or_a_bearing_is_the_place(geoparser):
    assert placed(geoparser, "A car bomb killed five soldiers near Syria's al-Bab.").get("al-Bab") == "al-Bab"
    assert placed(geoparser, "The Northern al-Bab offensive began in September.").get("al-Bab") == "al-Bab"


def test_names_listed_with_commas_stay_places(geoparser):
    found = placed(geoparser, "Fighting spread to Raqqa, Tal Abyad and Kobani.")
    assert {"Raqqa", "Tal Abyad", "Kobani"} <= set(found)


def test_a_sites_bare_name_inside_a_persons_name_is_no_place(geoparser):
    found = placed(geoparser, "Smoke rises over Khan Sheikhoun after the raid [Omar Haj Kadour/AFP]")
    assert "Omar" not in found and found.get("Khan Sheikhoun")
    assert placed(geoparser, "Clashes erupted near al-Omar Oil Field.").get("al-Omar Oil Field") == "al-Omar oil field"


def test_a_name_with_the_head_albu_in_lower_case_is_found_whole(geoparser):
    # 'albu-Nimr': the head 'Albu' in lower case begins the name as 'al-' does ('al-Rai'); not 'Nimr' alone
    found = {m.surface: m for m in geoparser.parse(Document("t", "Gunmen killed six men of the albu-Nimr clan on Friday."))}
    assert "Nimr" not in found
    assert found["albu-Nimr"].role == "place" and found["albu-Nimr"].country == "IQ"


def test_a_phrase_of_common_words_is_no_village_or_site_of_a_source_layer(geoparser):
    # 'Air Defence' and 'As he' are names in the site and village layers; in running text they are words
    found = {m.surface: m for m in geoparser.parse(Document("t", "Air Defence units fired at drones over Hama."))}
    assert "Air Defence" not in found and found["Hama"].role == "place"
    found = {m.surface: m for m in geoparser.parse(Document("t", "As he left the mosque, a bomb went off in Tikrit."))}
    assert "As he" not in found
    # a numbered unit is a name ('4th Division'); so is a curated place of common words ('Green Zone')
    found = {m.surface: m for m in geoparser.parse(Document("t", "Rockets fell inside the Green Zone of Baghdad."))}
    assert found["Green Zone"].role == "place"
