"""Relation triggers and context cues, read from ``geo/data/lexicon/relations.toml``.

Every relation pattern is tried at every word start (one combined regex finds the candidate
positions), so a pattern added to the data file can never be unreachable.

>>> [(t.relation, t.start) for t in triggers("Government forces blockaded Raqqa.")]
[]
>>> [(t.relation, t.start) for t in triggers("Turkish forces shelled the town.")]
[('strike', 15)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple, get_args

from geo.casefold import lowered
from geo.claims.actors import lexicon as actor_lexicon
from geo.claims.cues import expand
from geo.knowledge import LexiconError, check_choice, compile_pattern, load_table, month_names, theatre_countries, weekdays
from geo.knowledge.pattern_start import led_by_first_characters, start_strings, trie_pattern
from geo.model import Relation

FILE = "relations.toml"
START_LENGTH = 4  # characters of a rule's start the finder checks
CUE_KINDS = ("denied", "disputed", "alleged", "negation", "not_strike", "goal", "attempt", "partitive", "part_within",
             "part_around", "relative")


@dataclass(frozen=True)
class Rule:
    relation: str
    pattern: re.Pattern
    actor_after: bool
    place_before: bool
    needs_destination: bool
    not_followed_by: re.Pattern | None
    unattributed: str | None
    victims: bool  # the verb's object is people
    found_dead: bool  # a body found: who found it did not kill
    carried: bool  # the document's last actor goes on before `unattributed`
    route: bool = False  # the words after the verb name a route: the corridor binds its ends
    means: bool = False  # a strike told by its means (fire, air): a deed beside the change of hands it led to
    subject_after: bool = False  # verb-subject order: the subject follows the verb ('سيطرت قسد على ...')


class Trigger(NamedTuple):
    """A relation word found in the text (a named tuple: thousands are made per document, and a
    tuple is made several times faster than a frozen dataclass)."""

    relation: str
    start: int
    end: int
    actor_after: bool  # the actor follows the trigger ('controlled by ISIL', 'pockets of ISIL')
    place_before: bool  # the place precedes the trigger ('al-Tanaf, occupied by the US')
    needs_destination: bool = False  # a weak corridor word: a claim only with a destination
    unattributed: str | None = None  # the actor when the sentence names none
    victims: bool = False  # the words right after the verb are people, not a place
    found_dead: bool = False  # 'police found the body of a man': the killer is named after 'by', or unknown
    carried: bool = False  # 'Shelling also hit Y' after 'Regime forces pounded X': the last actor goes on
    route: bool = False  # 'cut the Baghdad–Amirli road': a corridor between the route's ends
    means: bool = False  # 'shelled X, capturing it': the shelling is a deed of its own
    subject_after: bool = False  # verb-subject order (Arabic): the actor named right after the verb acts


@dataclass(frozen=True)
class Lexicon:
    rules: tuple[Rule, ...]
    finder: re.Pattern  # where some rule may start: a trie of the rules' first characters
    by_start: dict[str, tuple[Rule, ...]]  # the longest start string found -> the rules to try there, in order
    anywhere: tuple[Rule, ...]  # rules whose start is not known: tried wherever a word starts
    cues: dict[str, re.Pattern]
    sources: tuple[tuple[str, re.Pattern], ...]
    not_sources: frozenset[str]
    theatre: frozenset[str]  # country codes where claims may lie without the document naming the country
    air: str | None  # the actor of a strike from the air whose clause names no state

    @cached_property
    def source_names(self) -> frozenset[str]:
        """The short names of the sources the lexicon knows ('SOHR', 'SANA')."""
        return frozenset(name for name, _ in self.sources)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged relation lexicon plus the user's ($GEO_LEXICON_DIR/relations.toml)."""
    rules = []
    for record in load_table(FILE, "relation", required={"relation": str, "pattern": str},
                             optional={"actor_after": bool, "place_before": bool, "needs_destination": bool,
                                       "not_followed_by": str, "unattributed": str, "object": str,
                                       "carried": bool, "means": bool, "subject_after": bool}):
        check_choice(record, "relation", set(get_args(Relation)))
        check_choice(record, "unattributed", set(actor_lexicon().actors))
        check_choice(record, "object", {"victims", "place", "found dead", "route"})
        if record.get("object") == "route" and record["relation"] != "corridor":
            raise LexiconError(f"{record['_where']}: object \"route\" is a corridor's")
        record["pattern"] = expand(record)  # ('<<place_nouns:route>>': the word class of words.toml)
        pattern = compile_pattern(record)
        if pattern.match(""):
            raise LexiconError(f"{record['_where']}: pattern matches the empty string")
        rules.append(Rule(record["relation"], pattern, record.get("actor_after", False),
                          record.get("place_before", False), record.get("needs_destination", False),
                          compile_pattern(record, "not_followed_by") if "not_followed_by" in record else None,
                          record.get("unattributed"), record.get("object") == "victims",
                          record.get("object") == "found dead", record.get("carried", False),
                          record.get("object") == "route", record.get("means", False),
                          record.get("subject_after", False)))
    if not rules:
        raise LexiconError(f"geo/data/lexicon/{FILE}: no [[relation]] records")
    finder, by_start, anywhere = _finder(rules)
    cues: dict[str, list[str]] = {}
    for record in load_table(FILE, "cue", required={"kind": str, "pattern": str}):
        check_choice(record, "kind", set(CUE_KINDS))
        cues.setdefault(record["kind"], []).append(compile_pattern(record).pattern)
    compiled = {k: led_by_first_characters(re.compile("|".join(f"(?:{p})" for p in v))) for k, v in cues.items()}
    for kind in CUE_KINDS:
        compiled.setdefault(kind, re.compile(r"(?!)"))
    sources = tuple((r["name"], compile_pattern(r, flags=re.IGNORECASE))
                    for r in load_table(FILE, "source", required={"name": str, "pattern": str}))
    # ('On Monday SOHR said', 'In May the ministry announced': a date opens the sentence, not a source)
    not_sources = frozenset((*(w for r in load_table(FILE, "not_source", required={"words": list}) for w in r["words"]),
                             *month_names(), *weekdays()))
    theatre = theatre_countries()
    air = None
    for record in load_table(FILE, "air", required={"actor": str}):
        check_choice(record, "actor", set(actor_lexicon().actors))
        air = record["actor"]  # the user's record, read last, wins
    return Lexicon(tuple(rules), finder, by_start, anywhere, compiled, sources, not_sources, theatre, air)


