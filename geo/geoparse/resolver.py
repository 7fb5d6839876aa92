"""From name hits to mentions: rank each hit's candidate places by the document's context.

Signals, in the spirit of Mordecai's ranker but without a model: the curated theatre
gazetteer and the Syria/Iraq prior, the countries the document talks about, the distance to the
places it names without ambiguity, population, and the kind the surrounding words ask for.
"""
from __future__ import annotations

import dataclasses
import math
import re
from functools import lru_cache
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from geopy.distance import great_circle

from geo.casefold import lowered
from geo.geoparse import context
from geo.geoparse.gazetteer import CURATED, DEMONYM, STOP, THEATRE_COUNTRIES, GazetteerIndex, is_curated, read_demonyms
from geo.geoparse.matcher import NameHit, starts_sentence
from geo.geoparse.memo import BoundedMemo
from geo.geoparse.normalize import name_key, token_key
from geo.knowledge import alternation, bearing_pattern, compass_points, link_words, month_abbreviations, month_names
from geo.knowledge import name_heads, place_noun_pattern, place_nouns, roles, titles
from geo.model import REGION_KINDS, Mention, Place

# A place outside Syria and Iraq is taken only when the text points abroad: its country is named
# (or evidenced) elsewhere in the document, or it is a city this large.
ABROAD_MIN_POPULATION = 1_000_000

# Words that begin Arabic place names ('Tal Tuqan', 'Kafr Dael'): alone, next to another
# capitalised word, they are part of a longer name the gazetteer lacks, not a place themselves.
_NAME_HEADS = frozenset(token_key(w) for w in name_heads("part"))
_NEXT_WORD = re.compile(r"[ \t]*[-‑–]?[ \t]*(?:(?:al|el|ash|esh|as|ar|er|az|ad|ed|at|et|an|en|ez|es)[- ])?([A-Z][\w'’]*)")

# 'X in Y', 'X, Y', 'X village in the eastern countryside of Y', 'X town in Y countryside':
# what may stand between a place and the region that contains it
_CONTAINED_IN = re.compile(
    r"(?:[ \t]+" + place_noun_pattern("contained") +
    # 'Abara, a majority-Sunni village in Diyala', 'Baybukh, a village north of the city of Mosul'
    r"|[ \t]*,[ \t]+an?[ \t]+(?:[\w-]+[ \t]+){0,3}?" + place_noun_pattern("apposition") + ")?"
    r"(?:[ \t]*,[ \t]*|[ \t]+" + alternation(link_words("containment")) + r"[ \t]+|[ \t]+(?=(?:some|about|\d|"
    + alternation(compass_points()) + r")))"
    r"(?:the[ \t]+)?(?:(?:some[ \t]+|about[ \t]+)?(?:(?P<distance>\d+(?:\.\d+)?)[ \t]*(?P<unit>km|kilomet(?:re|er)s?|miles)"
    r"(?:[ \t]*\([^()]{1,25}\))?[ \t]+)?"
    r"(?P<direction>" + bearing_pattern() + r")[ \t]+of[ \t]+(?:the[ \t]+)?)?"
    r"(?:" + bearing_pattern(ern=True) + r"[ \t]+)?"
    r"(?:" + place_noun_pattern("region_of") + r"[ \t]+of[ \t]+)?"
    r"(?:the[ \t]+)?(?:(?:[A-Z][a-z]+[ \t]+)?" + place_noun_pattern("city_of") + r"[ \t]+of[ \t]+)?$")
# how far from a container of each kind a place it holds may lie, when P-codes do not say
_CONTAINER_KM = {"governorate": 200.0, "district": 80.0, "subdistrict": 40.0, "region": 300.0}
_TOWN_KM = 40.0
_DIRECTION_KM = 300.0
_LONGEST_LINK = 90  # characters 'X ... in the north-eastern countryside of Y' may put between X and Y

# A name found only in GeoNames whose surface is this common as an English word (wordfreq Zipf)
# is not taken as a place anywhere ('This', 'June'), or at the start of a sentence ('But',
# 'Save', 'Much'). A curated name in lower case ('raqqa') is taken unless the word is common ('us').
COMMON_AT_SENTENCE_START = 3.0
COMMON_ANYWHERE = 4.0
LOWERCASE_COMMON = 3.5
# a first-level division abroad (no population in the source) ranks as a place of this size:
# 'Ontario' is the province before the Californian city of 170,000
PROVINCE_POPULATION = 1_000_000
NAMED_GOVERNORATE_BONUS = 0.5  # a place inside a governorate the document names (breaks near-ties)
_LISTED_AFTER = re.compile(r"\s*(?:,|and|or|,\s*and)\s*")  # 'in Texas, Ohio and California'
# Arabic place names are common words more often ('الطبقة' the layer, 'الباب' the door): an
# Arabic word counts as common from Zipf 4.3 (compared after this offset with the thresholds above)
ARABIC_ZIPF_OFFSET = 0.3


