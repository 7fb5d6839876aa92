"""A governorate seat's bare name with a bearing adjective ('southern Idlib') in a text that names
the governorate is the governorate, not the city (geo/geoparse/resolver.py). Sentences written for
these tests."""
from geo.model import Document


def parse(geoparser, text):
    return geoparser.parse(Document("t", text))


def test_a_part_of_the_seat_is_the_governorate_the_text_names(geoparser):
    found = parse(geoparser, "Shelling was reported across Idlib province on Monday. Jets struck southern "
                             "Idlib again at dawn.")
    southern = [m for m in found if m.surface == "Idlib"]
    assert southern and southern[0].kind == "governorate" and southern[0].precision == 3


def test_a_text_that_calls_the_seat_a_city_keeps_the_city(geoparser):
    found = parse(geoparser, "Shelling was reported across Idlib province on Monday. Jets struck eastern "
                             "Idlib, and residents of Idlib city fled.")
    assert all(m.kind == "city" for m in found if m.surface == "Idlib")


def test_without_the_governorate_named_the_seat_stays_the_city(geoparser):
    found = parse(geoparser, "Jets struck southern Idlib again at dawn.")
    assert [m.kind for m in found if m.surface == "Idlib"] == ["city"]


def test_an_offensive_named_after_the_seat_is_the_governorate_the_text_names(geoparser):
    found = parse(geoparser, "Rebels pulled back from Idlib's Saraqib as the army pressed the Idlib offensive. "
                             "Thousands fled across Idlib province.")
    offensive = [m for m in found if m.surface == "Idlib" and m.start > 40]
    assert offensive and offensive[0].kind == "governorate" and offensive[0].precision == 3


def test_the_seat_after_in_stays_the_city(geoparser):
    found = parse(geoparser, "Shelling was reported across Idlib province. A car bomb went off in Idlib on Monday.")
    assert [m.kind for m in found if m.surface == "Idlib"] == ["city"]


def test_an_offensive_named_after_a_canton_seat_is_the_canton_the_text_names(geoparser):
    found = parse(geoparser, "Units from the Kobani Canton pushed east on Monday. The Kobani offensive "
                             "stalled, and fighters held the Kobani front.")
    bare = [m for m in found if m.surface == "Kobani"]
    assert len(bare) == 2 and all(m.kind == "region" and m.precision == 3 for m in bare)


def test_without_the_canton_named_the_seat_of_an_offensive_stays_the_town(geoparser):
    found = parse(geoparser, "The Kobani offensive stalled, and fighters held the Kobani front.")
    assert [m.kind for m in found if m.surface == "Kobani"] == ["town", "town"]


def test_a_front_named_after_the_seat_is_the_governorate_the_text_names(geoparser):
    found = parse(geoparser, "Thousands fled across Idlib province. Rebels held the Idlib front at dawn.")
    front = [m for m in found if m.surface == "Idlib"]
    assert front and front[0].kind == "governorate" and front[0].precision == 3
