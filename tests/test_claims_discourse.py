"""Discourse of long-form reporting, on sentences written for these tests: lists that name places
the gazetteer lacks, participles after a comma, sources carried across a paragraph."""
from geo.claims import ClaimExtractor
from geo.model import Document
from geo.pipeline import default_geoparser

FILLER = " ".join(["Aid groups said thousands of families had left their homes in recent weeks."] * 22)


def claims(text, long_form=True):
    doc = Document("t", text + ("\n\n" + FILLER if long_form else ""))
    return [c for c in ClaimExtractor().extract(doc, default_geoparser().parse(doc)) if c.start < len(text)]


def triples(text, long_form=True):
    return {(c.actor, c.relation, c.place.name) for c in claims(text, long_form)}


# lists: a name nobody found keeps the list going; 'the villages of A, B and C' is all of them
def test_a_list_goes_on_past_a_name_the_gazetteer_lacks():
    got = triples("Government troops pushed ISIS militants out of the farmland south of Deir ez-Zor, "
                  "retaking control of the villages of Muhassan, Bughayliyah Qadimah and Tabni.")
    assert {("Syrian government", "control", "Muhasan"), ("Syrian government", "control", "Tabni")} <= got
    assert not any(rel == "contested" for _, rel, _ in got)


# comma-participle: '..., capturing X' is done by the main clause's subject, not the object before it
def test_a_participle_after_a_comma_takes_the_main_subject():
    got = triples("Army units launched an operation to clear ISIS fighters from the river bank, "
                  "capturing the villages of Muhassan, Zarzur Kabir and Tabni.")
    assert ("Syrian government", "control", "Tabni") in got
    assert not any(actor == "ISIS" for actor, _, _ in got)


# a holder's adjective with no place right after it ('were still ISIS-held') holds no place named earlier
def test_a_held_adjective_names_the_place_after_it_or_none():
    got = triples("The army recaptured Khanasir, while several hills outside the town were still ISIS-held.")
    assert got == {("Syrian government", "control", "Khanasir")}


# that-they-held: 'the villages that ISIS held' held the villages; a participle's clause after a comma
# ('..., opening the road to Aleppo') is not what was taken: the road to it was opened
def test_what_a_relative_clause_held_is_its_antecedent():
    got = triples("Later the army captured the last villages that ISIS held, opening the road to Aleppo.")
    assert {(actor, relation) for actor, relation, place in got if place == "Aleppo"} == {("Syrian government", "corridor")}


# a place after a later trigger in another clause is that trigger's
def test_a_place_after_a_later_clause_is_not_the_first_triggers():
    got = triples("Syrian troops captured Jubb Hamza hill, while also advancing to the eastern district of Khanasir.")
    assert ("Syrian government", "advance", "Khanasir") in got
    assert ("Syrian government", "control", "Khanasir") not in got


# granularity: "Idlib's Khan Sheikhoun" is the town, not the city or province that holds it
def test_a_possessive_container_holds_the_finer_place():
    assert triples("Rebels pull out of Idlib's Khan Sheikhoun", long_form=True) == {("Rebels", "lost", "Khan Shaykhun")}


# a complement 'that' is no relative clause: the control word still binds the place after it
def test_said_that_is_no_relative_clause():
    assert ("SDF", "control", "Tabqa airbase") in triples("The monitor said that the SDF had captured Tabqa airbase.")
    assert ("Rebels", "control", "Tall Salmu") in triples("Activists said the rebels were in control of Tal Salmo.")


# granularity (long-form): villages or a hilltop taken near a town are no claim on the town
def test_things_taken_near_a_town_are_no_claim_on_it():
    got = triples("In turn, the rebels took control of two more villages near al-Rai.")
    assert not any(place == "Ar-Ra'ee" for _, _, place in got)


# assault-to (widened): 'operations to fully encircle and then retake the city' is a fight for it
def test_an_operation_to_retake_is_a_contest():
    got = triples("Iraqi troops launched a large operation, to retake the city of Tikrit from the militants.")
    assert ("Iraqi forces", "contested", "Tikrit") in got
    assert ("Iraqi forces", "control", "Tikrit") not in got


