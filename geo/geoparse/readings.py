"""Readings of a name hit that the ranking does not settle: whether the words around it say it
names no place here (a person's title or role before it, a date after it, a desk or a longer
name around it), a place qualified by a part ('the old city of X'), the governorate a word names
('the governorate of X', 'the provincial boundary between X and Y'), and bearings ('X, 20 km
north of Y'). Used by :class:`geo.geoparse.resolver.Resolver`."""
from __future__ import annotations

import dataclasses
from bisect import bisect_left
import math
import re
from collections import Counter

from geo.casefold import lowered
from geo.geoparse import context
from geo.geoparse.gazetteer import THEATRE_COUNTRIES, is_curated
from geo.geoparse.matcher import NameHit
from geo.geoparse.normalize import token_key
from geo.distance import km_between
from geo.geoparse.slots import LONGEST_SLOT, STARTS_WITH_PLACE_WORD, slot_before
from geo.geoparse.ranking import (COMMON_AT_SENTENCE_START, COMPASS_WORDS, DIRECTION_KM, LISTED_AFTER,
                                  NAME_HEADS, NEXT_WORD, word_zipf)
from geo.knowledge import alternation, bearing_pattern, month_abbreviations, month_names
from geo.knowledge import place_noun_pattern, place_nouns, roles, titles
from geo.model import TOWN_KINDS, VILLAGE_KINDS, Mention, Place


# 'SDF adviser Nasser al-Hajj Mansour', 'YPG spokesperson Shiyar Hasakah': a role, then a
# person's given name(s): the name that follows is a family name, even when it is also a place
_ROLE_WORDS = frozenset(roles())
_ROLE_THEN_NAMES = re.compile(
    rf"\b(?i:{alternation(roles())})\.?"
    r"(?:[ \t]+(?:(?:al|el|abu|bin|ibn|umm)[- ])?[A-Z][\w'’]+){1,3}[ \t]+(?:(?:al|el|abu|bin|ibn)[- ])?$")
# 'EUPHRATES DESK', 'RAQQA BUREAU': a capitalised byline, not a place
_DESK_AFTER = re.compile(r"[ \t]+(?:DESK|BUREAU|TEAM|NEWSROOM|STAFF|SERVICE|UNIT)\b")
# 'General Taie', 'Dr. Hamdan': a title right before a name makes it a person's
_TITLES = frozenset(titles())
# what may follow a name and make it no place (one pattern, tried once per hit):
# 'Sabaa al-Bour' (an unknown 'al' word), 'the Al Bashir center', 'al-Nour Street', 'the Shabak
# minority' (a building, a street or a people), 'the Nidaa Diyala Brigade', 'Diyala Operations
# Command' (a unit's capitalised name)
_AFTER_NAME = re.compile(
    r"[ \t]+(?:(?P<article>(?:al|el|Al|El)[- ])[A-Z]"
    r"|(?i:(?P<building>cent(?:er|re)|headquarters|hospital|school|mosque|hotel|company|factory|building|office|"
    r"(?:residential[ \t]+|housing[ \t]+)?project|"
    r"street|bakery|church|university|stadium|clinic|court|minority|community|sect))\b"
    r"|(?:[A-Z][\w'’-]+[ \t]+){0,2}?(?P<unit>Brigades?|Division|Regiment|Battalion|Corps|Legion|Army|"
    r"Front|Forces|Council|Command)\b)")
_ARTICLE_OPENINGS = frozenset({"al-", "Al-", "el-", "El-", "al ", "Al ", "el ", "El "})
# the first letter of a word that may begin one of them: a quick test before the pattern
_MAY_FOLLOW = re.compile(r"[A-Zaecbfhmoprsu]")


def word_before(text: str, start: int) -> str:
    """The word right before ``start`` (over spaces and hyphens), or '' (an opening bracket or
    quote before it left out: '(Tal' is 'Tal')."""
    end = start
    while end and text[end - 1] in " \t-‑–":
        end -= 1
    low = max(0, end - 25)
    begin = max(text.rfind(" ", low, end), text.rfind("\n", low, end), text.rfind("\t", low, end)) + 1
    return text[max(begin, low):end].lstrip(_OPENING)


