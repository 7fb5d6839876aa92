"""Names the name automaton did not settle, looked up by spelling among the places around them.

Event notes name villages the way 'Fulaifil town in Idleb countryside' does: a capitalised name,
often a place word, then the region that holds it. The spelling of the village is the reporter's
own (Fulaifil, Feleifel, Fulayfil), and its key may collide with an English word (Mare' / marry)
and so be left out of the name automaton. A slot filler reads such slots, takes the places of the
gazetteer inside the region (by P-code), and picks the one whose name is spelled most alike
(rapidfuzz's edit distance on the romanisation keys, the consonants kept). A name that another
stage placed outside the region becomes unresolved, however well it matches a place abroad
('Izmir (Ezmir) hill in Amadiya district' is not Izmir); a name nothing found and the region does
not know stays out, so that a claim about it may still bind to the region.

A name after a locative word ('in X', 'near X', 'the countryside of X') that no stage took is
looked up in the whole theatre, and taken only when one place answers to it with the same
consonants, or one town that dwarfs its namesakes; such a guess is the region of a slot only
when it is a curated town ('X village in the countryside of Jisr Al-Shughr').

>>> from geo.geoparse.parser import Geoparser; from geo.model import Document  # doctest: +SKIP
>>> [(m.surface, m.name) for m in Geoparser().parse(Document("d", "Shelling hit Fulaifil town in Idleb countryside."))]  # doctest: +SKIP
[('Fulaifil', 'Fulayfil'), ('Idleb', 'Idlib')]
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from itertools import accumulate, compress

from rapidfuzz import process
from rapidfuzz.distance import Indel

from geo.geoparse.gazetteer import THEATRE_COUNTRIES, GazetteerIndex, is_curated
from geo.geoparse.matcher import KeyStream
from geo.geoparse.memo import BoundedMemo
from geo.geoparse.normalize import name_key
from geo.geoparse.spelling import (SAME_PLACE_DEGREES, SpellingSearch, alike_consonants, alike_in_region,
                                   allowed_edits, consonants, same_onset, spelling_alternates)
from geo.geoparse.ranking import COMMON_AT_SENTENCE_START, near_the_text, word_zipf
from geo.distance import km_between
from geo.knowledge import alternation, bearing_pattern, compass_points, link_words, month_names
from geo.knowledge import place_noun_pattern, place_nouns, weekdays
from geo.model import SMALL_KINDS, TOWN_KINDS, Mention, Place

# a capitalised name of one to four words, Arabic articles and 'Abu'-like heads included
_WORD = r"[A-Z][\w'’]*[a-z][\w'’]*"
# a capitalised settlement word ends the name: 'Qaryat Shaykh Yunus Village in Ninewa'
_SETTLEMENT_WORD = rf"(?=[A-Z])(?i:{place_noun_pattern('settlement_end')})\b"
NAME = rf"(?:(?:[Aa]l|[Ee]l|[Aa]r|[Aa]s|[Aa]sh|[Aa]d|[Aa]z|[Ee]z)[- ])?{_WORD}" \
        rf"(?:[ \-‑](?:(?:al|el|Al|El|ar|as|ash|esh|es|ad|ed|az|ez|at|et|an|en|er)[- ])?(?!{_SETTLEMENT_WORD}){_WORD}){{0,3}}'?"
# what a slot may put between the name and its region: a place word, then 'in', ',' or 'of'
_PLACE_WORDS = place_noun_pattern("link")
_IN = alternation(link_words("containment"))  # 'X in Y', 'X of Y'
_BEARING_WORDS = bearing_pattern()  # 'north', 'north-east'
_POINTS = alternation(compass_points())
LINK = (rf"(?:[ \t]+(?i:{_PLACE_WORDS}))?"
         rf"(?:[ \t]*,[ \t]*|[ \t]*\([ \t]*|[ \t]+{_IN}[ \t]+"
         # 'X town east of Y', 'X, 20 km west of Y': near Y, taken to be in Y's governorate
         r"|(?:[ \t]*,)?[ \t]+(?:(?:some|about)[ \t]+)?(?:\d+[ \t]*(?:km|kilomet(?:re|er)s?|miles)[ \t]+)?"
         rf"{_BEARING_WORDS}[ \t]+of[ \t]+)"
         rf"(?:the[ \t]+)?(?:{bearing_pattern(ern=True)}[ \t]+)?"
         rf"(?:{place_noun_pattern('slot_region_of')}[ \t]+of[ \t]+)?"
         rf"(?:the[ \t]+)?(?:{place_noun_pattern('city_of')}[ \t]+of[ \t]+)?")
# "Baghdad's western Qahira neighbourhood": a part of the town before a place word
_POSSESSIVE_SLOT = re.compile(
    rf"['’]s?[ \t]+(?:(?:[a-z]+-)?[a-z]+[ \t]+)?(?P<name>{NAME})[ \t]+"
    rf"(?i:{place_noun_pattern('town_part_named')})\b")
# a part of a town: what such a slot names lies within TOWN_PART_KM of the town
_PART_OF_TOWN = re.compile(rf"[ \t]+(?i:{place_noun_pattern('town_part')})\b")
TOWN_PART_KM = 12.0
_PLURAL_PLACE_WORD = re.compile(rf"[ \t]+(?i:{place_noun_pattern('listed')})\b")
STARTS_WITH_PLACE_WORD = re.compile(rf"[ \t]+(?i:{_PLACE_WORDS})\b")
_SLOT = re.compile(rf"(?<![\w'’-])(?P<name>{NAME})(?:[ \t]*\((?P<alt>{NAME})\))?(?P<link>{LINK})$")
# a name right after a locative word: looked up in the whole theatre when nothing else took it
_AFTER_LOCATIVE = re.compile(
    rf"(?:[Ii]n|[Nn]ear|[Oo]utside|[Aa]round|[Ii]nto|(?:{place_noun_pattern('before_of')}|{_POINTS})\s+of)[ \t]+(?:the[ \t]+)?"
    rf"(?P<name>{NAME})(?![\w'’-])")
# 'Sfuhin and Fulaifil villages in Idleb countryside': the names listed before a slot share its region
_LISTED_BEFORE = re.compile(rf"(?P<name>{NAME})(?:[ \t]*,[ \t]*|[ \t]*,?[ \t]+and[ \t]+)")
_LONGEST_LIST = 4
_BEARING = re.compile(rf"{_BEARING_WORDS}[ \t]+of\b")
_UNIT_AFTER = re.compile(rf"[ \t]+({place_noun_pattern('unit')})\b", re.IGNORECASE)
_LOCATIVE_TOKENS = frozenset({"in", "In", "near", "Near", "outside", "Outside", "around", "Around", "into",
                              "Into", "of"})
_PLACE_NOUNS_BEFORE_OF = frozenset(place_nouns("before_of") + compass_points())
_BEFORE_NAME = frozenset({"the", "al", "el", "ar", "as", "ash", "ad", "az", "ez", "es", "esh", "ed", "et"})
LONGEST_SLOT = 110  # characters a name, its alternate and the link may take before the region
# words a name may start with that say which part of the place is meant ('Upper Fulaifil')
_QUALIFIERS = frozenset({"western", "eastern", "northern", "southern", "upper", "lower", "old", "new",
                         "greater", "little", "big", "small", "north", "south", "east", "west"})
# names that open a sentence or name a period, not a place
_NOT_NAMES = frozenset({"on", "in", "at", "the", "a", "an", "and", "or", "but", "since", "after", "before",
                        "during", "while", "when"} | {w.lower() for w in month_names() + weekdays()})
_CONTAINER_LEVEL = {"governorate": 0, "district": 1, "subdistrict": 2}
# outside a region, a spelling that fits several places is taken only for a town that dwarfs them
DOMINANT_POPULATION = 10_000
DOMINANT_FACTOR = 10
DWARFING_CITY_POPULATION = 100_000  # a curated city this large takes a village's spelling one letter off
REGIONAL_CONFIDENCE = 0.6  # a spelling matched inside the region the text gives
THEATRE_CONFIDENCE = 0.5  # a spelling matched in the whole theatre


class SlotFiller:
    """Resolves the names of place slots among the places inside the slot's region."""

    def __init__(self, index: GazetteerIndex) -> None:
        self.index = index
        # look-ups memoised per name key (a corpus names the same villages again and again)
        self._theatre: dict[str, Place | None] = BoundedMemo()
        self._regional: dict[tuple[str, int, str, bool], tuple[Place | None, int]] = BoundedMemo()
        self._curated: dict[str, Place | None] = BoundedMemo()  # by surface: the curated city a village's name is
        self._theatre_search: tuple[list[str], SpellingSearch] | None = None  # (the theatre's keys, their search)

    def fill(self, doc_id: str, text: str, mentions: list[Mention], stream: KeyStream | None = None) -> list[Mention]:
        """``mentions`` (sorted) with the names of place slots resolved, or marked unresolved
        when the place another stage gave them lies outside the region; ``stream``: the text's
        tokens, when the matcher has them already."""
        located = near_the_text(self._after_locatives(doc_id, text, stream or KeyStream(text),
                                                       [(m.start, m.end) for m in mentions if m.role != "unresolved"]),
                                 mentions)
        mentions = _replace_unresolved(mentions, located)
        mentions = [self._dwarfed(m) for m in mentions]
        # a spelling guessed in the whole theatre is no region for another name, unless it is a curated town
        guessed = {id(m) for m in located if not is_curated(m.place_id)}
        edits = _Edits(mentions)
        for i, container in enumerate(mentions):
            level = self._level(text, container)
            if level is None or id(container) in guessed:
                continue
            low = max(0, container.start - LONGEST_SLOT)
            if i and mentions[i - 1].end > low and mentions[i - 1].role in ("place", "actor", "demonym") \
                    and mentions[i - 1].kind in ("country", "capital", "governorate"):
                low = mentions[i - 1].end
            slot = slot_before(text, low, container.start)
            if slot is None:
                continue
            link = slot.group("link")
            bearing = _BEARING.search(link) is not None
            named = bool(STARTS_WITH_PLACE_WORD.match(link))
            if "," in link and container.kind not in _CONTAINER_LEVEL and not bearing and not named:
                continue  # 'Tabqa, Raqqa, Hasakah' is a list; 'Amadiya district, Dohuk', 'X village, Duhok' are not
            if bearing:
                # 'X, west of Y': near Y, often in its governorate, but not always: a name that
                # another stage placed is kept, only names it did not place are looked up there
                level = 0
            codes = self.index.admin_codes(container.place_id or "")
            code = codes[level] if level < len(codes) else ""
            if not code:
                continue
            town = container if container.kind in TOWN_KINDS and _PART_OF_TOWN.match(link) else None
            for group in ("name", "alt"):
                start, end = slot.span(group)
                if start < 0:
                    continue
                if bearing and any(m.role == "place" for m in edits.covering(start, end).values()):
                    continue
                self._settle(edits, doc_id, text, start, end, level, code, named or group == "alt", town,
                             container.place)
            # 'A and B villages in Y' (a plural place word): every name of the list lies in Y;
            # otherwise only the names no stage placed are looked up there
            plural = bool(_PLURAL_PLACE_WORD.match(link))
            before = slot.start()
            for _ in range(_LONGEST_LIST):
                listed = _listed_before(text, max(0, before - _LONGEST_NAME - 8), before)
                if listed is None:
                    break
                start, end = listed.span("name")
                if plural or not any(m.role == "place" for m in edits.covering(start, end).values()):
                    self._settle(edits, doc_id, text, start, end, level, code, named=plural,
                                region=container.place)
                before = start
        self._possessive_slots(edits, doc_id, text, mentions, guessed)
        out = edits.result()
        out.sort(key=lambda m: m.start)
        return out

    def _possessive_slots(self, edits: "_Edits", doc_id: str, text: str, mentions: list[Mention],
                          guessed: set[int]) -> None:
        """"Baghdad's Qahira neighbourhood": the part a town's possessive names lies in the town's
        governorate, or is unresolved (not a namesake 700 km away)."""
        for container in mentions:
            if container.kind not in TOWN_KINDS or id(container) in guessed \
                    or text[container.end:container.end + 1] not in ("'", "’") or self._level(text, container) is None:
                continue
            slot = _POSSESSIVE_SLOT.match(text, container.end)
            code = self.index.admin_codes(container.place_id or "")[0] if slot else ""
            if code:
                town = container if _PART_OF_TOWN.match(text, slot.end("name")) else None
                self._settle(edits, doc_id, text, *slot.span("name"), 0, code, True, town, container.place)

    def _after_locatives(self, doc_id: str, text: str, stream: KeyStream,
                         taken: list[tuple[int, int]]) -> list[Mention]:
        """'In Iskanderiyah, a bomb ...': a name after a locative word that no other stage took,
        spelled like one place of the theatre (or like a town that dwarfs its namesakes)."""
        found = []
        taken = sorted(taken)
        starts = [start for start, _ in taken]
        reach = list(accumulate((end for _, end in taken), max))  # the furthest end up to each span
        tokens = stream.parts[1::2]
        # a locative word, then (over 'the') a capitalised one: found over the tokens, confirmed by the pattern
        last = len(tokens) - 1
        for i in compress(range(len(tokens)), map(_LOCATIVE_TOKENS.__contains__, tokens)):  # C loops
            if i == last or not (tokens[i + 1][:1].isupper() or tokens[i + 1] in _BEFORE_NAME):
                continue
            if tokens[i] == "of" and (not i or tokens[i - 1] not in _PLACE_NOUNS_BEFORE_OF):
                continue
            following = stream.token_span(i + 1)[0]
            k = bisect_left(starts, following + 1)
            if k and reach[k - 1] > following:
                continue  # the next word is taken already ('in Aleppo')
            first = i - 1 if tokens[i] == "of" else i  # 'village of X' starts a word earlier
            match = _AFTER_LOCATIVE.match(text, stream.token_span(first)[0])
            if match is None:
                continue
            start, end = match.span("name")
            surface = text[start:end].rstrip("'’")
            end = start + len(surface)
            words = surface.replace("-", " ").split()
            k = bisect_left(starts, end)
            if words[0].lower() in _NOT_NAMES or (k and reach[k - 1] > start):
                continue
            if len(words) == 1 and word_zipf(surface) >= COMMON_AT_SENTENCE_START:
                continue
            place = self._find_in_theatre(surface)
            if place is not None:
                found.append(placed_mention(doc_id, start, surface, place, 1, THEATRE_CONFIDENCE))
        return found

    def _find_in_theatre(self, surface: str) -> Place | None:
        """The theatre's place spelled like ``surface`` with the same consonants; among several
        places, only a town that dwarfs the others."""
        key = name_key(surface)
        if key in self._theatre:
            return self._theatre[key]
        place = self._theatre[key] = self._best_in_theatre(key)
        return place

    def _best_in_theatre(self, key: str) -> Place | None:
        letters = len(key.replace(" ", ""))
        if letters < 6:
            return None
        keys, ids = self.index.names_in_theatre()
        if self._theatre_search is None or self._theatre_search[0] is not keys:
            self._theatre_search = keys, SpellingSearch(keys)  # (built on the first look-up that needs it)
        skeleton = consonants(key)
        found = self._theatre_search[1].extract(key, allowed_edits(letters), 12)
        places = [self.index.place(ids[i]) for k, _, i in found if consonants(k) == skeleton]
        places = [p for p in places if p is not None]
        if not places:
            return None
        top = max(places, key=lambda p: p.population)
        others = [p.population for p in places if abs(p.lat - top.lat) > SAME_PLACE_DEGREES
                  or abs(p.lon - top.lon) > SAME_PLACE_DEGREES]
        if not others or top.population >= max(DOMINANT_POPULATION, DOMINANT_FACTOR * max(others)):
            return top
        return None

    def _dwarfed(self, mention: Mention) -> Mention:
        """A name placed on a minor village while a curated city spelled one letter apart, with
        the same consonants, dwarfs it: the city ('Nassriya city' is Nasiriyah, not the hamlet
        Nasriyeh 900 km away; 'Madain' stays al-Mada'in, Maadan being a town of 10,000). A
        slot's region, read afterwards, still has the last word."""
        if mention.role != "place" or mention.kind not in SMALL_KINDS or is_curated(mention.place_id):
            return mention
        town = self._curated.get(mention.surface, False)
        if town is False:
            town = self._curated[mention.surface] = self._curated_alike(name_key(mention.surface))
        placed = self.index.place(mention.place_id or "")
        if town is None or placed is None or town.id == placed.id or town.kind not in TOWN_KINDS \
                or town.population < max(DWARFING_CITY_POPULATION, DOMINANT_FACTOR * placed.population):
            return mention
        return dataclasses.replace(placed_mention(mention.doc, mention.start, mention.surface, town,
                                           mention.precision or 1, THEATRE_CONFIDENCE), end=mention.end)

    def _curated_alike(self, key: str) -> Place | None:
        if allowed_edits(len(key.replace(" ", ""))) < 1:
            return None
        keys, ids = self.index.curated_names()
        skeleton = consonants(key)
        found = {ids[i] for k, _, i in process.extract(key, keys, scorer=Indel.distance, score_cutoff=1, limit=4)
                 if same_onset(key, k) and consonants(k) == skeleton}
        return self.index.place(found.pop()) if len(found) == 1 else None

    def _level(self, text: str, container: Mention) -> int | None:
        """The admin level (0 governorate, 1 district, 2 sub-district) a container constrains."""
        if container.role != "place" or container.country not in THEATRE_COUNTRIES or container.place_id is None:
            return None
        if container.kind in _CONTAINER_LEVEL:
            return _CONTAINER_LEVEL[container.kind]
        if container.kind in TOWN_KINDS:
            unit = _UNIT_AFTER.match(text, container.end)
            if unit:  # 'X village, Atarib district': the district the town gives its name to
                return 2 if unit.group(1)[0] in "sSnN" else 1
            return 0  # 'X town in Aleppo countryside': anywhere in Aleppo's governorate
        return None

    def _settle(self, edits: "_Edits", doc_id: str, text: str, start: int, end: int,
                level: int, code: str, named: bool, town: Mention | None = None,
                region: Place | None = None) -> None:
        """Resolve the name at ``start:end`` inside the region, or mark the place another stage
        gave it unresolved when that place lies outside; ``named``: the text calls it a place
        ('X town', 'X area'), so even a common word is looked up; ``town``: the name is a part of
        this town ('X neighbourhood in Hasakah city'), so only a place within a few kilometres fits;
        ``region``: the place the text puts the name in (the mention's ``within``)."""
        surface = text[start:end].rstrip("'’")
        end = start + len(surface)
        words = surface.replace("-", " ").split()
        if not words or words[0].lower() in _NOT_NAMES:
            return
        if not named and len(words) == 1 and word_zipf(surface) >= COMMON_AT_SENTENCE_START:
            return  # 'Clashes in Tabqa'
        covering = edits.covering(start, end)
        # a place already resolved inside the region is kept; one outside it (or none) is replaced
        for i, m in covering.items():
            if m.role == "place" and m.place_id and (self.index.admin_codes(m.place_id)[level] == code or
                                                     level == 0 and code in self.index.governorates(m.place_id)) \
                    and within_town(m.lat, m.lon, town):
                if region is not None and m.within is None and (m.start, m.end) == (start, end):
                    edits.remove({i: m})  # placed already: the text now also says what holds it
                    edits.add(dataclasses.replace(m, within=region))
                return  # (a district of disputed governorate lies in either: 'Makhmour, Ninewa')
            if m.role in ("actor", "demonym") or (m.start, m.end) != (start, end) and m.role == "place" \
                    and m.kind in ("country", "capital"):
                return
            if m.role == "place" and m.kind in ("river", "region"):
                return  # 'a town on the Euphrates in Anbar': a river runs through many regions, none holds it
        place, precision = self._find(surface, level, code)
        if place is None and words[0].lower() in _QUALIFIERS and len(words) > 1:
            rest = surface.split(None, 1)[1] if " " in surface else surface.split("-", 1)[1]
            place, precision = self._find(rest, level, code)[0], 2  # 'Upper X': part of X
            if place is None:
                place = self._find(rest, level, code, alike=True)[0]
        if place is None:
            place, precision = self._find(surface, level, code, alike=True)
        if place is not None and not within_town(place.lat, place.lon, town):
            place = None  # 'Al Ghazal neighbourhood in Hasakah': not the village of Ghazalah 48 km away
        if place is None and not covering:
            return  # a name no stage took stays out: the claim it holds may still bind to its region
        edits.remove(covering)
        if place is None:
            edits.add(Mention(doc=doc_id, start=start, end=end, surface=surface, role="unresolved"))
            return
        edits.add(placed_mention(doc_id, start, surface, place, precision, REGIONAL_CONFIDENCE, region))

    def _find(self, surface: str, level: int, code: str, alike: bool = False) -> tuple[Place | None, int]:
        """The place inside the region whose name is spelled most like ``surface``, or like one
        of its other spellings (``spelling_alternates``), and the precision it is found at:
        'Tal al-X', the hill named after the village X, is found at X with precision 2.
        ``alike``: the one place with the same consonants, the vowels differing a little more."""
        key = name_key(surface)
        if (key, level, code, alike) not in self._regional:
            found = None, 1
            for spelling, precision in ((key, 1), *spelling_alternates(key)):
                place = alike_in_region(self.index, spelling, level, code) if alike \
                    else self._best_in_region(spelling, level, code)
                if place is not None:
                    found = place, precision
                    break
            self._regional[(key, level, code, alike)] = found
        return self._regional[(key, level, code, alike)]

    def _best_in_region(self, key: str, level: int, code: str) -> Place | None:
        letters = len(key.replace(" ", ""))
        if letters < 3:
            return None
        keys, ids = self.index.names_inside(level, code)
        if not keys:
            return None
        skeleton = consonants(key)
        found = [(k, d, i) for k, d, i in process.extract(
            key, keys, scorer=Indel.distance, score_cutoff=allowed_edits(letters), limit=8)
            if same_onset(key, k) and alike_consonants(skeleton, consonants(k))]
        if not found:
            return None
        best_distance = found[0][1]
        tied = [self.index.place(ids[position]) for _, distance, position in found if distance == best_distance]
        tied = [p for p in tied if p is not None]
        if not tied:
            return None
        best = max(tied, key=lambda p: p.population)  # the most prominent (a town over a village)
        rivals = [p.population for p in tied if abs(p.lat - best.lat) > SAME_PLACE_DEGREES
                  or abs(p.lon - best.lon) > SAME_PLACE_DEGREES]
        if rivals and best.population <= max(rivals):
            return None  # two villages of that spelling in the region, neither more prominent: not ours to pick
        return best


