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


def test_a_site_name_resolves_to_the_site_and_the_bare_name_to_the_village(geoparser):
    found = placed(geoparser, "ISIS fighters attacked the Hayyan gas field east of Homs.")
    field = found["Hayyan gas field"]
    assert field.kind == "facility" and abs(field.lat - 34.60) < 0.05 and abs(field.lon - 37.90) < 0.05
    found = placed(geoparser, "Villagers fled Hayyan after the shelling, north of Aleppo.")
    assert found["Hayyan"].kind == "village" and abs(found["Hayyan"].lat - 36.32) < 0.05


def test_a_numbered_units_base_keeps_its_number(geoparser):
    # a base named after a numbered brigade is not every brigade's base
    assert "Brigade base" not in placed(geoparser, "Rebels stormed the 47th Brigade base near Hama.")
    found = placed(geoparser, "Rebels shelled the Brigade 135 base overnight.")
    assert found["Brigade 135 base"].kind == "facility" and found["Brigade 135 base"].country == "SY"


def test_dams_and_airfields_of_the_site_sources_are_found(geoparser):
    dam = placed(geoparser, "Engineers inspected the Hemrin Dam after the floods.")["Hemrin Dam"]
    assert dam.kind == "facility" and dam.country == "IQ" and abs(dam.lat - 34.1) < 0.2 and abs(dam.lon - 44.97) < 0.2
    airfield = placed(geoparser, "Jets took off from Qayyarah airfield at dawn.")["Qayyarah airfield"]
    assert airfield.kind == "facility" and abs(airfield.lat - 35.77) < 0.05 and abs(airfield.lon - 43.12) < 0.05


def test_kurdistan_villages_of_the_villages_layer_are_found(geoparser):
    found = placed(geoparser, "Turkish jets bombed Sidakan on Monday.")
    assert found["Sidakan"].place_id.startswith("wof:") and found["Sidakan"].country == "IQ"
    assert abs(found["Sidakan"].lat - 36.797) < 0.02 and abs(found["Sidakan"].lon - 44.672) < 0.02


def test_a_village_outranks_its_abandoned_namesake(geoparser):
    # two 'Kune Mar' in Sulaymaniyah governorate: one inhabited, one abandoned (GeoNames PPLQ)
    found = placed(geoparser, "Shelling hit Kune Mar.")
    assert abs(found["Kune Mar"].lat - 36.019) < 0.01 and abs(found["Kune Mar"].lon - 45.059) < 0.01


def test_a_village_of_the_new_layer_at_a_town_of_an_older_one_is_one_place(geoparser):
    # Who's On First knows al-Rai as 'Tchoban Bey' (Ar Rā‘ī, الراعي): the same place as OCHA's town
    found = placed(geoparser, "The Tchoban Bey front was quiet, and al-Rai too.")
    assert found["Tchoban Bey"].place_id == found["al-Rai"].place_id
    keys = {p.id for p in geoparser.index.candidates("rai") if abs(p.lat - 36.61) < 0.05 and p.kind in ("town", "village")}
    assert not any(k.startswith("wof:") for k in keys)


def test_a_far_village_namesake_is_not_taken_when_the_text_is_elsewhere(geoparser):
    # the only village spelled Sejar is Sayjar in Hama: no village of a report on Fallujah; the
    # war map's Sajar, 10 km from Fallujah (one vowel apart), is (geo/geoparse/nearby.py)
    mentions = geoparser.parse(Document("t", "Troops advanced from Fallujah towards Sejar and Garma in Anbar."))
    sejar = next(m for m in mentions if m.surface == "Sejar")
    assert sejar.role == "place" and sejar.country == "IQ"
    assert abs(sejar.lat - 33.4) < 0.1 and abs(sejar.lon - 43.8) < 0.1
    # with no place of that spelling near the text's places, it stays unresolved
    mentions = geoparser.parse(Document("t", "Troops advanced from Basra towards Sejar."))
    assert next(m for m in mentions if m.surface == "Sejar").role == "unresolved"


def test_the_new_layers_carry_provenance_and_the_admin_hierarchy():
    from geo.geoparse.index_build import read_layer

    for layer, prefixes, kinds in (("villages_wof.csv.gz", ("wof:",), {"city", "town", "village", "neighbourhood"}),
                                   ("sites.csv.gz", ("oa:", "wri:", "wpsite:"), {"facility", "hill"})):
        rows = list(read_layer(layer))
        assert len({place.id for place, _, _ in rows}) == len(rows) > 300
        for place, codes, _ in rows:
            assert place.id.startswith(prefixes) and place.kind in kinds, place
            assert place.country in ("IQ", "SY") and codes[0].startswith(place.country), (place, codes)


def test_every_source_has_a_licence_and_a_credit_line_and_geo_sources_prints_them(capsys):
    from geo.cli import main
    from geo.geoparse.attribution import credit_line, sources

    names = {s.source for s in sources()}
    assert {"GeoNames", "Who's On First", "OCHA", "OpenStreetMap contributors", "Wikipedia contributors",
            "OurAirports", "WRI", "Natural Earth"} <= names
    assert all(s.licence and s.credit and s.short for s in sources())
    line = credit_line()
    assert "© OpenStreetMap contributors" in line and "Who's On First" in line and "CC BY-SA" in line
    assert main(["sources"]) == 0
    printed = capsys.readouterr().out
    assert "www.geonames.org" in printed and "ODbL" not in line and "Open Database License" in printed


