"""The binding rules (geo/data/claims/binding.toml): the file's validation, and one test per rule on
sentences written for the test. Where a sentence shows it, the test switches the rule off and
sees the claims change (the rule is what binds them); the other rules are tested as steps."""
import pytest

from geo.claims import ClaimExtractor, bind_actor, bind_place, binding, constructions
from geo.claims.annotate import annotate
from geo.knowledge.records import LexiconError
from geo.model import Document
from geo.pipeline import default_geoparser

FILLER = " ".join(["Aid groups said thousands of families had left their homes in recent weeks."] * 22)


def triples(text, long_form=False):
    doc = Document("t", text + ("\n\n" + FILLER if long_form else ""))
    return {(c.actor, c.relation, c.place.name) for c in ClaimExtractor().extract(doc, default_geoparser().parse(doc))
            if c.start < len(text)}


def without(name, text, long_form=False):
    constructions.disable(name)
    try:
        return triples(text, long_form)
    finally:
        constructions.disable()


def rule(name):
    return next(r for r in binding._all() if r.name == name)


def contexts(text, relation=None):
    """(actor context, place context) of the last sentence's first trigger (of that relation)."""
    doc = Document("t", text)
    d = annotate(doc, default_geoparser().parse(doc))
    sentence = d.sentences[-1]
    trigger = next(t for t in d.triggers_in(sentence) if relation in (None, t.relation))
    actor = bind_actor.ActorContext(d, sentence, trigger, d.actors_in(sentence), None)
    place = bind_place.PlaceContext(d, sentence, trigger, d.places_in(sentence), d.unresolved_in(sentence), None, None)
    place.after = [m for m in place.in_places if m.start >= trigger.end]
    place.before = [m for m in place.in_places if m.end <= trigger.start]
    return actor, place


def test_every_step_has_a_record_and_every_record_a_known_step():
    names = [r.name for r in binding._all()]
    assert len(names) == len(set(names))
    for stage, module in (("actor", bind_actor), ("place", bind_place)):
        assert {r.step for r in binding.records(stage)} == set(module.STEPS)
        assert all(r.pattern is not None for r in binding.records(stage) if r.step in module.NEEDS_PATTERN)


@pytest.mark.parametrize("text, message", [
    ('[[rule]]\nname = "x"\nstage = "who"\nstep = "a"\nnote = "n"\n', "stage 'who'"),
    ('[[rule]]\nname = "x"\nstage = "actor"\nstep = "guess"\nnote = "n"\n', "no actor step"),
    ('[[rule]]\nname = "x"\nstage = "actor"\nstep = "agent-after"\nnote = "n"\n', "needs a pattern"),
    ('[[rule]]\nname = "x"\nstage = "actor"\nstep = "agent-after"\npattern = "(a"\nnote = "n"\n', "does not compile"),
    ('[[rule]]\nname = "x"\nstage = "actor"\nstep = "agent-after"\npattern = "a*"\nnote = "n"\n', "empty string"),
    ('[[rule]]\nname = "x"\nstage = "actor"\nstep = "agent-after"\npattern = "a"\n', "lacks the field .note.|unknown field .colour."),
    ('[[rule]]\nname = "x"\nstage = "actor"\nstep = "clause-subject"\nnote = "n"\n', "have no record"),
])
def test_a_broken_record_is_named(text, message):
    steps = {"actor": set(bind_actor.STEPS), "actor:pattern": set(bind_actor.NEEDS_PATTERN),
             "place": set(), "place:pattern": set()}
    with pytest.raises(LexiconError, match=message):
        binding.parse(text, "mine.toml", steps)


