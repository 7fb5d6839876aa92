"""A name and its alternate in brackets ('Edine (Edin)') name one place: when each alone would be
placed abroad and the places of Syria and Iraq they answer to are one, both are that place; a
container in brackets ('X district (Y)') stays the container. Sentences written for these tests."""
from geo.model import Document


def placed(geoparser, text):
    return [(m.surface, m.name, m.country) for m in geoparser.parse(Document("t", text)) if m.role == "place"]


def test_a_kurdish_name_and_its_alternate_stay_in_iraq_without_a_region(geoparser):
    found = placed(geoparser, "Turkish jets bombed Edine (Edin) on Monday night.")
    assert ("Edine", "Edin", "IQ") in found and ("Edin", "Edin", "IQ") in found


def test_a_governorate_in_brackets_is_the_container_not_an_alternate(geoparser):
    found = placed(geoparser, "Gunmen shot a shop owner in Amara district (Maysan) on Friday.")
    assert ("Maysan", "Maysan Governorate", "IQ") in found