def test_a_generic_site_word_takes_the_one_such_place_the_text_names_or_locates(geoparser):
    def generic(text, surface):
        return next(m for m in geoparser.parse(Document("t", text)) if m.surface == surface)

    # named once before: 'the airbase' is that airbase, 'the dam' that dam, 'the city' that city
    airbase = generic("Rebels besieged the Kuweires airbase for months. The airbase was relieved in November.",
                      "The airbase")
    assert airbase.role == "place" and airbase.name == "Kweires airbase"
    assert generic("Engineers inspected the Hemrin Dam. Water rose behind the dam.", "the dam").name == "Hemrin Dam"
    assert generic("ISIS took Raqqa in 2014. The city was bombed daily.", "The city").name == "Raqqa"
    # located: 'the grain silos outside al-Rai' are near al-Rai (precision 2)
    silos = generic("The FSA captured the grain silos outside al-Rai.", "the grain silos")
    assert silos.role == "place" and silos.precision == 2 and geoparser.index.admin_codes(silos.place_id)[0] == "SY02"
    # 'the airbase near Tabqa': the airbase the gazetteer knows there, not the town
    assert "airbase" in generic("Fighting raged around the airbase near Tabqa.", "the airbase").name.lower()
    # two cities named, or none: no guess
    mentions = geoparser.parse(Document("t", "ISIS took Raqqa and Tabqa. The city was bombed. The dam held."))
    assert not any(m.surface in ("The city", "The dam") and m.role == "place" for m in mentions)
    # a name with its article in lower case before the site word is a name, not a describing word:
    # 'the al-Hayl gas field near Palmyra' is no other gas field near Palmyra
    mentions = geoparser.parse(Document("t", "Tanks rolled towards the al-Hayl gas field near Palmyra."))
    assert not any(m.surface.startswith("the al-Hayl") for m in mentions)


def test_a_village_is_not_dwarfed_by_a_governorate_spelled_alike(geoparser):
    # 'Al-Wasita' (a village of Aleppo) is one letter from Wasit, an Iraqi governorate of 1.3 million
    found = placed(geoparser, "A sniper shot a boy near Al-Wasita village, Atareb district, Aleppo.")
    assert found["Al-Wasita"].country == "SY" and found["Al-Wasita"].kind != "governorate"


def test_a_seat_is_read_as_its_governorate_where_the_words_ask_for_it(geoparser):
    def kind(text, surface):
        return placed(geoparser, text)[surface].kind

    assert kind("Hawijah lies in the western part of the adjacent province of Kirkuk.", "Kirkuk") == "governorate"
    assert kind("Militias raided villages in Diyala and Kirkuk Governorates.", "Kirkuk") == "governorate"
    assert kind("ISIS fighters attacked Kirkuk at dawn.", "Kirkuk") == "city"


def test_a_build_reports_its_progress_through_a_callback(tmp_path):
    from geo.geoparse.gazetteer import GazetteerIndex

    seen = []
    GazetteerIndex.load(tmp_path, progress=lambda share, step: seen.append((share, step)))
    shares = [share for share, _ in seen]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0
    assert {"villages_wof.csv.gz", "sites.csv.gz"} <= {step for _, step in seen}
    seen.clear()
    GazetteerIndex.load(tmp_path, progress=lambda share, step: seen.append((share, step)))
    assert seen == []  # built once: a warm start reports nothing


def test_the_capital_of_the_one_country_the_text_names(geoparser):
    found = {m.surface: m for m in geoparser.parse(Document("c", "Two bombs went off in Iraq on Monday; in the capital, "
                                                               "police found three bodies."))}
    assert found["the capital"].name == "Baghdad"
    found = {m.surface: m for m in geoparser.parse(Document("c", "Ministers of Syria and Iraq met in the capital."))}
    assert "the capital" not in found


def test_a_feature_with_an_arabic_head_answers_to_its_english_name(geoparser):
    # the war map names it 'Jabal Makhoul'; English reporting says 'Makhoul Mountain' or 'Mount Makhoul'
    for text, surface in (("Troops advanced to seize Makhoul Mountain from the militants.", "Makhoul Mountain"),
                          ("Jets struck positions on Mount Makhoul north of Baiji.", "Mount Makhoul")):
        found = {m.surface: m for m in geoparser.parse(Document("t", text))}
        hill = found[surface]
        assert hill.kind == "hill" and hill.country == "IQ"
        assert abs(hill.lat - 35.2) < 0.05 and abs(hill.lon - 43.34) < 0.05


def test_english_feature_names_are_made_for_heads_the_data_file_lists():
    from geo.geoparse.index_build import english_feature_names

    assert english_feature_names("Jabal Makhoul") == ["Makhoul Mountain", "Mount Makhoul"]
    assert english_feature_names("Wadi Hauran") == ["Hauran Valley"]
    assert english_feature_names("Makhoul") == [] and english_feature_names("Qaryat Makhoul") == []
