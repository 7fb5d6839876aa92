"""What the ranking of a hit's candidate places weighs: the document's context (its countries and
the places it names without ambiguity), distance, population and prior, how common a word the
name is, and when a place abroad or a far namesake is plausible. Used by
:class:`geo.geoparse.resolver.Resolver` and :mod:`geo.geoparse.readings`."""
from __future__ import annotations

import math
import re
from functools import lru_cache
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field


from geo.geoparse.gazetteer import THEATRE_COUNTRIES, is_curated
from geo.geoparse.index_build import CURATED
from geo.geoparse.matcher import NameHit, starts_sentence
from geo.geoparse.context import ARABIC_NAMING, arabic_noun_before
from geo.geoparse.normalize import arabic_word_forms, name_key, token_key
from geo.knowledge import alternation, bearing_pattern, bearings, compass_points, link_words
from geo.knowledge import name_heads, place_noun_pattern
from geo.geoparse.spelling import FUSED_ABU, NEAR_KM
from geo.distance import far_from_all, km_between
from geo.model import REGION_KINDS, SMALL_KINDS, VILLAGE_KINDS, Mention, Place

# A place outside Syria and Iraq is taken only when the text points abroad: its country is named
# (or evidenced) elsewhere in the document, or it is a city this large.
ABROAD_MIN_POPULATION = 1_000_000

# Words that begin Arabic place names ('Tal Tuqan', 'Kafr Dael'): alone, next to another
# capitalised word, they are part of a longer name the gazetteer lacks, not a place themselves.
NAME_HEADS = frozenset(token_key(w) for w in name_heads("part"))
NEXT_WORD = re.compile(r"[ \t]*[-‑–]?[ \t]*(?:(?:al|el|ash|esh|as|ar|er|az|ad|ed|at|et|an|en|ez|es)[- ])?([A-Z][\w'’]*)")

