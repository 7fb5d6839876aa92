"""The constructions of long-form reporting (geo/data/claims/constructions.toml): one test per
record, each on sentences written for the test, and the file's validation."""
import pytest

from geo.claims import ClaimExtractor, constructions
from geo.knowledge.records import LexiconError
from geo.model import Document
from geo.pipeline import default_geoparser

# a neutral paragraph that makes a text long-form (longer than a coded event's note)
FILLER = " ".join(["Aid groups said thousands of families had left their homes in recent weeks."] * 22)


def claims(text, long_form=False):
    doc = Document("t", text + ("\n\n" + FILLER if long_form else ""))
    return ClaimExtractor().extract(doc, default_geoparser().parse(doc))


def triples(text, long_form=False):
    return {(c.actor, c.relation, c.place.name) for c in claims(text, long_form)}


def test_every_record_has_a_name_a_known_kind_and_a_note():
    records = constructions._all()
    assert len({r.name for r in records}) == len(records) >= 8
    assert all(r.kind in constructions.KINDS and r.note for r in records)


@pytest.mark.parametrize("text, message", [
    ('[[construction]]\nname = "x"\nkind = "wish"\npattern = "a"\n', "kind 'wish'"),
    ('[[construction]]\nname = "x"\nkind = "goal"\npattern = "(a"\n', "does not compile"),
    ('[[construction]]\nname = "x"\nkind = "goal"\npattern = "a*"\n', "empty string"),
    ('[[construction]]\nname = "x"\nkind = "goal"\npattern = "a"\ncolour = "red"\n', "lacks the field .note.|unknown field .colour."),
    ('[[construction]]\nname = "x"\nkind = "lead"\npattern = "operation"\n', "group named 'verb'"),
])
def test_a_broken_record_is_named(text, message):
    with pytest.raises(LexiconError, match=message):
        constructions.parse(text, "mine.toml")


# heading: a section heading names a topic, not an event
def test_a_heading_gives_no_claim():
    assert triples("Government forces entered Manbij.\n\n### Assault on Tabqa\n\nAid was delivered.") == \
        {("Syrian government", "advance", "Manbij")}


# goal-of, preparing-for, meant-to: goals and preparations are no claims
@pytest.mark.parametrize("text", [
    "The rebels announced their goal of capturing Manbij.",
    "The army is preparing an assault on Saraqeb.",
    "Iraqi forces began preparations for an attack on Tikrit.",
    "The push was meant to capture Raqqa before the winter.",
])
def test_goals_and_preparations_are_no_claims(text):
    assert triples(text) == set()


# operation-lead: an offensive's opening sentence is a contest by its doer for its places
def test_an_operation_lead_is_a_contest_by_its_doer():
    got = triples("The 2019 Manbij offensive was a military operation launched by the Syrian Army against "
                  "rebels in the countryside of Aleppo Governorate.")
    assert ("Syrian government", "contested", "Manbij") in got
    assert all(rel == "contested" and actor == "Syrian government" for actor, rel, _ in got)
    got = triples("The Battle of Tabqa was a Syrian Democratic Forces military operation against ISIS.")
    assert got == {("SDF", "contested", "Tabqa")}


# held-by-description: a description of the place names its holder before the main verb's event
def test_the_main_verb_binds_over_a_description_of_the_place():
    got = triples("The SDF said on Saturday they had captured Baghouz, the last pocket held by Islamic State.")
    assert ("SDF", "control", "Baghuz") in got and not any(a == "ISIS" for a, _, _ in got)
    # after a contest, the description still says who holds the town
    assert ("Rebels", "control", "Saraqib") in triples("Government forces shelled Saraqeb, a rebel-held town.")


# object-it: 'it' as the object of a control word is the last place named
def test_it_as_the_object_is_the_last_place():
    got = triples("ISIS fighters entered Tikrit on Monday. Two days later the army had retaken full control of it.")
    assert ("Iraqi forces", "control", "Tikrit") in got


