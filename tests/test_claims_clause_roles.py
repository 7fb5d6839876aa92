"""Which verb governs which place and which actor in long-form sentences with several verbs and
actors (issue #21): helpers set off after the subject, a battle's opening clause, an operation's
lead, an assault with no place named, a fronted 'having' participle, the owner of a base, a side
driven out of a place, and the words and lists of long-form accounts. Sentences written for these
tests; the binding rules' own tests are in test_claims_binding_rules.py."""
import pytest

from geo.claims import ClaimExtractor, constructions
from geo.model import Document
from geo.pipeline import default_geoparser

FILLER = " ".join(["Aid groups said thousands of families had left their homes in recent weeks."] * 22)


def triples(text):
    """The (actor, relation, place) of the claims of ``text``, read as long-form reporting."""
    doc = Document("t", text + "\n\n" + FILLER)
    return {(c.actor, c.relation, c.place.name) for c in ClaimExtractor().extract(doc, default_geoparser().parse(doc))
            if c.start < len(text)}


def without(name, text):
    """:func:`triples` with one construction or binding rule switched off."""
    constructions.disable(name)
    try:
        return triples(text)
    finally:
        constructions.disable()


def test_every_actor_of_a_helper_phrase_after_the_subject_helps_it():
    # 'supported by A and B': B, named after 'and', is no more the subject than A
    got = triples("In May 2016 the Syrian army, supported by Russian jets and Hezbollah fighters, "
                  "launched an offensive to retake Palmyra from ISIS.")
    assert ("Syrian government", "contested", "Palmyra") in got
    got = triples("The YPG, aided by American air strikes and by a group of Peshmerga who came from Turkey, "
                  "held out in the western part of Kobani.")
    assert ("SDF", "presence", "Kobani") in got
    assert ("Peshmerga", "presence", "Kobani") not in got


def test_a_battle_that_begins_when_a_side_moves_is_that_sides_fight_for_the_place():
    # battle-began-when: the doers of the 'when' clause contest the battle's place, and keep their own verb
    text = ("The Battle of Manbij began on 31 May 2016, when SDF fighters and Iraqi Peshmerga advanced on "
            "the city from the south.")
    got = triples(text)
    assert {("SDF", "contested", "Manbij"), ("Peshmerga", "contested", "Manbij")} <= got
    assert any(relation == "advance" for _, relation, _ in got)
    # a battle that begins is no capture yet
    got = triples("The Third Battle of Ramadi opened on 8 December, when the Iraqi army moved to retake the city "
                  "from ISIS.")
    assert ("Iraqi forces", "contested", "Ramadi") in got and ("Iraqi forces", "control", "Ramadi") not in got
    assert ("Peshmerga", "contested", "Manbij") not in without("battle-began-when", text)



def test_an_operation_launched_by_a_side_against_a_place_is_its_fight_for_the_place():
    # operation-launched-by: the doers after 'launched by' contest the places the lead names
    text = ("Operation Dawn Wind was launched by the Turkish army and allied Syrian rebels on 3 March "
            "against the town of Tal Rifaat.")
    got = triples(text)
    assert ("Turkey", "contested", "Tal Rifaat") in got
    assert ("Turkey", "contested", "Tal Rifaat") not in without("operation-launched-by", text)
    # the lead's own places: 'the city west of Mosul' is not a lead on Mosul
    got = triples("The Hawija offensive was launched by the Iraqi government on 21 September to drive ISIS from "
                  "the town south-west of Kirkuk.")
    assert ("Iraqi forces", "contested", "Kirkuk") not in got


def test_a_nationality_word_before_the_second_of_two_subjects_keeps_both_acting():
    # cue and_between: 'X and Kurdish Peshmerga advanced' — both advance
    got = triples("On Monday SDF fighters and Iraqi Peshmerga advanced on Manbij from the south.")
    assert {("SDF", "advance", "Manbij"), ("Peshmerga", "advance", "Manbij")} <= got



def test_an_assault_launched_with_no_place_named_is_on_the_place_the_text_is_about():
    # launched-the-assault: the sentence names no place; the assault is on Saraqeb, the text's town
    text = ("The rebels had held the town of Saraqeb since 2012. "
            "Government troops and allied militias launched the assault on 5 February after days of shelling.")
    got = triples(text)
    assert ("Syrian government", "contested", "Saraqib") in got or ("Syrian government", "contested", "Saraqeb") in got
    assert not any(relation == "contested" for _, relation, _ in without("launched-the-assault", text))




