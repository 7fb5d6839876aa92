"""Constructions of long-form reporting, as named and ordered records (``geo/data/claims/constructions.toml``).

Each record names one construction (a heading that states nothing, a goal, an operation's lead,
a description of a place that names its former holder, 'it' as a place, a fronted participle, a
group's allies) and gives the regex that finds it; :mod:`geo.claims.extract` asks here whether
one applies. A person adds a construction by adding a record (and a test).

>>> [r.name for r in records("goal")][:2]
['goal-of', 'preparing-for']
>>> goal_before("the rebels announced their goal of capturing", 35)
'goal-of'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.knowledge.pattern_start import INLINE_FLAGS, led_by_first_characters, start_strings, trie_pattern
from geo.knowledge.records import LexiconError, Source, check_choice, check_unique, compile_pattern, parse_records, sources
from geo.settings import current

FILE = "constructions.toml"
KINDS = ("no_claims", "goal", "approach", "attempt", "feature_object", "lead", "appositive", "place_pronoun", "place_subject", "fronted", "participle", "object_relative", "reduced_relative", "counted", "reversal", "ally", "opening")
REQUIRED = {"name": str, "kind": str, "pattern": str}
OPTIONAL = {"note": str}
# how far before a trigger a goal record looks, and after a place an appositive one
GOAL_WINDOW = 60
APPOSITIVE_WINDOW = 80


@dataclass(frozen=True)
class Construction:
    name: str
    kind: str
    pattern: re.Pattern
    note: str


def parse(text: str, origin: str = FILE) -> tuple[Construction, ...]:
    """Validated records of a constructions file's text (a :class:`LexiconError` names the bad one)."""
    return _constructions(parse_records(Source(origin, text), "construction", REQUIRED, OPTIONAL, only=True))


def _constructions(records: list[dict]) -> tuple[Construction, ...]:
    check_unique(records)
    out = []
    for record in records:
        where = record["_where"]
        check_choice(record, "kind", KINDS)
        pattern = compile_pattern(record)
        if pattern.fullmatch("") and record["kind"] != "fronted":
            raise LexiconError(f"{where}: pattern matches the empty string")
        if record["kind"] == "lead" and "verb" not in pattern.groupindex:
            raise LexiconError(f"{where}: a lead pattern needs a group named 'verb'")
        if record["kind"] == "opening" and "name" not in pattern.groupindex:
            raise LexiconError(f"{where}: an opening pattern needs a group named 'name'")
        # (led by its first characters where the regex engine cannot see them: the same matches, sooner)
        out.append(Construction(record["name"], record["kind"], led_by_first_characters(pattern), record.get("note", "")))
    return tuple(out)


@lru_cache(maxsize=1)
def _all() -> tuple[Construction, ...]:
    """The packaged file's records, then those of a user's file of the same name."""
    return _constructions([r for source in sources(FILE, "claims")
                           for r in parse_records(source, "construction", REQUIRED, OPTIONAL, only=True)])


_DISABLED: frozenset[str] | None = None  # None: those the settings switch off ($GEO_CONSTRUCTIONS_OFF)


def disable(*names: str) -> None:
    """Switch records off by name (none: back to those the settings switch off, by default none);
    how ``benchmarks.articles --ablation`` measures each one. ``$GEO_CONSTRUCTIONS_OFF``
    (comma-separated names) does the same for a whole run."""
    global _DISABLED
    _DISABLED = frozenset(names) if names else None
    _records.cache_clear()


def disabled() -> frozenset[str]:
    """The names of the records switched off (constructions and binding rules alike): those
    :func:`disable` names, else those the settings switch off."""
    return current().constructions_off if _DISABLED is None else _DISABLED


def records(kind: str) -> tuple[Construction, ...]:
    """The records of one kind, in file order (less those switched off)."""
    return _records(kind)


@lru_cache(maxsize=None)
def _records(kind: str) -> tuple[Construction, ...]:
    off = disabled()
    return tuple(r for r in _all() if r.kind == kind and r.name not in off)


def _gate(kind: str) -> re.Pattern | None:
    """One pattern that matches wherever some record of ``kind`` does (their alternation, group
    names dropped), so that the usual answer, none, costs one search; None for a single record."""
    return _gate_and_starts(kind)[0]