def _finder(rules: list[Rule]) -> tuple[re.Pattern, dict[str, tuple[Rule, ...]], tuple[Rule, ...]]:
    """Where the rules may start (only where a word starts), and which rules each start allows.

    One alternation of every rule would be tried branch by branch at every word; a trie of the few
    characters each rule's matches begin with fails fast, and leaves one or two rules to try. The
    trie takes the longest start present; the rules of each shorter start are tried there too."""
    by_start: dict[str, set[int]] = {}
    anywhere: set[int] = set()
    for index, rule in enumerate(rules):
        starts = start_strings(rule.pattern.pattern, START_LENGTH, rule.pattern.flags)
        if starts is None:
            anywhere.add(index)
            continue
        for string in starts:
            by_start.setdefault(string, set()).add(index)
    allowed = {string: tuple(rules[i] for i in sorted(anywhere.union(*(by_start.get(string[:n], ())
                                                                      for n in range(1, len(string) + 1)))))
               for string in by_start}
    optional = "?" if anywhere else ""  # rules of unknown start are tried at every word
    finder = re.compile(r"\b(?=\w)(?=(" + trie_pattern(by_start) + ")" + optional + ")")
    return finder, allowed, tuple(rules[i] for i in sorted(anywhere))


def cue(kind: str) -> re.Pattern:
    return lexicon().cues[kind]


def triggers(text: str, start: int = 0, end: int | None = None, low: str | None = None) -> list[Trigger]:
    """Relation triggers in ``text[start:end]``, leftmost-longest, not overlapping (``low``: the
    text's lower-cased copy if the caller has it)."""
    lex = lexicon()
    end = len(text) if end is None else end
    low = lowered(text) if low is None else low
    found: list[Trigger] = []
    taken_until = start
    not_strike = lex.cues["not_strike"]
    for candidate in lex.finder.finditer(low, start, end):
        pos = candidate.start()
        if pos < taken_until:
            continue
        best = None
        for rule in lex.by_start.get(candidate.group(1), lex.anywhere):
            match = rule.pattern.match(low, pos, end)
            if not match or match.end() <= pos or (best is not None and match.end() <= best[1]):
                continue
            if rule.not_followed_by is not None and rule.not_followed_by.match(low, match.end(), end):
                continue
            best = (rule, match.end())
        if best is None:
            continue
        rule, stop = best
        if rule.relation == "strike" and not_strike.search(low, max(start, pos - 30), pos):
            continue
        found.append(Trigger(rule.relation, pos, stop, rule.actor_after, rule.place_before, rule.needs_destination,
                             rule.unattributed, rule.victims, rule.found_dead, rule.carried, rule.route,
                             rule.means, rule.subject_after))
        taken_until = stop
    return found
