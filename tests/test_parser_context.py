"""Resolution in context: the region a text gives, names that are not places, the wider world.

Sentences written for these tests."""
import pytest

from geo.model import Document


def parse(geoparser, text):
    return geoparser.parse(Document("t", text))


def roles(geoparser, text):
    return [(m.surface, m.role, m.name, m.country) for m in parse(geoparser, text)]


def by_surface(geoparser, text):
    return {m.surface: m for m in parse(geoparser, text)}


# -- the gazetteer compiled from the sources --------------------------------------------------

def test_villages_and_sub_districts_from_the_sources(geoparser):
    found = by_surface(geoparser, "Shelling hit Kansafra and Kafr Noran, and later the Dardara area.")
    assert {s: m.country for s, m in found.items() if m.role == "place"} == {
        "Kansafra": "SY", "Kafr Noran": "SY", "Dardara": "SY"}


def test_every_theatre_place_has_its_admin_hierarchy(geoparser):
    index = geoparser.index
    raqqa = next(c for c in index.candidates("raka") if c.id == "th:raqqa")
    governorate, district, subdistrict = index.admin_codes(raqqa.id)
    assert governorate == "SY11" and district.startswith("SY11") and subdistrict.startswith(district)
    mosul = next(c for c in index.candidates("musul") if c.country == "IQ")
    assert index.admin_codes(mosul.id)[0] == "IQG15"  # Ninewa
    assert index.admin_codes("th:nineveh_gov")[0] == "IQG15"  # a governorate by its name, not its label point


# -- hierarchy: 'X in Y', 'X, Y', 'Y countryside' ------------------------------------------------

def test_a_name_with_no_candidate_in_the_region_stays_unresolved(geoparser):
    # Gare and Daman have namesakes abroad (France, India) and none in Syria
    for name in ("Gare", "Daman"):
        found = by_surface(geoparser, f"Rockets fell on {name} in Idleb.")
        assert found[name].role == "unresolved"
        assert found["Idleb"].name == "Idlib"


def test_a_village_of_the_region_wins_over_a_namesake_abroad(geoparser):
    found = by_surface(geoparser, "Rockets fell on Bara in Idleb.")
    assert found["Bara"].role == "place" and found["Bara"].country == "SY"  # not Paulo Afonso, Brazil
    assert geoparser.index.admin_codes(found["Bara"].place_id)[0] == "SY07"  # Idlib governorate


def test_the_region_chooses_among_namesakes(geoparser):
    # al-Bab the Aleppo town, not a neighbourhood of the same name elsewhere
    found = by_surface(geoparser, "Clashes in al-Bab in Aleppo countryside.")
    assert found["al-Bab"].role == "place" and found["al-Bab"].country == "SY"
    assert geoparser.index.admin_codes(found["al-Bab"].place_id)[0] == "SY02"


def test_south_of_a_city_keeps_the_place_near_it(geoparser):
    found = by_surface(geoparser, "A bomb went off in Yusufiyah, south of Baghdad.")
    # the Iraqi town of the war-map layer, not Youssoufia, Morocco
    assert found["Yusufiyah"].role == "place" and found["Yusufiyah"].country == "IQ"
    assert abs(found["Yusufiyah"].lat - 33.08) < 0.1 and abs(found["Yusufiyah"].lon - 44.25) < 0.1
    assert found["Baghdad"].role == "place"


def test_a_distance_given_with_a_bearing_keeps_the_place_about_that_far(geoparser):
    # the Abbasiya (a sub-district seat) that lies 15 km north of Samarra; none lies 120 km west of it
    found = by_surface(geoparser, "A bomber struck houses in Abbasiya, 15 km north of the Iraqi city of Samarra.")
    assert found["Abbasiya"].role == "place" and abs(found["Abbasiya"].lat - 34.31) < 0.05
    found = by_surface(geoparser, "A bomber struck houses in Abbasiya, 120 km west of the Iraqi city of Samarra.")
    assert found["Abbasiya"].role == "unresolved"
    # among the Sadiyahs, the one about 140 km (a road distance) from Baghdad: in Diyala
    found = by_surface(geoparser, "Bombs hit a market in the town of Sadiyah, 140 kilometers (90 miles) northeast of Baghdad.")
    assert geoparser.index.admin_codes(found["Sadiyah"].place_id)[0] == "IQG10"


