"""From name hits to mentions: rank each hit's candidate places by the document's context.

Signals, in the spirit of Mordecai's ranker but without a model: the curated theatre
gazetteer and the Syria/Iraq prior, the countries the document talks about, the distance to the
places it names without ambiguity, population, and the kind the surrounding words ask for.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from collections import Counter
from dataclasses import dataclass, field

from geopy.distance import great_circle

from geo.geoparse import context
from geo.geoparse.gazetteer import CURATED, THEATRE_COUNTRIES, GazetteerIndex, is_curated
from geo.geoparse.matcher import NameHit, starts_sentence
from geo.model import Mention, Place

REGION_KINDS = frozenset({"country", "governorate", "region", "river"})

# A name found only in GeoNames whose surface is this common as an English word (wordfreq Zipf)
# is not taken as a place anywhere ('This', 'June'), or at the start of a sentence ('But',
# 'Save', 'Much'). A curated name in lower case ('raqqa') is taken unless the word is common ('us').
COMMON_AT_SENTENCE_START = 3.0
COMMON_ANYWHERE = 4.0
LOWERCASE_COMMON = 3.5


@dataclass
class _Context:
    countries: Counter
    anchors: list[tuple[float, float]]  # (lat, lon) of the places the document names unambiguously
    total: int = field(init=False)  # sum of ``countries``, asked for by every score
    nearest: dict = field(default_factory=dict)  # place id -> km to the nearest anchor

    def __post_init__(self) -> None:
        self.total = sum(self.countries.values())

    def nearest_km(self, place: Place) -> float:
        """Great-circle distance to the nearest anchor."""
        km = self.nearest.get(place.id)
        if km is None:
            here = (place.lat, place.lon)
            km = self.nearest[place.id] = min(_km(here, anchor) for anchor in self.anchors)
        return km


@lru_cache(maxsize=262_144)
def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """geopy's great-circle distance, memoised: a corpus names the same places again and again."""
    return great_circle(a, b).km


