"""Generic names by the document's context: 'the airbase', 'the dam', 'the silos', 'the city'.

Such a phrase (``geo/data/gazetteer/generic_names.csv``) takes the place it is located at when a
place follows it ('the grain silos outside al-Rai': al-Rai, precision 2; 'the airbase near Tabqa':
the airbase the gazetteer knows there, else Tabqa at precision 2), else the one place of its kind
that the document names ('the airbase' in a text that names one airbase); otherwise it stays
unplaced (no mention: a generic word is no name).
"""
from __future__ import annotations

import csv
import dataclasses
import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from geo.geoparse.gazetteer import THEATRE_COUNTRIES, GazetteerIndex
from geo.geoparse.index_build import DATA_DIR, read_demonyms
from geo.geoparse.normalize import name_key
from geo.geoparse.ranking import LOWER_ARTICLE_NAME
from geo.geoparse.slots import placed_mention
from geo.knowledge.words import bearing_pattern, place_noun_pattern
from geo.model import Mention

GENERIC_CSV = DATA_DIR / "generic_names.csv"
CAPITAL_CONFIDENCE = 0.7  # 'the capital' of the one country the text names
SITE_NEAR_DEGREES = 0.2  # 'the airbase near Y': an airbase of the gazetteer this close to Y


@dataclasses.dataclass(frozen=True)
class GenericName:
    phrase: str
    kinds: frozenset[str]
    name_words: tuple[str, ...]


@lru_cache(maxsize=1)
def read_generic_names(path: Path | None = None) -> tuple[GenericName, ...]:
    path = path or GENERIC_CSV
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        found = []
        for line, row in enumerate(rows, start=2):
            if not (row.get("phrase") or "").strip():
                raise ValueError(f"{path}, line {line}: a phrase is needed")
            found.append(GenericName(row["phrase"].strip().lower(),
                                     frozenset(k for k in (row.get("kinds") or "").split("|") if k),
                                     tuple(w for w in (row.get("name_words") or "").split("|") if w)))
    return tuple(found)


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern, dict[str, GenericName]]:
    names = {g.phrase: g for g in read_generic_names()}
    phrases = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(names, key=len, reverse=True))
    # 'the airbase', 'the besieged airbase', 'the nearby dam' (one lower-case word between)
    # (no leading word boundary: the pattern is tried at every 'the' of a text, and is 2.5 times
    # faster without; a word ending in 'the' is left out by the caller)
    # (the word between is no name with its article in lower case: 'the al-Hayl gas field' is a name)
    return re.compile(rf"[Tt]he\s+(?:(?!{LOWER_ARTICLE_NAME.pattern})[a-z][\w-]*\s+)?(?P<phrase>{phrases})\b"
                      r"(?!\s+of\b|['’-])"), names


_LOCATED_BY = re.compile(
    r"\s+(?:(?:just\s+)?(?:in|near|outside|at|of|by|around|close\s+to)"
    rf"|(?:\d+\s*(?:km|kilomet(?:re|er)s?)\s+)?{bearing_pattern()}\s+of)"
    rf"\s+(?:the\s+{place_noun_pattern('hint_city', 'hint_village')}\s+of\s+)?")


@lru_cache(maxsize=1)
def _last_words() -> tuple[str, ...]:
    return tuple(sorted({g.phrase.split()[-1] for g in read_generic_names()}))


def _matches(pattern: re.Pattern, text: str) -> list[re.Match]:
    """The generic phrases of a text, found from their last words ('airbase', 'city') backwards:
    a string search for a few words is faster than trying the pattern at every 'the'."""
    found = {}
    for word in _last_words():
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if at and not text[at - 1].isalnum() and not text[end:end + 1].isalnum():
                limit = end + 8  # room for the look-ahead ('the city of': no generic name)
                match = pattern.search(text, max(0, at - 40), limit)
                while match is not None and match.end() != end:
                    match = pattern.search(text, match.start() + 1, limit)
                if match is not None and (not match.start() or not text[match.start() - 1].isalnum()):
                    found[match.start()] = match
            at = text.find(word, end)
    return [found[start] for start in sorted(found)]


