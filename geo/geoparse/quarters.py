"""Parts of the city a text is about: 'the neighbourhoods of al-Ardi, al-Orfi and Kanamat',
'clashes in al-Rasafa, al-Ommal and al-Jabilah districts', 'near the al-Sina'a neighbourhood'.

The gazetteer holds few city quarters (OCHA's of Syria, GeoNames' of Baghdad). A name that the
text calls a neighbourhood or quarter (or lists before 'districts'), that no stage placed, or
placed on a village, quarter or district elsewhere (more than ``slots.TOWN_PART_KM`` from the city), is taken
to be a part of the town named right after it ('the X neighbourhood of Fallujah') or else of the
city the document names most (at least twice; a city of Syria or Iraq), and is placed at that
city (precision 2). Once a name is a part of the city, its other mentions in the text are too
('It advanced in al-Ommal and Rasafa'). A name placed inside the city, or on a town, city or
region, is left as it is.
"""
from __future__ import annotations

import re
from collections import Counter

from geo.geoparse.context import arabic_noun_before
from geo.geoparse.gazetteer import THEATRE_COUNTRIES, GazetteerIndex
from geo.geoparse.normalize import name_key
from geo.geoparse.slots import NAME, placed_mention, within_town
from geo.knowledge import alternation, bearing_pattern, community_adjectives, place_nouns
from geo.model import TOWN_KINDS, VILLAGE_KINDS, Mention

_LIST = rf"{NAME}(?:[ \t]*,[ \t]*{NAME}){{0,6}}(?:[ \t]*,?[ \t]+and[ \t]+{NAME})?"
_PART_WORDS = tuple(f(w) for w in place_nouns("city_part", "city_part_unplaced") for f in (str.lower, str.capitalize))
# the words that make a quarter only of a name no stage placed on a unit ('the Qadisiya District')
_UNPLACED_PART_WORDS = frozenset(f(w) for w in place_nouns("city_part_unplaced") for f in (str.lower, str.capitalize))
# 'the neighbourhoods of A, B and C' (after the word)
_PARTS_OF = re.compile(rf"[ \t]+of[ \t]+(?:the[ \t]+)?(?P<list>{_LIST})")
# 'A, B and C districts', 'the A neighbourhood' (before it)
_PARTS_BEFORE = re.compile(rf"(?<![\w'’-])(?P<list>{_LIST})[ \t]+$")
_LONGEST_LIST = 250  # characters a list before the word may take
_ARTICLE = re.compile(r"^(?:[Aa]l|[Ee]l)[- ]")
_ONE_NAME = re.compile(NAME)
# a word that describes a quarter without naming it: 'Shiite al-Amil', 'Western neighbourhoods'
_DESCRIBING = re.compile(rf"(?:(?:{alternation(community_adjectives())}|(?i:{bearing_pattern(ern=True)}))(?:[ \t]+|$))+")
# 'A neighbourhood of Fallujah city', 'A, B districts in Aleppo': the town named right after
_OF_TOWN = re.compile(r"[ \t]+(?:of|in)[ \t]+(?:the[ \t]+)?(?:city[ \t]+of[ \t]+)?")
_CITY_KINDS = frozenset({"city", "capital"})
# a namesake elsewhere may be the quarter ('the Qadisiya neighbourhood' is no governorate)
_MOVABLE_KINDS = VILLAGE_KINDS | {"district", "subdistrict", "governorate"}
# what a name called a district ('the Tameem district') was placed on when it is no district: a
# village elsewhere, or a governorate (Ta'mim, Kirkuk's old name; a governorate is never a district)
_NO_DISTRICT_KINDS = VILLAGE_KINDS | {"governorate"}
QUARTER_CONFIDENCE = 0.5
CITY_MENTIONS = 2  # how often a text names the city it is about
_NOT_QUARTERS = frozenset({"the", "and", "in", "on", "at", "of"})