# rules whose effect shows in the claims: on, the claims of the case; off, others
@pytest.mark.parametrize("name, text, long_form, on, off", [
    ("actor-after", "Manbij, controlled by the SDF since 2016, was calm.", False,
     ("SDF", "control", "Manbij"), None),
    ("fronted-subject", "After liberating Baiji, Iraqi forces moved north.", False,
     ("Iraqi forces", "control", "Baiji"), None),
    ("held-adjective", "Turkish forces shelled ISIS-held Jarabulus.", False,
     ("ISIS", "control", "Jarabulus"), ("Turkey", "control", "Jarabulus")),
    ("agent-after", "Rebels repelled an attack by Turkish-backed factions on Tal Rifaat.", False,
     ("Syrian National Army", "contested", "Tal Rifaat"), None),
    ("relative-subject", "Iranian militias backed the Syrian army, which captured Palmyra.", False,
     ("Syrian government", "control", "Palmyra"), ("Iran", "control", "Palmyra")),
    ("participle-subject", "Army units launched an operation to clear ISIS fighters from the river bank, capturing Tabni.", True,
     ("Syrian government", "control", "Tabne"), ("ISIS", "control", "Tabne")),
    ("clause-subject", "Turkish forces shelled Tal Rifaat.", False, ("Turkey", "strike", "Tal Rifaat"), None),
    ("between-agent", "Clashes between the SDF and ISIS erupted in Hajin.", False, ("SDF", "contested", "Hajin"), None),
    ("carried-trigger", "Regime forces pounded Saraqeb. Shelling also hit Binnish.", False,
     ("Syrian government", "strike", "Binnish"), ("Unidentified armed group", "strike", "Binnish")),
    ("unattributed", "An IED exploded in Kirkuk.", False, ("Unidentified armed group", "strike", "Kirkuk"), None),
    ("last-actor", "The SDF entered Tabqa on Monday. Mansoura was captured a day later.", True,
     ("SDF", "control", "el-Mansour"), None),
    ("relative-after", "ISIS attacked the checkpoint, which lies outside Tikrit.", True, None, ("ISIS", "contested", "Tikrit")),
    ("participle-clause", "Later the army captured the last villages, relieving the pressure on Aleppo.", True,
     None, ("Syrian government", "control", "Aleppo")),
    ("held-adjective-place", "Turkish troops entered Jarabulus, and the villages nearby remained ISIS-held.", True,
     None, ("ISIS", "control", "Jarabulus")),
    ("described-place", "The SDF moved on Tabqa, the last ISIS stronghold in the west of Raqqa Governorate.", True,
     ("ISIS", "control", "Tabqa"), ("ISIS", "control", "Raqqa Governorate")),
    ("object-relative", "The army captured the villages that ISIS held before nightfall in Aleppo.", True,
     None, ("ISIS", "control", "Aleppo")),
    ("reduced-relative", "The operation in Tikrit was the first attempt by the army to recapture ground seized by ISIS.", True,
     None, ("ISIS", "control", "Tikrit")),
    ("relative-before", "Khanasir, which lies on the road to Aleppo, was captured by the army.", True,
     ("Syrian government", "control", "Khanasir"), ("Syrian government", "control", "Aleppo")),
    ("reference-points", "ISIS fighters attacked a checkpoint 60 km south of Baghdad.", True, None, ("ISIS", "contested", "Baghdad")),
    ("containers", "Tal Rifaat in Aleppo countryside was shelled by Turkish forces.", False,
     ("Turkey", "strike", "Tal Rifaat"), ("Turkey", "strike", "Aleppo")),
    ("place-left", "Government troops deployed from Damascus to Albu Kamal.", False,
     ("Syrian government", "presence", "Abu Kamal"), ("Syrian government", "presence", "Damascus")),
    ("operation-name", "Rebels said they had taken Saraqeb, a reverse for the army in a Russian-backed offensive.", True,
     None, ("Syrian government", "contested", "Saraqib")),
    ("flight-destination", "Rebels attacked Morek, and the shelling forced hundreds of families to flee north towards Idlib.", True,
     None, ("Rebels", "strike", "Idlib")),
    ("attacked-from", "The army attacked from the south of Amirli in Adhaim.", True,
     ("Iraqi forces", "contested", "Amerli"), ("Iraqi forces", "contested", "Al Adhaim")),
    ("no-country", "A car bomb exploded in Iraq.", False, None, ("Unidentified armed group", "strike", "Iraq")),
    ("bearing", "ISIS fighters attacked villages north of Baghdad.", False, ("ISIS", "contested", "Baghdad"), None),
    ("head-and-list", "The army captured al-Mayadeen, Deir ez-Zor and Albu Kamal.", True,
     ("Syrian government", "control", "Abu Kamal"), None),
])
def test_a_rule_binds_what_it_says(name, text, long_form, on, off):
    assert rule(name)  # the record exists under this name
    got, got_off = triples(text, long_form), without(name, text, long_form)
    assert got != got_off
    if on is not None:
        assert on in got and on not in got_off
    if off is not None:
        assert off not in got and off in got_off


