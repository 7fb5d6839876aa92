"""How a name is read where the words around it decide: a direction before a country, a dateline,
a border, a web address, the governorate's English name. Sentences written for these tests."""
from geo.model import Document


def mentions(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("t", text))}


def test_a_direction_before_a_country_leaves_the_country(geoparser):
    found = mentions(geoparser, "Fighting in northwest Syria continued for a week.")
    assert "northwest Syria" not in found  # the phrase only describes ...
    assert found["Syria"].role == "place" and found["Syria"].kind == "country"  # ... the country is placed
    found = mentions(geoparser, "Gunmen killed two men in Hit, northern Iraq.")
    assert found["Iraq"].role == "place" and found["Hit"].country == "IQ"


def test_a_capital_in_a_dateline_is_where_the_report_is_filed(geoparser):
    found = mentions(geoparser, "AMMAN (Reuters) - Rebels said they held the crossing.")
    assert found["AMMAN"].role == "place" and found["AMMAN"].name == "Amman"
    found = mentions(geoparser, "BEIRUT - Government forces advanced on Tuesday.")
    assert found["BEIRUT"].role == "place"
    # a capital opening a sentence, not a dateline in capitals, still stands for its government
    assert mentions(geoparser, "Washington insists the SDF holds Raqqa.")["Washington"].role == "actor"
    assert mentions(geoparser, "Damascus - the government said it would respond.")["Damascus"].role == "actor"


def test_a_border_named_by_two_countries_places_the_power_too(geoparser):
    found = mentions(geoparser, "The town lies 30 km from the Turkey-Syria border.")
    assert found["Turkey"].role == "place" and found["Syria"].role == "place"
    assert mentions(geoparser, "A US-led coalition struck the town.")["US"].role == "actor"


def test_names_inside_a_web_address_are_no_mentions(geoparser):
    text = "Photo: https://example.org/wiki/Battle_of_Abu_al-Duhur_(2015).jpg shows Idlib."
    found = mentions(geoparser, text)
    assert not any("Duhur" in surface for surface in found)
    assert found["Idlib"].role == "place"


def test_saladin_is_the_governorate(geoparser):
    found = mentions(geoparser, "Militias raided villages around Amirli in Saladin and Kirkuk Governorates.")
    assert found["Saladin"].name == "Salahuddin Governorate" and found["Saladin"].kind == "governorate"
    found = mentions(geoparser, "Tikrit is the capital of the Saladin Governorate.")
    assert found["Saladin Governorate"].kind == "governorate"


def test_a_country_before_its_forces_or_officials_is_an_actor(geoparser):
    assert mentions(geoparser, "Iraq’s Prime Minister ordered the army not to enter.")["Iraq"].role == "actor"
    assert mentions(geoparser, "Syria forces moved into the town.")["Syria"].role == "actor"
    assert mentions(geoparser, "Photos show Iran's Quds Force commander at the front.")["Iran"].role == "actor"
    # a possessive that locates, or a locative before the name, leaves a place
    assert mentions(geoparser, "Refugees fled to Turkey's Hatay province.")["Turkey"].role == "place"
    assert mentions(geoparser, "Clashes in Syria's north killed ten.")["Syria"].role == "place"


def test_a_village_name_inside_a_persons_name_does_not_unmask_the_family_name(geoparser):
    # 'Sabar' is a village of the new layers too: dropped as part of the name, it ends no place,
    # so 'al-Obeidi' after it stays a family name (not the town of al-Ubaydi 300 km away)
    found = mentions(geoparser, "Gunmen shot and killed Bunyan Sabar al-Obeidi Sunday morning as he was "
                                "driving his car in Kirkuk")
    assert [m.surface for m in found.values() if m.role == "place"] == ["Kirkuk"]


def test_a_two_word_name_after_an_adjective_is_a_place(geoparser):
    found = mentions(geoparser, "A bomb blast killed five in the capital's largely Shiite New Baghdad district.")
    assert found["New Baghdad"].role == "place" and found["New Baghdad"].country == "IQ"
    assert abs(found["New Baghdad"].lat - 33.3) < 0.1 and abs(found["New Baghdad"].lon - 44.45) < 0.1


