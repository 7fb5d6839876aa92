"""The places of a corridor or a route: where a passage runs from and to ('from Raqqa to
Palmyra'), and the ends of a road, supply line or bridge cut, opened or taken ('the
Baghdad-Amirli road', 'the road linking the airbase to the city'). Two steps of the place ladder
(``corridor-ends``, ``route-ends`` in ``geo/data/claims/binding.toml``) and the destination test
the list step uses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from geo.claims import discourse
from geo.claims.clauses import CITY_ANAPHORA
from geo.claims.cues import named
from geo.claims.rules import Trigger
from geo.knowledge import place_noun_pattern
from geo.model import REGION_KINDS, Mention, Sentence

_DESERT_DIRECTION = named("desert_direction")
_DIRECTION = named("direction")
_TOWARDS = named("towards")
_FROM_BEFORE = named("from_before")
_LEAVING_BEFORE = named("leaving_before")


def _corridor_places(text: str, low: str, sentence: Sentence, trigger: Trigger, before: list[Mention], after: list[Mention],
                     last_place: Mention | None) -> list[tuple[Mention, Mention | None, bool]]:
    everything = sorted(before + after, key=lambda m: m.start)
    for origin in everything:
        destination = from_to_destination(low, sentence, origin, everything)
        if destination is not None:
            return [(origin, destination, False)]
    specific_before = [m for m in before if m.kind not in REGION_KINDS]
    origin = specific_before[-1] if specific_before else None
    fallback = False
    if origin is None:
        specific_after = [m for m in after if m.kind not in REGION_KINDS]
        if specific_after and _LEAVING_BEFORE.search(low, max(sentence.start, specific_after[0].start - 25), specific_after[0].start):
            origin = specific_after[0]
        elif last_place is not None:
            origin, fallback = last_place, True
    if origin is None:
        return []
    destinations = []
    previous_end = max(trigger.end, origin.end)
    for m in (m for m in after if m.start >= previous_end):
        if m.place_id != origin.place_id and _DIRECTION.search(low, previous_end, m.start):
            destinations.append(m)
        previous_end = m.end
    specific = [m for m in destinations if m.kind != "country"] or destinations
    seen, unique = set(), []
    for m in specific:
        if m.place_id not in seen:
            seen.add(m.place_id)
            unique.append(m)
    if not unique:
        return [] if trigger.needs_destination else [(origin, None, fallback)]
    return [(origin, d, fallback) for d in unique]


def from_to_destination(low: str, sentence: Sentence, origin: Mention, in_places: list[Mention]) -> Mention | None:
    """'from Raqqa to the side of the Syrian Palmyra': the place after 'to' when ``origin`` follows 'from'."""
    if not _FROM_BEFORE.search(low, max(sentence.start, origin.start - 20), origin.start):
        return None
    for m in in_places:
        if m.start > origin.end and m.place_id != origin.place_id:
            if m.start - origin.end < 60 and _TOWARDS.search(low, origin.end, m.start):
                return m
            break
    return None


# ('the Khanasir-Aleppo Road was cut': the names joined to the route noun before it)
_ROUTE_JOIN = named("route_join")
# ('linking X to Y', 'between X and Y': the words between one end and the next)
_ROUTE_NEXT = named("route_next")
_ROUTE_NAMED_AT = re.compile(r"(?:the\s+)?(?:(?:" + place_noun_pattern("settlement_of") + r")\s+of\s+)?")
_ROUTE_NOUN = re.compile(r"\b(?:" + place_noun_pattern("route") + r")\b")


def route_ends(ctx, rule):
    """A route cut, opened or taken binds its ends, not the places near it: the names joined to
    the route noun ('cut the Baghdad–Amirli road') and those its link words name after it
    (``rule.pattern``: 'the road linking the airbase to the city', 'a bridge between X and Y');
    'the city' there stands for the place the text is about. No end named: no claim."""
    trigger = ctx.trigger
    if not trigger.route:
        return None
    text, low, sentence = ctx.d.text, ctx.low, ctx.sentence
    noun = _ROUTE_NOUN.search(low, trigger.start, sentence.end)
    if noun is None:
        return []
    ends: list[tuple[Mention, bool]] = []
    joined_to = noun.start()
    for m in reversed([m for m in ctx.in_places if m.end <= noun.start()]):
        if not _ROUTE_JOIN.fullmatch(text, m.end, joined_to):
            break
        ends.insert(0, (m, False))
        joined_to = m.start
    link = rule.pattern.match(low, noun.end(), sentence.end)
    pos = link.end() if link is not None else -1
    after = [m for m in ctx.in_places if m.start >= noun.end()]
    while link is not None and pos < sentence.end:
        named_at = _ROUTE_NAMED_AT.match(low, pos)  # ('the', 'the city of' before a name)
        here = next((m for m in after if m.start in (pos, named_at.end())), None)
        if here is None and (anaphor := CITY_ANAPHORA.match(low, pos)) is not None:
            # 'to the city': the place the text is about (what that noun refers to from here on)
            here = discourse.referent(low, _Span(pos, sentence.end), ctx.salience, ctx.last_place) \
                if ctx.salience is not None else ctx.last_place
            if here is None:
                break
            ends.append((here, True))
            pos = anaphor.end()
        elif here is not None:
            ends.append((here, False))
            pos = here.end
        else:
            break
        link = _ROUTE_NEXT.match(low, pos, sentence.end)
        pos = link.end() if link is not None else pos
    named_ends = [(m, f) for m, f in ends if m.kind != "country"] or ends
    unique: dict[str, tuple[Mention, bool]] = {}
    for m, fallback in named_ends:
        unique.setdefault(m.place_id, (m, fallback))
    found = list(unique.values())
    if not found:
        return []
    (first, fallback), second = found[0], (found[1][0] if len(found) > 1 else None)
    return [(first, second, fallback)]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def corridor_ends(ctx, rule):
    """A corridor word binds its origin and destination ('from Raqqa to Palmyra')."""
    if ctx.trigger.relation != "corridor":
        return None
    d, low, sentence = ctx.d, ctx.low, ctx.sentence
    found = _corridor_places(d.text, low, sentence, ctx.trigger, ctx.before, ctx.after, ctx.last_place)
    desert = ctx.desert
    if desert is not None and _DESERT_DIRECTION.search(low, sentence.start, sentence.end):
        # 'moved to the South of the country' in a report that names the desert they go to
        found = [(o, t or (desert if o.place_id != desert.place_id else None), f) for o, t, f in found]
    return found
