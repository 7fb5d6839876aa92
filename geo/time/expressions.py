"""Date expressions in a sentence, found by explicit patterns before any parser sees them.

dateparser's own search mode takes "may", "now", "second" and bare numbers for dates; here only
shapes we recognise count: calendar dates ("9 May 2020", "Nov. 9"), a month with a year or after
a preposition ("June 2014", "since May" — "May" the month, never the verb), a year after a
preposition ("in 2014"), weekdays ("on Tuesday"), relative days ("yesterday", "two days ago",
"last week", "earlier this month"). Month and weekday names must be capitalised.

>>> [(e.text, e.precision) for e in find_expressions("In June 2014 ISIS seized Mosul; it may fall now.")]
[('In June 2014', 'month')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.knowledge import alternation, month_abbreviations, month_names, months, weekdays



def _month_forms() -> tuple[str, ...]:
    """'November', 'Nov', 'Nov.' (capitalised). Kept exactly as the hand-written pattern had them:
    no stop after an abbreviation that is its name less the last letter ('Jun', 'Jul'), and a
    stop after the one full name 'September' ('9 Jun. 2017' is therefore read as '9 Jun')."""
    forms = [*month_names(), "September."]
    for month in months():
        for short in month.abbreviations:
            forms += [short] if month.name[:-1] == short else [short, short + "."]
    return tuple(forms)


_MONTH = alternation(_month_forms()) + r"(?![\w-])"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:19|20)\d\d(?![\d-])"
_WEEKDAY = alternation(weekdays()) + r"(?!\w)"
_NUMBER = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
_PREP = r"(?i:in|since|by|until|till|during|from|through|throughout|of|on|early|late|mid|around)"
_PART = r"(?:(?i:early|mid|late|the end of|the beginning of|the start of|the middle of)[- ]+)"

# One alternative per shape, each a named group whose name is its precision and whether it needs
# the document's date to resolve ("rel": relative, "abs": stands alone).
_SHAPES = [
    ("day_abs", rf"(?:{_DAY}\s+(?i:of\s+)?{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR}|(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d))"),
    ("month_abs", rf"(?:{_PREP}\s+)?{_PART}?{_MONTH},?\s+{_YEAR}"),
    ("day_rel", rf"(?:{_DAY}\s+(?i:of\s+)?{_MONTH}|{_MONTH}\s+{_DAY})"),
    ("month_rel", rf"{_PREP}[- ]+{_PART}?{_MONTH}(?!\s*\d)"),
    ("year_abs", rf"{_PREP}[- ]+{_PART}?{_YEAR}(?!\s*(?:-|to|and)?\s*\d)"),
    ("day_rel2", rf"(?:(?i:last|this|on|early|late|since|until|by)\s+)?{_WEEKDAY}(?:\s+(?i:morning|afternoon|evening|night))?"),
    ("day_rel3", r"(?i:today|yesterday|tonight|overnight|last night|this (?:morning|afternoon|evening))(?!\w)"),
    ("ago_rel", rf"(?i:{_NUMBER}\s+(?:day|week|month|year)s?\s+ago)(?!\w)"),
    ("unit_rel", r"(?i:(?:earlier |later |since |until )?(?:this|last|past|the past)\s+(?:week|month|year))(?!\w)"),
]
PATTERN = re.compile(r"(?=[0-9A-Za-z])(?<![\w-])(?:" + "|".join(f"(?P<{name}>{body})" for name, body in _SHAPES) + ")")

# Every shape above holds one of these words (or a year): the pattern only runs near them.
# Scanning every position of every sentence with the pattern cost more than the claim rules.
NAMES = tuple(w.lower() for w in month_names() + month_abbreviations() + weekdays())  # capitalised
WORDS = ("today", "yesterday", "tonight", "overnight", "night", "morning", "afternoon", "evening", "ago",
         "week", "weeks", "month", "months", "year", "years")
CENTURIES = ("19", "20")  # a year: these two digits and two more, as a number of its own
REACH = 40  # characters a shape extends before or after its anchor, at most (with margin)


@lru_cache(maxsize=1)
def _anchors():
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for kind, words in (("name", NAMES), ("word", WORDS), ("year", CENTURIES)):
        for word in words:
            automaton.add_word(word, (len(word), kind))
    automaton.make_automaton()
    return automaton


def _anchored(text: str, lower: str, start: int, end: int, kind: str) -> bool:
    """Whether the anchor hit at ``start``..``end`` (inclusive) stands as a word (or a year)."""
    if start and lower[start - 1].isalnum():
        return False
    if kind == "year":
        return lower[end + 1:end + 3].isdigit() and not lower[end + 3:end + 4].isdigit()
    if lower[end + 1:end + 2].isalpha():
        return False
    return kind == "word" or text[start].isupper()


@dataclass(frozen=True)
class Expression:
    """A date expression: offsets into the text searched, its words, precision, and whether it is
    relative (resolved against the document's date)."""

    start: int
    end: int
    text: str
    precision: str
    relative: bool


_UNIT = re.compile(r"(day|week|month|year)s?\b", re.IGNORECASE)


def _precision(kind: str, text: str) -> str:
    if kind in ("ago_rel", "unit_rel"):
        return _UNIT.search(text).group(1).lower()
    return kind.split("_")[0]


def find_expressions(text: str) -> list[Expression]:
    """Every date expression in ``text``, left to right."""
    found: list[Expression] = []
    windows: list[list[int]] = []
    lower = text.lower()
    for end, (length, kind) in _anchors().iter(lower):
        if not _anchored(text, lower, end - length + 1, end, kind):
            continue
        start, stop = max(0, end - length + 1 - REACH), end + 1 + REACH
        if windows and start <= windows[-1][1]:
            windows[-1][1] = stop
        else:
            windows.append([start, stop])
    for start, stop in windows:
        found.extend(_expressions_between(text, start, stop))
    return found


def _expressions_between(text: str, start: int, stop: int) -> list[Expression]:
    found = []
    for match in PATTERN.finditer(text, start, stop):
        kind = match.lastgroup
        found.append(Expression(match.start(), match.end(), match.group(0), _precision(kind, match.group(0)),
                                kind.endswith(("rel", "rel2", "rel3"))))
    return found
