"""What 'the city' and a left-out object refer to across sentences, on sentences written for
these tests: a place named only as where forces set out from is not what the text goes on about;
control whose place is left out is of the place the text is about."""
from geo.claims import ClaimExtractor
from geo.model import Document
from geo.pipeline import default_geoparser

FILLER = " ".join(["Aid groups said thousands of families had left their homes in recent weeks."] * 22)


def triples(text, long_form=True):
    doc = Document("t", text + ("\n\n" + FILLER if long_form else ""))
    return {(c.actor, c.relation, c.place.name)
            for c in ClaimExtractor().extract(doc, default_geoparser().parse(doc)) if c.start < len(text)}


# origin: 'moved south from Tabqa' names where the reinforcements came from; 'the whole city' next is Raqqa
def test_the_city_is_not_a_place_forces_set_out_from():
    got = triples("ISIS besieged Deir ez-Zor for three years. A relief column advanced along the desert "
                  "highway from Palmyra. In November the army said it had retaken the whole city.")
    assert ("Syrian government", "control", "Deir ez-Zor") in got
    assert ("Syrian government", "control", "Palmyra") not in got


def test_the_town_after_forces_came_from_across_the_border():
    got = triples("Mayadin was the last town ISIS held on the river. Syrian troops and allied militias "
                  "converged on the town from the west and from across the border at al-Qaim, which Iraqi "
                  "forces had retaken in early October. "
                  "Syrian troops announced the capture of the town on 14 October.")
    assert ("Syrian government", "control", "al-Mayadin") in got
    assert ("Syrian government", "control", "al-Qaim") not in got


# object left out: 'regained full control on 19 November' is control of the town the text is about
def test_control_with_its_place_left_out_is_of_the_text_s_place():
    got = triples("ISIS fighters stormed Ramadi in May. Iraqi troops regained full control on 14 April.")
    assert ("Iraqi forces", "control", "Ramadi") in got


def test_a_counter_attack_with_no_place_takes_nothing():
    got = triples("ISIS fighters stormed Ramadi in May. Iraqi troops launched a counter-attack.")
    assert not any(actor == "Iraqi forces" and relation == "control" for actor, relation, _ in got)


# 'the army' refers back to a state's regular forces named in a main clause: not an actor a relative
# clause names in passing, not a state's militias
def test_the_army_is_not_an_actor_a_relative_clause_names():
    got = triples("Syrian troops pushed east along the river from Deir ez-Zor. They were joined by units "
                  "from across the border at al-Qaim, which Iraqi forces had retaken in early October. "
                  "The army announced the capture of Mayadin on 14 October.")
    assert ("Syrian government", "control", "al-Mayadin") in got
    assert ("Iraqi forces", "control", "al-Mayadin") not in got


def test_the_army_is_not_a_states_militias():
    got = triples("Syrian troops and Iraqi militias converged on Mayadin in October. "
                  "The army announced the capture of Mayadin on 14 October.")
    assert ("Syrian government", "control", "al-Mayadin") in got
    assert ("Iraqi forces", "control", "al-Mayadin") not in got


# 'they' after an airlift: the fighters carried go on acting, not the aircraft that carried them
def test_they_after_an_airlift_are_the_fighters_carried():
    got = triples("US helicopters airlifted SDF fighters across the Euphrates in March. "
                  "They seized the Tabqa airbase after two days of fighting.")
    assert ("SDF", "control", "Tabqa airbase") in got
    assert ("United States", "control", "Tabqa airbase") not in got


# a time adverbial that opens the sentence with no comma still leaves 'they' its subject
def test_they_after_a_time_adverbial_refers_back():
    got = triples("ISIS fighters attacked the villages held by the YPG around Kobani in September. "
                  "In the following days they captured Sarrin.")
    assert ("ISIS", "control", "Sarin") in got
    assert ("SDF", "control", "Sarin") not in got


def test_a_named_subject_after_a_time_adverbial_is_no_reference():
    got = triples("Coalition aircraft struck ISIS positions around Raqqa. "
                  "On 17 October the SDF said that it had captured the whole city.")
    assert ("SDF", "control", "Raqqa") in got
    assert ("United States", "control", "Raqqa") not in got


# brokers: 'a deal brokered by Russia and Turkey' names no side of the deeds told with it
def test_the_brokers_of_a_deal_are_no_side():
    got = triples("Syrian troops pushed into the eastern districts of Aleppo in December. Under a deal brokered "
                  "by Russia and Turkey, the last rebel fighters left the city, and the army declared "
                  "Aleppo fully secured on 22 December.")
    assert ("Syrian government", "control", "Aleppo") in got
    assert not any(actor in ("Turkey", "Russia") for actor, _, _ in got)


# a change of hands a relative clause tells from before the main verb's is an event of its own
def test_a_loss_told_in_a_relative_clause_does_not_hide_the_main_verb():
    got = triples("Iraqi forces recaptured Tikrit in April, which they had lost to ISIS in June 2014.")
    assert {("Iraqi forces", "control", "Tikrit"), ("Iraqi forces", "lost", "Tikrit")} <= got


# 'held the western approaches' (of the town the text is about) holds ground near it, not the town
def test_holding_the_approaches_is_not_holding_the_town():
    got = triples("Iraqi troops entered Fallujah from the south, while the Popular Mobilization Forces "
                  "held the western approaches.")
    assert ("Iraqi forces", "advance", "Fallujah") in got
    assert ("Iraqi forces", "control", "Fallujah") not in got