_OPENING = "([\"“‘'"


def names_no_place(text: str, hit: NameHit, previous: str) -> bool:
    """A person's family name after a role and a given name, or a news desk in capitals."""
    if (previous[:1].isupper() or previous[:3].lower() in ("al-", "el-", "al", "el", "abu", "bin", "ibn")) \
            and not _ROLE_WORDS.isdisjoint(text[max(0, hit.start - 60):hit.start].lower().replace(".", " ").split()) \
            and _ROLE_THEN_NAMES.search(text, max(0, hit.start - 60), hit.start):
        return True
    return hit.surface.isupper() and bool(_DESK_AFTER.match(text, hit.end))


_BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
             "southwest": 225.0, "west": 270.0, "northwest": 315.0}
BEARING_TOLERANCE = 67.5  # degrees either side of the direction given


def _bearing_error(direction: str, place: Place, outer: Place) -> float:
    wanted = _BEARINGS.get(direction.lower().replace("-", ""))
    north = place.lat - outer.lat
    east = (place.lon - outer.lon) * math.cos(math.radians(outer.lat))
    if wanted is None or abs(north) + abs(east) < 1e-6:
        return 0.0
    return abs((math.degrees(math.atan2(east, north)) - wanted + 180.0) % 360.0 - 180.0)


def on_bearing(direction: str, place: Place, outer: Place) -> bool:
    """'X, 140 km northeast of Y': X lies roughly in that direction from Y (north to east-south-east
    for 'northeast'), which tells apart namesakes at the same distance."""
    return _bearing_error(direction, place, outer) <= BEARING_TOLERANCE


def fit(link: re.Match, place: Place, outer: Place) -> float:
    """How far a place is from 'D km <direction> of Y': the relative distance error plus the
    direction's error (a right angle counting as much as the whole distance)."""
    km = float(link.group("distance")) * (1.609 if link.group("unit") == "miles" else 1.0)
    off = abs(km_between((place.lat, place.lon), (outer.lat, outer.lon)) - km) / max(km, 1.0)
    return off + _bearing_error(link.group("direction"), place, outer) / 90.0


def distance_window(link: re.Match) -> tuple[float, float]:
    """How far from Y a place 'X, 15 km north of Y' may lie: about the distance given (reporters
    round, and give road distances), or anywhere within ``DIRECTION_KM`` when none is given."""
    if link.group("distance") is None:
        return 0.0, DIRECTION_KM
    km = float(link.group("distance")) * (1.609 if link.group("unit") == "miles" else 1.0)
    return max(0.0, 0.4 * km - 10.0), 1.3 * km + 10.0


_MONTHS = frozenset(month_names() + month_abbreviations())
_YEAR_AFTER = re.compile(r",?[ \t]+(?:1[89]|20)\d\d\b|[ \t]+\d{1,2}(?:st|nd|rd|th)?\b")
_DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?[ \t]+$")


