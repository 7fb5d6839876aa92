"""Lists of places in one breath: 'captured al-Mayadeen, Deir ez-Zor and Albu Kamal', 'withdrew from
Harasta and the nearby town of X': which places a trigger's nearest place heads (read by
:mod:`geo.claims.bind_place`, rule head-and-list)."""
from __future__ import annotations

import re

from geo.claims.cues import named
from geo.knowledge import bearing_pattern, month_names, place_noun_pattern, weekdays
from geo.model import REGION_KINDS, Mention

# ('captured Rajo on 8 March and Jindires': the date of the first item does not end the list)
_DATE_AFTER = r"(?:\s+(?:on|in|by)\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + "|".join(
    (*month_names(), *weekdays())) + r")(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?)?"
# ', ', ' and ', ', and the villages of ', ' city and the neighbourhoods of ': one list goes on
# ('Mabrukah, the Tell Tamer countryside, and wide parts of Ras al-Ayn countryside': three places)
# ('cleared Karmah to the north-east and the town of Saqlawiyah to the north-west': a side of the
# place the text is about, said of each item, does not end the list)
_SIDE_AFTER = r"(?:\s+to\s+the\s+" + bearing_pattern() + r"(?=\s*(?:,|and\b|or\b)))?"
_LIST_GAP = re.compile(_DATE_AFTER + _SIDE_AFTER + r"\s*(?:(?:" + place_noun_pattern("settlement_of", "region_after") + r")\s*)?(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:(?:from|in|at|into)\s+)?"
                       r"(?:(?:wide|large|most|much|some|several|parts?|areas?)\s+(?:parts?\s+|areas?\s+)?of\s+)?"
                       r"(?:the\s+(?:(?:nearby|neighbou?ring|adjacent)\s+)?(?:" + place_noun_pattern("anaphora") + r"s?\s+of\s+"
                       r"|(?:(?:army|military|air|government)\s+)?(?:base|airbase|airport)\s+(?:at|of|in)\s+)?)?",
                       re.IGNORECASE)  # ('X and the nearby Tabqa Dam', 'X and the neighbouring towns of Y and Z', 'from X and from Y',
# 'X and the army base at Y')


# a name in a list that nobody found ('Muhassan, Zarzur Kabir and Tabni'): capitalised words
_LIST_NAME = named("list_name")


def _list_gap(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` goes on with a list: a separator, or separators around names
    the geoparser did not find."""
    pos = start
    for _ in range(6):
        if _LIST_GAP.fullmatch(text, pos, end):
            return True
        sep = _LIST_GAP.match(text, pos, end)
        if sep is None or sep.end() == pos:
            return False
        name = _LIST_NAME.match(text, sep.end(), end)
        if name is None:
            return False
        pos = name.end()
    return False


def enumeration(text: str, in_places: list[Mention], head: Mention, containers: dict[int, Mention],
                 in_unresolved: list[Mention] = ()) -> list[Mention]:
    """'al-Mayadeen, Deir Al-Zour and al-Bu Kamal': the places listed with ``head`` (not the
    province that holds it: 'Al Amadiya, Duhok'). A name of the list the gazetteer lacks ('A, B
    and C' with B unknown) keeps the list going: it is one more item, bound to nothing."""
    group = [head]
    ordered = sorted([*in_places, *(u for u in in_unresolved if not any(u.start < m.end and m.start < u.end for m in in_places))],
                     key=lambda m: m.start)
    index = next(i for i, m in enumerate(ordered) if m is head)
    for direction in (-1, 1):
        i = index
        while 0 <= i + direction < len(ordered):
            a, b = (ordered[i + direction], ordered[i]) if direction < 0 else (ordered[i], ordered[i + direction])
            if not _list_gap(text, a.end, b.start) or id(b) in containers:
                break
            i += direction
            group.append(ordered[i])
    resolved = {id(m) for m in in_places}
    group = [m for m in group if id(m) in resolved]
    seen, unique = set(), []
    for m in sorted(group, key=lambda m: m.start):
        if m.place_id not in seen and m.kind not in REGION_KINDS | {"country"}:
            seen.add(m.place_id)
            unique.append(m)
    return unique or [head]