def within_town(lat: float | None, lon: float | None, town: Mention | None) -> bool:
    """Whether a point lies within TOWN_PART_KM of ``town`` (always, when there is no town)."""
    if town is None or town.lat is None or lat is None:
        return True
    return km_between((lat, lon), (town.lat, town.lon)) <= TOWN_PART_KM


def placed_mention(doc_id: str, start: int, surface: str, place: Place, precision: int, confidence: float,
            within: Place | None = None) -> Mention:
    return Mention(doc=doc_id, start=start, end=start + len(surface), surface=surface, role="place", place=place,
                   within=within, precision=precision, confidence=confidence)


def _replace_unresolved(mentions: list[Mention], located: list[Mention]) -> list[Mention]:
    """``mentions`` and the ``located`` names, which replace the unresolved mentions they cover."""
    if not located:
        return mentions
    spans = [(m.start, m.end) for m in located]
    kept = [m for m in mentions if m.role != "unresolved"
            or not any(start < m.end and m.start < end for start, end in spans)]
    return sorted(kept + located, key=lambda m: m.start)


_WORD_START = re.compile(r"(?<![\w'’-])[A-Za-z]")
# where a link may begin: after a word, before a place word, 'in', 'of', ',' or '('
_LINK_START = re.compile(rf"(?<=[\w'’)])(?=[ \t]*[,(]|[ \t]+(?:(?i:{_PLACE_WORDS})|{_IN}|some|about|\d|{_POINTS})\b)")
_LINK_ONLY = re.compile(LINK)
_NAME_ONLY = re.compile(rf"(?P<name>{NAME})(?:[ \t]*\((?P<alt>{NAME})\))?")
_LONGEST_NAME = 70