def names_no_place_here(text: str, hit: NameHit, candidates: tuple[Place, ...], starts: set[int],
                         ends: set[int]) -> bool:
    """Whether the words around a hit make it something else than a place:
    - 'in May 2015', 'on 3 May': a date; so too a month name alone that only a place abroad answers to;
    - 'General Taie', 'the Mukhtar of Qujman': a title makes a person (a village head, not the
      village Al-Mukhtar);
    - 'the Nidaa Diyala Brigade': a unit's capitalised name;
    - 'the Al Bashir center', 'al-Nour Street', 'the Shabak minority': a village's name before a
      building, street or people word (a town's name does not: 'Kafr Nabl hospital' is in Kafr Nabl);
    - 'Sabaa al-Bour', 'Ahrar al Sharqiyah', 'Mustafa al Kadhimi': a village's one word before an
      'al' word that no hit starts on begins a longer name ('Deraa al-Balad', a curated town, is a
      part of the town); 'Bunyan Sabar al-Obeidi': an 'al' name after a rare capitalised word
      that no hit ends on ends one (``ends``: where the document's hits end).
    """
    start, end = hit.start, hit.end
    if hit.surface in _MONTHS and (_YEAR_AFTER.match(text, end) or _DAY_BEFORE.search(text, max(0, start - 4), start)
                                   or all(c.country not in THEATRE_COUNTRIES for c in candidates)):
        return True  # 'in May 2015', 'on 3 May', 'in May' (no Japanese province Mie): a date
    if start > 1 and text[start - 1] == " ":
        word = text[text.rfind(" ", max(0, start - 14), start - 1) + 1:start - 1]
        if word in _TITLES or word in ("the", "a", "The", "A") and hit.surface.lower() in _ROLE_WORDS:
            return True
        if hit.surface[:3] in _ARTICLE_OPENINGS and word[:1].isupper() and word.isalpha() and start - 1 not in ends \
                and word_zipf(word) < COMMON_AT_SENTENCE_START:
            return True  # 'Bunyan Sabar al-Obeidi': a family name (even a town's) after a given name
    if text[end:end + 1] != " " or not _MAY_FOLLOW.match(text, end + 1):
        return False  # 'Aleppo,' 'Aleppo said': nothing follows that could make it anything else
    after = _AFTER_NAME.match(text, end)
    if after is None:
        return False
    if after.lastgroup == "unit":
        return True
    if after.lastgroup == "building":
        return all(c.kind in VILLAGE_KINDS and not is_curated(c.id) for c in candidates
                   if c.country in THEATRE_COUNTRIES)
    return " " not in hit.key and hit.surface[:1].isupper() and after.start("article") not in starts \
        and not any(is_curated(c.id) for c in candidates)


def follows_locative(text: str, hit: NameHit, before: list[tuple[NameHit, tuple[Place, ...]]]) -> bool:
    """'in Texas', and 'in Texas and California': a list shares the locative of its first name."""
    if context.after_locative(text, hit.start):
        return True
    for previous, _ in reversed(before):
        if not LISTED_AFTER.fullmatch(text, previous.end, hit.start):
            return False
        if context.after_locative(text, previous.start):
            return True
        hit = previous
    return False


_HEAD_AFTER = re.compile(r" ([A-Z][a-z]+)(?= [A-Z])")  # 'Syria Tel Hill': one space, a capitalised word, another


def part_of_longer_name(text: str, hit: NameHit, previous: str) -> bool:
    """'Tal' of 'Tal Tuqan', 'Dael' of 'Kafr Dael', 'Syria' of 'Syria Tel Hill': a one-word hit that
    only begins or ends an Arabic place name the gazetteer lacks (the toponym patterns report it
    unresolved)."""
    if " " in hit.key:
        return False
    if hit.key in NAME_HEADS and NEXT_WORD.match(text, hit.end):
        return True
    head_after = _HEAD_AFTER.match(text, hit.end) if hit.surface[:1].isascii() else None
    if head_after and token_key(head_after.group(1)) in NAME_HEADS:
        return True  # 'Syria' of 'Syria Tel Hill': a name right before a head begins a longer one
    last = previous.rpartition("-")[2]  # 'al-Bo' of 'al-Bo Omar': its head after the article
    if hit.key in NAME_HEADS and last[:1].isupper() and last[-2:] not in ("'s", "’s") \
            and last.lower() not in COMPASS_WORDS and word_zipf(last) < 5.0:
        return True  # 'Tel' of 'Tal Syria Tel': a head right after a name ends a longer one
    return last[:1].isupper() and token_key(last) in NAME_HEADS


# names that every city has: in a document they are part of the city it is about
GENERIC_PARTS = frozenset({"old city", "city centre", "city center", "old town", "old market", "downtown",
                            "the old city", "the city centre", "the city center", "the old town"})


