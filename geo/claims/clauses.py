"""Where a clause starts and what a place is there for: reference points ('north of X'), relative
clauses, names the gazetteer lacks. Helpers shared by the binding steps and the extractor."""
from __future__ import annotations

import re

from geo.claims.cues import named
from geo.claims.rules import cue
from geo.geoparse.normalize import name_key
from geo.knowledge import alternation, bearings, link_words, place_noun_pattern
from geo.model import TOWN_KINDS, Mention, Sentence
from geo.claims.rules import Trigger


# ('there' as a place, not the 'there is' that opens a sentence)
# ('the town of X' names X; 'the airbase', 'the dam' refer back too)
# after a noun that could refer back: it is placed anew ('the main bridge east of Tell Abyad')
LOCATED_AFTER = named("located_after")
CITY_ANAPHORA = named("city_anaphora")


# 'in Zur Maghar town in Aleppo countryside': a place name the gazetteer does not know, then the
# region it lies in. The claim's real place is then unresolved: no claim at the region.
_NAME = r"[A-Z][\w'’-]*(?:\s+\([^)]{1,30}\))?"


UNKNOWN_PLACE = re.compile(
    r"\b(?:in|at|on|near|of|from|targeting|shelled|struck|hit)\s+(?:the\s+)?" + _NAME
    + r"(?:[\s-]+(?:(?:al|el|ad|as|ash|ar|az|at|an|bin|bani|abu|um|umm|of)[\s-]+)?" + _NAME + r"){0,4}\s+"
    + place_noun_pattern("unknown_head") + r"\b")


# places named as a reference point ('60 km south of Baghdad', 'west of Baghdad') are elsewhere
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:" + alternation(bearings()) + r"|north\s+east|north\s+west|south\s+east|south\s+west)(?:ern)?"
    r"|\b(?:kilomet(?:re|er)s?|km|miles)(?:\s*\([^)]{0,30}\))?(?:\s+\w+)?)\s+(?:of|from)\s+(?:the\s+)?(?:"
    + place_noun_pattern("reference_of") + r"\s+(?:of\s+)?)?$")


# 'the Baghdad - Kut road', 'the Hama-Aleppo-Raqqa triangle': places that name a route or an area
# (the names joined by dashes, then the route noun: a place after the first dash or before it is an end)
_ROUTE_AFTER = named("route_after")


_JOINED_BEFORE = named("joined_before")


_DISTANCE = named("distance")


_DISTANCE_BEFORE = named("distance_before")


_INSIDE_BEFORE = named("inside_before")


_CLAUSE_BREAK = named("clause_break")


# 'Tassil town in Dara countryside', 'Al Amadiya district of Duhok', 'Sheladiz, Duhok', 'Kafr Nabl
# (Idlib)', 'a village near Manbij': the place after the connector holds (or neighbours) the one
# before it; a claim binds the finer place, the container only when no finer place is named
_PLACE_NOUN = place_noun_pattern("gap")


CONTAINER_GAP = re.compile(
    r"\)?\s*(?:\([^)]{0,40}\)\s*)?(?:" + _PLACE_NOUN + r"\s*)?(?:\([^)]{0,40}\)\s*)?(?:,|\(|\b" + alternation(link_words("container_gap")) + r"\b)\s*(?:the\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}?" + place_noun_pattern("gap_region_of") + r"\s+of\s+(?:the\s+)?)?")


SHORT_NOTE = 1500  # characters: a coded event's note or a wire brief, not an article


# between an unknown place and a known one: the known one names a road or an end of a route
ROUTE_GAP = named("route_gap")


def unknown_place_ends(text: str, start: int, end: int, known: list[Mention]) -> list[int]:
    """Where each unknown name with a place noun in ``text[start:end]`` ends."""
    return [match.end() for match in UNKNOWN_PLACE.finditer(text, start, end)
            if not any(match.start() < m.end and m.start < match.end() for m in known)]


def names_unknown_place(text: str, start: int, end: int, known: list[Mention]) -> bool:
    """A name and a place noun in ``text[start:end]`` ('in Zur Maghar town') that is not a place
    the gazetteer found ('west of Raqqa city' is Raqqa)."""
    for match in UNKNOWN_PLACE.finditer(text, start, end):
        if not any(match.start() < m.end and m.start < match.end() for m in known):
            return True
    return False


def part_of_city(m: Mention) -> bool:
    """A name the geoparser placed at the city it is a part of ('clashes in the al-Rasafa
    district', 'the neighbourhoods of al-Ardi and Kanamat'): a precision-2 mention of a city
    whose words share none with the city's name ('near Raqqa city' names Raqqa itself)."""
    if m.precision != 2 or m.kind not in TOWN_KINDS or not m.name:
        return False
    city = set(name_key(m.name).split()) - {"~"}
    return not city & set(name_key(m.surface).split())


def reference_kind(low: str, sentence: Sentence, m: Mention) -> str | None:
    """How ``m`` is only a reference point: 'distance' ('60 km south of Baghdad': the event is
    elsewhere), 'bearing' ('north of Baghdad': near it), 'route' (an end of 'the Baghdad - Kut
    road', a corner of 'the Hama-Aleppo-Raqqa triangle': somewhere along it), or None (a place of
    the event; 'in the south of Baghdad' is inside it)."""
    route = _ROUTE_AFTER.match(low, m.end, sentence.end)
    if route and (route.group("joined") or _JOINED_BEFORE.search(low, max(sentence.start, m.start - 4), m.start)):
        return "route"
    found = _REFERENCE_BEFORE.search(low, max(sentence.start, m.start - 40), m.start)
    if found is None:
        return None
    if _INSIDE_BEFORE.search(low, max(sentence.start, found.start() - 8), found.start()):
        return None
    far = _DISTANCE.search(found.group()) or _DISTANCE_BEFORE.search(low, max(sentence.start, found.start() - 40), found.start())
    return "distance" if far else "bearing"


def in_relative_clause(low: str, sentence: Sentence, m: Mention | Trigger) -> bool:
    """Whether ``m`` (a mention or a trigger) stands in a relative clause (', which ...' up to the
    next comma)."""
    opened = None
    for opened in cue("relative").finditer(low, sentence.start, m.start):
        pass
    return opened is not None and "," not in low[opened.end():m.start]


def start_of_clause(low: str, sentence: Sentence, at: int) -> int:
    """Where the clause holding offset ``at`` starts (after the last ';', dash or ', while')."""
    start = sentence.start
    for match in _CLAUSE_BREAK.finditer(low, sentence.start, at):
        start = match.end()
    return start


# ('the villages of A, B and C': the naming word before the whole list)
_NAMING_WORD_BEFORE = named("naming_word_before")
# the kinds of place each naming word names ('the villages of X' are X, 'three villages of Mosul' part of it)
_NAMED_KINDS = {"village": {"village", "hamlet", "town"}, "hamlet": {"village", "hamlet"},
                "town": {"town", "village"}, "city": {"city", "town"}}


def partitive_of(low: str, trigger: Trigger, place: Mention) -> bool:
    """'took half of X', 'seized three districts of eastern X': part of the place, not all of it."""
    if place.start < trigger.end or place.start - trigger.end > 60:
        return False
    end = place.start
    naming = _NAMING_WORD_BEFORE.search(low, trigger.end, end)
    if naming is not None and place.kind in _NAMED_KINDS[naming.group("word")]:
        end = naming.start()  # 'took the villages of X and Y': the words name the villages, all of them
    return cue("partitive").search(low, trigger.end, end) is not None