@dataclass
class _Context:
    countries: Counter
    anchors: list[tuple[float, float]]  # (lat, lon) of the places the document names unambiguously
    total: int = field(init=False)  # sum of ``countries``, asked for by every score
    nearest: dict = field(default_factory=dict)  # place id -> km to the nearest anchor
    by_key: Counter = field(default_factory=Counter)  # (key, country) -> what that key gave ``countries``
    governorates: frozenset = frozenset()  # P-codes of the governorates the document names
    admin_codes: Callable[[str], tuple[str, str, str]] | None = None  # a place id's P-codes (asked when governorates)

    def __post_init__(self) -> None:
        self.total = sum(self.countries.values())
        # (lat, lon, cos lat) of each anchor: the nearest is picked on a flat projection, then
        # measured on the sphere (a document names dozens of anchors; most candidates are far)
        self._flat = [(lat, lon, math.cos(math.radians(lat)), (lat, lon)) for lat, lon in self.anchors]

    def nearest_km(self, place: Place) -> float:
        """Great-circle distance to the nearest anchor."""
        km = self.nearest.get(place.id)
        if km is None:
            lat, lon = place.lat, place.lon
            nearest, shortest = None, math.inf
            for anchor_lat, anchor_lon, cos_lat, anchor in self._flat:
                flat = (lat - anchor_lat) ** 2 + ((lon - anchor_lon) * cos_lat) ** 2
                if flat < shortest:
                    nearest, shortest = anchor, flat
            km = self.nearest[place.id] = _km((lat, lon), nearest)
        return km


@lru_cache(maxsize=262_144)
def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """geopy's great-circle distance, memoised: a corpus names the same places again and again."""
    return great_circle(a, b).km


def _is_arabic(word: str) -> bool:
    return "\u0600" <= word[:1] <= "\u06ff"


@lru_cache(maxsize=100_000)
def word_zipf(word: str) -> float:
    """How common a word is in English, or in Arabic for a word in Arabic script (wordfreq Zipf)."""
    from wordfreq import zipf_frequency

    if _is_arabic(word):
        return zipf_frequency(word, "ar") - ARABIC_ZIPF_OFFSET
    return zipf_frequency(word.lower(), "en")




def _is_common_word(surface: str) -> bool:
    """'War', 'Hit': a one-word name that is mostly an English word (wordfreq Zipf >= 4.5)."""
    words = surface.replace("-", " ").split()
    return len(words) == 1 and not _is_arabic(surface) and word_zipf(words[0]) >= 4.5


_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                            "central", "upper", "lower", "northeastern", "northwestern", "southeastern",
                            "southwestern", "north-eastern", "north-western", "south-eastern", "south-western",
                            "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
                            "south-east", "south-west"})


# first words of first-level divisions abroad that only describe ('North-West', 'Central', 'Capital')
_GENERIC_REGION_KEYS = frozenset(token_key(w) for w in (*_COMPASS_WORDS, "capital", "coast", "lakes",
                                                         "centre", "center", "littoral", "islands", "plateau",
                                                         "mountains", "interior", "greater", "middle", "far"))


_LOWER_ARTICLE_NAME = re.compile(r"(?:al|el|ar|as|ash|ad|adh|az|ez|an|at|ath|ad|ed|es|et|er|en|esh)[-‑][A-Z]")


def _lower_case(surface: str) -> bool:
    """'said', 'raqqa': a name in lower case; 'al-Rai' is not (only its article is; when a curated
    place answers to such a name, it is taken among the curated ones as before)."""
    return surface[:1].islower() and not _LOWER_ARTICLE_NAME.match(surface)


