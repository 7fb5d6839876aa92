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


class PlaceSweep:
    """The state claims about one place, swept forward in time: :meth:`standing` for days in
    increasing order gives the claims still speaking on each (see the module docstring), each
    claim looked at once however many days are asked for."""

    def __init__(self, claims: list[Claim], keep_undated: bool = True) -> None:
        dated = [(claim_period(c), c) for c in claims if c.date]
        self._pending = sorted(dated, key=lambda item: item[0][0])
        self._next = 0
        self._undated = [c for c in claims if not c.date] if keep_undated else []
        self._by_source: dict[str, list[tuple[dt.date, Claim]]] = {}  # (last day, claim) still speaking
        self._newest: dict[str, dt.date] = {}  # per source, the first day of its latest word

    def standing(self, day: dt.date) -> list[Claim]:
        """The claims standing on ``day`` (not earlier than the last day asked for)."""
        while self._next < len(self._pending) and self._pending[self._next][0][0] <= day:
            (first, last), claim = self._pending[self._next]
            self._next += 1
            if first > self._newest.get(claim.doc, dt.date.min):
                self._newest[claim.doc] = first
                self._by_source[claim.doc] = [item for item in self._by_source.get(claim.doc, []) if item[0] >= first]
            self._by_source.setdefault(claim.doc, []).append((last, claim))
        if not self._newest:
            return list(self._undated)
        newest = max(self._newest.values())
        return [c for items in self._by_source.values() for last, c in items if last >= newest] + self._undated


def state_on(claims: list[Claim], day: dt.date, keep_undated: bool = True) -> list[Claim]:
    """The claims that stand on ``day``, in input order: events (strikes, advances, corridors,
    presence) up to that day, and for each place the state claims still speaking (see module)."""
    events: list[Claim] = []
    state: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.relation in STATE_RELATIONS:
            state[c.place_id].append(c)
        elif c.date is None:
            if keep_undated:
                events.append(c)
        elif claim_period(c)[0] <= day:
            events.append(c)
    standing = {id(c) for items in state.values() for c in PlaceSweep(items, keep_undated).standing(day)}
    standing |= {id(c) for c in events}
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
    return {pid: place_control(items, day) for pid, items in standing.items()}


def place_control(standing: list[Claim], day: dt.date) -> PlaceControl:
    """Who holds a place on ``day``, from the (non-empty) state claims about it standing then."""
    holding = [c for c in standing if c.relation == "control" and c.stance in HOLDING_STANCES]
    by_source: dict[str, list[str]] = {}
    for c in holding:
        actors = by_source.setdefault(c.doc, [])
        if c.actor not in actors:
            actors.append(c.actor)
    holders = sorted({c.actor for c in holding})
    disputed = (len(holders) > 1 or any(c.relation == "contested" for c in standing)
                or any(c.relation == "control" and c.stance in ("disputed", "denied") for c in standing))
    first = standing[0]
    return PlaceControl(first.place_id, first.place.name, day, holders, by_source, disputed, standing)


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


# --------------------------------------------------------------------------- the time slider's range
# A claim dated only to a month or a year ("in 2015") would stretch a day slider over a whole
# period nobody else reports on; the slider spans the claims dated to a day or a week, and the
# coarser ones are listed apart (they still speak on the days they cover).

SLIDER_PRECISIONS = frozenset({"day", "week"})


def is_fine(claim: Claim) -> bool:
    """Dated to a day or a week (not only to a month or a year)."""
    if not claim.date:
        return False
    precision = claim.date_precision
    if precision is None:
        from geo.time import precision_of

        precision = precision_of(claim.date)
    return precision in SLIDER_PRECISIONS


def slider_days(claims: list[Claim]) -> list[dt.date]:
    """The first days of the claims dated to a day or a week, in order: the steps of a day slider.

    >>> from geo.model import Claim, Place
    >>> raqqa = Place("th:raqqa", "Raqqa", "city", 35.95, 39.01, "SY")
    >>> c = lambda date, p: Claim("d", 0, 1, "", "SDF", "control", raqqa, "asserted", date=date, date_precision=p)
    >>> [d.isoformat() for d in slider_days([c("2015", "year"), c("2017-06", "month"), c("2017-06-06", "day")])]
    ['2017-06-06']
    """
    return sorted({claim_period(c)[0] for c in claims if is_fine(c)})


def coarse_claims(claims: list[Claim]) -> list[Claim]:
    """The dated claims that only give a month or a year (listed apart from the slider)."""
    return [c for c in claims if c.date and not is_fine(c)]


