"""Where the sources contradict each other: per place, each source's latest account side by side.

A *source* is a document (one outlet's report). For each place, each source speaks through its
latest word about who holds the place: the state claims (control, lost, contested) of the latest
period that source dates, as :mod:`geo.aggregate.timeline` reads them for ``--as-of``. Sources
*disagree* about a place when their latest accounts for about the same time (within
``CONCURRENT_DAYS`` of the newest account) cannot both be true (different holders; held by an
actor in one and lost by it in another; held in one and still fought over in another), or when
such an account is itself a denial or a dispute. "Lost by ISIS" and "held by the army" agree.
An account much older than the newest is listed (``current`` False) but is history, not a
contradiction. Places where sources disagree come first, then those most sources speak about.

>>> rows = contradictions(analysis.claims)  # doctest: +SKIP
>>> rows[0].place, rows[0].disagree, [a.source for a in rows[0].accounts]  # doctest: +SKIP
('Abu Kamal', True, ['08_tigris-herald', '11_valley-monitor'])
>>> csv_text = contradictions_csv(rows)  # doctest: +SKIP
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from geo.aggregate.places import HOLDING_STANCES
from geo.aggregate.timeline import STATE_RELATIONS, claim_period
from geo.model import Claim

CSV_FIELDS = ["place", "place_id", "disagree", "why", "sources", "source", "date", "current", "account", "actor",
              "relation", "stance", "attribution", "sentence"]
CONCURRENT_DAYS = 31  # accounts this close to the newest one speak for the same time


@dataclass(frozen=True)
class Account:
    """One source's latest word about one place (one claim of it)."""

    source: str  # the document
    date: str | None
    actor: str
    relation: str
    stance: str
    attribution: str
    sentence: str
    claim: Claim = field(repr=False, compare=False)
    current: bool = True  # False: much older than the newest account of the place (history)

    @property
    def summary(self) -> str:
        """Holder or relation in a few words: "held by SDF", "lost by ISIS", "contested by SDF"."""
        verb = {"control": "held by", "lost": "lost by", "contested": "contested by"}.get(self.relation, self.relation)
        said = "" if self.stance in ("asserted",) else f" ({self.stance})"
        return f"{verb} {self.actor}{said}"


@dataclass
class PlaceAccounts:
    """All sources' latest accounts of one place, and whether they disagree."""

    place_id: str
    place: str
    lat: float
    lon: float
    accounts: list[Account]
    disagree: bool
    why: str  # a few words on what they disagree about ("" when they agree)

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(a.source for a in self.accounts))


def _first_day(claim: Claim) -> dt.date | None:
    span = claim_period(claim)
    return span[0] if span else None