def _names(text: str, match: re.Match) -> list[tuple[int, int]]:
    """The spans of the names a match lists, the words that only describe them left out."""
    spans = []
    for m in _ONE_NAME.finditer(text, match.start("list"), match.end("list")):
        start, end = m.span()
        describing = _DESCRIBING.match(text, start, end)
        if describing:
            start = describing.end()
        if start < end and text[start:end].split()[0].lower() not in _NOT_QUARTERS:
            spans.append((start, end))
    return spans


def _without_part_word(surface: str) -> str:
    """'Qadisiya District' (a name the gazetteer holds with its quarter word) -> 'Qadisiya'."""
    name, _, word = surface.rpartition(" ")
    return name if name and word in _PART_WORDS else ""


def _part_words(text: str) -> list[tuple[int, int]]:
    """Where the quarter words lie (whole words; the longest at a start), by string search (the
    lists are read around each)."""
    found: dict[int, int] = {}
    for word in _PART_WORDS:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if (not at or not text[at - 1].isalnum()) and not text[end:end + 1].isalnum():
                found[at] = max(found.get(at, 0), end)
            at = text.find(word, end)
    return sorted(found.items())


def _city_of(mentions: list[Mention]) -> Mention | None:
    """The city of Syria or Iraq the document names most, at least twice (the first named, on a tie)."""
    cities = [m for m in mentions if m.role == "place" and m.kind in _CITY_KINDS and m.country in THEATRE_COUNTRIES]
    if not cities:
        return None
    counts = Counter(m.place_id for m in cities)
    best = max(counts.values())
    if best < CITY_MENTIONS:
        return None  # a city named once is no city the text is about
    return next(m for m in cities if counts[m.place_id] == best)


def _town_after(text: str, end: int, by_start: dict[int, Mention]) -> Mention | None:
    """The town of Syria or Iraq named right after a quarter word ('... neighbourhood of Fallujah')."""
    link = _OF_TOWN.match(text, end)
    town = by_start.get(link.end()) if link else None
    if town is not None and town.role == "place" and town.kind in TOWN_KINDS and town.country in THEATRE_COUNTRIES:
        return town
    return None