# the rules below are tested as steps: their effect on a whole sentence is also reached by a later rung
def test_corridor_mover_is_the_armed_group_that_goes():
    actor, _ = contexts("ISIS fighters were evacuated from Raqqa to Albu Kamal.", "corridor")
    assert bind_actor.corridor_mover(actor, rule("corridor-mover")) == ("ISIS", False)


def test_corridor_ends_are_origin_and_destination():
    _, place = contexts("ISIS fighters were evacuated from Raqqa to Albu Kamal.", "corridor")
    ((origin, destination, fallback),) = bind_place.corridor_ends(place, rule("corridor-ends"))
    assert (origin.surface, destination.surface, fallback) == ("Raqqa", "Albu Kamal", False)


def test_found_dead_is_the_killer_not_the_finder():
    actor, _ = contexts("Police found the body of a shepherd killed by ISIS near Kirkuk.")
    assert bind_actor.found_dead(actor, rule("found-dead")) == ("ISIS", False)
    assert ("Iraqi forces", "strike", "Kirkuk") in without("found-dead", "Police found the body of a shepherd killed by ISIS near Kirkuk.")


def test_holder_word_is_the_actor_named_with_the_trigger():
    actor, _ = contexts("The SDF said Turkish drone strikes hit Qamishli.")
    assert bind_actor.holder_word(actor, rule("holder-word")) == ("Turkey", False)


class _Parse:
    """A parse that says the actor at ``agent`` is the agent and every other one a patient."""

    def __init__(self, agent):
        self.agent = agent

    def roles(self, start, end):
        return {}

    def role_of(self, roles, start, end, trigger_start, trigger_end):
        return "agent" if start == self.agent else "patient"


def test_parse_roles_take_the_parses_agent_and_drop_its_objects():
    actor, _ = contexts("Mosul was captured by Iraqi troops.")
    troops = actor.in_actors[0]
    actor.d.parses = {actor.sentence.start: _Parse(troops.start)}
    assert bind_actor.parse_roles(actor, rule("parse-roles")) == ("Iraqi forces", False)
    actor.d.parses = {actor.sentence.start: _Parse(-1)}
    assert bind_actor.parse_roles(actor, rule("parse-roles")) is None and actor.in_actors == []
    actor.d.parses = {}
    assert bind_actor.parse_roles(actor, rule("parse-roles")) is None


def test_objects_only_means_nobody_acts():
    actor, _ = contexts("Gunmen abducted three PKK militants in Sinjar.")
    actor.before, actor.last_actor = actor.in_actors[1:], "SDF"  # only the victims are left before the trigger
    assert bind_actor.objects_only(actor, rule("objects-only")) == (None, False)
    actor.before = []
    assert bind_actor.objects_only(actor, rule("objects-only")) is None


def test_later_clause_leaves_a_later_triggers_place_to_it():
    _, place = contexts("Syrian troops captured a hill called Tal Zarour, while advancing to the eastern district of Khanasir.")
    assert [m.surface for m in place.after] == ["Khanasir"]
    bind_place.later_clause(place, rule("later-clause"))
    assert place.after == []


def test_later_clause_joined_by_and():
    _, place = contexts("ISIS launched another attack on Monday and shelled Deir ez-Zor.")
    assert place.trigger.relation == "contested" and [m.surface for m in place.after] == ["Deir ez-Zor"]
    bind_place.later_clause(place, rule("later-clause"))
    assert place.after == []


def test_victim_name_is_no_place():
    from dataclasses import replace

    text = "Gunmen shot dead Ahmed Mosul in Kirkuk."
    _, place = contexts(text)
    kirkuk = place.after[0]
    at = text.index("Mosul")
    surname = replace(kirkuk, start=at, end=at + 5, surface="Mosul")  # a place the geoparser might have read
    place.after = [surname, kirkuk]
    bind_place.victim_name(place, rule("victim-name"))
    assert place.after == [kirkuk]


def test_unknown_place_stops_a_claim_at_the_region_that_holds_it():
    _, place = contexts("Turkish forces shelled Kherbet Zoumzoum village in Aleppo province.")
    assert bind_place.unknown_place(place, rule("unknown-place")) == []


