"""Names listed before a plural unit word: 'the Afrin and Kobani cantons', 'the Mosul and Tal Afar
districts'. Each listed name is the unit named after it ('Kobani Canton'), not the town, when the
gazetteer knows such a unit in Syria or Iraq; a name it does not know as one is left as it was.
So too a plural site word: 'the Tishrin and Tabqa dams' are Tishrin Dam and Tabqa Dam, not the
village and the city. The words are the place nouns of class ``unit_listed`` and ``site_listed``
(``geo/data/lexicon/words.toml``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Indel

from geo.distance import far_from_all
from geo.geoparse.gazetteer import THEATRE_COUNTRIES, GazetteerIndex
from geo.geoparse.normalize import name_key
from geo.geoparse.ranking import FEATURE_VILLAGE_KM
from geo.geoparse.slots import placed_mention
from geo.geoparse.spelling import consonants
from geo.knowledge import alternation, place_nouns
from geo.model import REGION_KINDS, SMALL_KINDS, TOWN_KINDS, Mention, Place

UNIT_KINDS = frozenset({"region", "district", "subdistrict", "governorate"})
SITE_KINDS = frozenset({"facility"})
UNIT_CONFIDENCE = 0.85
_NAME = r"(?:al-|el-|ar-|as-|ad-)?[A-Z][\w'’-]*(?:[ \t](?:al-|el-|ar-|as-|ad-)?[A-Z][\w'’-]*){0,2}"
_LIST = rf"{_NAME}(?:[ \t]*,[ \t]*{_NAME})*,?[ \t]+and[ \t]+{_NAME}"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    """'the Afrin and Kobani cantons', and for sites also 'the gas fields of al-Hayl and Jazal'."""
    units = alternation(place_nouns("unit_listed", "site_listed"))
    sites = alternation(_site_plurals())
    return re.compile(rf"(?<![\w'’-])(?P<list>{_LIST})[ \t]+(?P<unit>(?i:{units}))\b"
                      rf"|\b(?P<site>(?i:{sites}))[ \t]+of[ \t]+(?:the[ \t]+)?(?P<sites>{_LIST})\b")


@lru_cache(maxsize=1)
def _unit_word() -> re.Pattern:
    """A unit word after 'and' and a name: what every list of units has, found without trying the
    list at each capital (the list pattern then runs only on a text that has one)."""
    return re.compile(rf"\band[ \t]+{_NAME}[ \t]+(?i:{alternation(place_nouns('unit_listed', 'site_listed'))})\b")


@lru_cache(maxsize=1)
def _site_plural_ends() -> frozenset[str]:
    """'fields', 'bases': the last words of the plural site words."""
    return frozenset(w.split()[-1] for w in _site_plurals())


def _names_sites_of(text: str) -> bool:
    """Whether the text has 'the gas fields of', 'the airbases of' (each 's of ' looked at: a
    string search, faster than a pattern)."""
    at = text.find("s of ")
    while at >= 0:
        if text[text.rfind(" ", 0, at) + 1:at + 1].lower() in _site_plural_ends():
            return True
        at = text.find("s of ", at + 5)
    return False


_PART = re.compile(rf"{_NAME}")


@lru_cache(maxsize=1)
def _site_plurals() -> frozenset[str]:
    return frozenset(w.lower() for w in place_nouns("site_listed"))


def _singular(unit: str) -> str:
    """The singular unit word of a written plural ('Cantons' -> 'canton', 'dams' -> 'dam'); a
    singular as written."""
    low = unit.lower()
    if low in _site_plurals():
        return low[:-1]  # the site words take an -s
    return max((w for w in place_nouns("unit_listed") if low.startswith(w.lower()) and low != w.lower()),
               key=len, default=low)


def read_listed_units(doc_id: str, text: str, mentions: list[Mention], index: GazetteerIndex) -> list[Mention]:
    """``mentions`` (sorted) with the names listed before a plural unit word read as those units."""
    if " and " not in text or not (_unit_word().search(text) or _names_sites_of(text)):
        return mentions
    found: list[Mention] = []
    for match in _pattern().finditer(text):
        written, listed = ("site", "sites") if match.group("site") else ("unit", "list")
        unit = _singular(match.group(written))
        if unit == match.group(written).lower():
            continue  # 'Afrin and Kobani canton' is no list of units
        offset = match.start(listed)
        placed = {m.start: m for m in mentions if m.role == "place" and m.kind in TOWN_KINDS}
        for part in _PART.finditer(match.group(listed)):
            if match.group(written).lower() in _site_plurals():
                place = _unit_named(index, part.group(), unit, SITE_KINDS) or _site_spelled_alike(index, part.group(), unit)
            else:
                place = _unit_named(index, part.group(), unit) or _unit_of(index, placed.get(offset + part.start()), unit)
            if place is not None:
                found.append(placed_mention(doc_id, offset + part.start(), part.group(), place, 3, UNIT_CONFIDENCE))
            elif match.group(written).lower() in _site_plurals() \
                    and _far_settlement(mentions, offset + part.start(), offset + part.end()):
                found.append(Mention(doc=doc_id, start=offset + part.start(), end=offset + part.end(),
                                     surface=part.group(), role="unresolved"))
    if not found:
        return mentions
    spans = [(m.start, m.end) for m in found]
    kept = [m for m in mentions if not any(m.start < end and start < m.end for start, end in spans)]
    return sorted(kept + found, key=lambda m: m.start)


def _far_settlement(mentions: list[Mention], start: int, end: int) -> bool:
    """Whether the name at ``start:end`` was placed on a settlement farther than
    ``FEATURE_VILLAGE_KM`` from every other place of Syria or Iraq the text names: 'the Wadi Deif
    and Hamadiyah bases' in a report on Abu al-Duhur are no village 100 km off (a base named after a
    village lies near it)."""
    own = next((m for m in mentions if m.start == start and m.end == end), None)
    if own is None or own.role != "place" or own.kind not in SMALL_KINDS:
        return False
    others = [(m.lat, m.lon) for m in mentions if m.role == "place" and m.lat is not None and m is not own
              and m.place_id != own.place_id and m.country in THEATRE_COUNTRIES and m.kind not in REGION_KINDS]
    return far_from_all((own.lat, own.lon), others, FEATURE_VILLAGE_KM)


def _unit_of(index: GazetteerIndex, town: Mention | None, unit: str) -> Place | None:
    """The district (sub-district) named after the town: the one that holds it, its name spelled
    with the town's consonants ('Tal Afar' and Telafar District)."""
    level = {"d": 1, "s": 2}.get(unit[:1])
    if town is None or level is None:
        return None
    code = index.admin_codes(town.place_id or "")[level]
    place = index.place(f"oc:{code}") if code else None
    if place is None or consonants(name_key(town.surface)) not in consonants(name_key(place.name)):
        return None
    return place


def _unit_named(index: GazetteerIndex, name: str, unit: str, kinds: frozenset[str] = UNIT_KINDS) -> Place | None:
    for place in index.candidates(name_key(f"{name} {unit}")):
        if place.kind in kinds and place.country in THEATRE_COUNTRIES:
            return place
    return None


def _site_spelled_alike(index: GazetteerIndex, name: str, unit: str) -> Place | None:
    """The site of Syria or Iraq named with the site word whose name has the consonants of ``name``
    ('al-Hayl gas field' and Al Hail Gas Field), when no name of it is spelled so; of several
    (Al Hawl Gas Field too), the one spelled closest, if only one is."""
    key = name_key(f"{name} {unit}")
    wanted, tail = consonants(key), " " + name_key(unit)
    keys, ids = index.names_of_kind("facility")
    found: dict[str, int] = {}
    for other, place_id in zip(keys, ids):
        if other.endswith(tail) and consonants(other) == wanted:
            found[place_id] = min(found.get(place_id, 99), Indel.distance(key, other))
    ranked = sorted(found.items(), key=lambda item: item[1])
    if not ranked or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return index.place(ranked[0][0])
