"""Applying the analyst's stored corrections to a fresh analysis.

Corrections are anchored to a document's text hash and a character span, never to row ids, so
they hold when the documents are re-analysed: a claim is found again by its sentence and place
span plus the relation and actor it was extracted with, a mention by its span. A correction
whose anchor no longer matches anything (the extractor no longer finds that claim) is reported
as unmatched rather than applied somewhere else.

>>> corrected = apply_corrections(mentions, claims, ws.corrections(), hashes, ws.places())  # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import get_args

from geo.casefold import fold as casefold
from geo.model import Claim, Mention, Place, Relation, Stance
from geo.time.periods import period
from geo.workspace import Correction, LocalPlace, claim_anchor, mention_anchor
from geo.workspace.base import anchor_id

CLAIM_FIELDS_SETTABLE = ("actor", "relation", "stance", "date", "attribution")
RELATIONS = get_args(Relation)
STANCES = get_args(Stance)


class CorrectionError(ValueError):
    """A correction value that cannot be stored; the message names the field and what it accepts."""


def known_actors() -> list[str]:
    """The canonical actor names of the actor lexicon, as a correction may set them."""
    from geo.claims.actors import lexicon

    return sorted(lexicon().actors)


def checked_values(values: dict, new_actor: bool = False) -> dict:
    """Claim field values as an analyst typed them, checked and made canonical, or CorrectionError.

    Dates are ISO 8601 at a precision, relations and stances come from the model's vocabulary,
    actors are folded through the lexicon's aliases (a name it lacks only with ``new_actor``).

    >>> checked_values({"actor": "Syrian Democratic Forces", "date": "2017-10"})
    {'actor': 'SDF', 'date': '2017-10'}
    >>> checked_values({"date": "2019-13-45"})
    Traceback (most recent call last):
    ...
    geo.aggregate.corrections.CorrectionError: date: '2019-13-45' is no date; give ISO 8601 at a precision: YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY
    """
    checked = {}
    for key, raw in values.items():
        value = str(raw).strip() if raw is not None else ""
        if key not in CLAIM_FIELDS_SETTABLE:
            raise CorrectionError(f"{key}: a correction cannot set it; it sets {', '.join(CLAIM_FIELDS_SETTABLE)}")
        if key == "date":
            try:
                period(value)
            except ValueError:
                raise CorrectionError(f"date: {value!r} is no date; give ISO 8601 at a precision: YYYY-MM-DD, "
                                      "YYYY-Www, YYYY-MM or YYYY") from None
        elif key == "relation" and value not in RELATIONS:
            raise CorrectionError(f"relation: {value!r} is not one; give one of {', '.join(RELATIONS)} (a capture "
                                  "is 'control', a withdrawal 'lost', a siege or clash 'contested')")
        elif key == "stance" and value not in STANCES:
            raise CorrectionError(f"stance: {value!r} is not one; give one of {', '.join(STANCES)}")
        elif key == "actor":
            from geo.claims.actors import canonical_actor

            value = canonical_actor(value)
            actors = known_actors()
            if not value or (value not in actors and not new_actor):
                raise CorrectionError(f"actor: {value!r} is not in the actor lexicon; give one of "
                                      f"{', '.join(actors)} or a name the lexicon knows for one (\"Syrian "
                                      "Democratic Forces\", \"ISIL\"), or add it as a new actor on purpose "
                                      "(--new-actor)")
        checked[key] = value
    return checked


def checked_point(lon: float, lat: float) -> tuple[float, float]:
    """A point an analyst gave, or CorrectionError when it is off the globe (or lat/lon swapped)."""
    if not (-180 <= lon <= 180 and -90 <= lat <= 90) or lon != lon or lat != lat:
        raise CorrectionError(f"lonlat: {lon}, {lat} is not a point; give longitude (-180..180) then latitude "
                              "(-90..90), e.g. 38.99 35.95 for Raqqa")
    return float(lon), float(lat)


@dataclass
class Corrected:
    """Mentions and claims after the corrections, with what was done to each claim.

    ``notes`` maps a kept claim to the lines the panel shows ("confirmed by ... on ...");
    ``origin`` maps it to the claim as extracted (whose anchor identifies it); ``rejected`` holds
    the claims left out, with their note; ``unmatched`` the corrections that matched nothing.
    """

    mentions: list[Mention]
    claims: list[Claim]
    notes: dict[Claim, list[str]] = field(default_factory=dict)
    origin: dict[Claim, Claim] = field(default_factory=dict)
    rejected: list[tuple[Claim, str]] = field(default_factory=list)
    unmatched: list[Correction] = field(default_factory=list)
    invalid: list[tuple[Correction, str]] = field(default_factory=list)  # stored by an older version: skipped


def claim_id(claim: Claim, doc_sha: str) -> str:
    """The id the CLI prints for an extracted claim and takes back in ``geo correct``."""
    return "c" + anchor_id(doc_sha, claim_anchor(claim))


def _key(doc_sha: str, anchor: dict) -> tuple:
    return (doc_sha, tuple(sorted(anchor.items())))


def _placed(mention: Mention, place: Place, precision: int = 1) -> Mention:
    """The mention at the place an analyst (or the workspace's own gazetteer) gave it."""
    return replace(mention, role="place", place=place, precision=precision, confidence=1.0)


def _corrected_place(values: dict) -> Place:
    """The place a stored correction gives (its point checked by ``_point_problem``)."""
    return Place(values.get("place_id") or "", values.get("name") or "", values.get("kind") or "",
                 float(values["lat"]), float(values["lon"]), values.get("country") or "")


def apply_corrections(mentions: list[Mention], claims: list[Claim], corrections: list[Correction],
                      doc_hashes: dict[str, str], local_places: list[LocalPlace] = ()) -> Corrected:
    """Apply ``corrections`` (oldest first; a later one on the same thing wins) to one analysis.

    ``doc_hashes`` maps a document id to the hash of its text.
    """
    not_places = {casefold(c.anchor.get("name", "")) for c in corrections if c.action == "not_place"}
    by_mention: dict[tuple, Correction] = {}
    by_claim: dict[tuple, list[Correction]] = {}
    for c in corrections:
        if c.target == "mention" and c.action == "place":
            by_mention[_key(c.doc_sha256, c.anchor)] = c
        elif c.target == "claim":
            by_claim.setdefault(_key(c.doc_sha256, c.anchor), []).append(c)
    local = {casefold(name): p for p in local_places for name in p.names or (p.name,)}
    used: set[int] = set()
    invalid: dict[int, tuple[Correction, str]] = {}

    # mentions: names that are not places go; re-placed ones move; unresolved ones the
    # workspace's own gazetteer knows are placed
    kept_mentions: list[Mention] = []
    moved: dict[tuple[str, int, int], Mention] = {}
    dropped_spans: set[tuple[str, int, int]] = set()
    for m in mentions:
        span = (m.doc, m.start, m.end)
        if casefold(m.surface) in not_places:
            dropped_spans.add(span)
            continue
        fix = by_mention.get(_key(doc_hashes.get(m.doc, ""), mention_anchor(m)))
        problem = _point_problem(fix.values) if fix is not None else None
        if problem:
            invalid[fix.fid] = (fix, problem)
        elif fix is not None:
            used.add(fix.fid)
            m = _placed(m, _corrected_place(fix.values), fix.values.get("precision", 1))
            moved[span] = m
        elif m.role == "unresolved" and casefold(m.surface) in local:
            m = _placed(m, local[casefold(m.surface)].as_place())
            moved[span] = m
        kept_mentions.append(m)
    used.update(c.fid for c in corrections if c.action == "not_place")

    result = Corrected(kept_mentions, [])
    claim_fields = {f.name: f for f in fields(Claim)}
    for claim in claims:
        span = (claim.doc, claim.place_start, claim.place_end)
        if span in dropped_spans:
            continue
        original, notes = claim, []
        if span in moved:
            m = moved[span]
            claim = replace(claim, place=m.place)
            notes.append(f"place {moved_note(m, by_mention, doc_hashes)}")
        verdict: Correction | None = None
        for fix in by_claim.get(_key(doc_hashes.get(claim.doc, ""), claim_anchor(original)), []):
            used.add(fix.fid)
            if fix.action in ("confirm", "reject"):
                verdict = fix
            elif fix.action == "set":
                try:
                    values = checked_values(fix.values, new_actor=True)
                except CorrectionError as err:
                    if fix.fid not in invalid:
                        invalid[fix.fid] = (fix, str(err))
                    continue
                values = {k: _typed(claim_fields[k], v) for k, v in values.items() if k in claim_fields}
                if isinstance(values.get("date"), str) and "date_precision" in claim_fields:
                    values.setdefault("date_precision", _precision(values["date"]))
                claim = replace(claim, **values)
                notes.append(fix.describe())
        if verdict is not None and verdict.action == "reject":
            result.rejected.append((original, verdict.describe()))
            continue
        if verdict is not None:  # confirmed: an analyst says it is right
            notes.insert(0, verdict.describe())
            claim = replace(claim, confidence=1.0)
        result.claims.append(claim)
        result.origin[claim] = original
        if notes:
            result.notes[claim] = notes
    result.invalid = list(invalid.values())
    result.unmatched = [c for c in corrections if c.fid not in used and c.fid not in invalid
                        and c.target in ("claim", "mention")]
    return result


CONTEXT = 40  # characters either side that must be found again with a mention's name


def carry_over(corrections: list[Correction], current: dict[str, tuple[str, str]],
               old_texts: dict[str, tuple[str, str]]) -> list[Correction]:
    """Corrections of an older version of a document moved onto its current version.

    ``current`` maps a document id to (text hash, text) of its current version, ``old_texts`` an
    older version's hash to (document id, text). A claim correction moves when its sentence occurs
    exactly once in the new text, a mention correction when its name with up to 40 characters
    either side does; the others stay where they were (and match nothing)."""
    moved = []
    for fix in corrections:
        old = old_texts.get(fix.doc_sha256)
        if not fix.doc_sha256 or old is None or old[0] not in current or current[old[0]][0] == fix.doc_sha256:
            moved.append(fix)
            continue
        new_sha, new_text = current[old[0]]
        start, end = fix.anchor["start"], fix.anchor["end"]
        lo = start if fix.target == "claim" else max(0, start - CONTEXT)
        hi = end if fix.target == "claim" else end + CONTEXT
        piece = old[1][lo:hi]
        at = new_text.find(piece)
        if not piece or at < 0 or new_text.find(piece, at + 1) >= 0:
            moved.append(fix)
            continue
        shift = at - lo
        anchor = dict(fix.anchor)
        for key in ("start", "end", "place_start", "place_end"):
            if key in anchor and anchor[key] >= 0:
                anchor[key] += shift
        moved.append(replace(fix, doc_sha256=new_sha, anchor=anchor))
    return moved


def _point_problem(values: dict) -> str | None:
    """Why a stored place correction cannot be applied (None when it can)."""
    try:
        checked_point(float(values.get("lon")), float(values.get("lat")))
    except (TypeError, ValueError) as err:
        return str(err) if isinstance(err, CorrectionError) else "lonlat: the stored point is no pair of numbers"
    return None


def _precision(iso: str) -> str:
    """The precision of an ISO 8601 date as an analyst typed it: 2017-05-10, 2017-W19, 2017-05, 2017."""
    return "week" if "W" in iso else {10: "day", 7: "month", 4: "year"}.get(len(iso), "day")


def _typed(claim_field, value):
    """A stored value (text) in the type of the Claim field it sets (a date field gets a date)."""
    annotation = str(claim_field.type)
    if isinstance(value, str) and "date" in annotation and "str" not in annotation:
        import datetime as dt

        return dt.date.fromisoformat(value) if value else None
    return value


def moved_note(mention: Mention, by_mention: dict[tuple, Correction], doc_hashes: dict[str, str]) -> str:
    fix = by_mention.get(_key(doc_hashes.get(mention.doc, ""), mention_anchor(mention)))
    return fix.describe() if fix else f"placed from the workspace gazetteer ({mention.name})"