def _acceptable(hit: NameHit, text: str) -> bool:
    """Filters that need no candidates: capitalisation, acronyms and common English words."""
    surface = hit.surface
    if hit.flags & CURATED:
        # lower case: never a common word ('us', 'deal')
        if not surface[:1].islower():
            return True
        if surface[:4].lower() == "the " and not surface[4:5].islower():
            return True  # 'the Gulf', 'the Levant'
        words = surface.split()
        if len(words) > 1 and words[-1][:1].isupper() and words[0].lower() not in _COMPASS_WORDS:
            return True  # 'rural Damascus': a phrase, not a common word ('northern Iraq' only describes)
        return word_zipf(surface) < LOWERCASE_COMMON
    if surface[:1].islower() and not _LOWER_ARTICLE_NAME.match(surface) or (surface.isupper() and len(surface) <= 5):
        return False  # 'said', 'man'; but 'al-Rai' is a name whatever the case of its article
    if _is_arabic(surface):  # no capitals to go by: the word itself, clitics off
        forms = (surface, hit.key, "ال" + hit.key)
        return " " in hit.key or max(map(word_zipf, forms)) < COMMON_ANYWHERE
    commonness = word_zipf(surface) if " " not in surface else 0.0
    if commonness >= COMMON_ANYWHERE:
        return False
    if commonness >= COMMON_AT_SENTENCE_START and starts_sentence(text, hit.start):
        return False
    return not _inside_proper_name(text, hit)


_NEXT_NAME = re.compile(r"[ \t]+([A-Z][a-z\u00e0-\u024f]+)")  # 'Kobanî Canton' as well
_PREVIOUS_NAME = re.compile(r"([A-Z][a-z\u00e0-\u024f]+)[ \t]+$")


def _inside_proper_name(text: str, hit: NameHit) -> bool:
    """'Kamal Hassan', 'Talal Silo': a GeoNames-only name next to another capitalised name
    (not a function word like 'In' or 'The') is part of a person's or organisation's name."""
    following = _NEXT_NAME.match(text, hit.end)
    if following and word_zipf(following.group(1)) < 5.0:
        return True
    preceding = _PREVIOUS_NAME.search(text, max(0, hit.start - 30), hit.start)
    return bool(preceding and word_zipf(preceding.group(1)) < 5.0)


@lru_cache(maxsize=65_536)
def _prior(place_id: str, country: str, population: int) -> tuple[float, float]:
    """What a place brings whatever the document: (curated and theatre bonus, population term)."""
    bonus = (3.0 if is_curated(place_id) else 0.0) + (2.0 if country in THEATRE_COUNTRIES else 0.0)
    return bonus, math.log10(population + 1) / 4.0


def _score(place: Place, ctx: _Context, hint: str | None) -> float:
    population = place.population if place.kind != "province" else max(place.population, PROVINCE_POPULATION)
    score, population_term = _prior(place.id, place.country, population)
    if ctx.total and place.country:
        score += 3.0 * ctx.countries[place.country] / ctx.total
    if ctx.anchors and place.kind not in REGION_KINDS:
        score -= min(ctx.nearest_km(place) / 300.0, 4.0)
    if ctx.governorates and place.country in THEATRE_COUNTRIES and place.kind not in REGION_KINDS \
            and ctx.admin_codes(place.id)[0] in ctx.governorates:
        score += NAMED_GOVERNORATE_BONUS
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


def _abroad_is_plausible(place: Place, ctx: _Context, key: str) -> bool:
    """A place outside the theatre, in a document about the theatre, needs the text to point
    abroad: its country named or evidenced by another name (not by this one), or a city of a
    million; a first-level division ('California', 'Hatay') is known well enough on its own,
    unless its name only describes ('North', 'Central', 'Capital')."""
    if place.country in THEATRE_COUNTRIES or is_curated(place.id) or place.kind == "country" or not place.country \
            or place.kind == "province" and key.split()[0] not in _GENERIC_REGION_KEYS:
        return True
    if not any(ctx.countries[code] for code in THEATRE_COUNTRIES):
        return True  # a document about elsewhere
    others = ctx.countries[place.country] - ctx.by_key[(key, place.country)]
    # a city of a million by its own name ('Istanbul'), not by an old or foreign one ('Canton')
    return others > 0 or place.population >= ABROAD_MIN_POPULATION and _main_key(place.name) == key


@lru_cache(maxsize=65_536)
def _main_key(name: str) -> str:
    return name_key(name)


# A village (or a sub-district seat) the text does not locate, farther than this from every place
# it names, is a namesake of one the gazetteer lacks more often than the place meant: unresolved
FAR_VILLAGE_KM = 100.0
FAR_VILLAGE_POPULATION = 20_000
_SMALL_KINDS = frozenset({"village", "hamlet", "neighbourhood", "town"})