# after-participle: the fronted participle's doer is the main clause's subject
def test_a_fronted_participle_takes_the_main_subject():
    got = triples("After liberating Baiji, Iraqi forces moved north.")
    assert got == {("Iraqi forces", "control", "Baiji")}


# and-allies: a group's allies are that group, not the actor 'allied forces' stands for alone
def test_a_groups_allies_are_that_group():
    assert triples("YPG and allied forces attacked Tell Abyad.") == {("SDF", "contested", "Tell Abyad")}


# granularity (long-form): villages taken east of a town are no capture of the town
def test_villages_east_of_a_town_are_no_claim_on_it_in_long_form():
    text = "ISIS fighters left Manbij. On 8 June, YPG fighters captured two villages to the east of the town of Suluk."
    got = triples(text, long_form=True)
    assert not any(place in ("Suluk", "Manbij") and rel in ("control", "contested") for _, rel, place in got)


# advance-to: a move toward a place to take it is an advance on it, not yet a capture
@pytest.mark.parametrize("text, actor, place", [
    ("The army advanced to retake Mayadin on Sunday.", "Syrian government", "al-Mayadin"),
    ("Iraqi troops are advancing to seize Makhoul Mountain near the Tigris River.", "Iraqi forces", "Jabal Makhoul"),
])
def test_a_move_to_take_a_place_is_an_advance(text, actor, place):
    got = triples(text, long_form=True)
    assert (actor, "advance", place) in got
    assert not any(rel == "control" for _, rel, _ in got)


# assault-to, failed-to: an attempt to take a place is a fight for it
@pytest.mark.parametrize("text, place", [
    ("On 22 March, the SDF began an assault to capture Tabqa.", "Tabqa"),
    ("ISIS fighters attacked Amirli, but failed to capture it.", "Amirli"),
])
def test_an_attempt_to_take_a_place_is_a_contest(text, place):
    got = triples(text)
    assert any(rel == "contested" for _, rel, _ in got)
    assert not any(rel == "control" for _, rel, _ in got)


# possible-event: 'a possible strike', 'the potential capture of X': an event that may come, no claim
@pytest.mark.parametrize("text", [
    "ISIS militants moved into the Tabqa Dam to deter a possible coalition strike on Tabqa.",
    "Residents fled Manbij fearing the potential capture of the town.",
])
def test_a_possible_event_is_no_claim(text):
    got = triples(text)
    assert not any(rel in ("strike", "control") for _, rel, _ in got)


# fight-for-the-capture: the nominal capture after a fight noun names the fight's goal
@pytest.mark.parametrize("text", [
    "Iraqi forces launched the operation for the liberation of Mosul on Monday.",
    "Iraqi forces continued the battle for the liberation of Tikrit.",
    "The army launched a campaign for the recapture of Palmyra.",
])
def test_a_fight_for_the_capture_of_a_place_is_a_contest(text):
    got = triples(text)
    assert any(rel == "contested" for _, rel, _ in got)
    assert not any(rel == "control" for _, rel, _ in got)


# the airbase, the dam: a place noun standing for the last place of its kind
def test_the_airbase_is_the_last_named_base():
    got = triples("Rebels besieged the Abu al-Duhur airbase in 2013. In 2014 the rebels stepped up their attacks on the airbase.")
    assert sum(1 for a, rel, _ in got if a == "Rebels" and rel == "contested") >= 1
    assert len([c for c in claims("Rebels besieged the Abu al-Duhur airbase in 2013. In 2014 the rebels stepped up "
                                  "their attacks on the airbase.") if c.relation == "contested"]) == 2


# granularity (long-form): villages taken in a province are the province's ground changing hands
def test_villages_taken_in_a_province_are_control_of_it_in_long_form():
    got = triples("Government forces seized about 40 towns and villages in southern Idlib on Monday.", long_form=True)
    assert any(a == "Syrian government" and rel == "control" for a, rel, _ in got)


