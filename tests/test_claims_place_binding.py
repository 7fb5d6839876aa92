"""Which place a claim binds in long-form reporting: parentheticals that only locate a place, a
place noun that opens the sentence and refers back, and the places a claim's sentence names only
as where something lies. Sentences written for these tests."""
from geo.claims import ClaimExtractor, constructions
from geo.model import Document
from geo.pipeline import default_geoparser
from tests.test_claims_binding_rules import FILLER


def claims_from(text, opening=None, disabled=None):
    """(actor, relation, place) of the claims of ``text`` (read as long-form text) from the sentence
    that begins with ``opening`` on, with the binding rule ``disabled`` switched off."""
    if disabled:
        constructions.disable(disabled)
    try:
        doc = Document("t", text + "\n\n" + FILLER)
        at = text.index(opening) if opening else 0
        return {(c.actor, c.relation, c.place.name) for c in ClaimExtractor().extract(doc, default_geoparser().parse(doc))
                if at <= c.start < len(text)}
    finally:
        constructions.disable()


def triples(text):
    return claims_from(text)


def without(name, text):
    return claims_from(text, disabled=name)


def places(got, relation):
    return {place for _, r, place in got if r == relation}


def test_a_located_parenthetical_only_locates_the_place_before_it():
    text = "Rebels stormed the town of Saraqeb. The town, located in the south of Idlib province near Aleppo, was captured after a week."
    got = triples(text)
    assert ("Rebels", "control", "Saraqib") in got
    assert "Aleppo" not in places(got, "control")
    assert "Aleppo" in places(without("located-description", text), "control")
    # the same after a name: 'X, situated near Y, was captured'
    got = triples("Tikrit, situated on the Tigris near Samarra, was captured by ISIS in June.")
    assert ("ISIS", "control", "Tikrit") in got and "Samarra" not in places(got, "control")


def test_a_parenthetical_that_holds_the_trigger_keeps_its_places():
    got = triples("The army pushed north, and Kafr Nabl, located in territory captured by rebels near Maarat al-Numan, was shelled.")
    assert places(got, "strike")  # the shelling still binds a place of its own clause


def test_the_mountain_that_opens_a_sentence_is_the_mountain_named_before():
    text = ("Iraqi troops shelled Makhoul mountain on Monday. The mountain is part of a rugged area under IS control "
            "that stretches to the city of Mosul.")
    got = triples(text)
    assert ("ISIS", "control", "Jabal Makhoul") in got
    assert ("ISIS", "control", "Mosul") not in got
    assert ("ISIS", "control", "Mosul") in without("subject-anaphor", text)


def test_the_town_as_a_passive_subject_is_not_a_place_after_the_verb():
    text = "Government forces entered Morek in May. The town was then retaken by rebels on the road to Hama."
    got = triples(text)
    assert ("Rebels", "control", "Morek") in got and ("Rebels", "control", "Hama") not in got
    assert ("Rebels", "control", "Hama") in without("subject-anaphor", text)


def test_a_river_is_no_place_struck():
    text = "Coalition aircraft struck the militants as they retreated towards the Tigris."
    assert places(triples(text), "strike") == set()
    assert "Tigris" in places(without("no-river", text), "strike")


def test_an_advance_binds_no_place_it_set_out_from():
    text = "The army entered the town of Qaryatayn on Sunday after an advance from Palmyra."
    got = triples(text)
    assert ("Syrian government", "advance", "al-Qaryatayn") in got
    assert "Palmyra" not in places(got, "advance")
    assert "Palmyra" in places(without("place-left", text), "advance")
    # a distance from a place is no origin: 'within 10 km from X' advances on X
    got = triples("The army entered Qaryatayn on Sunday and by Monday its units were within 10 km from Palmyra.")
    assert ("Syrian government", "advance", "Palmyra") in got


def test_a_definite_event_noun_opening_a_sentence_tells_no_new_event():
    text = "ISIS fighters attacked Deir ez-Zor on Saturday. The clashes forced aid agencies to suspend deliveries to the city."
    got = triples(text)
    assert ("ISIS", "contested", "Deir ez-Zor") in got  # the first sentence's
    second = {c for c in claims_from(text, "The clashes")}
    assert second == set()
    assert claims_from(text, "The clashes", disabled="event-anaphor")
    # a place attached to the noun is still its place
    got = triples("The army massed troops near Hama. The assault on Morek began at dawn.")
    assert "Morek" in places(got, "contested")


