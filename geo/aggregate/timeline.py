"""Control over time: the state of every place on a given day, date ranges, and each place's history.

On a day, a place's holder is what the latest claims up to that day say. Each source (document)
speaks through its own latest claims about the place; a source whose latest word is older than
another source's latest period is superseded. A place is *disputed* on a day when the sources
still speaking for the same period disagree (two holders, a denial, or fighting reported there).
Claims with no date (undated documents) are kept by default: they speak on every day.

>>> state = control_on(analysis.claims, dt.date(2017, 11, 12))  # doctest: +SKIP
>>> state["th:abu_kamal"].holders, state["th:abu_kamal"].by_source  # doctest: +SKIP
(['ISIS'], {'11_valley-monitor': ['ISIS']})
>>> view = as_of(analysis, dt.date(2017, 11, 12))  # what the map and exports show for that day  # doctest: +SKIP
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from geo.aggregate.assemble import assemble
from geo.aggregate.places import HOLDING_STANCES
from geo.model import Analysis, Claim
from geo.time import period

# Relations that say who holds a place (and so are superseded by later ones); the rest are events.
STATE_RELATIONS = frozenset({"control", "lost", "contested"})


def claim_period(claim: Claim) -> tuple[dt.date, dt.date] | None:
    """First and last day a claim's date covers, or None for an undated claim."""
    return period(claim.date) if claim.date else None


def in_range(claims: list[Claim], start: dt.date | None = None, end: dt.date | None = None,
             keep_undated: bool = True) -> list[Claim]:
    """The claims whose date overlaps ``start``..``end`` (either may be open), in input order."""
    kept = []
    for c in claims:
        span = claim_period(c)
        if span is None:
            if keep_undated:
                kept.append(c)
        elif (start is None or span[1] >= start) and (end is None or span[0] <= end):
            kept.append(c)
    return kept


def _latest_state(claims: list[Claim]) -> list[Claim]:
    """Of the dated state claims about one place (all starting on or before the day), those still
    speaking: each source's latest, minus the sources whose latest ends before the newest begins."""
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_source[c.doc].append(c)
    latest: list[Claim] = []
    for items in by_source.values():
        newest = max(claim_period(c)[0] for c in items)
        latest.extend(c for c in items if claim_period(c)[1] >= newest)
    newest = max(claim_period(c)[0] for c in latest)
    return [c for c in latest if claim_period(c)[1] >= newest]


def state_on(claims: list[Claim], day: dt.date, keep_undated: bool = True) -> list[Claim]:
    """The claims that stand on ``day``, in input order: events (strikes, advances, corridors,
    presence) up to that day, and for each place the state claims still speaking (see module)."""
    events: list[Claim] = []
    state: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        span = claim_period(c)
        if span is None:
            if keep_undated:
                events.append(c)
        elif span[0] <= day:
            (state[c.place_id] if c.relation in STATE_RELATIONS else events).append(c)
    standing = {id(c) for items in state.values() for c in _latest_state(items)} | {id(c) for c in events}
    return [c for c in claims if id(c) in standing]


@dataclass
class PlaceControl:
    """Who holds one place on one day, by whom it is said, and whether the sources disagree."""

    place_id: str
    name: str
    day: dt.date
    holders: list[str]
    by_source: dict[str, list[str]]
    disputed: bool
    claims: list[Claim] = field(default_factory=list)


def control_on(claims: list[Claim], day: dt.date, keep_undated: bool = True) -> dict[str, PlaceControl]:
    """Every place with a standing state claim on ``day`` -> who holds it then."""
    standing: dict[str, list[Claim]] = defaultdict(list)
    for c in state_on(claims, day, keep_undated):
        if c.relation in STATE_RELATIONS:
            standing[c.place_id].append(c)
    result = {}
    for pid, items in standing.items():
        holding = [c for c in items if c.relation == "control" and c.stance in HOLDING_STANCES]
        by_source: dict[str, list[str]] = {}
        for c in holding:
            by_source.setdefault(c.doc, [])
            if c.actor not in by_source[c.doc]:
                by_source[c.doc].append(c.actor)
        holders = sorted({c.actor for c in holding})
        disputed = (len(holders) > 1 or any(c.relation == "contested" for c in items)
                    or any(c.relation == "control" and c.stance in ("disputed", "denied") for c in items))
        result[pid] = PlaceControl(pid, items[0].place, day, holders, by_source, disputed, items)
    return result


def history(claims: list[Claim], place_id: str) -> list[Claim]:
    """A place's claims in date order (undated ones last), then by document and position."""
    def key(c: Claim):
        span = claim_period(c)
        return (span is None, span or (dt.date.max, dt.date.max), c.doc, c.start)
    return sorted((c for c in claims if place_id in (c.place_id, c.to_place_id)), key=key)


def dates(claims: list[Claim]) -> list[dt.date]:
    """Every distinct first day of the claims' dates, in order (the steps of a time slider)."""
    return sorted({claim_period(c)[0] for c in claims if c.date})


def as_of(analysis: Analysis, day: dt.date, keep_undated: bool = True) -> Analysis:
    """The analysis as it stood on ``day``: places, holders, disputes, zones and corridors rebuilt
    (:func:`geo.aggregate.assemble`) from the claims standing then (:func:`state_on`)."""
    return assemble(analysis.documents, analysis.mentions, state_on(analysis.claims, day, keep_undated))


def between(analysis: Analysis, start: dt.date | None, end: dt.date | None, keep_undated: bool = True) -> Analysis:
    """The analysis rebuilt from the claims dated within ``start``..``end`` (either may be open)."""
    return assemble(analysis.documents, analysis.mentions, in_range(analysis.claims, start, end, keep_undated),
                    places_without_claims=False)