# subject-it: 'It was captured by Y' names the last place as the one taken
def test_it_as_the_subject_of_a_capture_is_the_last_place():
    got = triples("Rebels besieged the Abu al-Duhur airbase in 2013. It was captured by rebel forces in 2015.")
    assert ("Rebels", "control", "Abu al-Duhur airbase") in got


# nominal and kept forms of control (relations.toml)
@pytest.mark.parametrize("text, triple", [
    ("The Nassib crossing, in rebel hands since 2015, was reopened.", ("Rebels", "control", "Nasib crossing")),
    ("Rebels attacked Khanasir on Monday. The army kept control of the town.", ("Syrian government", "control", "Khanasir")),
    ("The Iraqi government announced the seizure of Saqlawiyah and Karmah.", ("Iraqi forces", "control", "Karmah")),
    ("Iraqi forces have claimed control of all of Kirkuk province.", ("Iraqi forces", "control", "Kirkuk Governorate")),
])
def test_nominal_and_kept_control(text, triple):
    assert triple in triples(text)


# actors: Shia militias are the PMF in Iraq, Iran's in Syria (actors.toml [[generic]] with home)
def test_shia_militias_by_country():
    assert ("Iraqi forces", "control", "Karmah") in triples("Shiite militias captured Karmah near Fallujah.")
    assert ("Iran", "strike", "Saraqib") in triples("Shia militias shelled Saraqeb.")


# a place's offensive is a fight for it; taking back is taking
@pytest.mark.parametrize("text, triple", [
    ("Government forces pressed ahead with the Idlib offensive.", ("Syrian government", "contested", "Idlib")),
    ("Assad's forces had launched an operation to take back Saraqeb.", ("Syrian government", "contested", "Saraqib")),
])
def test_a_places_offensive_and_taking_back(text, triple):
    assert triple in triples(text)


# the group chased is no actor of the clause that follows
def test_the_group_chased_does_not_take_the_place():
    assert triples("Army units continued chasing ISIS terrorists, restoring control over Muhasan.") == \
        {("Syrian government", "control", "Muhasan")}


# lists go on through 'and the villages of'
def test_a_list_goes_on_through_the_villages_of():
    got = triples("Government forces captured Saraqeb and the villages of Kafr Nabl and Maarat al-Numan.")
    assert {p for a, rel, p in got if rel == "control"} == {"Saraqib", "Kafr Nabl", "Maarat al-Numan"}


# long-form: air strikes no one is named for belong to the state whose campaign the text follows
def test_unattributed_air_strikes_in_long_form_are_the_campaigning_states():
    text = "Syrian government forces took two villages near Saraqeb on Monday. Air strikes and barrel bombs hit Kafr Nabl."
    assert ("Syrian government", "strike", "Kafr Nabl") in triples(text, long_form=True)
    assert ("Unidentified military forces", "strike", "Kafr Nabl") in triples(text)


# reference: 'the city' is the most mentioned city so far, not the last place named
def test_the_city_is_the_salient_city_not_the_last_place():
    text = ("ISIS attacked Deir ez-Zor on Saturday. Fighting in Deir ez-Zor went on for days. "
            "ISIS stormed a district on the highway between the city and Damascus. "
            "ISIS fighters shelled the city again on Sunday.")
    got = [c for c in claims(text) if c.text.startswith("ISIS fighters shelled")]
    assert got and {c.place.name for c in got} == {"Deir ez-Zor"}


def test_the_airport_is_no_town():
    text = "ISIS attacked the Deir ez-Zor airbase. Fighting went on in Jubaila. ISIS carried out an attack targeting the airport."
    got = [c for c in claims(text) if "targeting the airport" in c.text]
    assert {c.place.name for c in got} <= {"Deir ez-Zor airbase"}