def test_the_towns_either_side_of_a_provincial_boundary_name_their_governorates(geoparser):
    found = mentions(geoparser, "YPG forces seized four villages on the provincial boundary between Al-Hasakah and Raqqa.")
    assert found["Al-Hasakah"].kind == "governorate" and found["Raqqa"].kind == "governorate"
    found = mentions(geoparser, "Airstrikes near the Salah Al Din - Diyala provincial border killed four.")
    assert found["Diyala"].kind == "governorate"
    assert mentions(geoparser, "Clashes erupted in Raqqa on Sunday.")["Raqqa"].kind == "city"


def test_the_country_a_border_or_crossing_leads_to_is_a_place(geoparser):
    assert mentions(geoparser, "Fighting raged near Tell Abyad on the border with Turkey.")["Turkey"].role == "place"
    assert mentions(geoparser, "The aim was to reach the Nassib crossing with Jordan.")["Jordan"].role == "place"
    assert mentions(geoparser, "It allowed the fighters to enter Turkey and escape.")["Turkey"].role == "place"
    assert mentions(geoparser, "Turkey launched an offensive.")["Turkey"].role == "actor"


def test_the_cantons_are_regions(geoparser):
    found = mentions(geoparser, "Forces from the Jazira Canton advanced, while the eastern Kobanî Canton held.")
    assert found["Jazira Canton"].kind == "region" and found["Kobanî Canton"].kind == "region"
    assert found["Kobanî Canton"].name == "Kobani Canton"


def test_an_old_or_foreign_name_of_a_big_city_abroad_needs_the_text_to_point_there(geoparser):
    # 'Canton' is an old name of Guangzhou: in a report on Syria it is no place in China
    found = mentions(geoparser, "Fighters crossed the Canton boundary near Kobani.")
    assert not ("Canton" in found and found["Canton"].role == "place")
    assert mentions(geoparser, "Refugees fled from Aleppo to Istanbul.")["Istanbul"].role == "place"


def test_a_name_after_an_arabic_head_and_its_article_is_part_of_a_longer_name(geoparser):
    found = mentions(geoparser, "Troops took the villages of al-Abd, al-Bo Omar and Shaqra near Deir ez-Zor.")
    assert not any(m.name == "al-Omar oil field" for m in found.values())  # 'Omar' of 'al-Bo Omar'


def test_a_possessive_force_is_an_actor_after_a_locative_too(geoparser):
    found = mentions(geoparser, "They received assistance from Iran's Quds Force officers.")
    assert found["Iran"].role == "actor"


def test_an_offensive_over_part_of_a_governorate_names_the_governorate(geoparser):
    assert mentions(geoparser, "The Southern Raqqa offensive began in June.")["Raqqa"].kind == "governorate"
    assert mentions(geoparser, "The northern Hama offensive stalled.")["Hama"].kind == "governorate"
    # an offensive named after a town is about the town
    assert mentions(geoparser, "The Mayadin offensive ended in October.")["Mayadin"].kind == "city"


def test_a_month_alone_after_in_is_a_date_not_a_place_abroad(geoparser):
    found = mentions(geoparser, "The offensive began in August and ended in May, when the army seized Kafr Nabudah.")
    assert "May" not in found and "August" not in found  # no Japanese province 'Mie'
    # and the town is not dropped as far from a place in Japan
    assert found["Kafr Nabudah"].role == "place" and found["Kafr Nabudah"].country == "SY"


def test_the_old_city_is_part_of_the_city_the_text_names_most(geoparser):
    text = ("Troops entered Aleppo from the south. By March they held most of Aleppo and had taken "
            "Khan Tuman and al-Safira, but rebels kept the Old City until December.")
    found = {m.surface: m for m in geoparser.parse(Document("t", text))}
    assert found["Old City"].name == "Aleppo"