def resolve_generic(doc_id: str, text: str, mentions: list[Mention], index: GazetteerIndex) -> list[Mention]:
    """The mentions that the generic phrases of ``text`` resolve to (sorted ``mentions`` given)."""
    pattern, names = _pattern()
    matches = _matches(pattern, text)
    if not matches:
        return []
    lazy: dict[str, object] = {}  # what only some texts need: the places by start, the placed ones

    def placed() -> list[Mention]:
        if "placed" not in lazy:
            lazy["placed"] = [m for m in mentions if m.role == "place" and m.place_id]
        return lazy["placed"]

    named: dict[str, Mention | None] = {}  # phrase -> the one place of its kind the text names
    found = []
    for match in matches:
        start, end = match.start(), match.end()
        k = bisect_left(mentions, end, key=_start) - 1
        while k >= 0 and mentions[k].role == "unresolved":  # 'The airbase' (a toponym pattern) is ours
            k -= 1
        if k >= 0 and mentions[k].end > start:
            continue  # part of a name already found ('the Tabqa dam')
        generic = names[re.sub(r"\s+", " ", match.group("phrase").lower())]
        mention = None
        link = _LOCATED_BY.match(text, end)
        if link is not None:
            if "by_start" not in lazy:
                lazy["by_start"] = {m.start: m for m in placed()}
            mention = _located(doc_id, match, generic, lazy["by_start"].get(link.end()), index)
        if mention is None:
            if generic.phrase not in named:
                named[generic.phrase] = _named_once(generic, placed()) or _capital_of(doc_id, generic, placed(), index)
            if named[generic.phrase] is not None:
                mention = _as(doc_id, match, named[generic.phrase], 1)
        if mention is not None:
            found.append(mention)
    return found


def _fits(generic: GenericName, kind: str | None, *names: str | None) -> bool:
    if not (generic.kinds or generic.name_words):
        return False  # 'the silos' are no place the gazetteer has
    if generic.kinds and kind not in generic.kinds:
        return False
    return not generic.name_words or any(w in (n or "").lower() for n in names for w in generic.name_words)


def _as(doc_id: str, match: re.Match, place: Mention, precision: int) -> Mention:
    return dataclasses.replace(place, doc=doc_id, start=match.start(), end=match.end(), surface=match.group(),
                               precision=precision, confidence=round(place.confidence * 0.9, 3))


def _located(doc_id: str, match: re.Match, generic: GenericName, where: Mention | None,
             index: GazetteerIndex) -> Mention | None:
    """'the silos outside al-Rai', 'the airbase near Tabqa' (``where``: the place after the
    locative): the site there, else the place (precision 2)."""
    if where is None or where.lat is None:
        return None
    if _fits(generic, where.kind, where.name, where.surface):
        return _as(doc_id, match, where, 1)  # 'the city of ...' is excluded by the pattern; 'the town at X'
    if generic.name_words:
        site = _site_near(index, generic, where.lat, where.lon)
        if site is not None:
            return Mention(doc=doc_id, start=match.start(), end=match.end(), surface=match.group(), role="place",
                           place=site, precision=1, confidence=0.6)
    return _as(doc_id, match, where, 2)


def _site_near(index: GazetteerIndex, generic: GenericName, lat: float, lon: float):
    rows = index._db.execute(
        "SELECT DISTINCT p.id, n.name FROM places p JOIN names n ON n.place_id = p.id WHERE p.kind = 'facility' "
        "AND p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ?",
        (lat - SITE_NEAR_DEGREES, lat + SITE_NEAR_DEGREES, lon - SITE_NEAR_DEGREES, lon + SITE_NEAR_DEGREES)).fetchall()
    ids = sorted({pid for pid, name in rows if any(w in name.lower() for w in generic.name_words)})
    places = [index.place(pid) for pid in ids]
    places = [p for p in places if p is not None]
    if not places:
        return None
    return min(places, key=lambda p: (p.lat - lat) ** 2 + (p.lon - lon) ** 2)


def _capital_of(doc_id: str, generic: GenericName, placed: list[Mention], index: GazetteerIndex) -> Mention | None:
    """'the capital' in a text that names one country of the theatre (and no other country):
    the place the gazetteer calls '<demonym> capital' of that country ('Iraqi capital')."""
    if generic.kinds != {"capital"}:
        return None
    countries = {m.country for m in placed if m.kind == "country"}
    if len(countries) != 1 or not countries <= set(THEATRE_COUNTRIES):
        return None
    (country,) = countries
    for demonym, code in sorted(read_demonyms().items()):
        if code != country:
            continue
        for place in index.candidates(name_key(f"{demonym} capital")):
            if place.country == country and place.kind in ("city", "capital"):
                return placed_mention(doc_id, 0, place.name, place, 1, CAPITAL_CONFIDENCE)
    return None


def _start(mention: Mention) -> int:
    return mention.start


def _named_once(generic: GenericName, placed: list[Mention]) -> Mention | None:
    """'the airbase' in a text that names one airbase (or one city, for 'the city')."""
    if not generic.kinds:
        return None  # 'the silos': only where the text locates them
    kinds = generic.kinds
    fitting = [m for m in placed if m.kind in kinds and _fits(generic, m.kind, m.name, m.surface)]
    if len({m.place_id for m in fitting}) != 1:
        return None
    return fitting[0]
