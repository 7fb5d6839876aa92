"""Place slots ('X town in Y countryside'): a name the automaton did not settle is looked up
among the places inside Y, spelling-tolerant, or left unresolved. Sentences written for these tests."""
from geo.geoparse.spelling import allowed_edits
from geo.model import Document


def by_surface(geoparser, text):
    return {m.surface: m for m in geoparser.parse(Document("t", text))}


def governorate(geoparser, mention):
    return geoparser.index.admin_codes(mention.place_id)[0]


def test_a_reporters_spelling_finds_the_village_inside_the_region(geoparser):
    # the gazetteer spells it Fulayfil / Feleifel; the report another way
    found = by_surface(geoparser, "Army artillery hit Fulaifil town in Idleb countryside overnight.")
    village = found["Fulaifil"]
    assert village.role == "place" and governorate(geoparser, village) == "SY07"
    assert abs(village.lat - 35.59) < 0.05 and abs(village.lon - 36.46) < 0.05


def test_names_listed_before_a_slot_share_its_region(geoparser):
    found = by_surface(geoparser, "Army shelling hit Sfuhin and Fulaifil villages in Idleb countryside.")
    assert found["Sfuhin"].role == "place" and governorate(geoparser, found["Sfuhin"]) == "SY07"


def test_a_name_after_a_locative_is_looked_up_in_the_theatre_with_its_consonants(geoparser):
    # one town of that spelling dwarfs its namesakes; 'Hantara' is not 'Hatra'
    found = by_surface(geoparser, "In Iskanderiyah, a bomb went off. Later, fighting near Hantara.")
    assert found["Iskanderiyah"].role == "place" and found["Iskanderiyah"].country == "IQ"
    assert "Hantara" not in found or found["Hantara"].name != "Hatra"


def test_a_name_whose_key_is_an_english_word_is_still_found_in_a_slot(geoparser):
    # Mare' folds like 'marry': the automaton leaves it out, the slot does not
    found = by_surface(geoparser, "Gunmen fired on a checkpoint near Mare' town in Aleppo countryside.")
    assert found["Mare"].role == "place" and governorate(geoparser, found["Mare"]) == "SY02"


def test_a_qualified_name_is_the_place_at_precision_2(geoparser):
    found = by_surface(geoparser, "Drones struck Upper Fulaifil village in Idleb countryside.")
    assert found["Upper Fulaifil"].role == "place" and found["Upper Fulaifil"].precision == 2
    assert governorate(geoparser, found["Upper Fulaifil"]) == "SY07"


def test_a_slot_name_with_a_namesake_abroad_and_none_in_the_region_stays_unresolved(geoparser):
    found = by_surface(geoparser, "Turkish jets struck Izmir hill in Amadiya district, Duhok.")
    assert found["Izmir"].role == "unresolved"


def test_a_namesake_across_a_governorate_border_is_its_own_village(geoparser):
    # the curated Maadan lies in Deir ez-Zor; the Raqqa countryside has a Maadan of its own
    raqqa = by_surface(geoparser, "Troops entered Maadan town in Raqqa countryside.")["Maadan"]
    deir = by_surface(geoparser, "Troops entered Maadan town in Deir ez-Zor countryside.")["Maadan"]
    assert governorate(geoparser, raqqa) == "SY11" and governorate(geoparser, deir) == "SY09"


def test_plain_words_and_lists_are_not_slots(geoparser):
    found = by_surface(geoparser, "Clashes in Tabqa. Rockets fell on Gare in Idleb.")
    assert "Clashes" not in found and found["Gare"].role == "unresolved"


def test_short_names_must_be_spelled_exactly():
    assert allowed_edits(4) == 0 and allowed_edits(5) == 1 and allowed_edits(9) == 3


def test_a_region_in_brackets_holds_the_name_before_it(geoparser):
    found = by_surface(geoparser, "Police detained two men in Fulaifil (Idleb) on Sunday.")
    assert found["Fulaifil"].role == "place" and governorate(geoparser, found["Fulaifil"]) == "SY07"


def test_a_name_head_does_not_stand_alone_and_the_whole_name_is_looked_up(geoparser):
    # 'Jisr' (bridge) begins a longer name; the reporter's spelling drops a vowel
    found = by_surface(geoparser, "Rockets fell on villages in the western countryside of Jisr esh-Shughr.")
    assert "Jisr" not in found
    assert found["Jisr esh-Shughr"].name == "Jisr al-Shughur"


def test_a_bearing_from_a_town_looks_the_name_up_in_its_governorate(geoparser):
    found = by_surface(geoparser, "Protests spread in al-Shuheil town east of Deir ez-Zor.")
    assert found["al-Shuheil"].role == "place" and governorate(geoparser, found["al-Shuheil"]) == "SY09"