def latest_accounts(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    """Per source, the claims of its latest dated period (its undated claims when it dates none)."""
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_source[c.doc].append(c)
    latest: dict[str, list[Claim]] = {}
    for source, items in by_source.items():
        dated = [c for c in items if c.date]
        if dated:
            newest = max(_first_day(c) for c in dated)
            latest[source] = [c for c in dated if _first_day(c) == newest]
        else:
            latest[source] = items
    return latest


def _verdict(claims: list[Claim]) -> tuple:
    """What one source's latest word says about who holds the place (comparable across sources)."""
    held = sorted({c.actor for c in claims if c.relation == "control" and c.stance in HOLDING_STANCES})
    lost = sorted({c.actor for c in claims if c.relation == "lost" and c.stance in HOLDING_STANCES})
    fought = any(c.relation == "contested" for c in claims)
    return tuple(held), tuple(a for a in lost if a not in held), fought


def _conflicts(a: tuple, b: tuple) -> list[str]:
    """What two sources' verdicts disagree on (empty when they can both be true)."""
    (held_a, lost_a, fought_a), (held_b, lost_b, fought_b) = a, b
    reasons = []
    if held_a and held_b and set(held_a) != set(held_b):
        reasons.append("holders differ: " + ", ".join(sorted(set(held_a) | set(held_b))))
    if set(held_a) & set(lost_b) or set(held_b) & set(lost_a):
        lost = sorted(set(held_a) & set(lost_b) | set(held_b) & set(lost_a))
        reasons.append("held by " + ", ".join(lost) + " in one, lost in another")
    if fought_a != fought_b and (held_a or held_b):
        reasons.append("held in one, still fought over in another")
    return reasons


def _why(verdicts: dict[str, tuple], accounts: list[Account]) -> str:
    """Why the sources disagree, in a few words ("" when they agree)."""
    reasons: list[str] = []
    values = list(dict.fromkeys(verdicts.values()))
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            reasons += _conflicts(a, b)
    denials = sorted({a.stance for a in accounts if a.stance in ("denied", "disputed")})
    if denials:
        reasons.append(" and ".join(denials) + " claims")
    return "; ".join(dict.fromkeys(reasons))


def place_accounts(claims: Iterable[Claim], place_id: str | None = None,
                   concurrent_days: int = CONCURRENT_DAYS) -> PlaceAccounts | None:
    """The sources' latest accounts of one place (the claims given are about it), or None."""
    items = [c for c in claims if c.relation in STATE_RELATIONS and (place_id is None or c.place_id == place_id)]
    if not items:
        return None
    latest = latest_accounts(items)
    newest = max((_order_day(cs) for cs in latest.values()), default=dt.date.min)
    since = newest - dt.timedelta(days=concurrent_days) if newest > dt.date.min + dt.timedelta(days=concurrent_days) \
        else dt.date.min

    def is_current(cs: list[Claim]) -> bool:  # undated accounts speak for any time
        spans = [claim_period(c) for c in cs if c.date]
        return not spans or max(last for _, last in spans) >= since

    current = {s for s, cs in latest.items() if is_current(cs)}
    accounts = []
    for source in sorted(latest, key=lambda s: (_order_day(latest[s]), s), reverse=True):
        said = set()
        for c in sorted(latest[source], key=lambda c: (c.start, c.place_start)):
            if (c.actor, c.relation, c.stance, c.date) in said:
                continue  # the same account twice in one report: shown once (its first sentence)
            said.add((c.actor, c.relation, c.stance, c.date))
            accounts.append(Account(source, c.date, c.actor, c.relation, c.stance, c.attribution, c.text, c,
                                    source in current))
    verdicts = {s: _verdict(cs) for s, cs in latest.items() if s in current}
    speaking = [a for a in accounts if a.current]
    why = _why(verdicts, speaking)
    disagree = bool(why)
    first = items[0]
    return PlaceAccounts(first.place_id, first.place.name, first.lat, first.lon, accounts, disagree,
                         why)


def _order_day(claims: list[Claim]) -> dt.date:
    days = [d for d in (_first_day(c) for c in claims) if d]
    return max(days) if days else dt.date.min


def contradictions(claims: Iterable[Claim], day: dt.date | None = None,
                   keep_undated: bool = True) -> list[PlaceAccounts]:
    """Every place some source says something about who holds it, with each source's latest
    account (up to ``day`` when given: claims beginning later are left out; undated ones stay
    unless ``keep_undated`` is False, as for the map's state on a day).
    Places where the sources disagree first, then by the number of sources, then by name."""
    per_place: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.relation not in STATE_RELATIONS:
            continue
        if not keep_undated and not c.date:
            continue
        if day is not None and c.date and _first_day(c) > day:
            continue
        per_place[c.place_id].append(c)
    rows = [row for row in (place_accounts(items) for items in per_place.values()) if row is not None]
    return sorted(rows, key=lambda r: (not r.disagree, -len(r.sources), r.place.casefold(), r.place_id))


def contradiction_rows(rows: Iterable[PlaceAccounts]) -> list[dict]:
    """One flat row per account (what the table and the CSV show)."""
    out = []
    for row in rows:
        for a in row.accounts:
            out.append({"place": row.place, "place_id": row.place_id, "disagree": row.disagree, "why": row.why,
                        "sources": len(row.sources), "source": a.source, "date": a.date or "", "current": a.current,
                        "account": a.summary, "actor": a.actor, "relation": a.relation, "stance": a.stance,
                        "attribution": a.attribution, "sentence": a.sentence})
    return out


def contradictions_csv(rows: Iterable[PlaceAccounts]) -> str:
    """The accounts as CSV text (one line per account; cells that a spreadsheet would read as a
    formula are prefixed with an apostrophe)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in contradiction_rows(rows):
        writer.writerow({k: _cell(v) for k, v in record.items()})
    return out.getvalue()


def _cell(value: object) -> object:
    """Source text is untrusted: keep a spreadsheet from evaluating it (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
