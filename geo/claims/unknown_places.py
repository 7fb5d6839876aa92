"""Names the gazetteer lacks, for the place ladder (:mod:`geo.claims.bind_place`): the rung
unknown-place (the real place is an unknown name: no claim at another place) and the test
head-and-list asks (a province that only holds an unknown place binds nothing)."""
from __future__ import annotations

import re

from geo.claims.clauses import (CONTAINER_GAP, ROUTE_GAP, UNKNOWN_PLACE, names_unknown_place,
                                unknown_place_ends)
from geo.claims.cues import named
from geo.knowledge import place_noun_pattern
from geo.model import REGION_KINDS, Mention, Sentence


# 'a QSD member was found killed', '3 PKK militants were killed': the actor is the victim
_CONTAINED_IN = named("contained_in")


_VICTIM_AFTER = named("victim_after")


# a container that stands for its province ('Aleppo countryside', 'the countryside of Hama', 'rural Idlib')
_PROVINCE_AFTER = named("province_after")


_PROVINCE_BEFORE = named("province_before")


# the kind of name a coded event is placed at: a place of this kind inside a province is not the province
_UNKNOWN_BEFORE = re.compile("(?:" + UNKNOWN_PLACE.pattern + ")(?:" + CONTAINER_GAP.pattern + ")$")


COARSE_KINDS = frozenset({"city", "governorate", "province", "region", "country", "river"})


def _province_like(low: str, m: Mention) -> bool:
    """'Idleb governorate', 'Aleppo province', 'the province of Hama': the name stands for the whole
    province. ('Aleppo countryside' is left at the city: the coded villages of a countryside lie
    mostly within a few tens of kilometres of the city that names it.)"""
    return (m.kind in COARSE_KINDS - {"city"} or _PROVINCE_AFTER.match(low, m.end) is not None
            or _PROVINCE_BEFORE.search(low, max(0, m.start - 30), m.start) is not None)


# 'the last city controlled by ISIS in Homs province': a place the words do not name, in the province
_UNNAMED_BEFORE = named("unnamed_before")


def holds_unknown_place(text: str, low: str, sentence: Sentence, head: Mention, in_unresolved: list[Mention]) -> bool:
    """``head`` is a province that only holds the real place, a name the gazetteer lacks ('in Zur
    Maghar town in Aleppo province', 'Saida village of Raqqa governorate'): no claim at the province."""
    if not _province_like(low, head):
        return False
    window_start = max(sentence.start, head.start - 120)
    for u in in_unresolved:
        if window_start <= u.start and u.end <= head.start and CONTAINER_GAP.fullmatch(text, u.end, head.start):
            return True
    return (_UNKNOWN_BEFORE.search(text, window_start, head.start) is not None
            or _UNNAMED_BEFORE.search(low, max(window_start, head.start - 60), head.start) is not None)


# 'Zur Maghar town in Aleppo countryside', 'Saida village of Raqqa': a settlement in the region a
# town names, not a spot inside that town
_SETTLEMENT_GAP = named("settlement_gap")


_REGION_AFTER = named("region_after")


_REGION_BEFORE = named("region_before")


def _elsewhere_in_region(low: str, unknown_end: int, town: Mention) -> bool:
    """The unknown name before ``town`` is a settlement of the region the town names ('Zur Maghar
    town in Aleppo countryside'), not a spot inside the town ('the Dawla roundabout in Raqqa city',
    'the Bayaa area of Baghdad'). A district holds its villages: a claim may stand at it."""
    if town.kind in ("district", "subdistrict"):
        return False
    return (_SETTLEMENT_GAP.match(low, unknown_end, town.start) is not None
            or _REGION_AFTER.match(low, town.end) is not None
            or _REGION_BEFORE.search(low, max(0, town.start - 30), town.start) is not None)


# 'in Gire FM and Gire Bihar areas (Kurdish names) in Zap region (Al Amadiya district)': unknown names
# that a district named after them, in the same clause, holds
_DISTRICT_GAP = named("district_gap")


# 'the IS-held city', 'the Kurdish-controlled town': what looks like a name and a place noun is a description
_HOLDER_NOUN = re.compile(r"[\w'’]+-(?:held|controlled|besieged|occupied|run)\s+(?:" + place_noun_pattern("anaphora") + r")\b",
                          re.IGNORECASE)


def unknown_place(ctx, rule):
    """The real place is a name the gazetteer lacks: no claim at another place ('near the Dawla
    roundabout in Raqqa city' stays at the town that holds the unknown spot; 'took Tall X in Daraa
    countryside' is no fight at the town that names the countryside; 'near Dabshiya village on the
    Rabia - Mosul road': the road's towns are not where it happened)."""
    trigger, low, text, sentence = ctx.trigger, ctx.low, ctx.d.text, ctx.sentence
    side = ctx.side
    first = side[0] if side else None
    limit = first.start if first is not None and first.start > trigger.end else (ctx.horizon or sentence.end)
    for u in ctx.in_unresolved:
        if trigger.victims and _VICTIM_AFTER.fullmatch(text, trigger.end, u.start):
            continue  # 'shot dead Ali Hasan': a person, not a place left unresolved
        if trigger.end <= u.start < limit and not (
                first is not None and first.kind not in REGION_KINDS and not _elsewhere_in_region(low, u.end, first)
                and (_CONTAINED_IN.fullmatch(low, u.end, limit) or first.kind in ("district", "subdistrict")
                     and _DISTRICT_GAP.fullmatch(low, u.end, limit))):
            return _listed_after(ctx, u)
    if (first is None or first.kind in REGION_KINDS) and names_unknown_place(text, trigger.start, limit, ctx.in_places) \
            and not _HOLDER_NOUN.search(text, trigger.start, limit):
        return []  # (not 'the IS-held city': a holder's adjective, then a noun that refers back)
    if first is not None and first.end <= trigger.start:
        for u in ctx.in_unresolved:
            if u.end <= first.start and first.start - u.end < 60 and _CONTAINED_IN.fullmatch(low, u.end, first.start) \
                    and _elsewhere_in_region(low, u.end, first):
                return []
    if first is not None and first.start > trigger.end and any(
            ROUTE_GAP.search(low, end, first.start) for end in unknown_place_ends(text, trigger.end, first.start, ctx.in_places)):
        return []
    return None


def _listed_after(ctx, unknown: Mention) -> list[tuple[Mention, Mention | None, bool]]:
    """'recaptured Syria Tel Hill, outside Khanasir, and Rasm al-Nafal' (the hill unknown): the
    known places the list goes on with after the unknown first item ('and X', ', X and Y'), not the
    places that only locate an item ('outside Khanasir')."""
    text, items, pending = ctx.d.text, [], []
    ends = sorted(m.end for m in [*ctx.in_places, *ctx.in_unresolved])
    for m in ctx.after:
        if m.start <= unknown.end or (ctx.horizon is not None and m.start >= ctx.horizon):
            continue
        previous = max((end for end in ends if end <= m.start), default=unknown.end)
        if _AND_ITEM.fullmatch(text, previous, m.start):
            items += pending + [m]  # (', X and Y': the items before 'and' are the list's too)
            pending = []
        elif _LIST_COMMA.fullmatch(text, previous, m.start):
            pending.append(m)
        else:
            pending = []
    return [(m, None, False) for m in items]


_AND_ITEM = named("and_item")
_LIST_COMMA = re.compile(r"\s*,\s*")