def qualified_parts(text: str, mentions: list[Mention]) -> list[Mention]:
    """'Deraa al-Balad': a place followed by an 'al-' word is a part of it (precision 2), not
    two places; 'the Old City' in a report about Mosul is part of Mosul."""
    out: list[Mention] = []
    last_town: Mention | None = None
    named: Counter = Counter()  # how often each town was named so far: the text's city is named most
    for m in mentions:
        previous = out[-1] if out else None
        if previous is not None and previous.role == "place" and previous.kind in TOWN_KINDS \
                and text[previous.end:m.start] == " " and m.surface[:3].lower() in ("al-", "el-", "ad-", "ar-", "as-"):
            out[-1] = dataclasses.replace(previous, end=m.end, surface=text[previous.start:m.end], precision=2)
            continue
        if m.surface.lower() in GENERIC_PARTS and last_town is not None:
            m = dataclasses.replace(last_town, start=m.start, end=m.end, surface=m.surface, precision=2)
        elif m.role == "place" and m.kind in TOWN_KINDS and m.country in THEATRE_COUNTRIES:
            named[m.place_id] += 1
            if last_town is None or named[m.place_id] >= named[last_town.place_id]:
                last_town = m
        out.append(m)
    return out


GOVERNORATE_WORDS = place_nouns("governorate")  # 'governorate', 'province'
_GOVERNORATE_BEFORE = re.compile(rf"\b(?i:{place_noun_pattern('governorate')})\s+of\s+(?:the\s+)?$")
# 'Saladin and Kirkuk Governorates', 'the Aleppo, Deir ez-Zor, and Raqqa Governorates'
_GOVERNORATES_AFTER = re.compile(
    r"(?:\s*(?:,|,?\s+and)\s+[A-Z][\w'’-]*(?:[ -][A-Za-z][\w'’-]*){0,2}?)*,?\s+(?i:"
    + alternation(f"{w}s" for w in place_nouns("governorate")) + r")\b")


# 'the provincial boundary between Hasakah and Raqqa', 'the Salah al-Din - Diyala provincial border'
_BETWEEN_PROVINCES_BEFORE = re.compile(
    r"\bprovincial[ \t]+(?:boundary|border|line)[ \t]+between[ \t]+(?:the[ \t]+)?"
    r"(?:[A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*){0,2}[ \t]+and[ \t]+(?:the[ \t]+)?)?$")
_BETWEEN_PROVINCES_AFTER = re.compile(
    r"(?:[ \t]*(?:-|–|and)[ \t]*[A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*){0,2})?[ \t]+provincial[ \t]+(?:boundary|border|line)\b")


# 'the Southern Raqqa offensive', 'the northern Hama campaign': an operation over part of the governorate
_PART_BEFORE = re.compile(rf"\b(?i:{bearing_pattern(ern=True)})[ \t]+$")
_OPERATION_AFTER = re.compile(r"[ \t]+(?i:offensive|campaign|front)\b")
# 'Hama countryside', 'the Idlib region', 'the countryside of Aleppo': the governorate around the seat
# ('the northern countryside of Aleppo', 'Aleppo's western countryside' is a part of it near the city: the city)
# (and the seats listed with one: 'Idlib, Hama and Aleppo countryside', 'the countryside of Raqqa and Aleppo')
_LISTED_SEAT = r"[A-Z][\w'’-]*(?:[ -](?!(?i:" + bearing_pattern(ern=True) + r")\b)[A-Za-z][\w'’-]*){0,2}?"
_LIST_LINK = r"(?:[ \t]*,[ \t]*|[ \t]*,?[ \t]+and[ \t]+)"
# (a listed seat takes the word in lower case only: 'Erbil, Kurdistan Region' is no list)
_PROVINCE_AFTER = re.compile(rf"(?:[ \t-]+(?i:{place_noun_pattern('province_after')})|(?P<list>(?:{_LIST_LINK}{_LISTED_SEAT})+)"
                             rf"[ \t-]+{place_noun_pattern('province_after')})\b")