def _bearing_words() -> set[str]:
    """'north', 'northern', 'north-east', 'north-eastern', 'northeastern' (a solid 'northeast' was
    never among the link words: kept so, the quick test below answers as before)."""
    points = compass_points()
    closing = compass_points(closing=True)
    opening = [p for p in points if p not in closing]
    return ({*points, *(p + "ern" for p in points)} | {f"{a}-{b}{e}" for a in opening for b in closing for e in ("", "ern")}
            | {f"{a}{b}ern" for a in opening for b in closing})


_LINK_WORDS = frozenset(
    {*link_words("containment"), "the", "some", "about", "km", "kilometres", "kilometers", "miles"} | _bearing_words()
    | {w for c in ("link", "slot_region_of", "city_of") for noun in place_nouns(c) for w in noun.split()})


def _capital_before_link(window: str) -> bool:
    """Whether the last word before the link words at the end of ``window`` is capitalised:
    a quick test that lets most containers ('positions in Aleppo') skip the slot pattern."""
    for word in reversed(window.replace(",", " , ").replace("(", " ( ").split()):
        if word in (",", "(") or word.lower() in _LINK_WORDS or word.isdigit():
            continue
        return word[:1].isupper() or word[-1:] in "'’)" or word[:3].lower() in ("al-", "el-")
    return False


