"""Which places a trigger binds: the rungs of the place ladder (``geo/data/claims/binding.toml``,
stage ``place``) and the tests they use (lists, routes, containers, names the gazetteer lacks).

A step reads a :class:`PlaceContext` and the record that runs it. A filter narrows the places
before and after the trigger and returns None; a step that decides returns the bindings, a list
of ``(place, destination, fallback)`` (``fallback``: the place was carried over from an earlier
sentence), possibly empty (no claim).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.claims import bind_actor, binding, constructions, discourse
from geo.claims.clauses import CITY_ANAPHORA, LOCATED_AFTER, SHORT_NOTE, in_relative_clause, reference_kind
from geo.claims.corridor_places import corridor_ends, from_to_destination, route_ends
from geo.claims.cues import named
from geo.claims.document import ClaimDocument
from geo.claims.place_lists import enumeration
from geo.claims.unknown_places import holds_unknown_place, unknown_place
from geo.claims.rules import Trigger, cue
from geo.model import REGION_KINDS, Mention, Sentence


_IN_VICTIM_NAME = named("in_victim_name")


_FINE_KINDS = frozenset({"village", "hamlet", "town", "neighbourhood", "facility", "hill", "camp"})


_FLIGHT_WORD = re.compile(r"\b(?:fle[ed]|escap|displaced)")

# between a place and the operation it names ('the Idlib offensive', 'the Raqqa countryside campaign')
_NAMES_OPERATION = re.compile(r"[\s'’-]*(?:s\s+)?(?:(?:[\w-]+)\s+){0,2}?")


@dataclass
class PlaceContext:
    d: ClaimDocument
    sentence: Sentence
    trigger: Trigger
    in_places: list[Mention]
    in_unresolved: list[Mention]
    last_place: Mention | None  # what 'the town', 'it', 'there' stand for here
    desert: Mention | None  # the desert region the document names, if any
    before: list[Mention] = field(default_factory=list)
    after: list[Mention] = field(default_factory=list)
    bearings: list[Mention] = field(default_factory=list)  # places named only as a bearing ('north of X')
    route: set = field(default_factory=set)  # ids of places named as a route's ends
    salience: dict | None = None  # place id -> (mentions so far, last sentence, mention): what 'the city' refers to
    horizon: int | None = None  # where the trigger's clause ends, once a filter has found it

    def cut(self, at: int) -> None:
        """The trigger's clause ends at ``at``: the places after it are another clause's."""
        self.after = [m for m in self.after if m.start < at]
        self.horizon = at if self.horizon is None else min(self.horizon, at)

    @property
    def low(self) -> str:
        return self.d.low

    @property
    def side(self) -> list[Mention]:
        """The candidates, nearest first, on the side the trigger looks to first."""
        sides = (self.before[::-1], self.after) if self.trigger.place_before else (self.after, self.before[::-1])
        return sides[0] or sides[1]


def choose(ctx: PlaceContext) -> list[tuple[Mention, Mention | None, bool]]:
    """The places the trigger binds: the first rung of the ladder that decides."""
    ctx.after = [m for m in ctx.in_places if m.start >= ctx.trigger.end]
    ctx.before = [m for m in ctx.in_places if m.end <= ctx.trigger.start]
    for rule in binding.records("place", STEPS, NEEDS_PATTERN):
        found = STEPS[rule.step](ctx, rule)
        if found is not None:
            return found
    return []


def relative_after(ctx, rule):
    """Places in a relative clause after the trigger ('the town, which lies on the border with
    Iraq') say where something else is (but 'The blast, which collapsed a mosque in X': a clause
    right after the trigger describes the event itself)."""
    relative = cue("relative").search(ctx.low, ctx.trigger.end, ctx.sentence.end)
    if relative is not None and relative.start() > ctx.trigger.end:
        ctx.cut(relative.start())


def later_clause(ctx, rule):
    """A place after a later trigger of another clause is that trigger's ('seized X hill, while
    advancing to the centre of Y'); so is a place after a later trigger that is a goal ('the
    advance was meant to block any advance on Y': Y is the goal's, and no claim's), or an attempt
    ('recapture a town in the offensive to free Y': Y is the offensive's)."""
    trigger, low = ctx.trigger, ctx.low
    later = next((t for t in ctx.d.triggers_in(ctx.sentence) if t.start >= trigger.end and (
        t.relation != trigger.relation and rule.pattern.search(low, trigger.end, t.start)
        or _not_yet(ctx.d, ctx.sentence, t))), None)
    if later is not None:
        ctx.cut(later.start)


def _not_yet(d: ClaimDocument, sentence: Sentence, t: Trigger) -> bool:
    """Whether a trigger is a goal or an attempt, worked out once per trigger (every earlier
    trigger of the sentence asks it)."""
    key = ("not_yet", t.start)
    if key not in d.roles:
        d.roles[key] = bool(constructions.goal_before(d.low, t.start, sentence.start)
                            or t.relation in ("control", "lost") and constructions.attempt_before(d.low, t.start, sentence.start))
    return d.roles[key]


def new_subject_clause(ctx, rule):
    """'X took villages east of the city, while Y pushed through Z': after a clause break, an actor
    that acts (no modifier, no object) opens a clause of its own; the places after it are not the
    trigger's."""
    trigger, low = ctx.trigger, ctx.low
    if not ctx.after or len(ctx.d.text) <= SHORT_NOTE:
        return None  # (a coded note tells one event: a later clause's place is often where it happened)
    for a in ctx.d.actors_in(ctx.sentence):
        if trigger.end <= a.start < ctx.after[-1].start and not bind_actor.is_modifier(low, a) \
                and not bind_actor.is_object(low, a, trigger.relation) \
                and rule.pattern.search(low, max(trigger.end, a.start - 24), a.start) is not None:
            ctx.cut(a.start)
            return None
    return None


def participle_clause(ctx, rule):
    """'..., opening the road to Aleppo': a participle's clause after a comma says what followed."""
    turn = rule.pattern.search(ctx.low, ctx.trigger.end, ctx.sentence.end)
    if turn is not None:
        ctx.cut(turn.start())


def held_adjective(ctx, rule):
    """'rebel-held territory': the holder's adjective names the place right after it, or the one it
    describes ('Saraqeb, a rebel-held town'), or none ('hills outside the town were ISIS-held')."""
    trigger, low = ctx.trigger, ctx.low
    if trigger.relation not in ("control", "lost") or low[trigger.start - 1:trigger.start] != "-":
        return None
    ctx.after = [m for m in ctx.after if m.start - trigger.end <= 40]
    ctx.before = [m for m in ctx.before[-1:] if (found := constructions.appositive_after(low, m.end, ctx.sentence.end))
                  is not None and found.end() >= trigger.end]
    if not ctx.after and not ctx.before:
        # ('reached the outskirts of the IS-held city': the city the text is about)
        about = ctx.last_place
        return [(about, None, True)] if about is not None and _HELD_ANAPHOR.match(low, trigger.end) else []
    return None


_HELD_ANAPHOR = named("held_anaphor_after")
def described_place(ctx, rule):
    """'al-Bab, the last ISIL stronghold in the Aleppo countryside', 'Maskanah, the last town held by
    ISIL in the governorate': a holder's word in a description of the place named right before it
    binds that place; the places inside the description only locate it."""
    trigger = ctx.trigger
    if trigger.relation != "control" or not ctx.before:
        return None
    # ('al-Dour and al-Alam, two towns on the approach to Tikrit held by ISIL': the towns, not Tikrit)
    for head in ctx.before[::-1][:3]:
        found = constructions.appositive_after(ctx.low, head.end, ctx.sentence.end)
        if found is not None and head.end <= trigger.start < found.end():
            return [(head, None, False)]
    return None


def object_relative(ctx, rule):
    """'the villages that ISIL held, clearing the road to Aleppo': what was held is before 'that'."""
    trigger = ctx.trigger
    if trigger.relation in ("control", "lost") and ctx.low[trigger.start - 1:trigger.start] != "-" and \
            constructions.object_relative(ctx.low, max(ctx.sentence.start, trigger.start - 60), trigger.start):
        ctx.after = []


def reduced_relative(ctx, rule):
    """'recaptured all of the territory lost', 'ground seized by ISIS': the participle describes
    the noun before it; no place before it or referred to is what was taken or lost (one after it
    may say where the territory lies: 'areas seized by ISIS in Anbar')."""
    trigger = ctx.trigger
    if trigger.relation in ("control", "lost") and \
            constructions.reduced_relative(ctx.low, max(ctx.sentence.start, trigger.start - 40), trigger.start):
        ctx.before = []
        return None if ctx.after else []
    return None


def relative_before(ctx, rule):
    """Behind the trigger, a place in a relative clause the trigger is not in says where something
    else is ('the town, which lies on the road to Aleppo, after days of fighting')."""
    if ctx.before and not in_relative_clause(ctx.low, ctx.sentence, ctx.trigger):
        ctx.before = [m for m in ctx.before if not in_relative_clause(ctx.low, ctx.sentence, m)]


def located_description(ctx, rule):
    """'The town, located in the south of Idlib province near Aleppo, was captured': the places of a
    parenthetical that says where a place lies (to the next comma) only locate it, unless the
    trigger is inside it."""
    low, sentence, trigger = ctx.low, ctx.sentence, ctx.trigger
    key = ("located", sentence.start)
    if key not in ctx.d.roles:  # (found once per sentence: most have none)
        spans = []
        for found in rule.pattern.finditer(low, sentence.start, sentence.end):
            comma = low.find(",", found.end(), sentence.end)
            spans.append((found.start(), comma if comma >= 0 else sentence.end))
        ctx.d.roles[key] = spans
    for start, end in ctx.d.roles[key]:
        if not start <= trigger.start < end:
            ctx.before = [m for m in ctx.before if not start <= m.start < end]
            ctx.after = [m for m in ctx.after if not start <= m.start < end]


def subject_anaphor(ctx, rule):
    """'The mountain is part of an area under IS control that stretches to the city of Hawija', 'The
    town, located near Aleppo, was captured': a place noun that opens the sentence and refers back
    is the subject a passive or holder's trigger binds; the places after the trigger are adjuncts."""
    trigger, low, sentence = ctx.trigger, ctx.low, ctx.sentence
    if ctx.before or not rule.pattern.match(low, sentence.start, trigger.start):
        return None
    if not (trigger.place_before or _PASSIVE_BEFORE.search(low, max(sentence.start, trigger.start - 40), trigger.start)):
        return None
    place = ctx.last_place
    return [(place, None, True)] if place is not None and place.kind not in REGION_KINDS - {"region"} else []


_PASSIVE_BEFORE = named("passive_before")


def event_anaphor(ctx, rule):
    """'The clashes forced the UN to suspend airdrops to the city', 'The offensive was slowed down
    by mines': an event noun with a definite article that opens the sentence refers back to an
    event the text has told (a claim there already); it binds a place only when one is attached to
    it ('The assault on Tabqa began at dawn'). (A coded note tells one event: 'The attack killed
    three' there is that event, told once.)"""
    trigger, low = ctx.trigger, ctx.low
    if len(ctx.d.text) <= SHORT_NOTE or not rule.pattern.fullmatch(low, ctx.sentence.start, trigger.end):
        return None
    attached = _ATTACHED_PLACE.match(low, trigger.end)
    if attached is not None and any(m.start <= attached.end() + 40 for m in ctx.after):
        return None
    return []


_ATTACHED_PLACE = named("attached_place")


def reference_points(ctx, rule):
    """'60 km south of Baghdad', 'north of Baghdad': a reference point is elsewhere (kept aside as a
    bearing); the ends of a route stay candidates ('moved 5 km north of Raqqa' advances on Raqqa)."""
    if ctx.trigger.relation == "advance":
        return None
    low, sentence = ctx.low, ctx.sentence
    refs = {id(m): kind for m in ctx.before + ctx.after if (kind := _reference_kind(ctx.d, sentence, m))}
    ctx.bearings = [m for m in (ctx.before[::-1] + ctx.after if ctx.trigger.place_before else ctx.after + ctx.before[::-1])
                    if refs.get(id(m)) == "bearing"]
    # (a route's ends are where it runs, not what was taken, lost or fought for there: 'captured the
    # last point on the X-Y road', 'the road linking the airbase to the city')
    ctx.route = {key for key, kind in refs.items() if kind == "route"} \
        if ctx.trigger.relation not in ("control", "lost", "contested", "presence") else set()
    ctx.before = [m for m in ctx.before if id(m) not in refs or id(m) in ctx.route]
    ctx.after = [m for m in ctx.after if id(m) not in refs or id(m) in ctx.route]


def _reference_kind(d: ClaimDocument, sentence: Sentence, m: Mention) -> str | None:
    """:func:`reference_kind`, worked out once per mention (every trigger of the sentence asks it)."""
    key = ("reference", sentence.start, m.start)
    if key not in d.roles:
        d.roles[key] = reference_kind(d.low, sentence, m)
    return d.roles[key]


def containers(ctx, rule):
    """A place that only holds a finer one named with it ('Tassil town in Dara countryside') binds
    nothing, unless the finer one is only a reference point ('west of Aleppo near Afrin')."""
    held = ctx.d.containers
    kept = {id(m) for m in ctx.before + ctx.after}
    ctx.before = [m for m in ctx.before if id(held.get(id(m))) not in kept]
    ctx.after = [m for m in ctx.after if id(held.get(id(m))) not in kept]


_DISTANCE_FROM_BEFORE = named("distance_from_before")
_REMOVED_FROM = named("removed_from_before")
_PATROL = re.compile(r"\bpatrol")


def place_left(ctx, rule):
    """'deployed from Damascus to Albu Kamal': the place left is not where they are."""
    if ctx.trigger.relation not in ("presence", "advance", "control"):
        return None
    away = [m for m in ctx.after if rule.pattern.search(ctx.low, max(ctx.sentence.start, m.start - 20), m.start)]
    if away and len(away) < len(ctx.after):
        ctx.after = [m for m in ctx.after if m not in away]
    elif away and ctx.trigger.relation == "advance" and not ctx.before and not any(
            _DISTANCE_FROM_BEFORE.search(ctx.low, max(ctx.sentence.start, m.start - 40), m.start) for m in away):
        # ('a column advanced along the desert highway from Palmyra': on the place the text is about, not Palmyra)
        about = ctx.last_place
        return [(about, None, True)] if about is not None and all(m.place_id != about.place_id for m in away) else []
    elif away and (ctx.trigger.relation == "advance" or ctx.trigger.relation == "presence"
                   and not _PATROL.search(ctx.low, ctx.trigger.start, ctx.trigger.end)) \
            and len(away) == len(ctx.after) and not any(
            _DISTANCE_FROM_BEFORE.search(ctx.low, max(ctx.sentence.start, m.start - 40), m.start)
            or _REMOVED_FROM.search(ctx.low, max(ctx.sentence.start, m.start - 50), m.start) for m in away):
        # ('entered Qaryatayn after an advance from Palmyra', 'helicopters flew in from airbases in Hama': where
        # they set out from, no claim; but 'a patrol set out from X': a patrol is present where it is based)
        return []


def operation_name(ctx, rule):
    """'the Idlib offensive', 'the Raqqa campaign': the place that names the operation stands right
    before the word ('a reverse for the army in Saraqeb ... in a Russian-backed offensive' names none)."""
    trigger = ctx.trigger
    if not (trigger.place_before and trigger.relation == "contested" and rule.pattern.fullmatch(ctx.low, trigger.start, trigger.end)):
        return None
    ctx.before = [m for m in ctx.before if _NAMES_OPERATION.fullmatch(ctx.low, m.end, trigger.start)]
    return None if ctx.before else []


def flight_destination(ctx, rule):
    """'the fighting forced residents to flee south towards Raqqa': where civilians fled to, after
    the trigger, is not where the fighting was ('fled to the mountain, where they were besieged' is)."""
    low, start, key = ctx.low, ctx.sentence.start, ("flight", ctx.sentence.start)
    if key not in ctx.d.roles:  # (asked once per sentence: most name no flight)
        ctx.d.roles[key] = _FLIGHT_WORD.search(low, start, ctx.sentence.end) is not None
    if ctx.d.roles[key]:
        ctx.after = [m for m in ctx.after if rule.pattern.search(low, max(start, m.start - 40), m.start) is None]


def attacked_from(ctx, rule):
    """'the army attacked from the south of Amirli in Adhaim': where they attacked from is no target."""
    trigger = ctx.trigger
    if trigger.relation in ("contested", "strike"):
        ctx.after = [m for m in ctx.after if not (m.start - trigger.end <= 60 and rule.pattern.fullmatch(ctx.low, trigger.end, m.start))]


def no_country(ctx, rule):
    """'a car bomb in Iraq': somewhere in the country, not at its middle; 'the stronghold of ISIS in
    Syria' holds no country."""
    if ctx.trigger.relation in ("strike", "contested", "control", "lost", "advance"):
        ctx.before = [m for m in ctx.before if m.kind != "country"]
        ctx.after = [m for m in ctx.after if m.kind != "country"]


def no_river(ctx, rule):
    """'captured the southern bank of the Euphrates', 'advanced along the Khabur and took X': a
    river is no place taken or lost (its bank, a crossing, a town on it is); nor a place struck or
    fought for ('struck gatherings on the banks of the Euphrates', 'struck them as they retreated
    towards the Tigris': somewhere along hundreds of kilometres)."""
    if ctx.trigger.relation in ("control", "lost", "strike", "contested"):
        if not ctx.trigger.place_before and ctx.after and ctx.after[0].kind == "river" \
                and rule.pattern.fullmatch(ctx.low, ctx.trigger.end, ctx.after[0].start):
            return []  # (the river's bank was the object: no place behind the word was taken instead)
        ctx.before = [m for m in ctx.before if m.kind != "river"]
        ctx.after = [m for m in ctx.after if m.kind != "river"]
    return None


def victim_name(ctx, rule):
    """'shot dead Ali Hasan al-Obeidi': a place inside the name of the people killed is a surname."""
    trigger, text = ctx.trigger, ctx.d.text
    if trigger.victims:
        ctx.before = [m for m in ctx.before if not _IN_VICTIM_NAME.fullmatch(text, trigger.end, m.start)]
        ctx.after = [m for m in ctx.after if not _IN_VICTIM_NAME.fullmatch(text, trigger.end, m.start)]


def counted_object(ctx, rule):
    """'advanced along the Khabur and captured dozens of villages', 'overran a ring of villages around
    the town': a control word whose object is a count of unnamed places took none of the places
    behind it or referred to; a place after the count may still say where they lie."""
    trigger = ctx.trigger
    if trigger.relation not in ("control", "lost") or trigger.place_before \
            or rule.pattern.match(ctx.low, trigger.end, ctx.sentence.end) is None:
        return None
    ctx.before = []
    if ctx.bearings and ctx.after and ctx.bearings[0].start < ctx.after[0].start:
        # ('captured villages southwest of Ras al-Ayn, west of the boundary of Raqqa Governorate': all locate the villages)
        ctx.after = []
    return None if ctx.after or ctx.bearings else []  # ('villages south of Mosul': the bearing rule's)


def object_anaphor(ctx, rule):
    """'crossed the river near the dam and advanced towards the city': 'the city' or 'the town' right
    after a word that looks forward is its object, the town the text is about; a place of another
    kind behind the word is another verb's (a town behind it may be what 'the town' repeats)."""
    trigger, sentence = ctx.trigger, ctx.sentence
    if trigger.place_before or any(m.kind in ("city", "town") for m in ctx.before):
        return None
    found = rule.pattern.match(ctx.low, trigger.end, sentence.end)
    if found is None:
        return None
    # (what the noun in the slot stands for, not the sentence's first such noun: 'near the Tishrin Dam')
    slot = Sentence(sentence.doc, found.start(), sentence.end, ctx.d.text[found.start():sentence.end])
    place = discourse.referent(ctx.low, slot, ctx.salience or {}, ctx.last_place)
    return [(place, None, True)] if place is not None and place.kind in ("city", "town") else None


def referent(ctx, rule):
    """No place named: 'the town', 'it', 'there' stand for the place the text is about."""
    if ctx.side:
        return None
    low, sentence, trigger, last_place = ctx.low, ctx.sentence, ctx.trigger, ctx.last_place
    # ('the main bridge east of Tell Abyad' is a new thing, placed by the words after it)
    anaphor = any(not LOCATED_AFTER.match(low, m.end()) for m in CITY_ANAPHORA.finditer(low, sentence.start, sentence.end))
    if last_place is not None and (anaphor or constructions.pronoun_object(low, trigger.end, sentence.end)
                                   or _POSSESSIVE_PART.match(low, trigger.end, sentence.end)
                                   or constructions.place_subject(low, sentence.start, trigger.start)):
        return [(last_place, None, True)]
    return None


_POSSESSIVE_PART = named("possessive_part_after")


def bearing(ctx, rule):
    """'attacks north of Baghdad' with no other place: about there (a coded note places the event at
    the town it names; in long-form reporting 'captured three villages east of al-Rai' took no
    part of al-Rai)."""
    if ctx.side:
        return None
    if ctx.bearings and _headline(ctx.d.text, ctx.sentence):
        return []  # ('... kill ISIS leader in raid east of Deir ez-Zor': the story below names where)
    if ctx.bearings and _unknown_named_at(ctx, ctx.bearings[0]):
        return []  # ('air strikes on hideouts in Wadi al-Shay, south-west of Kirkuk': somewhere the gazetteer lacks)
    if ctx.bearings and (ctx.trigger.relation not in ("control", "lost") or len(ctx.d.text) <= SHORT_NOTE):
        return [(ctx.bearings[0], None, True)]
    return []


def _unknown_named_at(ctx, reference: Mention) -> bool:
    """Whether the reference point locates a name nobody found ('in Wadi al-Shay, south-west of
    Kirkuk'): the capitalised words after 'in', 'at' or 'near' right before the bearing."""
    text, start = ctx.d.text, max(ctx.sentence.start, reference.start - 90)
    found = _UNKNOWN_THEN_BEARING.search(text, start, reference.start)
    return found is not None and not any(found.start("name") < m.end and m.start < found.end("name")
                                         for m in [*ctx.in_places, *ctx.d.actors_in(ctx.sentence)])


_UNKNOWN_THEN_BEARING = named("unknown_then_bearing")


def _headline(text: str, sentence: Sentence) -> bool:
    """Whether the sentence is a headline: the text's first line, with no full stop, a story after it."""
    return not text[:sentence.start].strip() and not text[sentence.start:sentence.end].rstrip().endswith(".") \
        and text[sentence.end:sentence.end + 3].lstrip(" ")[:1] == "\n"


def head_and_list(ctx, rule):
    """The nearest specific place (a village before its province; on a route, a finer place before
    the route's ends) and the places listed with it, with the destination after 'from X to'."""
    side, low, sentence, trigger = ctx.side, ctx.low, ctx.sentence, ctx.trigger
    if not side:
        return []
    specific = [m for m in side if m.kind not in REGION_KINDS]
    if ctx.route:
        specific.sort(key=lambda m: (1, m.start) if id(m) in ctx.route else (0 if m.kind in _FINE_KINDS else 2, 0))
    head = (specific or side)[0]
    if head.kind == "country" and CITY_ANAPHORA.search(low, trigger.end, head.start):
        return [(ctx.last_place, None, True)] if ctx.last_place is not None else []
    if holds_unknown_place(ctx.d.text, low, sentence, head, ctx.in_unresolved):
        return []  # 'shelled Zur Maghar town in Aleppo province': the town, not the province
    group = enumeration(ctx.d.text, ctx.in_places, head, ctx.d.containers, ctx.in_unresolved)
    destination = from_to_destination(low, sentence, head, ctx.in_places)
    if destination is not None and trigger.relation == "contested":
        # ('fierce clashes from Tel Tamr to Abu Rassin': a front; both ends are fought for)
        return [(m, None, False) for m in group] + [(destination, None, False)]
    return [(m, destination, False) for m in group]


STEPS = {"route-ends": route_ends, "corridor-ends": corridor_ends, "relative-after": relative_after, "later-clause": later_clause, "new-subject-clause": new_subject_clause,
         "participle-clause": participle_clause, "held-adjective": held_adjective, "described-place": described_place,
         "object-relative": object_relative,
         "reduced-relative": reduced_relative,
         "relative-before": relative_before, "located-description": located_description, "event-anaphor": event_anaphor, "reference-points": reference_points, "containers": containers,
         "place-left": place_left, "operation-name": operation_name, "flight-destination": flight_destination, "attacked-from": attacked_from, "no-country": no_country, "no-river": no_river,
         "victim-name": victim_name, "unknown-place": unknown_place, "counted-object": counted_object, "subject-anaphor": subject_anaphor, "object-anaphor": object_anaphor, "referent": referent, "bearing": bearing,
         "head-and-list": head_and_list}
NEEDS_PATTERN = {"no-river", "new-subject-clause", "counted-object", "object-anaphor", "route-ends", "later-clause", "participle-clause", "place-left", "operation-name", "flight-destination",
                 "attacked-from",
                 "located-description", "subject-anaphor", "event-anaphor"}
