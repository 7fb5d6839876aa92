"""Scoring the pipeline against gold CSVs (the format of ``../shared/gold``).

Places (``seed_places.csv``: doc, surface, place, kind, lat, lon, tolerance_km, role):
- recall: share of ``place`` rows with a place mention over an occurrence of the surface in
  that document, placed within the tolerance;
- precision: share of our ``place`` mentions that lie on a gold row's surface (role place or
  optional) and within its tolerance;
- metonym rows: any mention over them with role ``place`` is an error.

Claims (``seed_claims.csv``: doc, sentence_contains, relation, actor, place, to_place, stance):
a gold claim is recovered by a claim of the same document whose sentence overlaps the
fragment, with the same relation, actor, place and (for corridors) to_place.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from geopy.distance import great_circle

from geo.model import Claim, Document, Mention
from geo.geoparse.normalize import name_key


@dataclass
class PlaceScore:
    recall: float
    precision: float
    found: int
    total: int
    correct: int
    placed: int
    metonym_errors: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"places: recall {self.recall:.1%} ({self.found}/{self.total} place rows), "
                 f"precision {self.precision:.1%} ({self.correct}/{self.placed} placed mentions), "
                 f"metonym errors {len(self.metonym_errors)}"]
        lines += [f"  miss: {m}" for m in self.misses]
        lines += [f"  false positive: {m}" for m in self.false_positives]
        lines += [f"  metonym placed: {m}" for m in self.metonym_errors]
        return "\n".join(lines)


PLACE_COLUMNS = {"doc", "surface", "place", "lat", "lon", "role"}
CLAIM_COLUMNS = {"doc", "relation", "actor", "place"}


def gold_kind(rows: list[dict]) -> str:
    """``places`` or ``claims`` from a gold file's columns; ValueError naming both formats otherwise.

    >>> gold_kind([{"doc": "d", "relation": "control", "actor": "SDF", "place": "Raqqa", "to_place": ""}])
    'claims'
    """
    columns = set(rows[0]) if rows else set()
    if CLAIM_COLUMNS <= columns:
        return "claims"
    if PLACE_COLUMNS <= columns:
        return "places"
    raise ValueError(
        f"the gold file's columns ({', '.join(sorted(columns)) or 'none'}) fit no known format: places need "
        f"{', '.join(sorted(PLACE_COLUMNS))} (like seed_places.csv); claims need {', '.join(sorted(CLAIM_COLUMNS))}, "
        "optionally to_place, stance and sentence_contains (like seed_claims.csv or data/demo/EXPECTED.csv)")


def read_gold(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<![\w]){re.escape(surface)}(?![\w])")
    return [m.span() for m in pattern.finditer(text)]


def _within(mention: Mention, row: dict) -> bool:
    if mention.lat is None:
        return False
    distance = great_circle((mention.lat, mention.lon), (float(row["lat"]), float(row["lon"]))).km
    return distance <= float(row["tolerance_km"])


def score_places(gold: list[dict], docs: list[Document], mentions: list[Mention]) -> PlaceScore:
    texts = {d.id: d.text for d in docs}
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc, []).append(m)
    found = total = 0
    misses, metonym_errors = [], []
    # gold spans per doc, for precision: (start, end, row)
    gold_spans: dict[str, list[tuple[int, int, dict]]] = {}
    for row in gold:
        doc = row["doc"]
        if doc not in texts:
            continue
        spans = _occurrences(texts[doc], row["surface"])
        gold_spans.setdefault(doc, []).extend((s, e, row) for s, e in spans)
        over = [m for m in by_doc.get(doc, []) for s, e in spans if m.start < e and s < m.end]
        if row["role"] == "place":
            total += 1
            if any(m.role == "place" and _within(m, row) for m in over):
                found += 1
            else:
                got = ", ".join(f"{m.surface}->{m.name} ({m.role})" for m in over) or "not found"
                misses.append(f"{doc} {row['surface']!r} -> {row['place']}: {got}")
        elif row["role"] == "metonym":
            metonym_errors += [f"{doc} {m.surface!r} at {m.start}" for m in over if m.role == "place"]
    placed = correct = 0
    false_positives = []
    gold_by_doc: dict[str, list[dict]] = {}
    for row in gold:
        gold_by_doc.setdefault(row["doc"], []).append(row)
    for doc, items in by_doc.items():
        for m in items:
            if m.role != "place":
                continue
            placed += 1
            rows = [r for s, e, r in gold_spans.get(doc, []) if m.start < e and s < m.end and r["role"] != "metonym"]
            # the same name in another spelling or case ('RAQQA', 'al Mayadeen'), or the gold place itself
            rows += [r for r in gold_by_doc.get(doc, []) if r["role"] != "metonym" and (
                name_key(r["surface"]) == name_key(m.surface) or r["place"] == m.name)]
            if any(_within(m, r) for r in rows):
                correct += 1
            else:
                false_positives.append(f"{doc} {m.surface!r} at {m.start} -> {m.name} ({m.place_id}, {m.lat}, {m.lon})")
    return PlaceScore(
        recall=found / total if total else 0.0,
        precision=correct / placed if placed else 0.0,
        found=found, total=total, correct=correct, placed=placed,
        metonym_errors=metonym_errors, misses=misses, false_positives=false_positives,
    )


@dataclass
class ClaimScore:
    recall: float
    found: int
    total: int
    predicted: int
    misses: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"claims: recall {self.recall:.1%} ({self.found}/{self.total} gold claims), "
                 f"{self.predicted} claims extracted"]
        lines += [f"  miss: {m}" for m in self.misses]
        return "\n".join(lines)


def _norm(value: str | None) -> str:
    return (value or "").strip().lower()


def score_claims(gold: list[dict], docs: list[Document], claims: list[Claim],
                 canonical_place, canonical_actor) -> ClaimScore:
    """``canonical_place``/``canonical_actor`` map gold spellings to the pipeline's names."""
    texts = {d.id: d.text for d in docs}
    found = total = 0
    misses = []
    for row in gold:
        doc = row["doc"]
        if doc not in texts:
            continue
        total += 1
        # seed gold names a fragment of the claim's sentence; the demo's EXPECTED.csv names none,
        # so any claim of the document may match it
        fragment = row.get("sentence_contains") or ""
        at = texts[doc].find(fragment) if fragment else 0
        span = (at, at + len(fragment) if fragment else len(texts[doc])) if at >= 0 else None
        want = (_norm(row["relation"]), _norm(canonical_actor(row["actor"])),
                _norm(canonical_place(row["place"])),
                _norm(canonical_place(row["to_place"])) if row.get("to_place") else "")
        candidates = [c for c in claims if c.doc == doc and span and c.start < span[1] and span[0] < c.end]
        if any((_norm(c.relation), _norm(c.actor), _norm(c.place)) == want[:3]
               and (not want[3] or _norm(c.to_place) == want[3]) for c in candidates):
            found += 1
        else:
            got = "; ".join(f"{c.relation}/{c.actor}/{c.place}->{c.to_place or ''}/{c.stance}" for c in candidates) or "none"
            misses.append(f"{doc} {(fragment or 'anywhere')[:50]!r} want {'/'.join(want)}: got {got}")
    return ClaimScore(found / total if total else 0.0, found, total, len(claims), misses)


def canonical_place(name: str) -> str:
    """The gazetteer's canonical name for a spelling ('Deir Ezzur' -> 'Deir ez-Zor')."""
    from geo.geocoders import OfflineGazetteer
    from geo.geoparse.gazetteer import is_curated

    locations = OfflineGazetteer().geocode(name, exactly_one=False) or []
    curated = [loc for loc in locations if is_curated(loc.raw["place_id"])]
    exact = [loc for loc in curated or locations if loc.raw["name"].lower() == name.lower()]
    return (exact or curated or locations)[0].raw["name"] if locations else name


HELD_BACK_SHARE = 0.3  # of coded events, kept out of development and reported apart


def held_back(event_id: str) -> bool:
    """Whether a coded event belongs to the held-back part (about 30%), by a fixed hash of its id.

    The split never changes: the same id is always in the same part, on every machine. Ids are
    ACLED ``event_id_cnty``, UCDP GED ``id`` and PITF ``source_line``.

    >>> [held_back(i) for i in ("SYR1", "SYR2", "SYR3", "IRQ2069")]
    [True, False, False, False]
    """
    digest = hashlib.sha256(str(event_id).strip().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < HELD_BACK_SHARE
