"""Presence (ANNOTATION: forces stationed, holding out in part of a place, massed there), on
sentences written for these tests."""
from geo.claims import ClaimExtractor
from geo.model import Document
from geo.pipeline import default_geoparser

FILLER = " ".join(["Aid groups said thousands of families had left their homes in recent weeks."] * 22)


def triples(text):
    doc = Document("t", text + "\n\n" + FILLER)
    return {(c.actor, c.relation, c.place.name)
            for c in ClaimExtractor().extract(doc, default_geoparser().parse(doc)) if c.start < len(text)}


def test_falling_back_to_a_place_is_being_there():
    assert ("Rebels", "presence", "Khan Shaykhun") in triples(
        "Rebel fighters withdrew to the southern part of Khan Sheikhoun on Monday.")
    assert ("ISIS", "presence", "Tabqa") in triples("Heavy shelling forced ISIS fighters to retreat into Tabqa.")


def test_massing_forces_at_a_place_is_being_there():
    assert ("Rebels", "presence", "Kweires airbase") in triples(
        "The rebels gathered about 1,000 fighters around Kuweires airbase.")
    assert ("Turkey", "presence", "Manbij") in triples("Turkish troops massed north of Manbij.")


def test_a_place_defended_by_a_side_holds_that_side():
    assert ("Syrian government", "presence", "Kweires airbase") in triples(
        "The rebels besieged Kuweires airbase, defended by about 700 Syrian soldiers.")


def test_hiding_in_a_place_and_resistance_there_are_being_there():
    assert ("ISIS", "presence", "Tabqa Dam") in triples("ISIS militants were hiding inside the Tabqa Dam.")
    assert ("ISIS", "presence", "Tikrit") in triples("The army faced continued resistance by 500 ISIS fighters in Tikrit.")
    assert triples("Civilians were hiding in basements in Raqqa.") == set()


def test_the_approaches_to_a_town_are_a_noun_not_an_advance():
    got = triples("ISIS was reinforcing the approaches to Tell Abyad.")
    assert ("ISIS", "presence", "Tell Abyad") in got and not any(rel == "advance" for _, rel, _ in got)
    assert ("Syrian government", "advance", "Palmyra") in triples("Government troops approached Palmyra on Sunday.")


def test_explosives_found_in_hundreds_are_no_blast():
    assert triples("Iraqi forces discovered hundreds of IEDs in Fallujah.") == {("Iraqi forces", "presence", "Fallujah")}
    got = triples("Iraqi forces attacked Fallujah. The advance slowed after the discovery of dozens of "
                  "improvised explosive devices in Fallujah.")
    assert not any(rel == "strike" for _, rel, _ in got)