def _gate_and_starts(kind: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    """The gate of ``kind`` (:func:`_gate`) and the same gate led by a look-ahead on where one of
    its matches may start (the few characters every record's matches begin with, as a trie; None
    when some record's start is unknown): a search tries the gate only there, not at every position."""
    chosen = records(kind)
    known = _GATES.get(kind)
    if known is not None and known[0] is chosen:
        return known[1], known[2]
    patterns = [r.pattern.pattern for r in chosen]
    gate = None
    if len(patterns) > 1 and not any(_BACK_REFERENCE.search(p) for p in patterns):
        try:
            gate = led_by_first_characters(re.compile("|".join(f"(?:{_NAMED_GROUP.sub('(?:', p)})" for p in patterns)))
        except re.error:  # a record's inline global flag: no gate, each record is tried
            gate = None
    starts = [start_strings(r.pattern.pattern, START_LENGTH, r.pattern.flags) for r in chosen]
    finder = None
    if gate is not None and starts and None not in starts and not any(INLINE_FLAGS.search(p) for p in patterns):
        # the gate led by the trie: one search in C tries the gate only where the trie matches
        finder = re.compile("(?=" + trie_pattern(set().union(*starts)) + ")(?:" + gate.pattern + ")", gate.flags)
    _GATES[kind] = (chosen, gate, finder)
    return gate, finder


_GATES: dict[str, tuple[tuple[Construction, ...], re.Pattern | None, re.Pattern | None]] = {}  # kind -> (its records, gate, finder)
START_LENGTH = 4  # characters of a record's start the finder checks
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_BACK_REFERENCE = re.compile(r"\(\?P=|\(\?\(|\\[1-9]")  # numbers and names that an alternation would shift


def _first(kind: str, low: str, start: int, end: int, how: str = "search") -> tuple[str, re.Match] | None:
    gate, finder = _gate_and_starts(kind)
    if gate is not None:
        if how == "search" and finder is not None:
            some = finder.search(low, start, end) is not None  # (the gate, only where a match can start)
        else:
            some = getattr(gate, how)(low, start, end) is not None
        if not some:
            return None
    for r in records(kind):
        m = getattr(r.pattern, how)(low, start, end)
        if m is not None:
            return r.name, m
    return None


def says_nothing(low: str, start: int, end: int) -> str | None:
    """The name of the record that makes the sentence ``low[start:end]`` give no claim."""
    hit = _first("no_claims", low, start, end, "match")
    return hit[0] if hit else None


def _after_to(low: str, trigger_start: int) -> int:
    """Where the words before a trigger end: after its own 'to' when it opens with one ('called on
    the fighters to surrender': the window reads '... to ')."""
    return trigger_start + 3 if low.startswith("to ", trigger_start) else trigger_start


def goal_before(low: str, trigger_start: int, sentence_start: int = 0) -> str | None:
    """The name of the goal record that the words before a trigger match."""
    hit = _first("goal", low, max(sentence_start, trigger_start - GOAL_WINDOW), _after_to(low, trigger_start))
    return hit[0] if hit else None


def approach_before(low: str, trigger_start: int, sentence_start: int = 0) -> str | None:
    """The name of the approach record that the words before a control word match."""
    hit = _first("approach", low, max(sentence_start, trigger_start - GOAL_WINDOW), _after_to(low, trigger_start))
    return hit[0] if hit else None


def attempt_before(low: str, trigger_start: int, sentence_start: int = 0) -> str | None:
    """The name of the attempt record that the words before a control word match."""
    hit = _first("attempt", low, max(sentence_start, trigger_start - GOAL_WINDOW), _after_to(low, trigger_start))
    return hit[0] if hit else None


def feature_object(low: str, trigger_end: int, sentence_end: int, places=()) -> str | None:
    """The name of the record that says a control word took a feature, not a named place: the
    words right after it name a bridge, a hill, a road or a plant and no place mention lies in them."""
    hit = _first("feature_object", low, trigger_end, min(sentence_end, trigger_end + 60), "match")
    if hit is None or any(trigger_end <= m.start < hit[1].end() for m in places):
        return None
    return hit[0]


def lead(low: str, start: int, end: int) -> re.Match | None:
    hit = _first("lead", low, start, end)
    return hit[1] if hit else None


def opening(low: str, sentence_start: int, sentence_end: int) -> re.Match | None:
    """'The Battle of X began on D, when Y ...': the match (group ``name``: the battle's name) from
    the sentence's start up to where its doer may be named, if any record finds it."""
    hit = _first("opening", low, sentence_start, sentence_end, "match")
    return hit[1] if hit else None


def appositive_after(low: str, place_end: int, sentence_end: int) -> re.Match | None:
    """The description right after a place ('Baghouz, the last pocket held by ISIS'), if any."""
    hit = _first("appositive", low, place_end, min(sentence_end, place_end + APPOSITIVE_WINDOW), "match")
    return hit[1] if hit else None


def pronoun_object(low: str, trigger_end: int, sentence_end: int) -> bool:
    return _first("place_pronoun", low, trigger_end, min(sentence_end, trigger_end + 40), "match") is not None


def place_subject(low: str, sentence_start: int, trigger_start: int) -> bool:
    return _first("place_subject", low, sentence_start, trigger_start, "fullmatch") is not None


def fronted(low: str, sentence_start: int, trigger_start: int) -> bool:
    return _first("fronted", low, sentence_start, trigger_start, "fullmatch") is not None


def participle(low: str, sentence_start: int, trigger_start: int, trigger_end: int) -> str | None:
    """The name of the record that says a trigger is (or follows) a participle after a comma ('...,
    regaining control over X', '..., capturing X'): its doer is the main clause's subject."""
    hit = _first("participle", low, max(sentence_start, trigger_start - 40), trigger_end)
    return hit[0] if hit else None


def object_relative(low: str, start: int, trigger_start: int) -> str | None:
    """The name of the record that says a control word ends a relative clause whose object is its
    antecedent ('the villages that ISIL held'): no place after it is what was held."""
    hit = _first("object_relative", low, start, trigger_start)
    return hit[0] if hit else None


def reduced_relative(low: str, start: int, trigger_start: int) -> str | None:
    """The name of the record that says a control word is a participle describing a generic noun
    right before it ('the territory lost', 'ground seized by ISIS'): no place is what was taken."""
    hit = _first("reduced_relative", low, start, trigger_start)
    return hit[0] if hit else None


def counted(low: str, trigger_end: int, place_start: int) -> str | None:
    """The name of the record that says the words between a control word and its place count
    unnamed places ('seized four villages on the boundary between X and Y')."""
    hit = _first("counted", low, trigger_end, place_start)
    return hit[0] if hit else None


def reversal(low: str, sentence_start: int, sentence_end: int) -> int | None:
    """Where the words that take back the sentence's captures start ('..., before retreating back
    to the airbase'), if any record finds them."""
    hit = _first("reversal", low, sentence_start, sentence_end)
    return hit[1].start() if hit else None


def allied(low: str, actor_end: int, generic_start: int) -> bool:
    return _first("ally", low, actor_end, generic_start, "fullmatch") is not None