# once-it-is: a capture still to come is no claim
def test_a_capture_still_to_come_is_no_claim():
    got = triples("Families fled Tikrit fearing reprisals by Shia militias once the city is captured.")
    assert not any(rel == "control" for _, rel, _ in got)


def sources(text, long_form=True):
    return {(c.actor, c.relation, c.place.name, c.attribution) for c in claims(text, long_form)}


# sources: who says it becomes the claim's attribution, in the shapes long-form reporting uses
def test_lower_case_sources_and_adverbs_before_the_verb():
    assert ("Rebels", "lost", "Khan Shaykhun", "local activists") in sources(
        "Rebel fighters pulled out of Khan Sheikhoun overnight, local activists have said.")
    got = sources("SANA's correspondent also said that army units had recaptured Muhassan.")
    assert ("Syrian government", "control", "Muhasan", "SANA") in got


def test_a_quote_then_said_names_the_spokesmans_organisation():
    got = sources('"We have entered Manbij," said Kino Gabriel, spokesman for the Syrian Democratic Forces.')
    assert got == {("SDF", "advance", "Manbij", "SDF")}


def test_a_party_that_claims_its_own_deed_is_its_source():
    got = sources("Iraqi forces have claimed control of all of Kirkuk province.")
    assert got and all(actor == "Iraqi forces" and source == "Iraqi forces" for actor, _, _, source in got)


def test_a_party_that_declares_a_place_liberated_speaks_of_its_own_deed():
    # 'had declared': the side that declares a place liberated took it; the last actor named
    # before (ISIS) is not the one that took it
    got = sources("Iraqi troops spent a month pushing ISIS out of Tikrit. "
                  "The Iraqi government had declared the city liberated on 1 April.")
    assert ("Iraqi forces", "control", "Tikrit", "Iraqi forces") in got
    assert not any(actor == "ISIS" and relation == "control" for actor, relation, _, _ in got)


def test_the_speaker_of_a_party_speaks_of_its_troops():
    got = sources("The spokesman of the Iraqi army, Yahya Rasool, stated that the troops had entered Amirli.")
    assert got and all(actor == "Iraqi forces" for actor, _, _, _ in got)
    assert all("Yahya" not in source for _, _, _, source in got)


def test_the_paragraph_goes_on_quoting():
    text = ('Government forces captured Saraqeb, the observatory said. "They also shelled Binnish," it added.')
    got = sources(text)
    assert ("Syrian government", "strike", "Binnish", "SOHR") in got or \
        any(place == "Binnish" and source for _, _, place, source in got)


# nominal forms: 'After the capture of X, Y ...' — Y took X
def test_after_the_capture_of_takes_the_main_subject():
    got = triples("After the capture of Tal Rifaat, the rebels turned their attention to Azaz.")
    assert ("Rebels", "control", "Tal Rifaat") in got


# 'the military', 'pro-government fighters': the government of the country the text is about
def test_the_military_and_pro_government_fighters_are_the_home_government():
    got = triples("Iraqi troops entered Tikrit in March. Later the military lost its positions in Tikrit.")
    assert ("Iraqi forces", "lost", "Tikrit") in got
    got = triples("Officials in Baghdad said pro-government fighters had captured Karma.")
    assert any(actor == "Iraqi forces" and rel == "control" for actor, rel, _ in got)
    assert not any(actor == "ISIS" for actor, _, _ in got)


# advances: 'were within 10 km of X', '..., reaching the village of X'
def test_within_a_distance_and_reaching_are_advances():
    got = triples("By Friday the YPG were within 10 km from Tell Abyad.")
    assert ("SDF", "advance", "Tell Abyad") in got
    got = triples("ISIS seized six villages in a counter-attack, reaching the village of al-Hadabat.")
    assert ("ISIS", "advance", "Haddabat") in got


# an attempt to attack is an attack (a fight for the place), not a goal
def test_an_attempt_to_attack_is_a_contest():
    got = triples("Turkish forces attempted to attack the village of Tal Rifaat.")
    assert ("Turkey", "contested", "Tal Rifaat") in got