def test_an_appositive_village_in_a_region_is_looked_for_there(geoparser):
    # 'X, a (Sunni) village in Y': X among Y's places (Qaryat al 'Abbarah of Diyala, not the Syrian
    # Abara), or unresolved (no Abara in Basra)
    found = by_surface(geoparser, "Gunmen fired on workers in Abara, a majority-Sunni village in Diyala Province.")
    assert found["Abara"].role == "place" and geoparser.index.admin_codes(found["Abara"].place_id)[0] == "IQG10"
    found = by_surface(geoparser, "Gunmen fired on workers in Abara, a majority-Sunni village in Basra Province.")
    assert found["Abara"].role == "unresolved"


def test_no_place_abroad_unless_the_text_points_there(geoparser):
    syrian = by_surface(geoparser, "Jets struck Mare in northern Aleppo and then Tabqa.")
    assert all(m.country in ("SY", None) for m in syrian.values())
    abroad = by_surface(geoparser, "Refugees from Aleppo reached Gaziantep in Turkey.")
    assert abroad["Gaziantep"].country == "TR" and abroad["Gaziantep"].role == "place"


def test_a_part_of_the_countryside_is_near_the_city(geoparser):
    for text in ("Shelling in the northern countryside of Hama.", "Shelling in the northern Hama countryside.",
                 "Raids hit the south-western countryside of Hama."):
        [mention] = [m for m in parse(geoparser, text) if m.role == "place"]
        assert (mention.name, mention.kind, mention.precision) == ("Hama", "city", 2), text


def test_the_countryside_of_a_governorate_seat_is_the_governorate(geoparser):
    for text in ("Shelling in the countryside of Hama.", "Shelling in Hama countryside.",
                 "Troops moved into the Idlib region.", "Saraqeb, a town in the Idlib countryside, was hit."):
        found = by_surface(geoparser, text)
        mention = found.get("Hama") or found["Idlib"]
        assert (mention.kind, mention.precision) == ("governorate", 3), text
    # a village in the countryside is still looked for inside the governorate
    assert by_surface(geoparser, "Saraqeb, a town in the Idlib countryside, was hit.")["Saraqeb"].role == "place"


def test_a_province_is_the_governorate(geoparser):
    [mention] = [m for m in parse(geoparser, "Airstrikes in the Hama province.") if m.role == "place"]
    assert (mention.kind, mention.precision) == ("governorate", 3)


def test_a_name_head_before_an_unknown_name_is_no_place(geoparser):
    # 'Tal' of an unknown 'Tal Zarzur' is no al-Tall; 'Dabiq' after an unknown 'Kafr' is not taken alone
    text = "Shells hit Tal Zarzur village and Kafr Zarzur in Idlib countryside."
    assert [m.name for m in parse(geoparser, text) if m.role == "place"] == ["Idlib Governorate"]


# -- not places ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "SDF adviser Nasser al-Hajj Mansour said the front was calm.",
    "YPG spokesperson Shiyar Hasakah told reporters the road was open.",
    "Local commander Khaled Raqqa denied the report.",
])
def test_a_role_and_a_given_name_before_a_family_name(geoparser, text):
    assert [m for m in parse(geoparser, text) if m.role == "place"] == []


def test_news_agencies_and_desks_are_not_places(geoparser):
    text = "EUPHRATES DESK\nSANA and ANHA reported, citing SOHR, that shelling hit Deir ez-Zor."
    assert [(m.surface, m.name) for m in parse(geoparser, text) if m.role == "place"] == [("Deir ez-Zor", "Deir ez-Zor")]


def test_a_place_inside_a_group_name_of_the_actor_lexicon_is_no_place(geoparser):
    # 'Deir ez-Zor Military Council' and 'Hamza Brigade' are in actors.toml: groups, not places
    text = "A Deir ez-Zor Military Council member was shot in Shiheil town; the Hamza Brigade denied it."
    places = [m.name for m in parse(geoparser, text) if m.role == "place"]
    assert "Deir ez-Zor" not in places and not any("Hamza" in name for name in places)
    # a group name that is also a place name stays a place: the metonymy rules decide
    assert by_surface(geoparser, "The wounded were flown to the United States.")["United States"].role == "place"


def test_a_lower_case_phrase_of_a_curated_region_is_the_region_but_a_direction_only_describes(geoparser):
    found = by_surface(geoparser, "Israeli rockets hit positions near Qatana in rural Damascus.")
    assert found["rural Damascus"].name == "Rif Dimashq Governorate" and found["Qatana"].country == "SY"
    assert "northern Iraq" not in by_surface(geoparser, "Gunmen killed two men in Hit, northern Iraq.")


