"""Names the document's own area settles: a village the text lists or names beside places it has
located is looked for, spelled alike, in the districts of those places.

A report on one front names its villages the reporter's way ('al-Bo Leil', 'Boqrous Tahtani',
'Luhaib') next to a few towns the gazetteer knows for certain. After the other stages:
- a name left unresolved ('al-Junaina': a toponym pattern, no entry of that spelling),
- a small place (not curated) that another stage placed: a namesake, when a place so spelled
  lies clearly nearer the text's other places ('Amriyah' in a report on Tel Tamr is no
  neighbourhood of Baghdad),
- a town no curated entry holds, over FAR_TOWN_KM from every place the text is sure of, and
- a name of a list whose other members are places ('the villages of A, B, C and D'), that no
  stage took, and a name an Arabic qualifier ends ('Shilallah al-Kabeera') that none took,
are looked up by spelling in each district where the document's other places lie
(``SlotFiller._find``: the edit and consonant rules of a slot's region; for a name no stage
placed near the text, also the same consonants with a vowel more changed). The find nearest the
text's certain places (curated ones, towns, places named twice), within NEAR_KM and clearly nearer
than any other so spelled, is taken; a far town nothing near answers to becomes unresolved; else
the name stays as it was. A name the text locates itself ('X town in Y', 'X, 20 km west of Y') is
left to the slots and the containment rules. Document context before prominence: the village of
the text's own area before a namesake of any size elsewhere.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter

from geo.geoparse.gazetteer import THEATRE_COUNTRIES, GazetteerIndex, is_curated
from geo.geoparse.memo import BoundedMemo
from geo.distance import km_between
from geo.geoparse.ranking import CONTAINED_IN, LONGEST_LINK, COMMON_AT_SENTENCE_START, word_zipf
from geo.geoparse.normalize import name_key
from geo.geoparse.slots import LINK, SlotFiller, placed_mention
from geo.geoparse.spelling import NEAR_KM, SAME_PLACE_DEGREES, alike_in_region, named_after_place
from geo.geoparse.toponyms import qualified_names
from geo.model import SETTLEMENT_KINDS, VILLAGE_KINDS, Mention, Place

# kinds of place that locate a document's area (a governorate or a country is too wide)
_POINT_KINDS = SETTLEMENT_KINDS | {"facility", "subdistrict"}
# kinds of a placed name that may be a namesake of the document's village
# ... and a town or city no curated entry holds, when it lies this far from the text's places
# ('Bagheliya', a neighbourhood of Deir ez-Zor, is no city of 30,000 in Iraq)
_TARGET_KINDS = VILLAGE_KINDS | {"town", "city"}
FAR_TOWN_KM = 100.0
LEVEL = 1  # the admin level searched: the districts of the text's places (a governorate holds too many namesakes)
FEATURE_LEVEL = 0  # ... and for a feature named after a place ('Lake Jabbul'), when its districts hold none: their governorates
LOOSE_NEAR_KM = 20.0  # ... and then nearer the text's certain places
MARGIN = 2.0  # and how much nearer than the place another stage gave, or than another place so spelled
_ARTICLES = ("al-", "el-", "al ", "el ")
_LOCATED_BY = re.compile(LINK)  # 'X town in Y countryside', 'X, south of Y': the text locates X itself
_CONTAINER_KINDS = frozenset({"governorate", "district", "subdistrict", "city", "town", "capital"})
NEARBY_CONFIDENCE = 0.55
# a name of a list: 'A, B, C and D' (articles and two-word names: 'al-Bo Omar', 'Boqrous Tahtani')
_ITEM = r"(?:(?:al|el|Al|El)[- ])?[A-Z][\w'’]+(?:[ -](?:(?:al|el)-)?[A-Z][\w'’]+){0,2}"
_NEXT_ITEM = re.compile(rf"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)(?P<item>{_ITEM})")
_LINKED_AFTER = re.compile(r"[ \t]*,|[ \t]+and[ \t]")  # a quick test before the item patterns
_LINKED_BEFORE = re.compile(r"(?:,|[ \t]and)[ \t]*$")
_ITEM_BEFORE = re.compile(rf"(?P<item>{_ITEM})(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)$")


def _untaken(spans, mentions: list[Mention], targets: list) -> list[tuple[int, int, None]]:
    """The ``spans`` that no mention and no target overlaps, as targets without a mention."""
    spans = list(spans)
    if not spans:
        return []
    taken = [(m.start, m.end) for m in mentions] + [(start, end) for start, end, _ in targets]
    return [(start, end, None) for start, end in spans if not any(s < end and start < e for s, e in taken)]


def _located(text: str, mention: Mention, containers: list[Mention]) -> bool:
    """Whether the text locates a name itself ('X town in Y countryside', 'X, 120 km west of the
    city of Y', not a mere list 'X, Y'): what the slots and the containment rules made of it stays."""
    k = bisect_left(containers, mention.end, key=_start)
    if k == len(containers) or containers[k].start - mention.end > LONGEST_LINK:
        return False
    link = CONTAINED_IN.fullmatch(text, mention.end, containers[k].start) \
        or _LOCATED_BY.fullmatch(text, mention.end, containers[k].start)
    return link is not None and bool(re.sub(r"[\s,]|\band\b", "", link.group()))


def _start(mention: Mention) -> int:
    return mention.start


def _closeness(lat: float, lon: float, others: list[tuple[float, float, str, int]]) -> float:
    """The distance to the nearest of the text's other places, each divided by the root of the
    times the text names it (Tel Tamr named four times pulls harder than a town named once)."""
    return min(km_between((lat, lon), (o_lat, o_lon)) / math.sqrt(count) for o_lat, o_lon, _, count in others)


def _nearest_km(lat: float, lon: float, others: list[tuple[float, float, str, int]]) -> float:
    return min(km_between((lat, lon), (o_lat, o_lon)) for o_lat, o_lon, _, _ in others)


class NearbySettler:
    """Settles the names of a document among the places of its own districts."""

    def __init__(self, index: GazetteerIndex, slots: SlotFiller) -> None:
        self.index = index
        self.slots = slots
        self._alike: dict[tuple[str, str], Place | None] = BoundedMemo()

    def settle(self, doc_id: str, text: str, mentions: list[Mention]) -> list[Mention]:
        """``mentions`` (sorted by start) with the names the document's districts settle."""
        points = [m for m in mentions if m.role == "place" and m.lat is not None and m.kind in _POINT_KINDS
                  and m.country in THEATRE_COUNTRIES and m.place_id]
        if not points:
            return mentions
        counts = Counter(m.place_id for m in points)
        where = {m.place_id: (m.lat, m.lon, self.index.admin_codes(m.place_id)[LEVEL]) for m in points}
        governorates = {self.index.admin_codes(m.place_id)[FEATURE_LEVEL] for m in points} - {""}
        trusted = {m.place_id for m in points if is_curated(m.place_id) or m.kind not in VILLAGE_KINDS
                   or counts[m.place_id] > 1}
        targets: list[tuple[int, int, Mention | None]] = []
        containers = [m for m in mentions if m.role == "place" and m.kind in _CONTAINER_KINDS]
        for m in mentions:
            if (m.role == "unresolved" and (m.surface[:1].isupper() or m.surface[:3].lower() in _ARTICLES)
                    or m.role == "place" and m.kind in _TARGET_KINDS and m.country in THEATRE_COUNTRIES
                    and not is_curated(m.place_id) and m.lat is not None) and not _located(text, m, containers):
                targets.append((m.start, m.end, m))
        if "," in text or " and " in text:
            targets += self._list_items(text, mentions)
        targets += _untaken(qualified_names(text), mentions, targets)
        if not targets:
            return mentions
        replaced: dict[int, Mention] = {}  # id of a mention -> what it becomes
        added: list[Mention] = []
        for start, end, current in targets:
            own = current.place_id if current is not None else None
            others = [(lat, lon, code, counts[pid]) for pid, (lat, lon, code) in where.items() if pid != own]
            # distances are taken to the places the text names for certain: a curated place, a
            # town, one named twice (a village placed once may be a namesake itself)
            near = [o for o, pid in zip(others, (pid for pid in where if pid != own)) if pid in trusted] or others
            if not others:
                continue
            # a place a stage gave it that lies near the text's places is only traded for one
            # spelled by the slots' rules (and a town not at all)
            placed_near = current is not None and current.role == "place" \
                and _nearest_km(current.lat, current.lon, near) <= FAR_TOWN_KM
            if placed_near and current.kind not in VILLAGE_KINDS:
                continue
            place, precision = self._look_up(text[start:end], {code for _, _, code, _ in others if code}, near,
                                             relaxed=not placed_near)
            if place is None and current is not None and current.role == "unresolved" \
                    and named_after_place(name_key(current.surface)):
                # a lake or a mountain named after a place reaches past the districts of the text's places
                place, precision = self._look_up(current.surface, governorates, near, level=FEATURE_LEVEL)
            if place is None and current is not None and current.role == "place" and not placed_near \
                    and current.kind not in VILLAGE_KINDS and len(near) >= 2:
                # a town no curated entry holds, far from every place the text is sure of, and
                # nothing so spelled near them: a namesake of a place the gazetteer lacks
                replaced[id(current)] = Mention(doc=doc_id, start=current.start, end=current.end,
                                                surface=current.surface, role="unresolved")
                continue
            # a spelling of a place the text names otherwise is that place only for a name no stage
            # placed ('al-Boulail' after 'al-Bo Leil'); a village is no town
            if place is None or own == place.id or place.id in where and (current is None or current.role != "unresolved") \
                    or current is not None and current.role == "place" and place.kind not in VILLAGE_KINDS:
                continue
            if current is not None and current.role == "place" \
                    and _closeness(place.lat, place.lon, near) * MARGIN > _closeness(current.lat, current.lon, near):
                continue  # the place a stage gave it lies about as near the text's other places
            mention = placed_mention(doc_id, start, text[start:end], place, precision, NEARBY_CONFIDENCE)
            if current is not None:
                replaced[id(current)] = mention
            else:
                added.append(mention)
        if not (replaced or added):
            return mentions
        spans = [(m.start, m.end) for m in added]
        out = [replaced.get(id(m), m) for m in mentions
               if not any(m.start < e and s < m.end for s, e in spans)]
        return sorted(out + added, key=lambda m: m.start)

    def _look_up(self, surface: str, districts: set[str], near: list[tuple[float, float, str, int]],
                 relaxed: bool = True, level: int = LEVEL):
        """The place spelled like ``surface`` in ``districts`` (those of the text's other places)
        that lies nearest the places ``near`` (a place named often counts as nearer), when it is
        within NEAR_KM and clearly nearer than any other place so spelled."""
        surface = surface.rstrip("'’")
        words = surface.replace("-", " ").split()
        if not words or len(words) == 1 and word_zipf(surface) >= COMMON_AT_SENTENCE_START:
            return None, 1
        found = {}
        for code in sorted(districts):
            place, precision, loose = self._find(surface, code, relaxed, level)
            if place is not None:
                found[place.id] = (_closeness(place.lat, place.lon, near), place, precision, loose)
        if not found:
            return None, 1
        ranked = sorted(found.values(), key=lambda f: f[0])
        best = ranked[0]
        if _nearest_km(best[1].lat, best[1].lon, near) > (LOOSE_NEAR_KM if best[3] else NEAR_KM):
            return None, 1
        for closeness, place, _, _ in ranked[1:]:
            if closeness < best[0] * MARGIN and (abs(place.lat - best[1].lat) > SAME_PLACE_DEGREES
                                                 or abs(place.lon - best[1].lon) > SAME_PLACE_DEGREES):
                return None, 1  # two places so spelled about as near: not ours to pick
        return best[1], best[2]

    def _find(self, surface: str, code: str, relaxed: bool = True, level: int = LEVEL) -> tuple[Place | None, int, bool]:
        """The place of the district spelled like ``surface`` by the slots' rules, else one
        whose consonants are the same and whose vowels differ a little more ('Sejar' / 'Sajar',
        'Bagheliya' / 'Bougailia'): the district's own places, where a namesake is rare."""
        place, precision = self.slots._find(surface, level, code)
        if place is not None or not relaxed:
            return place, precision, False
        key = name_key(surface)
        if (key, code) not in self._alike:
            self._alike[(key, code)] = alike_in_region(self.index, key, level, code)
        return self._alike[(key, code)], 1, True

    @staticmethod
    def _list_items(text: str, mentions: list[Mention]) -> list[tuple[int, int, Mention | None]]:
        """The names of lists with a place among them that no mention covers (or that a mention
        covers only in part: 'Omar' of 'al-Bo Omar')."""
        found = []
        for m in mentions:
            if m.role not in ("place", "unresolved") or m.kind not in (None, *VILLAGE_KINDS, "town") \
                    or m.role == "place" and m.country not in THEATRE_COUNTRIES:
                continue
            # the names after it, then before it, while separators link them
            if not (_LINKED_AFTER.match(text, m.end) or _LINKED_BEFORE.search(text, max(0, m.start - 6), m.start)):
                continue
            at = m.end
            while True:
                match = _NEXT_ITEM.match(text, at, at + 80)
                if match is None:
                    break
                found.append(match.span("item"))
                at = match.end()
            at = m.start
            while True:
                window = text[max(0, at - 80):at]
                match = _ITEM_BEFORE.search(window)
                if match is None:
                    break
                offset = at - len(window)
                found.append((offset + match.start("item"), offset + match.end("item")))
                at = offset + match.start("item")
        out = []
        starts = [m.start for m in mentions]
        longest = max((m.end - m.start for m in mentions), default=0)
        for start, end in dict.fromkeys(found):
            low, high = bisect_left(starts, start - longest), bisect_left(starts, end)
            covering = [m for m in mentions[low:high] if m.start < end and start < m.end]
            if any((m.start, m.end) == (start, end) or m.start <= start and end <= m.end for m in covering):
                continue  # a name a stage took whole
            if any(m.role in ("actor", "demonym") or m.start < start or m.end > end for m in covering):
                continue
            out.append((start, end, covering[0] if len(covering) == 1 else None))
        return out