# lists: 'X, the Y countryside, and wide parts of Z countryside' names three places taken
def test_a_list_of_countrysides_and_parts():
    got = triples("The army captured Tabni, the Muhasan countryside and large parts of the Mayadin countryside.")
    assert {("Syrian government", "control", p) for p in ("Tabni", "Muhasan", "al-Mayadin")} <= got


# leads: a place named as a reference point in an offensive's lead is not fought for
def test_a_lead_does_not_contest_its_reference_point():
    got = triples("The al-Bab offensive was a military offensive launched by the Turkish Armed Forces, with the goal "
                  "of capturing the city of al-Bab located north of Aleppo.")
    assert ("Turkey", "contested", "al-Bab") in got
    assert not any(place == "Aleppo" for _, _, place in got)


# an operation launched to capture a city is a fight for it, not its capture
def test_an_operation_launched_to_capture_is_a_contest():
    got = triples("The battle was a military operation against ISIS launched by Iraqi forces to capture the city of Fallujah.")
    assert ("Iraqi forces", "contested", "Fallujah") in got
    assert ("Iraqi forces", "control", "Fallujah") not in got


# count-of-villages (long-form): a count of unnamed villages between two towns is no claim on either
def test_villages_between_two_towns_are_no_claim_on_them():
    got = triples("On 31 May, Kurdish forces seized four villages on the provincial boundary between Hasakah and Raqqa.")
    assert not any(rel == "control" for _, rel, _ in got)


# before-the-battle: a battle named as a time or a plan is no claim
def test_a_battle_named_as_a_time_is_no_claim():
    got = triples("Prior to the Battle of Fallujah, some militia leaders framed the impending campaign in sectarian terms.")
    assert got == set()


# stance: 'it was reported that', 'a reported air attack' report without vouching: alleged
def test_it_was_reported_that_is_alleged():
    got = {(c.actor, c.relation, c.stance) for c in claims("Ten days later it was reported that the rebels were in control of Tal Salmo.")}
    assert ("Rebels", "control", "alleged") in got
    got = {(c.relation, c.stance) for c in claims("Smoke rose after a reported air attack by pro-regime forces on Khan Sheikhoun.")}
    assert ("strike", "alleged") in got


# an unnamed town in a province is not the province ('a key town in Syria's Idlib province')
def test_an_unnamed_town_in_a_province_is_not_the_province():
    got = triples("Opposition fighters have withdrawn from a key town in Syria's Idlib province, activists said.")
    assert not any(place == "Idlib Governorate" for _, _, place in got)


# 'the US-backed SDF': the group the adjective qualifies is the head, not a modifier
def test_a_backed_group_is_the_head_of_its_phrase():
    got = triples("The deal gave the US-backed SDF easy control over lands in Deir ez-Zor.")
    assert any(actor == "SDF" and rel == "control" for actor, rel, _ in got)


# 'government-held', 'a government offensive' with no state named: the home government
def test_government_alone_is_the_home_government():
    got = triples("The rebels vowed to fight on until they reach the government-held Kuweires airbase near Aleppo.")
    assert ("Syrian government", "control", "Kweires airbase") in got


# retreated-back (sequences): 'captured X and Y, before retreating back to the base' took them, then lost them
def test_captures_taken_back_in_the_same_sentence_are_lost_too():
    got = triples("Army units moved out under cover of artillery and captured Tabni and Muhassan, "
                  "before retreating back to their base.")
    assert {("Syrian government", "control", "Tabni"), ("Syrian government", "lost", "Tabni"),
            ("Syrian government", "lost", "Muhasan")} <= got
    assert not any(rel == "lost" for _, rel, _ in triples("Army units captured Tabni and Muhassan on Monday."))


# retreated-back (reversals): 'captured X but withdrew ...' took X and lost it
def test_captured_but_withdrew_is_lost_too():
    got = triples("Rebels captured Tal Rifaat but withdrew after a counter-offensive three days later.")
    assert {("Rebels", "control", "Tal Rifaat"), ("Rebels", "lost", "Tal Rifaat")} <= got