# 'X in Y', 'X, Y', 'X village in the eastern countryside of Y', 'X town in Y countryside':
# what may stand between a place and the region that contains it
CONTAINED_IN = re.compile(
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
CONTAINER_KM = {"governorate": 200.0, "district": 80.0, "subdistrict": 40.0, "region": 300.0}
TOWN_KM = 40.0
DIRECTION_KM = 300.0
LONGEST_LINK = 90  # characters 'X ... in the north-eastern countryside of Y' may put between X and Y

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
LISTED_AFTER = re.compile(r"\s*(?:,|and|or|,\s*and)\s*")  # 'in Texas, Ohio and California'
# Arabic place names are common words more often ('الطبقة' the layer, 'الباب' the door): an
# Arabic word counts as common from Zipf 4.3 (compared after this offset with the thresholds above)
ARABIC_ZIPF_OFFSET = 0.3


@dataclass
class Context:
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
            km = self.nearest[place.id] = km_between((lat, lon), nearest)
        return km

    def far(self, place: Place, km: float) -> bool:
        """Whether ``place`` lies farther than ``km`` from every anchor (False without anchors)."""
        return bool(self.anchors) and self.nearest_km(place) > km


def _is_arabic(word: str) -> bool:
    return "\u0600" <= word[:1] <= "\u06ff"


@lru_cache(maxsize=100_000)
def word_zipf(word: str) -> float:
    """How common a word is in English, or in Arabic for a word in Arabic script (wordfreq Zipf)."""
    from wordfreq import zipf_frequency

    if _is_arabic(word):
        return zipf_frequency(word, "ar") - ARABIC_ZIPF_OFFSET
    return zipf_frequency(word.lower(), "en")


def is_common_word(surface: str) -> bool:
    """'War', 'Hit': a one-word name that is mostly an English word (wordfreq Zipf >= 4.5)."""
    words = surface.replace("-", " ").split()
    return len(words) == 1 and not _is_arabic(surface) and word_zipf(words[0]) >= 4.5


COMPASS_WORDS = frozenset((*bearings(), *(b + "ern" for b in bearings()),  # 'north', 'north-eastern', ...
                            "central", "upper", "lower"))  # and the other words that qualify a region


# first words of first-level divisions abroad that only describe ('North-West', 'Central', 'Capital')
_GENERIC_REGION_KEYS = frozenset(token_key(w) for w in (*COMPASS_WORDS, "capital", "coast", "lakes",
                                                         "centre", "center", "littoral", "islands", "plateau",
                                                         "mountains", "interior", "greater", "middle", "far"))


# 'al-Rai', and 'albu-Nimr' (the head 'Albu' fused from 'Al Bu'): a name whose first word only is in lower case
LOWER_ARTICLE_NAME = re.compile(r"(?:al|el|ar|as|ash|ad|adh|az|ez|an|at|ath|ad|ed|es|et|er|en|esh|"
                                + "|".join(FUSED_ABU) + r")[-‑][A-Z]")


def lower_case(surface: str) -> bool:
    """'said', 'raqqa': a name in lower case; 'al-Rai' is not (only its article is; when a curated
    place answers to such a name, it is taken among the curated ones as before)."""
    return surface[:1].islower() and not LOWER_ARTICLE_NAME.match(surface)


def acceptable(hit: NameHit, text: str) -> bool:
    """Filters that need no candidates: capitalisation, acronyms and common English words."""
    surface = hit.surface
    if hit.flags & CURATED:
        # lower case: never a common word ('us', 'deal')
        if not surface[:1].islower():
            return True
        if surface[:4].lower() == "the " and not surface[4:5].islower():
            return True  # 'the Gulf', 'the Levant'
        words = surface.split()
        if len(words) > 1 and words[-1][:1].isupper() and words[0].lower() not in COMPASS_WORDS:
            return True  # 'rural Damascus': a phrase, not a common word ('northern Iraq' only describes)
        return word_zipf(surface) < LOWERCASE_COMMON
    if surface[:1].islower() and not LOWER_ARTICLE_NAME.match(surface) or (surface.isupper() and len(surface) <= 5):
        return False  # 'said', 'man'; but 'al-Rai' is a name whatever the case of its article
    if _is_arabic(surface):  # no capitals to go by: a common word needs a place noun before it ('قرية عنيفة')
        return " " in hit.key or max(map(word_zipf, arabic_word_forms(surface))) < COMMON_AT_SENTENCE_START \
            or (arabic_noun_before(text, hit.start) or ("",))[0] in ARABIC_NAMING
    commonness = word_zipf(surface) if " " not in surface else 0.0
    if commonness >= COMMON_ANYWHERE:
        return False
    if commonness >= COMMON_AT_SENTENCE_START and starts_sentence(text, hit.start):
        return False
    return not inside_proper_name(text, hit)


def common_words_only(surface: str) -> bool:
    """'As he', 'Air Defence', 'Security branch': a phrase of common English words only (no digit:
    '4th Division' is a name): no name of a village or site that only a source layer holds."""
    words = surface.replace("-", " ").split()
    return all(w.isascii() and w.isalpha() and word_zipf(w) >= COMMON_ANYWHERE for w in words)


NEXT_NAME = re.compile(r"[ \t]+([A-Z][a-z\u00e0-\u024f]+)")  # 'Kobanî Canton' as well
_PREVIOUS_NAME = re.compile(r"([A-Z][a-z\u00e0-\u024f]+)[ \t]+$")


def inside_proper_name(text: str, hit: NameHit) -> bool:
    """'Kamal Hassan', 'Talal Silo': a GeoNames-only name next to another capitalised name
    (not a function word like 'In' or 'The') is part of a person's or organisation's name."""
    following = NEXT_NAME.match(text, hit.end)
    if following and word_zipf(following.group(1)) < 5.0:
        return True
    preceding = _PREVIOUS_NAME.search(text, max(0, hit.start - 30), hit.start)
    return bool(preceding and word_zipf(preceding.group(1)) < 5.0)


@lru_cache(maxsize=65_536)
def _prior(place_id: str, country: str, population: int) -> tuple[float, float]:
    """What a place brings whatever the document: (curated and theatre bonus, population term)."""
    bonus = (3.0 if is_curated(place_id) else 0.0) + (2.0 if country in THEATRE_COUNTRIES else 0.0)
    return bonus, math.log10(population + 1) / 4.0


def place_score(place: Place, ctx: Context, hint: str | None) -> float:
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
            hint == "village" and place.kind in ("village", "town")) or (
            hint == "district" and place.kind == "neighbourhood"  # 'the X quarter' of a city
        ):
            score += 2.5
        elif hint == "river" and place.kind == "country":
            score -= 1.0
    return score


def evidence_of(candidates: tuple[Place, ...]) -> tuple[str | None, tuple[float, float] | None]:
    """What a name tells about the document whatever else it says: the country its places (the
    curated ones, if any) share, and its position when it is one curated place in the theatre."""
    curated = [c for c in candidates if is_curated(c.id)]
    if len({c.country for c in curated or candidates}) != 1:
        return None, None
    best = (curated or candidates)[0]
    if len(curated) == 1 and best.kind not in REGION_KINDS and best.country in THEATRE_COUNTRIES:
        return best.country, (best.lat, best.lon)
    return best.country, None


def abroad_is_plausible(place: Place, ctx: Context, key: str) -> bool:
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


def far_namesake(place: Place, ctx: Context) -> bool:
    """'Sejar' in a report on Fallujah is no village of Hama: a small place far from every anchor."""
    return place.kind in SMALL_KINDS and place.population < FAR_VILLAGE_POPULATION \
        and not is_curated(place.id) and ctx.far(place, FAR_VILLAGE_KM)