# sources: a claim of control is alleged; so is what 'was reported to' happen
@pytest.mark.parametrize("text", [
    "Iraqi forces have claimed control of all of Kirkuk province.",
    "ISIS's news agency claimed the SDF had withdrawn from Tabqa.",
    "Syrian and Russian jets were reported to bomb Saraqeb.",
])
def test_claims_and_reports_are_alleged(text):
    got = claims(text)
    assert got and all(c.stance == "alleged" for c in got)


def test_an_offensive_towards_a_town_is_a_fight_for_it():
    got = triples("The rebels and Turkey launched a new offensive towards the ISIS-held town of Dabiq.")
    assert ("Turkey", "contested", "Dabiq") in got and ("ISIS", "control", "Dabiq") in got
    assert ("Rebels", "contested", "Dabiq") in triples("The rebels launched a new offensive towards ISIS-held Dabiq.")


# hypothetical, aid-drops: no event
@pytest.mark.parametrize("text", [
    "Thousands in Amirli were in danger from being killed by ISIS.",
    "The UN warned about the possibility of ISIS attacking Amirli.",
    "ISIS threatened to flood villages if the Tabqa Dam was attacked.",
    "The United States began humanitarian aid drops over Amirli.",
])
def test_hypotheticals_and_aid_drops_are_no_claims(text):
    assert triples(text) == set()


# feature-taken: a bridge, a hill or a plant taken near a town is no control of the town
@pytest.mark.parametrize("text", [
    "Iraqi troops seized a key bridge between Karmah and Saqlawiyah.",
    "ISIS captured a strategic mountain overlooking Deir ez-Zor.",
    "ISIS captured the power plant to the west of Deir ez-Zor.",
])
def test_a_feature_taken_is_no_control_of_the_town(text):
    assert not any(rel == "control" for _, rel, _ in triples(text))


# a group's allied militiamen are that group
def test_allied_militiamen_are_the_groups():
    got = triples("Iraqi troops and allied militiamen stormed Tikrit.")
    assert got == {("Iraqi forces", "contested", "Tikrit")}


# 'X was free of Y' is Y's loss; moving towards or reaching within N km is an advance
@pytest.mark.parametrize("text, triple", [
    ("On 12 April, Iraqi forces declared that Tikrit was finally free of all ISIS forces.", ("ISIS", "lost", "Tikrit")),
    ("Iraqi forces moved towards Peshmerga positions in Altun Kupri.", ("Iraqi forces", "advance", "Altun Kupri")),
    ("Rebel and Turkish forces reached within 20 kilometers of al-Bab.", ("Turkey", "advance", "al-Bab")),
])
def test_free_of_and_moving_towards(text, triple):
    assert triple in triples(text)


@pytest.mark.parametrize("text, triple", [
    ("Smoke rose during a reported air attack by pro-regime forces on Khan Sheikhoun.",
     ("Syrian government", "strike", "Khan Shaykhun")),
    ("YPG forces also captured Suluk, after ISIS escaped from the besieged town.", ("ISIS", "lost", "Suluk")),
    ("The Syrian Army captured Saraqeb and the Abu al-Duhur airbase.", ("Syrian government", "control", "Abu al-Duhur airbase")),
])
def test_air_attacks_escapes_and_lists_with_the(text, triple):
    assert triple in triples(text)


def test_where_an_attack_starts_from_is_not_its_target():
    assert not any(p == "Al Adhaim" for _, _, p in triples("The army attacked from the south of Amirli in Adhaim."))


def test_areas_regained_in_two_provinces_are_control_in_long_form():
    got = triples("Army regains control over several areas in Deir Ezzor and Hama countryside", long_form=True)
    assert ("Syrian government", "control", "Deir ez-Zor") in got