def test_referent_is_the_place_the_text_is_about():
    _, place = contexts("The SDF reached the outskirts of Tabqa. They captured the town on Friday.")
    place.last_place = place.d.places[0]
    place.before, place.after = [], []
    assert bind_place.referent(place, rule("referent")) == [(place.d.places[0], None, True)]


def corridors(text):
    doc = Document("t", text)
    return {(c.actor, c.place.name, (c.to_place.name if c.to_place else None)) for c in ClaimExtractor().extract(doc, default_geoparser().parse(doc))
            if c.relation == "corridor"}


def test_route_ends_are_the_names_joined_to_the_route_and_linked_after_it():
    _, place = contexts("Iraqi forces retook Tikrit. The army then cut the Baghdad–Kirkuk road.")
    ((first, second, fallback),) = bind_place.route_ends(place, rule("route-ends"))
    assert (first.surface, second.surface, fallback) == ("Baghdad", "Kirkuk", False)
    _, place = contexts("Government forces captured the last point on the Aleppo-Raqqa highway near Tabqa.")
    ((first, second, _),) = bind_place.route_ends(place, rule("route-ends"))
    assert (first.surface, second.surface) == ("Aleppo", "Raqqa")  # not Tabqa, which is only near it
    _, place = contexts("The road linking Kirkuk to the city of Erbil was reopened on Friday.")
    ((first, second, _),) = bind_place.route_ends(place, rule("route-ends"))
    assert (first.surface, second.surface) == ("Kirkuk", "Erbil")


def test_route_ends_the_city_is_the_place_the_text_is_about():
    assert corridors("Iraqi forces retook Tikrit on Monday. ISIS later severed all land routes to the city.") == {
        ("ISIS", "Tikrit", None)}


def test_a_route_without_a_named_end_binds_no_place_near_it():
    # the road has no end named: Mosul is where the fire was, not a route's end
    assert corridors("Iraqi troops cleared the road of mines near Mosul.") == set()
    # 'opened fire on the road' is a strike, not a route opened
    assert corridors("The army opened fire on the road to Mosul.") == set()


def test_a_route_cut_as_a_goal_is_no_claim():
    assert corridors("ISIS attacked Kirkuk. The aim of the attack was to cut the road between Kirkuk and Erbil.") == set()
    assert corridors("ISIS attacked Kirkuk and cut the road between Kirkuk and Erbil.") == {("ISIS", "Kirkuk", "Erbil")}


def test_a_route_taken_is_a_corridor_beside_the_fight_at_its_end():
    doc = Document("t", "The town was besieged by ISIS when ISIS severed all land routes to the town of Amirli.")
    got = {(c.relation, c.place.name) for c in ClaimExtractor().extract(doc, default_geoparser().parse(doc))}
    assert {("corridor", "Amerli"), ("contested", "Amerli")} <= got


def test_anaphoric_subject_is_the_actor_the_text_follows_not_the_last_named():
    text = ("ISIS continued its offensive and attacked checkpoints held by pro-government forces. "
            "They then shelled Tikrit, capturing it after a day.")
    got = triples(text, True)
    assert ("ISIS", "control", "Tikrit") in got
    assert not any(actor == "Iraqi forces" for actor, _, place in got if place == "Tikrit")
    # without the rung, the last actor named (the holder of the checkpoints) took the town
    constructions.disable("anaphoric-subject")
    try:
        assert ("Iraqi forces", "control", "Tikrit") in triples(text, True)
    finally:
        constructions.disable()


def test_the_group_refers_back_to_an_armed_group_not_to_a_state():
    text = "ISIS attacked Deir ez-Zor. The Syrian army repelled the attack. The group later captured Ayyash."
    assert ("ISIS", "control", "Ayyash") in triples(text, True)
    # 'it was reported' is no subject that refers back
    actor, _ = contexts("ISIS attacked Kirkuk. It was reported that troops entered Hawija.")
    assert bind_actor.anaphor_before(actor) is None