def place_quarters(doc_id: str, text: str, mentions: list[Mention], index: GazetteerIndex) -> list[Mention]:
    """``mentions`` (sorted) with the quarters of the document's city placed at the city."""
    if _ARABIC_LETTER.search(text):
        mentions = _arabic_quarters(doc_id, text, mentions, index)
    if not any(word in text for word in _PART_WORDS):  # (ten times faster than the pattern)
        return mentions
    by_end = {m.end: m for m in mentions}
    # a 'city_part_unplaced' word ('the Qadisiya District') names a quarter only after a name a
    # stage left unresolved or placed on a village or a governorate (the mention may hold the word)
    words, unplaced = [], {}
    for start, end in _part_words(text):
        if text[start:end] not in _UNPLACED_PART_WORDS:
            words.append((start, end))
        elif (m := by_end.get(start - 1) or by_end.get(end)) is not None \
                and (m.role == "unresolved" or m.role == "place" and m.kind in _NO_DISTRICT_KINDS):
            unplaced[end] = m.surface if m.end < end else _without_part_word(m.surface)
    if not words and not unplaced:
        return mentions
    city = _city_of(mentions)
    by_start = {m.start: m for m in mentions}
    towns: dict[str, Mention] = {}  # name key -> the town it is a quarter of
    surfaces: set[str] = set()
    unplaced_only: set[str] = set()  # the keys of names only a 'city_part_unplaced' word calls quarters

    def add(surface: str, town: Mention) -> None:
        key = name_key(surface)
        if key and key not in towns:
            towns[key] = town
            surfaces.update((surface, _ARTICLE.sub("", surface)))

    for word_start, word_end in words:
        listed = []
        after = _PARTS_OF.match(text, word_end)
        if after and city is not None:
            listed.append((after, city))
        before = _PARTS_BEFORE.search(text, max(0, word_start - _LONGEST_LIST), word_start)
        if before:
            town = _town_after(text, word_end, by_start) or city
            if town is not None:
                listed.append((before, town))
        for match, town in listed:
            for start, end in _names(text, match):
                add(text[start:end].rstrip("'’"), town)
    for word_end, surface in unplaced.items():
        town = _town_after(text, word_end, by_start) or city
        if town is not None and surface and name_key(surface) not in towns:
            unplaced_only.add(name_key(surface))
            add(surface, town)
    if not towns:
        return mentions
    places = {}
    for town in set(t.place_id for t in towns.values()):
        places[town] = index.place(town or "")
    # every mention of those names, and their occurrences no stage took ('It advanced in Rasafa')
    found: dict[int, Mention] = {}
    covered = [(m.start, m.end) for m in mentions]
    for m in mentions:
        key = name_key(m.surface)
        if key not in towns:
            key = name_key(_without_part_word(m.surface))
        town = towns.get(key)
        if town is not None and places[town.place_id] is not None and _movable(m, town, key in unplaced_only):
            found[m.start] = placed_mention(doc_id, m.start, m.surface, places[town.place_id], 2, QUARTER_CONFIDENCE)
    names = re.compile(r"(?<![\w'’-])(?:(?:[Aa]l|[Ee]l)[- ])?(?:"
                       + "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True)) + r")(?![\w'’-])")
    for match in names.finditer(text):
        start, end = match.span()
        surface = text[start:end]
        town = towns.get(name_key(surface))
        if town is None or places[town.place_id] is None or start in found \
                or any(s < end and start < e for s, e in covered):
            continue
        found[start] = placed_mention(doc_id, start, surface, places[town.place_id], 2, QUARTER_CONFIDENCE)
    if not found:
        return mentions
    out = [m for m in mentions if not any(f.start < m.end and m.start < f.end for f in found.values())]
    return sorted(out + list(found.values()), key=lambda m: m.start)


_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_ARABIC_WORDS = re.compile(r"[\s\u0600-\u06ff]+")
ARABIC_TOWN_WINDOW = 50  # characters between a quarter's name and the town it is said to lie in


def _arabic_quarters(doc_id: str, text: str, mentions: list[Mention], index: GazetteerIndex) -> list[Mention]:
    """'حي الزهراء في الساحل الأيسر لمدينة الموصل': a name after a neighbourhood noun (ar/words.toml)
    that no stage placed inside a town is a part of the town named in the next few words (or of the
    city the text is about), placed at that town (precision 2), as 'the X neighbourhood of Mosul'."""
    out = list(mentions)
    city: list[Mention | None] = []
    for i, m in enumerate(mentions):
        if m.role not in ("place", "unresolved") or not "\u0600" <= m.surface[:1] <= "\u06ff":
            continue
        noun = arabic_noun_before(text, m.start)
        if noun is None or noun[0] != "neighbourhood":
            continue
        town = next((t for t in mentions[i + 1:] if t.start - m.end <= ARABIC_TOWN_WINDOW and t.role == "place"
                     and t.kind in TOWN_KINDS and t.country in THEATRE_COUNTRIES
                     and _ARABIC_WORDS.fullmatch(text, m.end, t.end)), None)  # (not a gloss in Latin letters)
        if town is None:
            city = city or [_city_of(mentions)]
            town = city[0]
        place = index.place(town.place_id) if town is not None else None
        if place is not None and _movable(m, town):
            out[i] = placed_mention(doc_id, m.start, m.surface, place, 2, QUARTER_CONFIDENCE)
    return out


def _movable(mention: Mention, city: Mention, unplaced_only: bool = False) -> bool:
    """Whether a mention may be read as a quarter of ``city``: unresolved, or a village or quarter
    elsewhere (or, unless ``unplaced_only``, a unit elsewhere; a governorate in either case)."""
    if mention.role == "unresolved":
        return True
    return mention.role == "place" and mention.kind in (_NO_DISTRICT_KINDS if unplaced_only else _MOVABLE_KINDS) \
        and not within_town(mention.lat, mention.lon, city)
