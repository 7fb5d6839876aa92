"""Why claims and place rows are missed or wrong, counted by cause: an aggregate that is safe to print for any part.

Each missed gold claim is put in the first class it fits, tried in this order:

- ``place not found``: no placed mention in the fragment's sentence lies within the gold place's
  tolerance (the geoparser lost it before the claims stage saw it), split by what the fragment
  holds: ``not named`` (no surface of the gold place in the fragment's sentence: the place is
  named in another sentence, or only referred to: "the town", "it"), ``unresolved`` (a mention of the name with no point),
  ``placed elsewhere`` (a mention of the name placed beyond the tolerance), ``not detected``;
- ``no claim in sentence``: the place was found, but no claim covers the fragment;
- ``place``: claims cover the fragment, none on the gold place (bound to another place);
- ``relation``: a claim on the gold place would match with the gold relation (and actor);
- ``actor``: a claim on the gold place with the gold relation names another actor;
- ``other``: anything else (a corridor's second end, a span too short).

Each wrong claim likewise: ``no gold in sentence`` (no gold claim's fragment lies in the claim's
span), ``place`` (gold claims there, none on this place), ``relation``, ``actor``, ``other``.
A missed gold place row (none of its occurrences hit) is ``not detected`` (no placed or unplaced
mention overlaps any occurrence), ``unresolved`` (mentions overlap, none has a point), ``wrong
kind`` (a point within tolerance of a kind the scorer refuses: a city for a governorate) or
``placed elsewhere``.

Printed by ``python -m benchmarks.articles --part report --why``.
"""
from __future__ import annotations

from collections import Counter

MISSED = ("place not found: not named", "place not found: not detected", "place not found: unresolved",
          "place not found: placed elsewhere", "no claim in sentence", "place", "relation", "actor", "other")
WRONG = ("no gold in sentence", "place", "relation", "actor", "other")


def _covers(claim: dict, gold: dict) -> bool:
    s, e = claim.get("start"), claim.get("end")
    return isinstance(s, int) and isinstance(e, int) and any(s <= a and b <= e for a, b in gold["spans"])


def _on_place(claim: dict, gold: dict, sa) -> bool:
    """The claim, given the gold relation and actor, matches: its place (and second end) are right."""
    return sa.claim_matches(dict(claim, relation=gold["rel"], actor=_gold_actor(gold)), gold)


def _gold_actor(gold: dict) -> str:
    return gold["row"]["actor"].split("|")[0]


def _relation(claim: dict) -> str:
    return (claim.get("relation") or "").casefold()


def _nearest_cause(pairs: list[tuple[dict, dict]], sa) -> str:
    """'place', 'relation', 'actor' or 'other': how far the closest of these (claim, gold claim)
    pairs of one sentence is from matching."""
    placed = [(c, g) for c, g in pairs if _on_place(c, g, sa)]
    if not placed:
        return "place"
    if not any(_relation(c) == g["rel"] for c, g in placed):
        return "relation"
    if any(sa.claim_matches(dict(c, actor=_gold_actor(g)), g) for c, g in placed):
        return "actor"
    return "other"


def _place_found(gold: dict, mentions: list[dict], sa, text: str) -> bool:
    """A placed mention within the gold place's tolerance lies in the fragment's sentence."""
    spans = [_sentence(text, a, b) for a, b in gold["spans"]]
    for m in mentions:
        s, lat, lon = m.get("start"), sa._f(m.get("lat")), sa._f(m.get("lon"))
        if not isinstance(s, int) or lat is None or lon is None:
            continue
        if any(a <= s < b for a, b in spans) and sa._near(lat, lon, gold["places"] + gold["to"]):
            return True
    return False