def _far_namesake(place: Place, ctx: _Context) -> bool:
    """'Sejar' in a report on Fallujah is no village of Hama: a small place far from every anchor."""
    return bool(ctx.anchors) and place.kind in _SMALL_KINDS and place.population < FAR_VILLAGE_POPULATION \
        and not is_curated(place.id) and ctx.nearest_km(place) > FAR_VILLAGE_KM


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
    r"street|bakery|church|university|stadium|clinic|court|minority|community|sect))\b"
    r"|(?:[A-Z][\w'’-]+[ \t]+){0,2}?(?P<unit>Brigades?|Division|Regiment|Battalion|Corps|Legion|Army|"
    r"Front|Forces|Council|Command)\b)")
_VILLAGE_KINDS = frozenset({"village", "hamlet", "neighbourhood"})
_ARTICLE_OPENINGS = frozenset({"al-", "Al-", "el-", "El-", "al ", "Al ", "el ", "El "})
# the first letter of a word that may begin one of them: a quick test before the pattern
_MAY_FOLLOW = re.compile(r"[A-Zaecbfhmorsu]")


def _word_before(text: str, start: int) -> str:
    """The word right before ``start`` (over spaces and hyphens), or ''."""
    end = start
    while end and text[end - 1] in " \t-‑–":
        end -= 1
    low = max(0, end - 25)
    begin = max(text.rfind(" ", low, end), text.rfind("\n", low, end), text.rfind("\t", low, end)) + 1
    return text[max(begin, low):end]


def _names_no_place(text: str, hit: NameHit, previous: str) -> bool:
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


def _on_bearing(direction: str, place: Place, outer: Place) -> bool:
    """'X, 140 km northeast of Y': X lies roughly in that direction from Y (north to east-south-east
    for 'northeast'), which tells apart namesakes at the same distance."""
    return _bearing_error(direction, place, outer) <= BEARING_TOLERANCE


def _fit(link: re.Match, place: Place, outer: Place) -> float:
    """How far a place is from 'D km <direction> of Y': the relative distance error plus the
    direction's error (a right angle counting as much as the whole distance)."""
    km = float(link.group("distance")) * (1.609 if link.group("unit") == "miles" else 1.0)
    off = abs(_km((place.lat, place.lon), (outer.lat, outer.lon)) - km) / max(km, 1.0)
    return off + _bearing_error(link.group("direction"), place, outer) / 90.0


def _distance_window(link: re.Match) -> tuple[float, float]:
    """How far from Y a place 'X, 15 km north of Y' may lie: about the distance given (reporters
    round, and give road distances), or anywhere within ``_DIRECTION_KM`` when none is given."""
    if link.group("distance") is None:
        return 0.0, _DIRECTION_KM
    km = float(link.group("distance")) * (1.609 if link.group("unit") == "miles" else 1.0)
    return max(0.0, 0.4 * km - 10.0), 1.3 * km + 10.0


_MONTHS = frozenset(month_names() + month_abbreviations())
_YEAR_AFTER = re.compile(r",?[ \t]+(?:1[89]|20)\d\d\b|[ \t]+\d{1,2}(?:st|nd|rd|th)?\b")
_DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?[ \t]+$")