# 'were in control of' is no passive; in Iraq 'the army' is Iraq's even after the Peshmerga are named
def test_in_control_of_and_the_army_in_iraq():
    assert ("Rebels", "control", "Tall Salmu") in triples(
        "The army attacked Tal Salmo. Ten days later, the rebels were in control of Tal Salmo.")
    found = claims("Peshmerga forces left Kirkuk. The army says it captured the last town, Altun Kupri, near Erbil.")
    assert {(c.actor, c.relation, c.place.name, c.attribution) for c in found if c.relation == "control"} == \
        {("Iraqi forces", "control", "Altun Kupri", "Iraqi forces")}  # a party saying it did something: source and actor, one name


def test_posts_held_by_a_side_are_presence_and_part_of_a_base_is_a_fight():
    assert ("Syrian government", "presence", "Tall Salmu") in triples("Rebels attacked 2 points controlled by the army at Tal Salmo.")
    got = triples("Rebels besieged the Abu al-Duhur airbase. The base was stormed by the FSA, which seized the western part of the base.")
    assert not any(rel == "control" for _, rel, _ in got)
    got = triples("Rebels besieged the Abu al-Duhur airbase. In 2013, a checkpoint (north east of the airport) was destroyed by rebels.")
    assert not any(rel == "strike" for _, rel, _ in got)


def test_in_the_north_west_of_the_city_is_inside_it():
    got = triples("SDF fighters advanced on Raqqa. SDF fighters took control of a mill in the north-west of the city.")
    assert ("SDF", "control", "Raqqa") in got


# the demo's two wrong claims, in our own words: a carried actor at a place abroad, 'the army' after Russia
def test_no_carried_actor_abroad_and_the_army_is_no_russian():
    got = triples("Iranian missiles hit Deir ez-Zor on Monday. The strikes answered the attacks on a shrine in Tehran.")
    assert not any(place == "Tehran" for _, _, place in got)
    got = triples("Russian jets bombed Mayadin. ISIS commanders fled before the army entered Albu Kamal.")
    assert ("Syrian government", "advance", "Abu Kamal") in got and not any(a == "Russia" and rel == "advance" for a, rel, _ in got)


# the Kurds: the Peshmerga in Iraq, the SDF in Syria; forces loyal to Assad are the government's
def test_the_kurds_by_country_and_forces_loyal_to_assad():
    assert ("Peshmerga", "lost", "Kirkuk") in triples("Iraqi forces entered Kirkuk. The Kurds pulled out of Kirkuk.")
    assert ("SDF", "control", "Tell Abyad") in triples("Kurdish fighters captured Tell Abyad.")
    assert ("Syrian government", "control", "Saraqib") in triples("Forces loyal to President Bashar al-Assad captured Saraqeb.")


def test_a_hypothetical_or_a_goal_is_no_claim_whatever_the_relation():
    # 'would', 'could not', 'vowed to' before a strike, an advance or an attack: nothing happened yet
    assert not any(relation == "strike" for _, relation, _ in
                   triples("ISIS threatened to open the gates of Mosul Dam, which would destroy many villages near Mosul."))
    assert triples("The SDF could not immediately advance on Tabqa for fear of floods.") == set()
    assert triples("ISIS vowed to attack Kirkuk.") == set()
    # the same verbs told as deeds are claims
    assert ("SDF", "advance", "Tabqa") in triples("The SDF advanced on Tabqa despite fears of floods.")
    assert ("ISIS", "contested", "Kirkuk") in triples("ISIS attacked Kirkuk.")


# background-event, ordered-to, hypothetical: an event told as another's time or purpose, an order and
# a fear are no claims of their own (the sentence's own deed still is)
@pytest.mark.parametrize("text, kept", [
    ("Many of the villages were used as bases by ISIS for their attack on Amirli.", set()),
    ("The prime minister ordered the army not to enter Erbil.", set()),
    ("Residents left Tikrit out of fear both of ISIS and of attacks by militias.", set()),
])
def test_background_events_orders_and_fears_are_no_claims(text, kept):
    assert triples(text, long_form=True) == kept