# a hill or mountain named like a village lies near it: a settlement of its name farther than this
# from every place the text names is not the one it is named after
FEATURE_VILLAGE_KM = 40.0
_FEATURE_AFTER = re.compile(r"[ \t]+(?i:" + place_noun_pattern("feature_after") + r")\b")


def names_a_feature(text: str, end: int, place: Place) -> bool:
    """'the large Talat al-Bayda hill': the text calls a name a hill or mountain that the gazetteer
    has as a settlement."""
    return place.kind in _SETTLEMENT_KINDS and _FEATURE_AFTER.match(text, end) is not None


_SETTLEMENT_KINDS = SMALL_KINDS | {"city"}


def not_the_feature_meant(place: Place, ctx: Context) -> bool:
    """'the large Talat al-Bayda hill' in a report on Khanasir: the settlement of that name lies far
    from every place the text names."""
    return ctx.far(place, FEATURE_VILLAGE_KM)


def not_the_village_meant(place: Place, ctx: Context) -> bool:
    """'the villages of Amriyah and Mahmudiyah' in a report on Tal Tamr: the text calls the name a
    village, and the town or city of that name lies far from every place it names (the village
    meant is one the gazetteer lacks)."""
    return place.kind not in VILLAGE_KINDS and place.kind in SMALL_KINDS | {"city"} and ctx.far(place, FAR_VILLAGE_KM)


def near_the_text(located: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """The names found after a locative by their spelling anywhere in the theatre, less the villages
    among them that lie farther than NEAR_KM from every place the text names: the text says the
    name is elsewhere ('the Qarachogh area near Makhmour' is no hamlet 110 km from Makhmour). The
    name is left to the later stages (the villages of the text's own districts, the unresolved-name
    patterns). A text that names no other place keeps the village its spelling gives.
    """
    villages = [m for m in located if m.kind in VILLAGE_KINDS and not is_curated(m.place_id)]
    if not villages:
        return located
    named = [(m.lat, m.lon) for m in mentions
             if m.role == "place" and m.lat is not None and m.country in THEATRE_COUNTRIES]
    if not named:
        return located  # nothing in the text says where it is: the spelling is all there is
    far = {id(m) for m in villages if far_from_all((m.lat, m.lon), named, NEAR_KM)}
    return [m for m in located if id(m) not in far]


# a quarter of a city of one theatre country in a text whose every other place lies in the other
# country and farther than this: a namesake the gazetteer lacks ('Qusor' in a report on Baghdad)
FOREIGN_KM = 300.0
CITY_PARTS = frozenset({"district", "neighbourhood"})


def far_from_the_text(mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the places that lie far from every certain place the text names (a
    curated one) marked unresolved, once every stage has placed its names: a small place (a
    village, a quarter, a town of under FAR_VILLAGE_POPULATION, not curated) farther than
    FAR_VILLAGE_KM from every other point (a Haboubi square of Nasiriyah is no quarter of
    Damascus), and a quarter of a city of one theatre country when every other place, governorates
    and countries too, is of the other and farther than FOREIGN_KM (a Qusor area of Baghdad is no
    quarter of Homs). A text that names no certain place keeps what the spelling gave."""
    certain = [m for m in mentions if m.role == "place" and m.lat is not None and m.country in THEATRE_COUNTRIES
               and is_curated(m.place_id)]
    if not certain:
        return mentions
    out = []
    for m in mentions:
        if m.role == "place" and m.lat is not None and m.country in THEATRE_COUNTRIES and m.within is None \
                and m.place is not None and (_small(m) or m.kind in CITY_PARTS) \
                and _far_from(m, [p for p in certain if p.place_id != m.place_id]):
            m = Mention(doc=m.doc, start=m.start, end=m.end, surface=m.surface, role="unresolved")
        out.append(m)
    return out


def _small(m: Mention) -> bool:
    return m.kind in SMALL_KINDS and m.place.population < FAR_VILLAGE_POPULATION and not is_curated(m.place_id)


def _far_from(m: Mention, others: list[Mention]) -> bool:
    """Whether ``m`` is a small place or a quarter far from ``others``, the text's other certain places."""
    if _small(m):
        points = [(p.lat, p.lon) for p in others if p.kind not in REGION_KINDS]
        return far_from_all((m.lat, m.lon), points, FAR_VILLAGE_KM) \
            and not any(p.kind == "governorate" and km_between((m.lat, m.lon), (p.lat, p.lon))
                        <= CONTAINER_KM["governorate"] for p in others)  # 'X village, Hasakah province'
    if m.kind not in CITY_PARTS or not others or any(p.country == m.country for p in others):
        return False
    points = [(p.lat, p.lon) for p in others if p.kind not in REGION_KINDS]
    return not points or far_from_all((m.lat, m.lon), points, FOREIGN_KM)