# ('Deir Ezzor and Hama countryside' may be the city and Hama's countryside: a list of two is not read so)
_LISTED_BEFORE = re.compile(rf"{_LISTED_SEAT}[ \t]*,[ \t]*$")
_PROVINCE_BEFORE = re.compile(r"(?<![\w-])(?!(?i:" + bearing_pattern(ern=True) + r")[ \t-])[\w-]+[ \t]+(?i:"
                              + place_noun_pattern("province_before") + rf")[ \t]+of[ \t]+(?:the[ \t]+)?"
                              rf"(?:{_LISTED_SEAT}{_LIST_LINK}){{0,3}}$")
PROVINCE_WORDS = place_nouns("province_after", "province_before")
_PROVINCE_WORD_FORMS = tuple(f(w) for w in PROVINCE_WORDS for f in (str.lower, str.capitalize))


def names_seat_as_area(text: str, start: int, end: int) -> bool:
    """'southern Idlib', 'the Idlib offensive': words that may mean a governorate by its seat's bare
    name, when the text names that governorate elsewhere ('positions in Daraa' is left as it is:
    on event notes the bare seat after 'in' is the city more often)."""
    window = max(0, start - 20)
    return _PART_BEFORE.search(text, window, start) is not None \
        or _OPERATION_AFTER.match(text, end, end + 12) is not None


def reads_as_governorate(text: str, start: int, end: int, placed: frozenset[int] = frozenset(),
                          governorate_words: bool = True, province_words: list[int] | None = None) -> bool:
    """``placed``: where the places found before lie (their starts); ``governorate_words``: whether
    the text has a word for a governorate, or for an operation over one, at all; ``province_words``:
    where the words of 'Hama countryside' lie in it (sorted; found here when not given)."""
    if province_words is None:
        province_words = province_word_starts(text)
    k = bisect_left(province_words, start - 90)
    if k < len(province_words) and province_words[k] <= end + 80:
        after = _PROVINCE_AFTER.match(text, end, end + 80)
        if after and after.group("list") and "," not in after.group("list") \
                and not _LISTED_BEFORE.search(text, max(0, start - 40), start):
            after = None
        if (after and not _PART_BEFORE.search(text, max(0, start - 20), start)
                or _PROVINCE_BEFORE.search(text, max(0, start - 90), start)) \
                and not _region_of_a_place(text, start, placed):
            return True
    if not governorate_words:
        return False
    if _OPERATION_AFTER.match(text, end, end + 12) and _PART_BEFORE.search(text, max(0, start - 20), start):
        return True
    return bool(_GOVERNORATES_AFTER.match(text, end, end + 90) or _GOVERNORATE_BEFORE.search(text, max(0, start - 40), start)
                or "provincial" in text[max(0, start - 80):end + 80]
                and (_BETWEEN_PROVINCES_BEFORE.search(text, max(0, start - 80), start)
                     or _BETWEEN_PROVINCES_AFTER.match(text, end, end + 60)))


def province_word_starts(text: str) -> list[int]:
    """Where the words of 'Hama countryside', 'the countryside of Hama' lie in ``text`` (sorted; a
    string search, faster than a pattern)."""
    found = []
    for word in _PROVINCE_WORD_FORMS:
        at = text.find(word)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + 1)
    return sorted(found)


def _region_of_a_place(text: str, start: int, placed: frozenset[int]) -> bool:
    """'Zorbaq village in Hama countryside', 'Tal Rifaat in Aleppo countryside': the seat stands for
    its countryside as the region of a place (the claim engine binds to it so)."""
    slot = slot_before(text, max(0, start - LONGEST_SLOT), _slot_end(text, start))
    if slot is None or not slot.group("link").strip(" \t,("):
        return False  # 'Idlib, Hama and Aleppo countryside' is a list
    return slot.start("name") in placed or bool(STARTS_WITH_PLACE_WORD.match(slot.group("link")))


def _slot_end(text: str, start: int) -> int:
    """Where the link of a slot before a seat ends: before 'the countryside of' when the seat follows it."""
    before = _PROVINCE_BEFORE.search(text, max(0, start - 90), start)
    if before is None:
        return start
    at = text.rfind(" the ", before.start() - 5, before.start() + 1)
    return at + 1 if at >= 0 else before.start()