def test_an_offensive_told_as_a_time_is_no_new_contest():
    got = triples("Rebels withdrew from Manbij on Monday. In the aftermath of the offensive on Manbij, aid groups arrived.",
                  long_form=True)
    assert ("Rebels", "lost", "Manbij") in got and ("Rebels", "contested", "Manbij") not in got


# relations.toml 'fall of': the nominal of 'X fell to Y' (issue 21, item 2); 'ousted from', 'routed from': a loss
def test_the_fall_of_a_place_to_a_side_and_a_side_routed_from_it():
    assert ("ISIS", "control", "Palmyra") in triples("The fall of Palmyra to ISIS shocked the world.", long_form=True)
    assert ("ISIS", "lost", "Kobani") in triples("ISIS militants were routed from Kobani.", long_form=True)


# relations.toml 'to take': the bare infinitive, read with the words before it (an offensive to take X is
# a fight for X; 'managed to take X' took it); an army announcing the start of its operation acts in it
def test_the_bare_infinitive_take():
    assert ("Iraqi forces", "contested", "Fallujah") in triples("Iraqi forces launched an offensive to take Fallujah.", long_form=True)
    assert ("Rebels", "control", "Saraqib") in triples("Rebels managed to take the town of Saraqeb.", long_form=True)
    assert ("Iraqi forces", "contested", "Fallujah") in triples(
        "The Iraqi army announced the start of an operation to take Fallujah.", long_form=True)
    assert triples("The talks are due to take place in Astana. Ambulances waited to take the wounded to Erbil.",
                   long_form=True) == set()


# relations.toml sieges and regains: 'laid siege to X' is a fight for X, 'broke the siege of X' an advance on
# it by the relief force (not by the besieger named after 'by'), 'regained the town of X' a capture
def test_sieges_laid_and_broken_and_places_regained():
    assert ("Syrian government", "contested", "Palmyra") in triples("The army laid siege to Palmyra.", long_form=True)
    assert ("Iraqi forces", "advance", "Amerli") in triples("Iraqi forces broke the siege of Amirli.", long_form=True)
    got = triples("Iraqi forces attacked Tuz Khurmatu. They called on the army to break the siege by ISIS on Amirli.",
                  long_form=True)
    assert ("ISIS", "advance", "Amerli") not in got
    assert ("Syrian government", "control", "Palmyra") in triples("Government forces regained the town of Palmyra.",
                                                                  long_form=True)


# ordered-to (and every goal, approach and attempt record): a trigger that opens with its own 'to' ('to
# surrender') is read with that 'to' in the words before it
def test_an_appeal_to_surrender_is_no_handover():
    assert triples("The SDF called on ISIS fighters in Raqqa to surrender.", long_form=True) == set()
    assert ("SDF", "control", "Raqqa") in triples("ISIS fighters in Raqqa agreed to surrender the city to the SDF.",
                                                  long_form=True)


# relations.toml strikes by their means: 'a suicide car-bomb attack on X', 'a mortar attack on X' is a strike
# (ANNOTATION: suicide attacks, IEDs, shelling), not a fight for X; a plain 'attacked X' stays a fight
def test_an_attack_named_by_its_means_is_a_strike():
    assert triples("ISIS carried out a suicide car-bomb attack on Tal Tamr.", long_form=True) == {("ISIS", "strike", "Tal Tamr")}
    assert ("ISIS", "strike", "Tal Tamr") in triples("ISIS launched a mortar attack on Tal Tamr.", long_form=True)
    assert triples("ISIS attacked Tal Tamr.", long_form=True) == {("ISIS", "contested", "Tal Tamr")}


# battle-began-when: an appositive may follow the battle's name before 'began'
def test_a_battle_that_began_when_a_side_entered_the_city_is_its_contest_after_an_appositive():
    got = triples("The battle for Raqqa, the de facto capital of the group, began on 6 June 2017, when the SDF "
                  "entered the city from the east and the west.")
    assert ("SDF", "contested", "Raqqa") in got
