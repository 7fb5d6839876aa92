"""Which place a claim binds to: the finer of two places named together, never the province
holding a name the gazetteer lacks, never a reference point or a place only listed with it."""
from geo.model import Document
from geo.pipeline import extract


def places(text, relation=None):
    return {c.place.name for c in extract(Document("t", text))[1] if relation is None or c.relation == relation}


def test_a_village_in_a_countryside_binds_the_village():
    assert places("Government forces shelled Kafr Zeita town in Hama countryside on Monday.") == {"Kafr Zita"}
    # the place before the event word, the province-naming city after it
    assert places("A body was found near the bakery in Tasil town in Daraa countryside, killed by gunmen.") == {"Tasil"}


def test_a_district_of_a_province_binds_the_district_and_the_anaphor_follows_it():
    found = extract(Document("t", "Turkish jets struck villages near Amadiya district of Dohuk. "
                                  "Turkish drones hit the same area on Friday."))[1]
    assert {c.place.name for c in found} == {"Al-Amadiya District"}
    assert len({c.start for c in found}) == 2  # both sentences, both at the district


def test_a_list_of_places_is_not_a_containment():
    assert places("The SDF captured Tabqa, Raqqa and Hasakah.") == {"Tabqa", "Raqqa", "Hasakah"}


def test_an_unknown_village_in_a_province_gives_no_claim_at_the_province():
    assert places("Turkish forces shelled Zorbaq village in Aleppo governorate.") == set()
    assert places("Russian jets bombed positions near Zorbaq hill in Homs province.") == set()
    # a city that names a countryside stands in for it (its villages lie mostly near it)
    assert places("Government forces shelled Zorbaq village in Hama countryside.") == {"Hama"}


def test_a_reference_point_does_not_make_its_neighbour_a_container():
    # Aleppo is only a bearing: the fight is near Afrin
    assert places("HTS attacked rebel factions west of Aleppo near the outskirts of Afrin.") == {"Afrin"}


def test_the_place_left_is_bound_when_it_is_the_only_one():
    assert places("A coalition patrol set out from the Al-Omar Oil Field in Deir ez-Zor countryside.") == {"al-Omar oil field"}


def test_a_province_after_a_comma_or_in_brackets_holds_the_place_before_it():
    assert places("Turkish jets struck PKK positions in Amadiya district, Dohuk.") == {"Al-Amadiya District"}
    assert places("Turkish jets struck PKK positions in the Zap area (Amadiya district) of Dohuk.") == {"Al-Amadiya District"}
    # a list is not a containment, with or without 'and'
    assert places("Russian jets bombed Tabqa, Raqqa, Hasakah.") == {"Tabqa", "Raqqa", "Hasakah"}


def test_a_place_inside_an_actor_name_binds_nothing():
    found = places("An IED exploded near a car of a Levant Front commander in Azaz, killing the Levant Front member.")
    assert found == {"Azaz"}


def test_a_place_read_far_from_the_district_named_as_holding_it_is_a_misreading():
    # 'Adana' (Turkey) is not in Amadiya district: the claim is at the village of Amadiya district
    # that the villages layer knows by that name (Edin), or else falls back to the district
    found = places("Turkish helicopters struck PKK positions near Adana (Adna) village in Amadiya district, Dohuk.")
    assert found == {"Edin"}
    found = places("Turkish helicopters struck PKK positions near Adana (Adna) village in Zakho district, Dohuk.")
    assert found == {"Zakho District"}
    # a city may stand for its province: a town in it can lie far from the city
    assert places("Government forces raided the desert of Sukhnah in Homs on Monday.") == {"al-Sukhnah"}


def test_bodies_found_are_a_killing_where_they_lie_not_by_who_found_them():
    found = extract(Document("t", "Police found the bodies of three men in the Adhamiya area of Baghdad on Monday."))[1]
    assert [(c.actor, c.relation, c.place.name) for c in found] == [("Unidentified armed group", "strike", "Adhamiya")]
    found = extract(Document("t", "A shepherd's body was found near Nasib town in Daraa governorate, killed by ISIS."))[1]
    assert [(c.actor, c.relation, c.place.name) for c in found] == [("ISIS", "strike", "Nasib")]


def test_a_distance_from_a_place_is_elsewhere_a_bearing_is_near_it_and_in_the_south_of_is_inside():
    assert places("Gunmen killed four people 30 kilometres (19 miles) south of Baghdad.") == set()
    assert places("Gunmen killed four people north of Baghdad.") == {"Baghdad"}
    assert places("A car bomb killed four people in the south of Baghdad.") == {"Baghdad"}
    # a bearing is only a fallback: the named town is the place
    assert places("A car bomb killed four people in Mahmudiyah, south of Baghdad.") == {"Mahmudiyah"}


def test_shellings_and_a_spot_in_a_quarter_of_a_district():
    assert places("Turkish forces carried out shellings near Amadiya on Tuesday.", "strike") == {"Amadiya"}
    # 'the Wadi Foo area in northern Rutba district': the unknown spot lies in the district
    assert places("The Iraqi army opened fire on ISIS militants in the Dabba area in northern Ar Rutba district.") == {"Al-Rutba District"}


def test_a_short_note_may_name_the_place_in_the_next_sentence_but_a_country_is_no_place():
    text = ("Gunmen shot dead an oil company official in Iraq on Monday. "
            "He was driving to his office in Kirkuk when the car was sprayed with bullets.")
    found = extract(Document("t", text))[1]
    assert [(c.actor, c.relation, c.place.name) for c in found] == [("Unidentified armed group", "strike", "Kirkuk")]
    assert found[0].text.startswith("Gunmen")  # traceable to the sentence that says what happened
    # an unknown name in the first sentence is the place: nothing is carried to the next one
    text = "Gunmen shot dead an official in Zorbaq village. Police in Kirkuk opened an inquiry."
    assert {c.place.name for c in extract(Document("t", text))[1]} <= {"Kirkuk"}
    assert not [c for c in extract(Document("t", text))[1] if c.text.startswith("Gunmen")]


def test_a_bearing_from_a_city_of_a_country_and_a_place_in_a_name_or_the_attribution():
    # 'north of Mosul, Iraq': about Mosul, not the middle of Iraq
    assert places("A suicide attack north of Mosul, Iraq, on Saturday killed at least 25 people.") == {"Mosul"}
    # a surname that is also a town's name is no place
    assert places("Gunmen shot dead Ahmed Jasim al-Obeidi as he drove his car in Kirkuk.") == {"Kirkuk"}
    # the place a source speaks from is not the event's
    assert places("A bomb killed six people in Najaf on Monday, said General Hassan Ali, the police chief of Baghdad.") == {"Najaf"}
    assert places("A bomb ripped through a market, killing six people, said General Hassan Ali of the Baghdad police.") == set()


def test_a_place_before_said_is_no_source():
    from geo.claims.stance import attribution_of
    from geo.model import Sentence
    assert attribution_of(Sentence("d", 0, 60, "A bomb killed six people in Najaf, said a police officer.")) == ""


def test_a_known_place_with_a_place_noun_is_not_an_unknown_name():
    assert places("An IED exploded near the station west of Raqqa city, wounding two SDF members.") == {"Raqqa"}