def test_forces_that_come_from_bases_elsewhere_are_not_present_there():
    for text in ("Army reinforcements were deployed from bases in Hama.", "Government troops deployed from positions in Hama."):
        assert "Hama" not in places(triples(text), "presence")
        assert "Hama" in places(without("place-left", text), "presence")


def test_a_list_goes_on_past_a_side_said_of_each_item_and_a_base_at_a_place():
    got = triples("The Iraqi army first cleared Karmah to the north-east and the town of Saqlawiyah to the north-west.")
    assert {"Karmah", "Saqlawiyah"} <= places(got, "control")
    got = triples("In April the rebels captured Jisr al-Shughur and the army base at al-Mastumah.")
    assert {"Jisr al-Shughur", "Mastumah"} <= places(got, "control")


def test_the_holder_held_city_refers_back_to_the_city_of_the_text():
    text = "Iraqi forces launched an offensive on Tal Afar on Sunday. By Tuesday Iraqi troops had reached the outskirts of the IS-held city."
    got = claims_from(text, "By Tuesday")
    assert ("Iraqi forces", "advance", "Tal Afar") in got
    assert ("ISIS", "control", "Tal Afar") in got


def test_a_part_of_it_is_about_the_place_the_text_is_about():
    got = claims_from("Kurdish fighters pushed into Tabqa on Monday. Two days later SDF fighters stormed its eastern districts.",
                              "Two days")
    assert {place for _, _, place in got} == {"Tabqa"}


def test_fighting_from_one_place_to_another_is_a_front_with_two_ends():
    got = triples("Heavy clashes continued on Monday between the SDF and ISIS fighters from Tal Tamr to Abu Rasain.")
    assert {"Tal Tamr", "Abu Rasain"} <= places(got, "contested")


def test_an_unknown_place_in_a_later_clause_does_not_silence_the_trigger():
    text = ("SDF fighters besieged Manbij in June and cut the road to Jarabulus. Coalition aircraft struck ISIS positions "
            "inside the city, killing dozens of civilians in the village of Tokhar, north of Manbij.")
    assert ("United States", "strike", "Manbij") in claims_from(text, "Coalition")


def test_an_unknown_first_item_does_not_silence_the_known_items_of_its_list():
    got = triples("By the evening, government forces recaptured Tal Zorbakh Hill (Tal Zorbakh), outside Khanasir, and Rasm al-Nafal.")
    assert places(got, "control") == {"Rasm al-Nafal"}  # not Khanasir, which only locates the hill
    got = triples("The army captured Tal Zorbakh Hill, Morek and Latamneh.")
    assert {"Morek", "al-Latamneh"} <= places(got, "control")


def test_the_holders_areas_of_the_city_are_its_part_of_the_city_of_the_text():
    text = ("ISIS besieged Deir ez-Zor for three years. Supplies came by air from Qamishli. In January ISIS launched "
            "its heaviest assault yet on army-held areas of the city.")
    assert ("Syrian government", "presence", "Deir ez-Zor") in claims_from(text, "In January")


def test_a_count_of_villages_placed_by_a_bearing_takes_none_of_the_places_that_locate_them():
    text = "The YPG captured a number of villages southwest of Ras al-Ayn, west of the boundary of Raqqa Governorate."
    assert places(triples(text), "control") == set()


def test_a_headline_placed_only_by_a_bearing_binds_no_place():
    text = ("Coalition forces kill ISIS commander in raid west of Raqqa\n\n"
            "BEIRUT - US-led coalition forces killed a senior ISIS commander in a helicopter raid on the village of "
            "al-Mansoura on Thursday, the coalition said.")
    got = claims_from(text)
    assert "Raqqa" not in {place for _, _, place in got}
    # the same words as a sentence of the story still place the raid at the bearing
    got = claims_from("Residents said the strikes hit the market. Coalition forces killed an ISIS commander in a raid west of Raqqa.")
    assert "Raqqa" in {place for _, _, place in got}


def test_a_name_nobody_found_placed_by_a_bearing_binds_no_place():
    got = claims_from("Iraqi jets carried out air strikes on ISIS hideouts in Wadi Zorbakh, south-west of Kirkuk, on Monday.")
    assert "Kirkuk" not in {place for _, _, place in got}
    # a bearing with no name before it still places the strikes there
    got = claims_from("Iraqi jets carried out air strikes on ISIS hideouts south-west of Kirkuk on Monday.")
    assert "Kirkuk" in {place for _, _, place in got}