def _listed_before(text: str, low: int, high: int) -> re.Match | None:
    """The list item ('X, ', 'X and ') that ends at ``high``, tried where words start."""
    if not high or text[high - 1] not in " \t,":
        return None
    for word in _WORD_START.finditer(text, low, high):
        if text[word.start()].isupper() or text[word.start():word.start() + 3].lower() in ("al-", "el-", "al ", "el "):
            listed = _LISTED_BEFORE.fullmatch(text, word.start(), high)
            if listed is not None:
                return listed
    return None


def slot_before(text: str, low: int, high: int) -> re.Match | None:
    """A slot in ``text[low:high]`` that ends at ``high``. The link is found first, then the
    name before it, so the full pattern is tried once (``_SLOT.search`` would try it at every
    character of the window)."""
    if not high or text[high - 1] not in " \t(," or not _capital_before_link(text[low:high]):
        return None
    for link in _LINK_START.finditer(text, low, high):
        link_start = link.start()
        if _LINK_ONLY.fullmatch(text, link_start, high) is None:
            continue
        for word in _WORD_START.finditer(text, max(low, link_start - _LONGEST_NAME), link_start):
            if _NAME_ONLY.fullmatch(text, word.start(), link_start):
                return _SLOT.match(text, word.start(), high)
    return None


class _Edits:
    """The mentions of a document as slots change them: which overlap a span (found by bisection
    in the sorted originals), which are removed, which are added."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.reach = list(accumulate((m.end for m in mentions), max))  # furthest end up to each
        self.removed: set[int] = set()
        self.added: dict[int, Mention] = {}  # keys continue after the originals' indices

    def covering(self, start: int, end: int) -> dict[int, Mention]:
        found = {}
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.reach[i] > start:
            if self.mentions[i].end > start and i not in self.removed:
                found[i] = self.mentions[i]
            i -= 1
        found.update((k, m) for k, m in self.added.items() if m.start < end and start < m.end and k not in self.removed)
        return found

    def remove(self, mentions: dict[int, Mention]) -> None:
        self.removed.update(mentions)

    def add(self, mention: Mention) -> None:
        self.added[len(self.mentions) + len(self.added)] = mention

    def result(self) -> list[Mention]:
        kept = [m for i, m in enumerate(self.mentions) if i not in self.removed]
        return kept + [m for k, m in self.added.items() if k not in self.removed]