# 'Kurdish-held': the holder is the demonym's forces in the country the places lie in
def test_a_demonym_held_place_is_held_by_that_countrys_forces():
    assert ("SDF", "control", "Tal Rifaat") in triples(
        "Turkish artillery shelled the Kurdish-held town of Tal Rifaat north of Aleppo.")
    assert ("Peshmerga", "control", "Makhmour") in triples(
        "ISIS fighters attacked the Kurdish-held town of Makhmour near Erbil.")


# 'the rebel-held enclave of Eastern Ghouta' is all of Eastern Ghouta; 'an enclave in X' is part of X
def test_an_enclave_named_by_its_place_is_the_place():
    got = triples("In March the army launched a new offensive against the rebel-held enclave of Eastern Ghouta.",
                  long_form=False)
    assert ("Rebels", "control", "Eastern Ghouta") in got
    assert ("Rebels", "presence", "Eastern Ghouta") not in got


# 'the town' next is the latest town the sentence's claims bind, not one a description locates it by
def test_the_town_is_the_latest_place_the_claims_bind():
    got = triples("The army seized Kafr Nabudah in May and then advanced on Khan Shaykhun from the west. "
                  "HTS fighters withdrew from the town on 20 August.")
    assert ("HTS", "lost", "Khan Shaykhun") in got
    assert ("HTS", "lost", "Kafr Nabuda") not in got


def test_a_place_a_description_locates_by_is_not_the_main_verbs():
    got = triples("In August ISIS overran al-Qaryatayn, a town in the Homs desert south-east of Homs, "
                  "abducting dozens of residents. The town remained under ISIS control until April.")
    assert ("ISIS", "control", "al-Qaryatayn") in got
    assert not any(place == "Homs" for _, _, place in got)


# 'the forces' refers back as 'they' does; a sentence that opens with its battle is about the subject after it
def test_the_forces_are_the_subject_a_battle_sentence_follows():
    got = triples("The Second Battle of Tikrit began on 2 March, when Iraqi troops and Shia militias moved to "
                  "retake the city from ISIS, which had held it since June. The forces first cleared Samarra "
                  "to the south.")
    assert ("Iraqi forces", "control", "Samarra") in got
    assert ("ISIS", "control", "Samarra") not in got


# a side that falls back to another place left the place the text is about; not when it falls back into it
def test_falling_back_elsewhere_loses_the_texts_town():
    got = triples("ISIS overran Ramadi on 17 May. Iraqi troops withdrew to the Habbaniyah base east of the city.")
    assert ("Iraqi forces", "lost", "Ramadi") in got


def test_falling_back_into_the_town_loses_nothing():
    got = triples("Government forces surrounded Khan Shaykhun on Monday. HTS fighters withdrew to the "
                  "southern part of Khan Shaykhun.")
    assert ("HTS", "lost", "Khan Shaykhun") not in got


# a passive relative clause about a place ('a town that was recaptured') names no doer: not the subject
# before it that fled, but the side the text follows
def test_a_town_that_was_recaptured_is_not_the_fleeing_subjects():
    got = triples("The Hawija offensive was launched by the Iraqi government in September to drive ISIS from "
                  "the town. Iraqi troops entered Hawija from the south. The remaining ISIS fighters fled north "
                  "to Riyadh, a small town that was recaptured on 5 October after heavy clashes.")
    assert ("ISIS", "control", "Nahiyat ar Riyad") not in got
    assert ("Iraqi forces", "control", "Nahiyat ar Riyad") in got


# 'a column led by the Tiger Forces': a leader whose head names no actor acts for it
def test_the_leader_of_a_column_acts():
    got = triples("A column led by the Tiger Forces advanced along the desert road and took Kabajeb on Friday.")
    assert ("Syrian government", "control", "Kabajeb") in got


# an advance from a place (not 'within 10 km from' it) is an advance on the place the text is about
def test_an_advance_from_a_place_is_on_the_texts_place():
    got = triples("ISIS fighters besieged Deir ez-Zor for three years. In September Syrian troops "
                  "advanced along the desert highway from Palmyra.")
    assert ("Syrian government", "advance", "Deir ez-Zor") in got
    assert ("Syrian government", "advance", "Palmyra") not in got
    got = triples("ISIS fighters held Tell Abyad. By June the YPG were within 10 km from Tell Abyad.")
    assert ("SDF", "advance", "Tell Abyad") in got


# fighters taken away from a place lost it; civilians taken away are no side
def test_fighters_bussed_out_of_a_town_lost_it():
    got = triples("In December the last rebel fighters and their families were bussed out of Aleppo to Idlib.")
    assert ("Rebels", "lost", "Aleppo") in got
    got = triples("Hundreds of ISIS militants were evacuated from Raqqa in October.")
    assert ("ISIS", "lost", "Raqqa") in got
    got = triples("Rebels shelled Hama. Thousands of civilians were bussed out of Aleppo in December.")
    assert not any(relation == "lost" for _, relation, _ in got)


# the side that defends a place holds out in it
def test_the_defenders_of_a_town_are_present_in_it():
    assert ("Rebels", "presence", "al-Qusayr") in triples("Rebels defending al-Qusayr were gradually surrounded.")
    assert ("ISIS", "presence", "Mosul") in triples("ISIS fighters defending Mosul blew up the bridges.")
    assert not triples("The minister defended the decision to withdraw from Mosul talks.") & {
        ("Iraqi forces", "presence", "Mosul")}


# sappers, deminers, military advisers and military police are a state's forces
def test_a_states_sappers_are_its_forces():
    got = triples("The Syrian army retook Palmyra in March. Russian sappers were then deployed to clear mines "
                  "from the city.")
    assert ("Russia", "presence", "Palmyra") in got
    assert ("Syrian government", "presence", "Palmyra") not in got