@lru_cache(maxsize=100_000)
def _wordfreq(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en")




def _is_common_word(surface: str) -> bool:
    """'War', 'Hit': a one-word name that is mostly an English word (wordfreq Zipf >= 4.5)."""
    words = surface.replace("-", " ").split()
    return len(words) == 1 and _wordfreq(words[0]) >= 4.5


def _acceptable(hit: NameHit, text: str) -> bool:
    """Filters that need no candidates: capitalisation, acronyms and common English words."""
    surface = hit.surface
    if hit.flags & CURATED:
        # lower case: never a common word ('us', 'deal')
        return not surface[:1].islower() or _wordfreq(surface) < LOWERCASE_COMMON
    if surface[:1].islower() or (surface.isupper() and len(surface) <= 5):
        return False
    commonness = _wordfreq(surface) if " " not in surface else 0.0
    if commonness >= COMMON_ANYWHERE:
        return False
    if commonness >= COMMON_AT_SENTENCE_START and starts_sentence(text, hit.start):
        return False
    return not _inside_proper_name(text, hit)


_NEXT_NAME = re.compile(r"[ \t]+([A-Z][a-z]+)")
_PREVIOUS_NAME = re.compile(r"([A-Z][a-z]+)[ \t]+$")


def _inside_proper_name(text: str, hit: NameHit) -> bool:
    """'Kamal Hassan', 'Talal Silo': a GeoNames-only name next to another capitalised name
    (not a function word like 'In' or 'The') is part of a person's or organisation's name."""
    following = _NEXT_NAME.match(text, hit.end)
    if following and _wordfreq(following.group(1)) < 5.0:
        return True
    preceding = _PREVIOUS_NAME.search(text, max(0, hit.start - 30), hit.start)
    return bool(preceding and _wordfreq(preceding.group(1)) < 5.0)


@lru_cache(maxsize=65_536)
def _prior(place_id: str, country: str, population: int) -> tuple[float, float]:
    """What a place brings whatever the document: (curated and theatre bonus, population term)."""
    bonus = (3.0 if is_curated(place_id) else 0.0) + (2.0 if country in THEATRE_COUNTRIES else 0.0)
    return bonus, math.log10(population + 1) / 4.0


def _score(place: Place, ctx: _Context, hint: str | None) -> float:
    score, population_term = _prior(place.id, place.country, place.population)
    if ctx.total and place.country:
        score += 3.0 * ctx.countries[place.country] / ctx.total
    if ctx.anchors and place.kind not in REGION_KINDS:
        score -= min(ctx.nearest_km(place) / 300.0, 4.0)
    score += population_term
    if hint:
        if hint == place.kind or (hint == "city" and place.kind in ("town", "city")) or (
            hint == "village" and place.kind in ("village", "town")
        ):
            score += 2.5
        elif hint == "river" and place.kind == "country":
            score -= 1.0
    return score


def _evidence(candidates: tuple[Place, ...]) -> tuple[str | None, tuple[float, float] | None]:
    """What a name tells about the document whatever else it says: the country its places (the
    curated ones, if any) share, and its position when it is one curated place in the theatre."""
    curated = [c for c in candidates if is_curated(c.id)]
    if len({c.country for c in curated or candidates}) != 1:
        return None, None
    best = (curated or candidates)[0]
    if len(curated) == 1 and best.kind not in REGION_KINDS and best.country in THEATRE_COUNTRIES:
        return best.country, (best.lat, best.lon)
    return best.country, None


class Resolver:
    """Turns the hits of one document into :class:`Mention` objects."""

    def __init__(self, index: GazetteerIndex) -> None:
        self.index = index
        # key -> (country of the key's places when they share one, else None; the anchor it gives)
        self._evidence: dict[str, tuple[str | None, tuple[float, float] | None]] = {}

    def resolve(self, doc_id: str, text: str, hits: list[NameHit]) -> list[Mention]:
        usable = [(h, self.index.candidates(h.key)) for h in hits if not h.is_stop and _acceptable(h, text)]
        usable = [(h, c) for h, c in usable if c]
        ctx = self._context(usable)
        ranked: dict[tuple, tuple[Place, float]] = {}  # one ranking per (key, case, kind hint) a document
        mentions = []
        for hit, candidates in usable:
            mention = self._resolve_one(doc_id, text, hit, candidates, ctx, ranked)
            if mention is not None:
                mentions.append(mention)
        return mentions

    def _context(self, usable: list[tuple[NameHit, tuple[Place, ...]]]) -> _Context:
        countries: Counter = Counter()
        anchors = []
        for hit, candidates in usable:
            evidence = self._evidence.get(hit.key)
            if evidence is None:
                evidence = self._evidence[hit.key] = _evidence(candidates)
            country, anchor = evidence
            if country is not None:
                countries[country] += 1
                if anchor is not None:
                    anchors.append(anchor)
        return _Context(countries, list(dict.fromkeys(anchors)))

    def _resolve_one(self, doc_id: str, text: str, hit: NameHit, candidates: tuple[Place, ...],
                     ctx: _Context, ranked: dict[tuple, tuple[Place, float]]) -> Mention | None:
        lower = hit.surface[:1].islower()
        hint = context.kind_hint(text, hit.start, hit.end) if len(candidates) > 1 else None
        decided = ranked.get((hit.key, lower, hint))
        if decided is None:
            decided = ranked[(hit.key, lower, hint)] = self._rank(candidates, lower, ctx, hint)
        best, confidence = decided
        if best is None:
            return None
        if best.kind not in ("country", "capital") and _is_common_word(hit.surface) \
                and not context.after_locative(text, hit.start):
            return None  # 'the War Party' is no al-Waer; 'in Hit' is the town
        base = dict(doc=doc_id, start=hit.start, end=hit.end, surface=hit.surface, place_id=best.id,
                    name=best.name, lat=round(best.lat, 5), lon=round(best.lon, 5), country=best.country,
                    kind=best.kind, confidence=round(confidence, 3))
        if context.names_actor(text, hit.start, hit.end, best.country, best.kind, best.name):
            return Mention(role="actor", precision=None, **base)
        if best.kind in REGION_KINDS:
            precision = 3
        elif context.is_near(text, hit.start):
            precision = 2
        else:
            precision = 1
        return Mention(role="place", precision=precision, **base)

    @staticmethod
    def _rank(candidates: tuple[Place, ...], lower: bool, ctx: _Context, hint: str | None) -> tuple[Place | None, float]:
        """The best candidate and a confidence from its margin over the runner-up."""
        if lower:  # 'raqqa': only curated names are taken in lower case
            candidates = tuple(c for c in candidates if is_curated(c.id))
            if not candidates:
                return None, 0.0
        scored = sorted(((_score(c, ctx, hint), c) for c in candidates), key=lambda sc: sc[0], reverse=True)
        best_score, best = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else best_score - 4.0
        confidence = 1.0 / (1.0 + math.exp(-(best_score - runner_up)))
        return best, confidence * (0.95 if is_curated(best.id) else 0.8)