def _names_no_place_here(text: str, hit: NameHit, candidates: tuple[Place, ...], starts: set[int],
                         ends: set[int]) -> bool:
    """Whether the words around a hit make it something else than a place:
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
    if hit.surface in _MONTHS and (_YEAR_AFTER.match(text, end) or _DAY_BEFORE.search(text, max(0, start - 4), start)):
        return True  # 'in May 2015', 'on 3 May': a date
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
        return all(c.kind in _VILLAGE_KINDS and not is_curated(c.id) for c in candidates
                   if c.country in THEATRE_COUNTRIES)
    return " " not in hit.key and hit.surface[:1].isupper() and after.start("article") not in starts \
        and not any(is_curated(c.id) for c in candidates)


def _after_locative(text: str, hit: NameHit, before: list[tuple[NameHit, tuple[Place, ...]]]) -> bool:
    """'in Texas', and 'in Texas and California': a list shares the locative of its first name."""
    if context.after_locative(text, hit.start):
        return True
    for previous, _ in reversed(before):
        if not _LISTED_AFTER.fullmatch(text, previous.end, hit.start):
            return False
        if context.after_locative(text, previous.start):
            return True
        hit = previous
    return False


def _part_of_longer_name(text: str, hit: NameHit, previous: str) -> bool:
    """'Tal' of 'Tal Tuqan', 'Dael' of 'Kafr Dael': a one-word hit that only begins or ends an
    Arabic place name the gazetteer lacks (the toponym patterns report it unresolved)."""
    if " " in hit.key:
        return False
    if hit.key in _NAME_HEADS and _NEXT_WORD.match(text, hit.end):
        return True
    last = previous.rpartition("-")[2]  # 'al-Bo' of 'al-Bo Omar': its head after the article
    return last[:1].isupper() and token_key(last) in _NAME_HEADS


# names that every city has: in a document they are part of the city it is about
_GENERIC_PARTS = frozenset({"old city", "city centre", "city center", "old town", "old market", "downtown",
                            "the old city", "the city centre", "the city center", "the old town"})
_TOWN_KINDS = frozenset({"city", "town", "capital"})


def _qualified_parts(text: str, mentions: list[Mention]) -> list[Mention]:
    """'Deraa al-Balad': a place followed by an 'al-' word is a part of it (precision 2), not
    two places; 'the Old City' in a report about Mosul is part of Mosul."""
    out: list[Mention] = []
    last_town: Mention | None = None
    for m in mentions:
        previous = out[-1] if out else None
        if previous is not None and previous.role == "place" and previous.kind in _TOWN_KINDS \
                and text[previous.end:m.start] == " " and m.surface[:3].lower() in ("al-", "el-", "ad-", "ar-", "as-"):
            out[-1] = dataclasses.replace(previous, end=m.end, surface=text[previous.start:m.end], precision=2)
            continue
        if m.surface.lower() in _GENERIC_PARTS and last_town is not None:
            m = dataclasses.replace(last_town, start=m.start, end=m.end, surface=m.surface, precision=2)
        elif m.role == "place" and m.kind in _TOWN_KINDS and m.country in THEATRE_COUNTRIES:
            last_town = m
        out.append(m)
    return out


_GOVERNORATE_WORDS = place_nouns("governorate")  # 'governorate', 'province'
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
_OPERATION_AFTER = re.compile(r"[ \t]+(?i:offensive|campaign)\b")


def _reads_as_governorate(text: str, start: int, end: int) -> bool:
    if _OPERATION_AFTER.match(text, end, end + 12) and _PART_BEFORE.search(text, max(0, start - 20), start):
        return True
    return bool(_GOVERNORATES_AFTER.match(text, end, end + 90) or _GOVERNORATE_BEFORE.search(text, max(0, start - 40), start)
                or "provincial" in text[max(0, start - 80):end + 80]
                and (_BETWEEN_PROVINCES_BEFORE.search(text, max(0, start - 80), start)
                     or _BETWEEN_PROVINCES_AFTER.match(text, end, end + 60)))


class Resolver:
    """Turns the hits of one document into :class:`Mention` objects."""

    def __init__(self, index: GazetteerIndex) -> None:
        self.index = index
        # key -> (country of the key's places when they share one, else None; the anchor it gives)
        self._evidence: dict[str, tuple[str | None, tuple[float, float] | None]] = BoundedMemo()
        self._provinces: dict[str, tuple[Place, ...]] = BoundedMemo()  # key -> its first-level divisions
        self._town_parts: dict[str, tuple[Place, ...]] = BoundedMemo()  # key -> its neighbourhoods and districts
        self._governorate: dict[str, str] = BoundedMemo()  # key -> P-code of the governorate it names, or ''
        self._governorate_of: dict[str, Place | bool] = BoundedMemo()  # a town's surface -> the governorate named after it

    def resolve(self, doc_id: str, text: str, hits: list[NameHit]) -> list[Mention]:
        demonyms = [self._demonym(doc_id, h) for h in hits if h.flags & DEMONYM]
        demonyms = [m for m in demonyms if m is not None]
        if demonyms:
            hits = [h for h in hits if not h.flags & DEMONYM]
        usable = []
        for h in hits:
            if h.is_stop:
                continue
            if _acceptable(h, text):
                usable.append((h, self.index.candidates(h.key)))
            elif " " in h.key and (parts := self._part_of_town_after_adjective(h, text)):
                usable.append((h, parts))  # 'Shiite New Baghdad district'
            elif (named := self._named_after_direction(h)) is not None:
                usable.append((named, self.index.candidates(named.key)))  # 'northern Iraq': Iraq
            elif h.surface[:1].isupper():
                # 'from Texas': a name common in English text is still a province after 'in', 'from'
                # ('the Qara Chokh mountains' is a longer name, not Togo's Kara)
                provinces = self._provinces.get(h.key)
                if provinces is None:
                    provinces = self._provinces[h.key] = tuple(
                        c for c in self.index.candidates(h.key) if c.kind == "province")
                if provinces and _after_locative(text, h, usable) and not _inside_proper_name(text, h):
                    usable.append((h, provinces))
        usable = [(h, c) for h, c in usable if c]
        ctx = self._context(usable)
        ranked: dict[tuple, tuple[Place, float]] = {}  # one ranking per (key, case, kind hint) a document
        resolved = []
        starts = {h.start for h, _ in usable}
        # one sense per document: a name that is also a common word, once a locative makes it a place
        # ('the town of Hit'), is that place wherever else it is capitalised ('ISIS stormed Hit');
        # worked out when a common word first needs it
        placed: list[set[str]] = []

        def placed_word(hit: NameHit) -> bool:
            if not placed:
                placed.append({h.key for j, (h, _) in enumerate(usable) if h.surface[:1].isupper()
                               and _is_common_word(h.surface) and _after_locative(text, h, usable[:j])})
            return hit.key in placed[0] and not starts_sentence(text, hit.start)
        ends = {h.end for h, _ in usable}  # (a hit dropped as part of a name ends no place)
        for i, (hit, candidates) in enumerate(usable):
            # the word before, when it may be a name or a name head (most hits follow 'in', 'of')
            start = hit.start
            begin = text.rfind(" ", start - 26 if start > 26 else 0, start - 1 if start else 0) + 1
            previous = _word_before(text, start) if text[begin:begin + 1].isupper() \
                or text[begin:begin + 3] in ("al-", "el-") else ""
            if (previous or hit.key in _NAME_HEADS) and _part_of_longer_name(text, hit, previous) \
                    or (previous or hit.surface.isupper()) and _names_no_place(text, hit, previous):
                continue
            if _names_no_place_here(text, hit, candidates, starts, ends):
                continue
            mention = self._resolve_one(doc_id, text, hit, candidates, ctx, ranked, usable, i, placed_word)
            if mention is not None:
                resolved.append((hit, candidates, mention))
        mentions = self._governorate_readings(text, _qualified_parts(text, self._contain(text, resolved, ctx)))
        if demonyms:
            mentions = sorted(mentions + demonyms, key=lambda m: m.start)
        return mentions

    def _part_of_town_after_adjective(self, hit: NameHit, text: str) -> tuple[Place, ...]:
        """The neighbourhoods and districts of Syria and Iraq a two-word name answers to, when
        only the capitalised word before it ('Shiite New Baghdad district') kept it out: a
        part of a town after an adjective, not a family name after a given name."""
        parts = self._town_parts.get(hit.key)
        if parts is None:
            parts = self._town_parts[hit.key] = tuple(
                c for c in self.index.candidates(hit.key) if c.country in THEATRE_COUNTRIES
                and c.kind in ("neighbourhood", "district", "subdistrict"))
        if not parts or not hit.surface[:1].isupper():
            return ()
        following = _NEXT_NAME.match(text, hit.end)
        return () if following and word_zipf(following.group(1)) < 5.0 else parts

    def _named_after_direction(self, hit: NameHit) -> NameHit | None:
        """'northern Iraq', 'northwest Syria': a direction that only describes (the phrase is no
        place) before a capitalised name the gazetteer holds on its own: that name."""
        first, _, rest = hit.surface.partition(" ")
        if first.lower() not in _COMPASS_WORDS or not rest[:1].isupper():
            return None
        key = name_key(rest)
        info = self.index.automaton.get(f" {key} ", None)
        if info is None or info[2] & (STOP | DEMONYM):
            return None
        return NameHit(hit.end - len(rest), hit.end, rest, key, info[2])

    def _governorate_readings(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A governorate's seat read as the governorate where the words ask for it: 'the province
        of Kirkuk', 'Saladin and Kirkuk Governorates' ('Idlib countryside' stays near the city)."""
        low = lowered(text)
        if not any(word in low for word in _GOVERNORATE_WORDS) and "provincial" not in low and "offensive" not in low \
                and "campaign" not in low:
            return mentions  # no 'province' nor 'governorate' in the text: nothing asks for one
        out = []
        for m in mentions:
            if m.role == "place" and m.kind in _TOWN_KINDS and m.country in THEATRE_COUNTRIES \
                    and _reads_as_governorate(text, m.start, m.end):
                governorate = self._governorate_named(m.surface)
                if governorate is not None:
                    m = dataclasses.replace(m, place_id=governorate.id, name=governorate.name, kind=governorate.kind,
                                            lat=round(governorate.lat, 5), lon=round(governorate.lon, 5), precision=3)
            out.append(m)
        return out

    def _governorate_named(self, surface: str) -> Place | None:
        """The governorate of Syria or Iraq named after a town ('Kirkuk' -> Kirkuk Governorate)."""
        found = self._governorate_of.get(surface)
        if found is None:
            found = next((c for word in _GOVERNORATE_WORDS for c in self.index.candidates(name_key(f"{surface} {word}"))
                          if c.kind == "governorate" and c.country in THEATRE_COUNTRIES), False)
            self._governorate_of[surface] = found
        return found or None

    def _demonym(self, doc_id: str, hit: NameHit) -> Mention | None:
        """'Turkish forces': Turkey, with role demonym (the claims stage may use it; maps never)."""
        if hit.surface[:1].islower():
            return None
        country = self.index.country_place(read_demonyms().get(hit.key, ""))
        if country is None:
            return None
        return Mention(doc=doc_id, start=hit.start, end=hit.end, surface=hit.surface, role="demonym",
                       place_id=country.id, name=country.name, country=country.country, kind="country",
                       confidence=0.9)

    def _contain(self, text: str, resolved: list[tuple[NameHit, tuple[Place, ...], Mention]],
                 ctx: _Context) -> list[Mention]:
        """'X in Y', 'X, Y': X is taken among its places inside Y, or left unresolved."""
        mentions = [m for _, _, m in resolved]
        for i in range(len(resolved) - 2, -1, -1):  # right to left: Y is settled before X
            hit, candidates, mention = resolved[i]
            container = mentions[i + 1]
            if container.start - hit.end > _LONGEST_LINK:
                continue
            between = _CONTAINED_IN.fullmatch(text, hit.end, container.start)
            if container.role != "place" or container.place_id is None or not between:
                continue
            # 'X, Y' is also a list: it constrains X, but leaves X unresolved only when Y is a unit
            strict = "," not in between.group() or between.group("direction") is not None \
                or container.kind in _CONTAINER_KM or container.kind == "country"
            if mention.kind in ("country", "capital", "river", "region") or container.kind in ("river", "region"):
                continue
            outer = self.index.place(container.place_id)
            if outer is None:
                continue
            # 'X in Y countryside', 'X in the countryside of Y': anywhere in Y's governorate
            # (a town standing for its area too: 'X, Duhok' is X in Duhok governorate)
            direction = between.group("direction") is not None
            wide = outer.kind not in _CONTAINER_KM or context.is_near_after(text, container.end) \
                or "countryside" in text[hit.end:container.start]
            if direction:  # 'X, south of Y': near Y, not in it (journalists' 'north of Baghdad' is wide)
                low_km, high_km = _distance_window(between)
                inside = tuple(c for c in candidates if c.id != outer.id
                               and low_km <= _km((c.lat, c.lon), (outer.lat, outer.lon)) <= high_km
                               and _on_bearing(between.group("direction"), c, outer))
                if len(inside) > 1 and between.group("distance") is not None:
                    # namesakes in the window: the one nearest the distance and direction given
                    inside = (min(inside, key=lambda c: _fit(between, c, outer)),)
            else:
                inside = tuple(c for c in candidates if c.id != outer.id and self._inside(c, outer, wide))
            if mention.place_id in {c.id for c in inside}:
                continue
            if inside:
                best, confidence = self._rank(inside, _lower_case(hit.surface) or hit.surface[:1].islower()
                                              and any(is_curated(c.id) for c in inside), ctx, None)
                if best is not None:
                    mentions[i] = dataclasses.replace(
                        mention, place_id=best.id, name=best.name, lat=round(best.lat, 5), lon=round(best.lon, 5),
                        country=best.country, kind=best.kind, confidence=round(confidence, 3),
                        role="place", precision=mention.precision or 1)
                    continue
            if strict:
                mentions[i] = Mention(doc=mention.doc, start=mention.start, end=mention.end,
                                      surface=mention.surface, role="unresolved")
        return mentions

    def _inside(self, place: Place, outer: Place, wide: bool = False) -> bool:
        """Whether ``place`` lies in ``outer`` (in its governorate when ``wide``): by P-codes where
        both have them, else by distance."""
        if outer.kind == "country":
            return place.country == outer.country
        if outer.country and place.country and outer.country != place.country:
            return False
        level = 0 if wide else {"governorate": 0, "district": 1, "subdistrict": 2}.get(outer.kind)
        if level is not None:
            mine, theirs = self.index.admin_codes(place.id), self.index.admin_codes(outer.id)
            if mine[level] and theirs[level]:
                if level == 0:  # a district of disputed governorate is in either ('Makhmour, Ninewa')
                    return theirs[0] in self.index.governorates(place.id)
                return mine[level] == theirs[level]
        limit = _CONTAINER_KM["governorate"] if wide else _CONTAINER_KM.get(outer.kind, _TOWN_KM)
        return _km((place.lat, place.lon), (outer.lat, outer.lon)) <= limit

    def _context(self, usable: list[tuple[NameHit, tuple[Place, ...]]]) -> _Context:
        countries: Counter = Counter()
        by_key: Counter = Counter()
        anchors = []
        governorates = set()
        for hit, candidates in usable:
            code = self._governorate.get(hit.key)
            if code is None:  # 'Daraa province': its villages before their namesakes elsewhere
                named = next((c for c in candidates if c.kind == "governorate" and c.country in THEATRE_COUNTRIES), None)
                code = self._governorate[hit.key] = self.index.admin_codes(named.id)[0] if named else ""
            if code:
                governorates.add(code)
            evidence = self._evidence.get(hit.key)
            if evidence is None:
                evidence = self._evidence[hit.key] = _evidence(candidates)
            country, anchor = evidence
            if country is not None:
                countries[country] += 1
                pair = (hit.key, country)
                by_key[pair] = by_key.get(pair, 0) + 1
                if anchor is not None:
                    anchors.append(anchor)
        return _Context(countries, list(dict.fromkeys(anchors)), by_key=by_key,
                        governorates=frozenset(governorates), admin_codes=self.index.admin_codes)

    def _resolve_one(self, doc_id: str, text: str, hit: NameHit, candidates: tuple[Place, ...],
                     ctx: _Context, ranked: dict[tuple, tuple[Place, float]],
                     usable: list[tuple[NameHit, tuple[Place, ...]]], i: int,
                     placed_word: Callable[[NameHit], bool]) -> Mention | None:
        """``usable[:i]``: the hits before this one (a list shares the locative of its first name);
        ``placed_word(hit)``: whether the hit is a common word the document places elsewhere."""
        lower = hit.surface[:1].islower() and (not _LOWER_ARTICLE_NAME.match(hit.surface)
                                               or any(is_curated(c.id) for c in candidates))
        hint = context.kind_hint(text, hit.start, hit.end) if len(candidates) > 1 else None
        decided = ranked.get((hit.key, lower, hint))
        if decided is None:
            decided = ranked[(hit.key, lower, hint)] = self._rank(candidates, lower, ctx, hint)
        best, confidence = decided
        if best is None:
            return None
        if best.kind not in ("country", "capital", "province") and _is_common_word(hit.surface) \
                and not _after_locative(text, hit, usable[:i]) and not placed_word(hit):
            return None  # 'the War Party' is no al-Waer; 'in Hit' is the town
        base = dict(doc=doc_id, start=hit.start, end=hit.end, surface=hit.surface, place_id=best.id,
                    name=best.name, lat=round(best.lat, 5), lon=round(best.lon, 5), country=best.country,
                    kind=best.kind, confidence=round(confidence, 3))
        if context.names_actor(text, hit.start, hit.end, best.country, best.kind, best.name):
            return Mention(role="actor", precision=None, **base)
        if best.kind in _SMALL_KINDS and _far_namesake(best, ctx):
            return Mention(doc=doc_id, start=hit.start, end=hit.end, surface=hit.surface, role="unresolved")
        if not _abroad_is_plausible(best, ctx, hit.key):
            if word_zipf(hit.surface.split()[0]) >= COMMON_AT_SENTENCE_START \
                    and hit.surface.lower() not in _GENERIC_PARTS:
                return None  # 'North', 'Central': a word that only a place abroad answers to
            return Mention(doc=doc_id, start=hit.start, end=hit.end, surface=hit.surface, role="unresolved")
        if best.kind in REGION_KINDS:
            precision = 3
        elif context.is_near(text, hit.start) or context.is_near_after(text, hit.end):
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