def test_the_army_of_the_army_base_is_no_actor():
    # cue modifier_after: 'the army base at X' is the army's base; the army captured nothing
    got = triples("In March rebel groups stormed Saraqeb. In the weeks after, the alliance captured Maarat al-Numan "
                  "and the army base at Wadi Deif, and in May it took Kafr Nabl.")
    assert ("Rebels", "control", "Maarat al-Numan") in got
    assert not any(actor == "Syrian government" and relation == "control" for actor, relation, _ in got)





def test_driving_a_side_out_of_a_place_is_taking_it():
    for text in ("The Peshmerga drove ISIS out of Sinjar on 13 November.",
                 "On 13 November the Peshmerga expelled the jihadists from Sinjar."):
        assert ("Peshmerga", "control", "Sinjar") in triples(text)
    # not the forces that advanced from somewhere, nor civilians forced out
    assert ("Iraqi forces", "control", "Tikrit") not in triples(
        "Iraqi forces advanced on Tikrit from three directions.")
    assert ("ISIS", "control", "Mosul") not in triples("ISIS forced thousands of civilians out of Mosul.")
    # a move towards a place from a direction takes nothing
    assert ("Syrian government", "control", "Abu Kamal") not in triples(
        "Government forces are pushing toward Abu Kamal from the south-west.")


def test_a_helper_named_before_its_support_word_does_not_act():
    # cue supporting_after: 'with coalition air support' helps the Peshmerga
    got = triples("The Peshmerga, with coalition air support, captured Sinjar on 13 November.")
    assert got == {("Peshmerga", "control", "Sinjar")}


def test_a_fronted_having_participle_and_a_move_towards_a_town():
    # having-participle: the main clause's subject secured Jarabulus; 'moved west towards' is an advance
    text = "Having secured Jarabulus, Turkish-backed rebels moved west towards al-Rai."
    got = triples(text)
    assert any(relation == "control" and place == "Jarabulus" for _, relation, place in got)
    assert any(relation == "advance" for _, relation, _ in got)
    assert not any(relation == "control" for _, relation, _ in without("having-participle", text))


@pytest.mark.parametrize("text, claim", [
    # relations.toml: words of long-form accounts
    ("In late November government troops broke into the rebel-held eastern districts of Aleppo.",
     ("Syrian government", "contested", "Aleppo")),
    ("On Monday Iraqi special forces pushed through Bartella.", ("Iraqi forces", "advance", "Bartella")),
    ("Iraqi troops entered Tikrit on 31 March, raising the Iraqi flag over the governor's office.",
     ("Iraqi forces", "control", "Tikrit")),
    ("In October Syrian troops and Hezbollah fighters converged on Mayadin from the west.",
     ("Syrian government", "advance", "al-Mayadin")),
    ("The counter-attack came from two flanks, with Hezbollah assaulting Khanasir from the north.",
     ("Hezbollah", "contested", "Khanasir")),
    # actors.toml force nouns 'commanders', 'prime minister': the party declares the liberation, and made it
    ("After weeks of street fighting, Iraqi commanders said the whole of Tal Afar had been freed.",
     ("Iraqi forces", "control", "Tal Afar")),
    ("On 26 June the Iraqi prime minister declared that Fallujah had been fully liberated.",
     ("Iraqi forces", "control", "Fallujah")),
    # place_lists: a list goes on past 'and the nearby', 'the neighbouring towns of', a repeated preposition
    ("In May the SDF fought ISIS for the town of Tabqa and the nearby Tabqa Dam.", ("SDF", "contested", "Tabqa Dam")),
    ("Turkey said that al-Bab and the neighbouring towns of Qabasin and Bza'a were under rebel control.",
     ("Rebels", "control", "al-Bab")),
    ("In March rebel fighters withdrew from Harasta and from Arbin and Zamalka under a deal.", ("Rebels", "lost", "Arbin")),
    ("In March rebel fighters withdrew from Harasta and from Arbin and Zamalka under a deal.", ("Rebels", "lost", "Zamalka")),
])
def test_a_word_or_list_of_long_form_accounts_gives_its_claim(text, claim):
    assert claim in triples(text)