def test_a_bearing_does_not_move_a_place_across_a_governorate_border(geoparser):
    # Tuz Khurmatu lies in Salahuddin, south of Kirkuk; Kirkuk governorate has a Taza Khurmatu
    found = by_surface(geoparser, "A car bomb went off in Tuz Khurmatu, south of Kirkuk.")
    assert found["Tuz Khurmatu"].name == "Tuz Khurmatu"


def test_a_name_and_its_alternate_in_brackets_stay_in_the_region_or_unresolved(geoparser):
    # both spellings are also Turkish cities; the text puts the village in Amadiya district, where
    # the villages layer knows it (Kurdish 'Edin'): both names are that village, neither is Turkish
    found = by_surface(geoparser, "Helicopters struck near Adana (Aydin) village in Amadiya district, Duhok.")
    assert found["Adana"].country == "IQ" and found["Aydin"].place_id == found["Adana"].place_id
    assert geoparser.index.admin_codes(found["Adana"].place_id)[1] == "IQG09Q01"
    assert found["Amadiya district"].country == "IQ"
    found = by_surface(geoparser, "Helicopters struck near Adana (Aydin) village in Zakho district, Duhok.")
    assert found["Adana"].role == "unresolved" and found["Aydin"].role == "unresolved"


def test_a_place_word_before_a_comma_makes_a_slot_and_a_plural_holds_the_whole_list(geoparser):
    found = by_surface(geoparser, "Troops raided Fulaifil village, Idleb, at dawn.")
    assert found["Fulaifil"].role == "place" and governorate(geoparser, found["Fulaifil"]) == "SY07"
    found = by_surface(geoparser, "Police shelled militants between Saada and Tal Rashad districts, Kirkuk.")
    kirkuk = governorate(geoparser, found["Kirkuk"])
    # 'Saada' names a Syrian village too; the list puts it in Kirkuk, where no Saada is known
    assert found["Saada"].role == "unresolved" or governorate(geoparser, found["Saada"]) == kirkuk
    # a list of towns with no place word is still a list
    assert {m.name for m in geoparser.parse(Document("t", "Jets bombed Tabqa, Raqqa, Hasakah.")) if m.role == "place"} \
        >= {"Tabqa", "Raqqa", "Hasakah"}


def test_a_final_vowel_and_a_village_head_are_spellings_of_the_same_name(geoparser):
    # the gazetteer has 'Ibina' and 'Sheikh Yunus'; reporters write 'Ibbin' and 'Qaryat Shaykh Yunus Village'
    found = by_surface(geoparser, "Shells landed on Ibbin village in Aleppo countryside.")
    # (the villages layer now knows 'Ibbin' itself, at the same point)
    assert found["Ibbin"].role == "place" and abs(found["Ibbin"].lat - 36.466) < 0.01 and abs(found["Ibbin"].lon - 36.993) < 0.01
    assert governorate(geoparser, found["Ibbin"]) == "SY02"
    found = by_surface(geoparser, "Jets struck a hill near Qaryat Shaykh Yunus Village in Ninewa province.")
    village = found["Qaryat Shaykh Yunus"]  # the capitalised 'Village' is the slot's place word, not the name
    assert village.role == "place" and "Yunus" in village.name and governorate(geoparser, village) == "IQG15"


def test_a_town_on_the_border_is_inside_its_governorate(geoparser):
    # Ras al-Ayn's point lies just off the simplified outline of its sub-district
    assert geoparser.index.admin_codes("th:ras_al_ayn")[0] == "SY08"
    found = by_surface(geoparser, "Shelling hit Ras al-Ain town in Hasakah countryside.")
    assert found["Ras al-Ain"].role == "place" and found["Ras al-Ain"].name == "Ras al-Ayn"


def test_a_district_named_after_its_town_is_placed_at_the_town(geoparser):
    district = by_surface(geoparser, "Clashes erupted in Rutba district overnight.")["Rutba district"]
    town = by_surface(geoparser, "Clashes erupted in Rutba overnight.")["Rutba"]
    assert district.kind == "district" and district.place_id != town.place_id
    assert (district.lat, district.lon) == (town.lat, town.lon)


def test_a_villages_one_word_before_an_unknown_al_word_is_not_that_village(geoparser):
    # a group ('Ahrar al Sharqiyah'), a person ('Mustafa al Kadhimi'): neither is the village
    # 'Ahrar' or the hamlet 'Mustafa'; a curated town before an 'al-' word is a part of the town
    found = by_surface(geoparser, "Ahrar al Sharqiyah fighters clashed with police after Mustafa al Kadhimi spoke.")
    assert not any(m.role == "place" for m in found.values())
    assert by_surface(geoparser, "Shelling hit Deraa al-Balad.")["Deraa al-Balad"].name == "Daraa"


