"""Word classes (``geo/data/lexicon/words.toml``): months, weekdays, compass points, link words,
place nouns, titles, roles and the heads and tails of Arabic place names, each written once.

Patterns are built from them with :func:`alternation` (escaped, longest first, so that a regex
prefers 'villages' to 'village' as a greedy ``villages?`` did):

>>> alternation(["town", "towns", "oil field"])
'(?:oil\\\\s+field|towns|town)'
>>> place_nouns("town_part")
('neighbourhoods', 'neighbourhood', 'neighborhoods', 'neighborhood', 'quarters', 'suburbs', 'quarter', 'suburb')
>>> [m.name for m in months()][:2], months()[8].abbreviations
(['January', 'February'], ('Sept', 'Sep'))
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from geo.knowledge.records import LexiconError, load_table

FILE = "words.toml"
_MARKS = {"": ("singular",), "+": ("singular", "plural"), "*": ("plural",)}


def alternation(words: Iterable[str], space: str = r"\s+") -> str:
    """A non-capturing group matching any of ``words``: escaped, longest first (ties in the
    order given), a space inside a word matching ``space``."""
    unique = list(dict.fromkeys(words))
    if not unique:
        raise ValueError("an alternation needs at least one word")
    ordered = sorted(unique, key=len, reverse=True)
    return "(?:" + "|".join(space.join(re.escape(part) for part in w.split(" ")) for w in ordered) + ")"


@dataclass(frozen=True)
class Month:
    name: str
    number: int
    abbreviations: tuple[str, ...]


@lru_cache(maxsize=1)
def months() -> tuple[Month, ...]:
    """The twelve months, in order."""
    found: list[Month] = []
    for record in load_table(FILE, "month", required={"name": str, "number": int, "abbreviations": list}):
        if not 1 <= record["number"] <= 12:
            raise LexiconError(f"{record['_where']}: number must be 1 to 12, not {record['number']}")
        if any(m.number == record["number"] for m in found):
            raise LexiconError(f"{record['_where']}: a second month number {record['number']}")
        found.append(Month(record["name"], record["number"], tuple(record["abbreviations"])))
    if len(found) != 12:
        raise LexiconError(f"geo/data/lexicon/{FILE}:1: [[month]] records must number 1 to 12, not {len(found)} months")
    return tuple(sorted(found, key=lambda m: m.number))


def month_names() -> tuple[str, ...]:
    """'January' ... 'December'."""
    return tuple(m.name for m in months())


def month_abbreviations() -> tuple[str, ...]:
    """'Jan', 'Feb', ..., 'Sept', 'Sep', ... (May has none)."""
    return tuple(a for m in months() for a in m.abbreviations)


def month_number(word: str) -> int | None:
    """1-12 for a month's name or abbreviation in any case (a full stop after it allowed)."""
    word = word.rstrip(".").lower()
    for month in months():
        if word == month.name.lower() or word in (a.lower() for a in month.abbreviations):
            return month.number
    return None


@lru_cache(maxsize=1)
def weekdays() -> tuple[str, ...]:
    return tuple(w for r in load_table(FILE, "weekday", required={"names": list}) for w in r["names"])


@lru_cache(maxsize=1)
def _compass() -> tuple[tuple[str, ...], tuple[str, ...]]:
    records = load_table(FILE, "compass", required={"word": str}, optional={"closes": bool})
    return tuple(r["word"] for r in records), tuple(r["word"] for r in records if r.get("closes"))


def compass_points(closing: bool = False) -> tuple[str, ...]:
    """'north', 'south', 'east', 'west' (``closing``: those that close a bearing, 'east', 'west')."""
    return _compass()[1 if closing else 0]


def bearings() -> tuple[str, ...]:
    """'north' ... 'west', then the two-point bearings: 'northeast', 'north-east', ..."""
    points, closing = _compass()
    opening = [p for p in points if p not in closing]
    return points + tuple(f"{a}{sep}{b}" for sep in ("", "-") for a in opening for b in closing)


def bearing_pattern(ern: bool = False) -> str:
    """'north', 'north-east', 'southwest' (and with ``ern``: 'north-eastern', 'western')."""
    points, closing = _compass()
    return f"(?:{alternation(points)}(?:-?{alternation(closing)})?{'(?:ern)?' if ern else ''})"