# an offensive towards a place is an advance on it
def test_an_offensive_towards_a_place_is_an_advance():
    got = triples("Kurdish and FSA forces in Kobani launched a large offensive eastward towards Tell Abyad.")
    assert ("Rebels", "advance", "Tell Abyad") in got and not any(place == "Kobani" for _, _, place in got)


# halt-the-advance: the advance someone halts is not the halter's
def test_an_advance_halted_is_not_the_halters():
    got = triples("ISIS dispatched hundreds of fighters to Tell Abyad to halt the Kurdish advance.")
    assert ("ISIS", "presence", "Tell Abyad") in got and ("ISIS", "advance", "Tell Abyad") not in got


# a thing placed by a bearing ('the main bridge east of X') is no reference back to the last place
def test_a_thing_east_of_a_town_is_not_the_last_place():
    got = triples("The YPG besieged Suluk on Monday. Meanwhile, ISIS blew up the main bridge east of Tell Abyad.")
    assert ("ISIS", "strike", "Suluk") not in got


# 'X fell to Y', 'X falls to Y' (a headline's present): Y holds X
def test_a_place_that_falls_to_a_group_is_its():
    assert ("ISIS", "control", "Mosul") in triples("Mosul fell to ISIS in June 2014.")
    assert ("SDF", "control", "Raqqa") in triples("Raqqa falls to US-backed SDF")


# presence: forces dug in at a place, or combing it, are there
def test_dug_in_and_combing_are_presence():
    assert ("ISIS", "presence", "Tabqa Dam") in triples("The SDF encountered ISIS forces dug in around the Tabqa Dam.")
    assert ("Iraqi forces", "presence", "Tikrit") in triples("Government forces continued combing Tikrit for hidden explosives.")


# lists: 'A, B and C' names three places; A lying far from B is no sign that A was misread
def test_a_list_of_far_apart_towns_keeps_its_first_town():
    got = triples("Iraqi forces seized Karmah, Rutba and Baiji on Monday.")
    assert {("Iraqi forces", "control", name) for name in ("Karmah", "Rutba", "Baiji")} <= got


# sources: a party that declares, a correspondent set off by a participle, a party's own words under its full name
def test_a_party_that_declares_is_the_source_under_its_actor_name():
    got = sources("The Iraqi army declared that Tikrit was finally free of all ISIS fighters.")
    assert ("ISIS", "lost", "Tikrit", "Iraqi forces") in got
    got = sources("The Popular Mobilization Forces declared on 23 May that they had captured Karmah.")
    assert got == {("Iraqi forces", "control", "Karmah", "Iraqi forces")}


def test_a_correspondent_reporting_from_somewhere_is_the_source():
    got = sources("The station's Jane Doe, reporting from near Erbil, said Iraqi forces moved towards Altun Kupri.")
    assert got and all("Jane Doe" in source for _, _, _, source in got)


# sources: the side that speaks is the one a backer's name follows ('rebels backed by the Turkish
# military said'), and a side set off by a backer in commas still speaks of itself
def test_the_backed_side_speaks_not_its_backer():
    got = sources("Syrian rebels backed by the Turkish military said on Thursday they had recaptured the town of Saraqeb.")
    assert got == {("Rebels", "control", "Saraqib", "Rebels")}
    got = sources("The Syrian Democratic Forces, backed by the US-led coalition, said they had captured Tabqa.")
    assert got == {("SDF", "control", "Tabqa", "SDF")}


# reference: 'the village' after 'a village near X' is that unnamed village, neither X nor the town named before
def test_the_village_after_an_unnamed_village_is_no_named_place():
    text = ("The army recaptured Khanasir. ISIS then took control of a village near Tadif. "
            "Government forces recaptured the village the following day.")
    last = [c for c in claims(text) if c.text.startswith("Government forces recaptured")]
    assert last == []
    text = "ISIS took Khanasir. The army recaptured the town on Monday."
    assert ("Syrian government", "control", "Khanasir") in triples(text)
