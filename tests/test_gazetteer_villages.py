"""The villages and sites of the Iraq and Syria war maps (geo/data/gazetteer/conflict_map.csv.gz): in the
index with their admin hierarchy, found in running text, and no person-like names among them.

Sentences written for these tests."""
from geo.geoparse.index_build import read_layer
from geo.model import Document

LAYER = "conflict_map.csv.gz"


def placed(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("t", text)) if m.role == "place"}


def test_every_mark_lies_in_iraq_or_syria_with_its_sub_district():
    rows = list(read_layer(LAYER))
    assert len(rows) > 1000
    assert len({place.id for place, _, _ in rows}) == len(rows)
    for place, codes, _ in rows:
        assert place.country in ("IQ", "SY"), place
        assert all(codes) and codes[0].startswith(place.country), (place, codes)
        assert place.kind in ("village", "hill", "camp", "facility"), place


def test_names_that_are_people_or_groups_are_left_out():
    names = {name.lower() for place, _, _ in read_layer(LAYER) for name in place.names}
    for name in ("haj ali", "sayyid ahmad", "umar khalid", "shabab", "khalid", "diana"):
        assert name not in names
    assert {"bartella", "qaraqosh", "bakhdida", "tel keppe"} <= names


def test_nineveh_villages_are_found_in_text(geoparser):
    # neither village is in the curated theatre file: only the war-map layer knows them
    found = placed(geoparser, "Militants shelled Bazwaya and Khaznah Tappah on the eastern edge of Mosul.")
    for surface in ("Bazwaya", "Khaznah Tappah"):
        assert found[surface].place_id.startswith("wmiq:") and found[surface].country == "IQ"
        assert geoparser.index.admin_codes(found[surface].place_id)[0] == "IQG15"  # Nineveh
        assert abs(found[surface].lat - 36.37) < 0.05 and abs(found[surface].lon - 43.33) < 0.05


def test_an_alternate_name_in_brackets_is_a_name_of_the_village(geoparser):
    # 'Umm adh Dhiban (Mediban)' on the map: the name in brackets finds the same village
    found = placed(geoparser, "Families returned to Mediban, west of Sinjar, last week.")
    assert found["Mediban"].place_id.startswith("wmiq:")
    assert abs(found["Mediban"].lat - 36.275) < 0.01 and abs(found["Mediban"].lon - 41.379) < 0.01


def test_syrian_villages_of_the_war_map_are_found_with_their_governorate(geoparser):
    # Kinsabba (Latakia mountains) and Tilyaq (near Afrin) are in no other layer
    found = placed(geoparser, "Artillery hit Kinsabba, and drones struck Tilyaq on Sunday.")
    assert found["Kinsabba"].place_id.startswith("wmsy:") and found["Kinsabba"].country == "SY"
    assert geoparser.index.admin_codes(found["Kinsabba"].place_id)[0] == "SY06"  # Lattakia
    assert found["Tilyaq"].place_id.startswith("wmsy:")
    assert geoparser.index.admin_codes(found["Tilyaq"].place_id)[0] == "SY02"  # Aleppo


def test_a_village_written_with_its_article_assimilated_is_found_as_reporters_write_it(geoparser):
    # Who's On First writes 'As Sikhah' (the article sounds as the sun letter): a reporter's
    # 'Al Sikhah' is the same village
    found = placed(geoparser, "Gunmen shot at a QSD position in Al Sikhah town in Deir ez Zor.")
    assert found["Al Sikhah"].name == "As Sikhah" and abs(found["Al Sikhah"].lat - 34.71) < 0.05
    # an English 'as' before a name is no article
    assert "Dana" not in placed(geoparser, "Dana Smith said the road was open.")