def latest_day(claims: list[Claim]) -> dt.date | None:
    """The day of the latest claim dated to a day or a week (the default "as of" day), else the
    last day of the latest coarse date, else None."""
    days = slider_days(claims)
    if days:
        return days[-1]
    periods = [claim_period(c) for c in claims if c.date]
    return max(p[1] for p in periods) if periods else None


def state_window(claims: list[Claim], day: dt.date, keep_undated: bool = True) -> tuple[dt.date, dt.date] | None:
    """The dates the state on ``day`` rests on: from the first day of the oldest dated state claim
    still standing then to ``day`` (None when no dated state claim stands)."""
    firsts = [claim_period(c)[0] for c in state_on(claims, day, keep_undated)
              if c.relation in STATE_RELATIONS and c.date]
    return (min(firsts), day) if firsts else None


# --------------------------------------------------------------------------- changes between two days

CHANGE_KINDS = ("changed hands", "gained", "lost", "newly disputed", "no longer disputed")


@dataclass
class PlaceChange:
    """How the state of one place differs between two days (see :func:`changes`).

    ``kinds`` holds one or more of :data:`CHANGE_KINDS`: *changed hands* (held on both days, a
    holder of the earlier day gone and another come), *gained* (held on the later day, by nobody on the earlier one: taken, or
    first reported held), *lost* (held on the earlier day, by nobody by the latest word on the
    later one), *newly disputed* / *no longer disputed* (the sources' disagreement began or
    ended). ``gained_by`` and ``lost_by`` name the actors who hold it on one day only;
    ``claims`` are the state claims standing on the later day (the evidence for it)."""

    place_id: str
    name: str
    lat: float
    lon: float
    before: list[str]
    after: list[str]
    disputed_before: bool
    disputed_after: bool
    kinds: list[str]
    gained_by: list[str]
    lost_by: list[str]
    claims: list[Claim] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """A few words: "ISIS -> Syrian government", "nobody -> SDF", "SDF -> nobody"."""
        return f"{', '.join(self.before) or 'nobody'} \u2192 {', '.join(self.after) or 'nobody'}"


def changes(claims: list[Claim], start: dt.date, end: dt.date, keep_undated: bool = True) -> list[PlaceChange]:
    """The places whose state differs between ``start`` and ``end`` (swapped when given the other
    way round): each day's state as :func:`control_on` reads it (each source's latest word up to
    that day). Places that changed hands first, then gained, lost, newly disputed, no longer
    disputed; by name within each. A place no state claim speaks of on a day has no holder then.

    >>> from geo.model import Claim, Place
    >>> abu_kamal = Place("th:abu_kamal", "Abu Kamal", "city", 34.45, 40.92, "SY")
    >>> c = lambda actor, date, doc: Claim(doc, 0, 1, "", actor, "control", abu_kamal, "asserted", date=date,
    ...                                    date_precision="day")
    >>> claims = [c("ISIS", "2017-06-01", "a"), c("Syrian government", "2017-11-09", "b")]
    >>> [(x.name, x.kinds, x.summary) for x in changes(claims, dt.date(2017, 7, 1), dt.date(2017, 11, 10))]
    [('Abu Kamal', ['changed hands'], 'ISIS → Syrian government')]
    """
    if start > end:
        start, end = end, start
    before = control_on(claims, start, keep_undated)
    after = control_on(claims, end, keep_undated)
    out: list[PlaceChange] = []
    for place_id in before.keys() | after.keys():
        a, b = before.get(place_id), after.get(place_id)
        held_a, held_b = (a.holders if a else []), (b.holders if b else [])
        disputed_a, disputed_b = bool(a and a.disputed), bool(b and b.disputed)
        gained, lost = [h for h in held_b if h not in held_a], [h for h in held_a if h not in held_b]
        kinds = []
        if held_a and held_b and gained and lost:
            kinds.append("changed hands")
        elif held_b and not held_a:
            kinds.append("gained")
        elif held_a and not held_b:
            kinds.append("lost")
        if disputed_b and not disputed_a:
            kinds.append("newly disputed")
        elif disputed_a and not disputed_b:
            kinds.append("no longer disputed")
        if not kinds and (gained or lost):  # one of two holders left, or joined, while fought over
            kinds.append("changed hands")
        if not kinds:
            continue
        ref = b or a
        first = ref.claims[0]
        out.append(PlaceChange(place_id, ref.name, first.lat, first.lon, held_a, held_b, disputed_a, disputed_b,
                               kinds, gained, lost, list(b.claims) if b else []))
    return sorted(out, key=lambda ch: (CHANGE_KINDS.index(ch.kinds[0]), ch.name.casefold(), ch.place_id))