def test_a_title_makes_a_person_and_a_building_word_makes_a_building(geoparser):
    assert [m for m in parse(geoparser, "Six died, said General Taie, the police chief.") if m.role == "place"] == []
    assert [m.surface for m in parse(geoparser, "Troops detained the Mukhtar of Azaz.") if m.role == "place"] == ["Azaz"]
    # a town's name as a family name after a given name the gazetteer does not know
    assert [m.surface for m in parse(geoparser, "Gunmen killed Bunyan Sabar al-Obeidi in Kirkuk.")
            if m.role == "place"] == ["Kirkuk"]
    assert by_surface(geoparser, "Clashes went on in al-Obeidi.")["al-Obeidi"].role == "place"
    found = by_surface(geoparser, "Gunmen bombed the Al Bashir center in Najaf city; shells hit Kafr Nabl hospital.")
    assert "Al Bashir" not in found and "Bashir" not in found  # a building, not the village Bashir
    assert found["Najaf"].role == "place" and found["Kafr Nabl"].role == "place"  # a town's hospital is in the town
    assert [m.surface for m in parse(geoparser, "Jets struck a Sharia court in Mosul.") if m.role == "place"] == ["Mosul"]
    # a unit's capitalised name holds no place: 'the Nidaa Diyala Brigade'
    assert [m.surface for m in parse(geoparser, "Gunmen attacked the Nidaa Diyala Brigade near Hit.")
            if m.role == "place"] == ["Hit"]


# -- the wider world ---------------------------------------------------------------------------

def test_united_states_and_europe_abbreviations(geoparser):
    found = roles(geoparser, "Troops from the U.S. and the UK met in the US; the EU pledged aid.")
    assert ("U.S", "place", "United States", "US") in found or ("U.S", "actor", "United States", "US") in found
    assert {(s, n) for s, _, n, _ in found} >= {("UK", "United Kingdom"), ("US", "United States"), ("EU", "European Union")}


def test_continents_seas_and_provinces_abroad(geoparser):
    found = by_surface(geoparser, "Migrants crossed the Mediterranean and the Aegean to Europe; some came from Texas.")
    assert found["Mediterranean"].name == "Mediterranean Sea" and found["Mediterranean"].precision == 3
    assert found["Aegean"].name == "Aegean Sea"
    assert found["Europe"].kind == "region"
    assert (found["Texas"].country, found["Texas"].kind) == ("US", "province")
    # a list shares the locative of its first name; a first-level division ranks above a town
    # of its name, and is known well enough in a report about Syria
    found = by_surface(geoparser, "Officials in Texas, Ohio and California said Syria was hit. He flew to Ontario.")
    assert {found[n].kind for n in ("Texas", "Ohio", "California")} == {"province"}
    assert (found["Ontario"].country, found["Ontario"].kind) == ("CA", "province")
    # but a division whose name only describes stays off the map
    assert "North" not in by_surface(geoparser, "Clashes in the North of Syria went on.")
    assert by_surface(geoparser, "Officials in Europe and Africa said so.")["Africa"].kind == "region"


def test_demonyms_link_to_their_country_and_are_never_places(geoparser):
    found = by_surface(geoparser, "Turkish forces shelled Tal Abyad as Iraqi troops entered Mosul.")
    assert (found["Turkish"].role, found["Turkish"].name, found["Turkish"].country) == ("demonym", "Turkey", "TR")
    assert (found["Iraqi"].role, found["Iraqi"].country) == ("demonym", "IQ")
    assert found["Turkish"].lat is None  # nothing to put on a map
    assert found["Tal Abyad"].role == "place" and found["Mosul"].role == "place"


def test_a_capital_named_through_its_country(geoparser):
    [mention] = [m for m in parse(geoparser, "A car bomb exploded in the Iraqi capital on Monday.") if m.role == "place"]
    assert mention.name == "Baghdad"


def test_metonyms_stay_actors(geoparser):
    found = by_surface(geoparser, "Washington insists the US-led coalition will stay; Moscow disagrees.")
    assert found["Washington"].role == "actor" and found["Moscow"].role == "actor"
    assert found["US"].role == "actor"


def test_a_quarter_written_after_its_city_is_part_of_it(geoparser):
    [mention] = [m for m in parse(geoparser, "Clashes broke out in Deraa al-Balad on Friday.") if m.role == "place"]
    assert (mention.surface, mention.name, mention.precision) == ("Deraa al-Balad", "Daraa", 2)  # not Balad, Iraq


