"""Issue 22: the villages (Who's On First / GeoNames) and sites (airbases, fields, dams, crossings)
of Syria and Iraq in the gazetteer; namesakes ranked by context, then prominence; generic site
words ('the airbase') by the document's context; the sources' credit lines.

Sentences written for these tests."""
from geo.model import Document


def placed(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("t", text)) if m.role == "place"}


def test_a_name_with_a_lower_case_article_is_found_and_the_town_outranks_the_villages(geoparser):
    # al-Rai: the border town of Aleppo governorate; a village of Nineveh has the same name
    found = placed(geoparser, "The FSA captured al-Rai on Tuesday.")
    assert found["al-Rai"].country == "SY" and found["al-Rai"].kind in ("town", "city")
    assert geoparser.index.admin_codes(found["al-Rai"].place_id)[0] == "SY02"  # Aleppo


def test_the_region_of_a_name_asks_for_the_region(geoparser):
    found = placed(geoparser, "Fighters regrouped in the region of al-Badia, the officials said.")
    assert found["al-Badia"].kind == "region"
