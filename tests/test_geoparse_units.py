"""Names listed before a plural unit word (geo/geoparse/units.py): 'the Afrin and Kobani cantons'
names two cantons, not two towns. Sentences written for these tests."""
from geo.model import Document


def mentions(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("t", text))}


def test_towns_listed_before_cantons_are_the_cantons(geoparser):
    found = mentions(geoparser, "The YPG wanted to link the Afrin and Kobani cantons before winter.")
    assert found["Afrin"].name == "Afrin Canton" and found["Afrin"].kind == "region"
    assert found["Kobani"].name == "Kobani Canton" and found["Kobani"].precision == 3


def test_a_name_the_text_alone_would_not_place_is_read_as_its_canton(geoparser):
    found = mentions(geoparser, "By spring the SDF held the Kobane and Jazira Cantons.")
    assert found["Kobane"].name == "Kobani Canton"
    assert found["Jazira"].name == "Jazira Canton"


def test_towns_listed_before_districts_are_the_districts_named_after_them(geoparser):
    found = mentions(geoparser, "Airstrikes hit the Mosul and Tal Afar districts overnight.")
    assert found["Mosul"].kind == "district" and found["Mosul"].country == "IQ"
    assert found["Tal Afar"].kind == "district" and "afar" in found["Tal Afar"].name.lower()


def test_a_singular_unit_word_or_no_list_leaves_the_towns(geoparser):
    found = mentions(geoparser, "Shelling hit Afrin and the Kobani canton, then Kobani itself.")
    assert found["Afrin"].name == "Afrin" and found["Afrin"].kind == "city"
    found = mentions(geoparser, "Kurdish units withdrew from Afrin to the cantons further east.")
    assert found["Afrin"].name == "Afrin"


def test_names_listed_before_a_plural_site_word_are_those_sites(geoparser):
    # written for this test: the village and the city give way to the dams named after them
    found = {m.surface: m for m in geoparser.parse(Document("t", "The SDF took the Tishrin and Tabqa dams."))}
    assert found["Tishrin"].name == "Tishrin Dam" and found["Tishrin"].kind == "facility"
    assert found["Tabqa"].name == "Tabqa Dam" and found["Tabqa"].kind == "facility"
    found = {m.surface: m for m in geoparser.parse(Document("t", "The army held the Tiyas and Shayrat airbases."))}
    assert found["Tiyas"].kind == "facility" and found["Shayrat"].name == "Shayrat airbase"


def test_a_listed_name_with_no_such_site_is_left_as_it_was(geoparser):
    found = {m.surface: m for m in geoparser.parse(Document("t", "Rebels shelled the Kafr Nabl and Hish bases."))}
    assert all(m.kind != "facility" for m in found.values() if m.role == "place")


def test_names_listed_after_a_plural_site_word_and_of_are_those_sites(geoparser):
    # written for this test: 'the gas fields of A and B', a site spelled otherwise than the gazetteer
    found = mentions(geoparser, "The militants overran the gas fields of al-Hayl and Jazal in the desert.")
    assert found["al-Hayl"].name == "Al Hail Gas Field" and found["al-Hayl"].kind == "facility"
    assert found["Jazal"].kind == "facility"
    found = mentions(geoparser, "Jets struck the al-Hail and Shaer fields overnight.")
    assert found["al-Hail"].kind == "facility" and found["al-Hail"].country == "SY"  # not Saudi Ha'il
    # the regions of 'the oil fields of A and B' are no sites the gazetteer knows: left as they were
    found = mentions(geoparser, "Smugglers sold crude from the oil fields of Deir ez-Zor and Hasakah.")
    assert found["Hasakah"].name == "Hasakah" and found["Hasakah"].kind != "facility"


def test_a_listed_base_named_like_a_far_village_is_not_that_village(geoparser):
    # written for this test: the only 'Sanjaqah' is a village some 80 km west of the siege
    text = ("Government troops in Hama tried to relieve the Abu al-Duhur airbase near Tal Salmo. After the "
            "fall of the Wadi Deif and Sanjaqah bases, the rebels turned east.")
    assert mentions(geoparser, text)["Sanjaqah"].role == "unresolved"
    # a base at a town near the text's places keeps that town
    found = mentions(geoparser, "Rebels shelled the Kafr Nabl and Hish bases near Maarat al-Numan.")
    assert found["Hish"].role == "place" and found["Kafr Nabl"].role == "place"
