"""A dateline ('WASHINGTON -', 'BEIRUT (Reuters) -') says where a report was filed: the geoparser
places it, but no claim of the report is about it. Sentences written for this test."""
from geo.claims import ClaimExtractor
from geo.model import Document


def _claims(geoparser, text):
    doc = Document("t", text)
    return {(c.actor, c.relation, c.place.name) for c in ClaimExtractor().extract(doc, geoparser.parse(doc))}


def test_a_dateline_binds_no_claim_of_its_first_sentence(geoparser):
    text = ("Jets hit militia depots\n\nWASHINGTON - The United States carried out air strikes on Monday "
            "against weapons depots of an Iranian-backed militia, the Pentagon said.")
    assert not any(place == "Washington" for _, _, place in _claims(geoparser, text))


def test_a_dateline_with_an_agency_leaves_the_places_of_the_sentence_bound(geoparser):
    text = ("Rebels take town\n\nBEIRUT (Reuters) - Syrian rebels captured the town of Saraqeb on Monday, "
            "a war monitor said.")
    found = _claims(geoparser, text)
    assert ("Rebels", "control", "Saraqib") in found
    assert not any(place == "Beirut" for _, _, place in found)


def test_a_capital_in_capitals_inside_a_sentence_is_no_dateline(geoparser):
    text = "Protesters marched in DAMASCUS after government forces captured Douma on Sunday."
    assert ("Syrian government", "control", "Douma") in _claims(geoparser, text)