def test_a_strike_by_its_means_is_kept_beside_the_capture_it_led_to():
    got = triples("ISIS shelled Hawija, capturing the town after a day.")
    assert {("ISIS", "strike", "Hawija"), ("ISIS", "control", "Hawija")} <= got
    # a killing in a capture is no strike of its own
    got = triples("Iraqi forces captured Hawija, killing dozens of militants.")
    assert ("Iraqi forces", "strike", "Hawija") not in got


def test_a_place_after_a_later_goal_is_the_goals_not_the_first_triggers():
    text = "The SDF said the advance was also meant to block any advance on Raqqa by the Syrian army."
    assert not any(place == "Raqqa" for _, _, place in triples(text, True))
    # without the goal, the first advance's place is Raqqa
    assert ("Syrian government", "advance", "Raqqa") in triples("The advance on Raqqa by the Syrian army went on.", True)


def test_a_count_of_unnamed_places_as_object_takes_no_place_behind_the_verb():
    # counted-object: the villages taken are not the river the advance went along
    text = "Iraqi troops moved through Qayyarah and seized several villages."
    assert ("Iraqi forces", "control", "Qayyarah") not in triples(text, long_form=True)
    assert ("Iraqi forces", "control", "Qayyarah") in without("counted-object", text, long_form=True)
    # a place after the count still says where they lie
    got = triples("Rebels captured four villages in Hama province on Monday.", long_form=True)
    assert any(relation in ("control", "contested") for _, relation, _ in got)


def test_the_city_in_the_object_slot_is_the_city_of_the_text_not_a_site_behind_the_word():
    # object-anaphor: 'the city' right after 'advanced towards' is Raqqa, not the dam of the other verb
    # (a second city named later keeps the geoparser from placing 'the city' itself)
    text = ("In June the SDF began an offensive to capture the city of Raqqa. Kurdish units crossed the river "
            "near the Tabqa Dam and advanced towards the city from the west. By July they had cut the road to Deir ez-Zor.")
    got = triples(text, long_form=True)
    assert ("SDF", "advance", "Raqqa") in got and ("SDF", "advance", "Tabqa Dam") not in got
    assert ("SDF", "advance", "Tabqa Dam") in without("object-anaphor", text, long_form=True)
    # a possessive is no object: 'around the city's cemetery'
    _, place = contexts("ISIS shelled Raqqa. The group advanced around the city's stadium near the Tabqa Dam.")
    assert bind_place.object_anaphor(place, rule("object-anaphor")) is None


def test_a_clause_with_a_subject_of_its_own_keeps_its_places():
    # new-subject-clause: Qaraqosh is the army's, not the Peshmerga's capture
    # (villages placed by a bearing, 'east of the city', now take no later place either: counted-object)
    text = "Peshmerga units captured several villages on Monday, while the Iraqi army regrouped in Qaraqosh."
    got = triples(text, long_form=True)
    assert ("Peshmerga", "control", "Qaraqosh") not in got
    assert ("Peshmerga", "control", "Qaraqosh") in without("new-subject-clause", text, long_form=True)


def test_a_river_is_never_taken_or_lost():
    # no-river: the bank of the Tigris was taken, not the river
    text = "By June Iraqi troops had encircled Mosul after capturing the eastern bank of the Tigris."
    got = triples(text, long_form=True)
    assert ("Iraqi forces", "control", "Tigris") not in got and ("Iraqi forces", "control", "Mosul") not in got
    assert ("Iraqi forces", "control", "Tigris") in without("no-river", text, long_form=True)


def test_a_description_after_a_list_names_the_holder_of_the_list_not_a_place_inside_it():
    # described-place (and the held-by-description record with a count): 'two towns ... held by ISIS'
    text = ("Within days the army had taken Maadan and Sabkha, two towns on the road to Raqqa held by ISIS "
            "since 2014.")
    got = triples(text, long_form=True)
    assert ("ISIS", "control", "Raqqa") not in got
    assert ("Syrian government", "control", "Maadan") in got


def test_the_name_right_before_an_event_noun_owns_the_deed():
    # noun-owner: 'a government assault' is the government's, though the rebels repelled it
    text = "Rebels repelled a government assault on Kafr Nabuda."
    assert ("Syrian government", "contested", "Kafr Nabuda") in triples(text, long_form=True)
    assert ("Syrian government", "contested", "Kafr Nabuda") not in without("noun-owner", text, long_form=True)