@lru_cache(maxsize=None)
def link_words(cls: str) -> tuple[str, ...]:
    """The link words of a class ('containment': in, of, within, inside)."""
    found = tuple(r["word"] for r in load_table(FILE, "link", required={"word": str, "classes": list})
                  if cls in r["classes"])
    if not found:
        raise LexiconError(f"geo/data/lexicon/{FILE}:1: no [[link]] word has the class '{cls}'")
    return found


@lru_cache(maxsize=1)
def _place_noun_records() -> tuple[dict, ...]:
    records = load_table(FILE, "place_noun", required={"word": str, "classes": list},
                         optional={"spellings": list, "plurals": list})
    for record in records:
        for cls in record["classes"]:
            if cls[-1:] in "+*" and not record.get("plurals"):
                raise LexiconError(f"{record['_where']}: class '{cls}' takes the plural, but '{record['word']}' has none")
    return tuple(records)


@lru_cache(maxsize=None)
def place_nouns(*classes: str) -> tuple[str, ...]:
    """Every form of the place nouns in any of ``classes`` (see the file's header), longest first."""
    found: list[str] = []
    for record in _place_noun_records():
        for entry in record["classes"]:
            mark = entry[-1] if entry[-1:] in "+*" else ""
            if entry[:len(entry) - len(mark)] not in classes:
                continue
            if "singular" in _MARKS[mark]:
                found += [record["word"], *record.get("spellings", [])]
            if "plural" in _MARKS[mark]:
                found += record.get("plurals", [])
    if not found:
        raise LexiconError(f"geo/data/lexicon/{FILE}:1: no [[place_noun]] has the class {classes}")
    return tuple(sorted(dict.fromkeys(found), key=len, reverse=True))


def place_noun_pattern(*classes: str, space: str = r"\s+") -> str:
    """:func:`alternation` of :func:`place_nouns`."""
    return alternation(place_nouns(*classes), space)


@lru_cache(maxsize=None)
def _word_table(table: str) -> dict[str, tuple[str, ...]]:
    records = load_table(FILE, table, required={"words": list}, optional={"class": str})
    found: dict[str, list[str]] = {}
    for record in records:
        found.setdefault(record.get("class", ""), []).extend(record["words"])
    return {k: tuple(v) for k, v in found.items()}


def titles() -> tuple[str, ...]:
    """Titles before a person's name, as written ('General', 'Col.', 'Dr')."""
    return _word_table("title")[""]


def roles() -> tuple[str, ...]:
    """Lower-case role words a person's name may follow ('spokesman', 'col')."""
    return _word_table("role")[""]


def community_adjectives() -> tuple[str, ...]:
    """Adjectives of a community or faith that describe a quarter without naming it ('Shiite')."""
    return _word_table("community")[""]


_TAIL_CLASSES = frozenset({"lower", "upper", "big", "small", "middle", "east", "west", "north", "south"})


@lru_cache(maxsize=1)
def name_tails() -> tuple[str, ...]:
    """Arabic words that end a place's name to tell one of a pair ('Tahtani', 'Kabirah'), each a
    capitalised word of a known class (lower, upper, big, small, middle and the four directions)."""
    records = load_table(FILE, "name_tail", required={"class": str, "words": list})
    for record in records:
        if record["class"] not in _TAIL_CLASSES or not all(
                isinstance(w, str) and w[:1].isupper() and w.isalpha() for w in record["words"]):
            raise LexiconError(f"{record['_where']}: [[name_tail]] needs a class among "
                               f"{', '.join(sorted(_TAIL_CLASSES))} and capitalised words")
    return tuple(dict.fromkeys(w for r in records for w in r["words"]))


def name_heads(cls: str) -> tuple[str, ...]:
    """Heads of Arabic place names of a class ('part', 'village', 'feature')."""
    heads = _word_table("name_head").get(cls)
    if not heads:
        raise LexiconError(f"geo/data/lexicon/{FILE}:1: no [[name_head]] of class '{cls}'")
    return heads