def test_a_generic_name_is_part_of_the_city_the_report_is_about(geoparser):
    text = "Iraqi forces pushed into western Mosul. Snipers still held parts of the Old City on Sunday."
    old_city = by_surface(geoparser, text)["Old City"]
    assert (old_city.role, old_city.name, old_city.precision) == ("place", "Mosul", 2)  # not Jerusalem


def test_a_capitals_possessive_part_or_a_locative_keeps_it_on_the_map(geoparser):
    found = roles(geoparser, "A bomb hit a market in Baghdad's Karrada district. Attacks around Baghdad have "
                             "killed nine. Baghdad's decision angered Erbil.")
    baghdad = [role for surface, role, _, _ in found if surface == "Baghdad"]
    assert baghdad == ["place", "place", "actor"]


def test_a_governorate_the_document_names_chooses_among_namesakes(geoparser):
    # two villages named Tall Shihab, in Homs and in Daraa governorates
    found = by_surface(geoparser, "Gunmen were active in Daraa province; a fighter was killed in Tal Shihab town.")
    assert geoparser.index.admin_codes(found["Tal Shihab"].place_id)[0] == "SY12"


def test_a_seats_possessive_before_a_town_of_its_governorate(geoparser):
    found = by_surface(geoparser, "Fighters pulled out of Hama’s Kafr Zita overnight.")
    assert (found["Hama"].kind, found["Kafr Zita"].role) == ("governorate", "place")
    found = by_surface(geoparser, "A bomb hit Baghdad's Karrada district.")
    assert found["Baghdad"].kind == "city"


def test_seats_listed_before_countryside_are_governorates(geoparser):
    for text in ("Jets struck Idlib, Hama and Aleppo countryside.", "Funerals were held in the countryside of Raqqa and Aleppo."):
        found = by_surface(geoparser, text)
        assert {m.kind for m in found.values() if m.role == "place"} == {"governorate"}, text
    found = by_surface(geoparser, "ERBIL, Kurdistan Region  Clashes went on.")
    assert found["ERBIL"].kind == "city"


def test_namesakes_inside_a_seats_governorate_are_not_ranked_by_distance_to_the_seat(geoparser):
    # 'X village, Aleppo', 'X village in Aleppo countryside': every Aziziyah of Aleppo governorate
    # qualifies; the most prominent one (a settlement of the OpenStreetMap layer) is taken, not the
    # one nearest the city
    for text in ("Shells fell on Aziziyah village in Aleppo countryside.", "Shells fell on Aziziyah village, Aleppo."):
        found = by_surface(geoparser, text)["Aziziyah"]
        assert found.place_id.startswith("osm:") and geoparser.index.admin_codes(found.place_id)[0] == "SY02", text


def test_a_dateline_of_two_cities_places_both(geoparser):
    found = by_surface(geoparser, "BAGHDAD/ERBIL (Reuters) - Talks went on.\nOfficials in Baghdad said so.")
    assert found["BAGHDAD"].role == "place" and found["ERBIL"].role == "place"


def test_a_seat_that_is_the_region_of_a_place_stays_the_city(geoparser):
    # the claim engine binds 'X village in Hama countryside' to the city standing for its countryside
    for text in ("Shells hit Zorbaq village in Hama countryside.", "Tal Rifaat in Aleppo countryside was shelled.",
                 "Shells hit Zorbaq town in the countryside of Hama."):
        found = by_surface(geoparser, text)
        mention = found.get("Hama") or found["Aleppo"]
        assert mention.kind == "city", text
    # a list of two ('Deir Ezzor and Hama countryside') may be the city and a countryside
    assert by_surface(geoparser, "Troops took areas in Deir Ezzor and Hama countryside.")["Deir Ezzor"].kind == "city"


def test_the_noun_after_a_name_asks_for_its_kind(geoparser):
    # 'the X neighbourhood', 'the X quarter': the quarter of that name before a village namesake
    found = by_surface(geoparser, "A bomb went off in the Qahira quarter, killing three.")
    assert (found["Qahira"].kind, found["Qahira"].country) == ("neighbourhood", "IQ")
    found = by_surface(geoparser, "Gunmen shot a shopkeeper dead in the Ghazaliyah neighbourhood on Tuesday.")
    assert found["Ghazaliyah"].kind == "neighbourhood"
    # without the noun the village namesake stays the choice
    assert by_surface(geoparser, "A bomb went off in Qahira, killing three.")["Qahira"].kind == "village"