def test_a_city_that_dwarfs_a_village_spelled_one_letter_off_takes_the_name(geoparser):
    found = by_surface(geoparser, "Hundreds of graduates demonstrated in Nassriya city on Sunday.")
    assert found["Nassriya"].name == "Nasiriyah" and found["Nassriya"].country == "IQ"
    # a town of 10,000 dwarfs no one: al-Mada'in of Baghdad stays itself
    found = by_surface(geoparser, "A bomb went off near a mosque in the town of Madain, south of Baghdad.")
    assert found["Madain"].country == "IQ"
    # and a slot's region has the last word
    found = by_surface(geoparser, "Shelling hit Nasriyeh village in Raqqa countryside.")
    assert found["Nasriyeh"].country == "SY"


def test_a_towns_possessive_keeps_the_part_it_names_inside_the_town(geoparser):
    found = by_surface(geoparser, "A car bomb hit a market in Baghdad's Qahira neighborhood.")
    # the Qahira neighbourhood of Baghdad (villages layer), not the Syrian village
    assert found["Qahira"].role == "place" and governorate(geoparser, found["Qahira"]) == "IQG08"
    found = by_surface(geoparser, "Raqqa's Mashlab district was bombed.")
    assert found["Mashlab"].role == "place" and governorate(geoparser, found["Mashlab"]) == "SY11"


def test_a_hill_named_after_a_village_is_found_near_the_village(geoparser):
    found = by_surface(geoparser, "Losses were heavy on the Tal al-Hammamiyat front in the north-western Hama countryside.")
    hill = found["Tal al-Hammamiyat"]
    assert hill.role == "place" and hill.precision == 2 and governorate(geoparser, hill) == "SY05"


def test_a_preposition_that_is_also_an_article_does_not_swallow_the_name(geoparser):
    # 'at Tal' is keyed like the gazetteer's 'At Tall'; it must not block 'Tal Abyad'
    assert by_surface(geoparser, "Fighting at Tal Abyad went on.")["Tal Abyad"].name == "Tell Abyad"


def test_an_article_written_into_the_name_is_set_apart(geoparser):
    found = by_surface(geoparser, "Shelling hit Alsabkha town in Raqqa countryside.")
    assert found["Alsabkha"].role == "place" and governorate(geoparser, found["Alsabkha"]) == "SY11"


def test_a_curated_town_found_by_its_spelling_is_a_region(geoparser):
    # 'Jisr Al-Shughr' is Jisr al-Shughur spelled without a vowel: found after 'of', then a region
    found = by_surface(geoparser, "Shelling killed three in Ziyadiyeh village in the southern countryside of Jisr Al-Shughr.")
    assert found["Jisr Al-Shughr"].name == "Jisr al-Shughur"
    assert found["Ziyadiyeh"].role == "unresolved"  # the only Ziyadiyah the gazetteer knows lies in Aleppo


def test_a_neighbourhood_of_a_town_lies_within_the_town(geoparser):
    # 'X neighbourhood in Y city' names a part of Y: a namesake village elsewhere in the governorate
    # is no reading of it (the part the gazetteer lacks is placed at the town, precision 2); a part
    # the gazetteer knows is kept
    for text in ("A shell exploded in Al Ghazal neighborhood in Al-Hasakeh city.",
                 "A shell hit the Al Ghazal neighborhood of Hasakah."):
        found = by_surface(geoparser, text)["Al Ghazal"]
        assert (found.role, found.name, found.precision) == ("place", "Hasakah", 2), text
    found = by_surface(geoparser, "A car bomb exploded in the Karrada neighbourhood of Baghdad.")
    assert found["Karrada"].role == "place" and found["Karrada"].country == "IQ"


def test_a_spelling_two_villages_of_the_region_answer_goes_to_the_more_prominent(geoparser):
    # 'Shiheil' is as near to al-Shahil on the war map (known there also as Shuhayl) as to a smaller
    # Shahil 56 km north: prominence decides, where before the name was left unplaced
    found = {m.surface: m for m in geoparser.parse(Document("t", "Gunmen fired on a patrol in Shiheil town in "
                                                                    "Deir ez Zor countryside on Monday."))}
    village = found["Shiheil"]
    assert village.role == "place" and abs(village.lat - 35.09) < 0.05 and abs(village.lon - 40.45) < 0.05


def test_a_consonant_said_twice_is_not_a_double_one(geoparser):
    # 'Shanan' is not the village Shana: the two n's are two letters, not one doubled
    found = by_surface(geoparser, "Artillery hit Tal Shanan town in Al Hasakeh countryside at night.")
    shanan = found.get("Tal Shanan")
    assert shanan is None or shanan.role != "place" or shanan.name != "Shana"


def test_a_qualified_name_is_found_by_its_consonants_when_only_its_vowels_differ_more(geoparser):
    # 'Baqras' for the village the war map spells Buqrus: two vowels apart, the consonants the same
    found = by_surface(geoparser, "Gunmen fired a rocket at a post in Lower Baqras town in Deir ez Zor countryside.")
    village = found["Lower Baqras"]
    assert village.role == "place" and village.precision == 2
    assert abs(village.lat - 35.05) < 0.05 and abs(village.lon - 40.45) < 0.05
