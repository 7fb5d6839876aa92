"""The relation finder's prefilter: the starts it derives from each pattern never hide a match."""
import re
from pathlib import Path

import pytest

from geo.claims import rules
from geo.casefold import lowered
from geo.knowledge.pattern_start import start_strings, trie_pattern

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"


@pytest.mark.parametrize("pattern, starts", [
    (r"(?:re-?)?open(?:s|ed)?|clos(?:e|ed)", {"clo", "ope", "re-", "reo"}),
    (r"\b(?=\w)in\s+(?:the\s+)?hands", {"in"}),            # a boundary and a look-ahead consume nothing
    (r"(?:dead\s+)?bod(?:y|ies)", {"dea", "bod"}),          # an optional word: both starts
    (r"[ab]x|c", {"ax", "bx", "c"}),
    (r"(?:ab)+cd", {"ab"}),                                  # a repeat may go on: its first round only
    (r"to\b", {"to"}),
])
def test_start_strings_of_constructed_patterns(pattern, starts):
    assert start_strings(pattern, 3) == starts


@pytest.mark.parametrize("pattern, flags", [
    (r"\w+ed", 0),          # any word character
    (r"(?:x)?", 0),         # may match the empty string
    (r"abc", re.IGNORECASE),
    (r"[^a]bc", 0),
    (r".bc", 0),
])
def test_unknown_starts_give_none(pattern, flags):
    assert start_strings(pattern, 3, flags) is None


def test_the_trie_matches_exactly_its_strings():
    strings = ["to", "too", "tak", "cap", "c"]
    trie = re.compile(trie_pattern(strings) + r"\Z")
    for word in strings:
        assert trie.match(word), word
    for word in ("t", "ta", "toox", "ca", ""):
        assert not trie.match(word), word


def test_every_match_of_every_relation_rule_is_seen_by_the_finder():
    """Wherever a rule matches at a word's start in the demo corpus (and in sentences of every
    relation), the finder stops there and offers that rule: the prefilter hides nothing."""
    lex = rules.lexicon()
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.rglob("*.txt"))]
    assert texts, f"no demo texts under {DEMO}"
    texts.append("Rebels cut off the highway. The town fell to the army. It was freed of ISIS, they said. "
                 "The bodies of two men were found. Air strikes hit the village. Troops were within 5 km.")
    checked = 0
    for text in texts:
        low = lowered(text)
        offered = {m.start(): lex.by_start.get(m.group(1), lex.anywhere) for m in lex.finder.finditer(low)}
        for rule in lex.rules:
            for word in re.finditer(r"\b\w", low):
                if rule.pattern.match(low, word.start()):
                    checked += 1
                    assert rule in offered.get(word.start(), ()), (rule.relation, low[word.start():word.start() + 40])
    assert checked > 100