def _folded(text: str) -> str:
    return text.casefold().replace("’", "'").replace("‘", "'")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence (or sentences) around [start, end): from the last stop before to the next after."""
    head = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    tail = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return head + 1, min(tail) if tail else len(text)


def _lost_place(gold: dict, mentions: list[dict], text: str, surfaces: set[str]) -> str:
    """Why the gold place of a fragment has no placed mention in it."""
    spans = [_sentence(text, a, b) for a, b in gold["spans"]]
    sentences = " ".join(_folded(text[a:b]) for a, b in spans)
    surfaces = {_folded(s) for s in surfaces if s}
    if not any(s in sentences for s in surfaces):
        return "place not found: not named"
    named = [m for m in mentions if isinstance(m.get("start"), int) and any(a <= m["start"] < b for a, b in spans)
             and any(s in _folded(m.get("surface") or "") or _folded(m.get("surface") or "") in s for s in surfaces)]
    if not named:
        return "place not found: not detected"
    if all(m.get("lat") in (None, "") for m in named):
        return "place not found: unresolved"
    return "place not found: placed elsewhere"


def relation_pairs(gold: dict, claims: list[dict], sa) -> list[tuple[str, str]]:
    """(gold relation, claimed relation) for the claims on a gold claim's place in its fragment."""
    return sorted({(gold["rel"], _relation(c)) for c in claims
                   if _covers(c, gold) and _on_place(c, gold, sa)})


def missed_cause(gold: dict, claims: list[dict], mentions: list[dict], sa, text: str, surfaces: set[str]) -> str:
    """The first class of MISSED that a missed gold claim fits."""
    if not _place_found(gold, mentions, sa, text):
        return _lost_place(gold, mentions, text, surfaces)
    here = [(c, gold) for c in claims if _covers(c, gold)]
    return _nearest_cause(here, sa) if here else "no claim in sentence"


def wrong_cause(claim: dict, gold: list[dict], sa) -> str:
    """The first class of WRONG that a wrong claim fits (``gold``: the gold claims of its text)."""
    here = [(claim, g) for g in gold if _covers(claim, g)]
    return _nearest_cause(here, sa) if here else "no gold in sentence"


def causes(sa, result: dict, mentions: list[dict], texts: dict, places: list[dict]) -> tuple[Counter, Counter, Counter]:
    """(missed causes, wrong causes, relation confusions) over a ``benchmarks.articles.score`` result.

    ``places``: the gold place rows (their surfaces tell a place not named from one not detected).
    Relation confusions count "gold -> claimed" for the gold claims missed by relation and for the
    wrong claims whose place is a gold claim's place in their sentence (each pair once per claim).
    """
    missed, wrong, confused = Counter(), Counter(), Counter()
    for stem, (_vals, _p, c) in result["per_doc"].items():
        ms = [m for m in mentions if sa.doc_of(m, texts) == stem]
        gd = [g for g in result["gold"] if g["doc"] == stem]
        claims = [x for x, _ in result["right"] if sa.doc_of(x, texts) == stem]
        for g in c["missed"]:
            surfaces = {p["surface"] for p in places if p["doc"] == stem and p["place"] in g["names"]} | g["names"]
            cause = missed_cause(g, claims, ms, sa, texts[stem], surfaces)
            missed[cause] += 1
            if cause == "relation":
                confused.update(f"{a}->{b}" for a, b in relation_pairs(g, claims, sa))
        for x in c["wrong"]:
            cause = wrong_cause(x, gd, sa)
            wrong[cause] += 1
            if cause == "relation":
                confused.update({f"{g['rel']}->{(x.get('relation') or '').casefold()}"
                                 for g in gd if _covers(x, g) and _on_place(x, g, sa)})
    return missed, wrong, confused


def place_row_causes(sa, text: str, rows: list[dict], mentions: list[dict]) -> Counter:
    """Causes of the missed gold place rows (role ``place``) of one text."""
    occ = sa.occurrences(text, rows)
    missed = Counter()
    for row in rows:
        if row["role"] != "place":
            continue
        spans = [(a, b) for a, b, r in occ if r is row]
        over = [m for m in mentions if isinstance(m.get("start"), int) and isinstance(m.get("end"), int)
                and any(m["start"] < b and a < m["end"] for a, b in spans)]
        placed = [m for m in over if sa._f(m.get("lat")) is not None and sa._f(m.get("lon")) is not None]
        near = [m for m in placed if row["lat"] is not None
                and sa.km(row["lat"], row["lon"], sa._f(m["lat"]), sa._f(m["lon"])) <= row["tol"]]
        if any(sa.kind_ok(row["kind"], m.get("kind")) and (m.get("role") or "place") == "place" for m in near):
            continue  # found
        if not over:
            missed["not detected"] += 1
        elif not placed:
            missed["unresolved"] += 1
        elif near:
            missed["wrong kind or role"] += 1
        else:
            missed["placed elsewhere"] += 1
    return missed
