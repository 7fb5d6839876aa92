"""What a lexicon pattern can start with, so that many patterns are tried only where they may match.

Python's regex engine tries every branch of an alternation at every position; a finder made of
forty relation patterns (hundreds of verb forms) spends most of its time failing on them. The
strings a pattern's matches must start with (up to a few characters) make a small trie that one
scan of the text checks cheaply; only the patterns whose start is there are tried.

>>> sorted(start_strings(r"(?:re-?)?open(?:s|ed)?|clos(?:e|ed)"))
['clo', 'ope', 're-', 'reo']
>>> start_strings(r"\\w+ed") is None   # any word character: no help
True
"""
from __future__ import annotations

import re
import re._constants as sre
import re._compiler as sre_compile
import re._parser as sre_parse

_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_MAX_CLASS = 16  # a class wider than this ends the known start
_MAX_STRINGS = 4096  # more start strings than this: keep fewer characters of each

Starts = set[tuple[str, bool]]  # (string, whether what follows in the pattern may extend it)


def start_strings(pattern: str, length: int = 3, flags: int = 0) -> frozenset[str] | None:
    """Strings of at most ``length`` characters one of which starts every match of ``pattern``;
    None when a match can start anywhere (a class such as ``\\w``, case-insensitive matching, or a
    pattern that may match the empty string)."""
    if flags & re.IGNORECASE:
        return None
    try:
        tree = sre_parse.parse(pattern, flags)
    except re.error:
        return None
    starts = {s for s, _ in _sequence(list(tree), length)}
    return None if "" in starts else frozenset(starts)


def _sequence(items: list, length: int) -> Starts:
    result: Starts = {("", True)}
    for item in items:
        grown: Starts = set()
        for string, extendable in result:
            if not extendable or len(string) >= length:
                grown.add((string[:length], False))
                continue
            for more, more_extendable in _item(item, length - len(string)):
                grown.add(((string + more)[:length], more_extendable and len(string + more) < length))
        result = grown
        if len(result) > _MAX_STRINGS:
            return {(s[:max(1, length - 1)], False) for s, _ in result} if length > 1 else {("", False)}
        if not any(extendable for _, extendable in result):
            break
    return result


def _item(item, length: int) -> Starts:
    op, arg = item
    if op in _ZERO_WIDTH:
        return {("", True)}  # consumes nothing: what follows starts the match
    if op is sre.LITERAL:
        return {(chr(arg), True)}
    if op is sre.IN:
        chars = _class(arg)
        return {("", False)} if chars is None else {(c, True) for c in chars}
    if op is sre.SUBPATTERN:
        return _sequence(list(arg[-1]), length)
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(arg), length)
    if op is sre.BRANCH:
        return set().union(*(_sequence(list(alternative), length) for alternative in arg[1]))
    if op in _REPEATS:
        low, high, body = arg
        once = _sequence(list(body), length)
        if high != 1:  # more repetitions may follow: the known start ends after the first
            once = {(s, False) for s, _ in once}
        return once | ({("", True)} if low == 0 else set())
    return {("", False)}  # any character, a category, a back-reference ...


def _class(items: list) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars.add(chr(arg))
        elif op is sre.RANGE and arg[1] - arg[0] < _MAX_CLASS:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:
            return None  # a category, a negation, a wide range
    return chars if len(chars) <= _MAX_CLASS else None


def trie_pattern(strings) -> str:
    """A regex matching any of ``strings``, as a trie of literal characters (fast to fail).

    >>> re.findall(trie_pattern(["cut", "clo", "ope"]), "they cut, open and close")
    ['cut', 'ope', 'clo']
    """
    trie: dict = {}
    for string in strings:
        node = trie
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}

    def alternation(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + alternation(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + ("?" if ends else "")

    return alternation(trie)


INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")  # '(?i:...)': a start string would not say the case


def led_by_first_characters(pattern: re.Pattern) -> re.Pattern:
    """The same pattern (the same matches, groups and names) opened by a look-ahead on the
    characters its matches can start with, when the regex engine cannot see them itself (a
    pattern that opens with ``\\b`` or a look-behind): a search then skips in C to where a match
    may start instead of trying every branch at every position. The pattern itself when its
    start is unknown, the engine already knows it, or flags are in play.

    >>> led_by_first_characters(re.compile(r"\\b(?:denied|refuted)\\b")).pattern
    '(?=[dr])(?:\\\\b(?:denied|refuted)\\\\b)'
    >>> led_by_first_characters(re.compile(r"denied|refuted")).pattern  # the engine sees 'd', 'r'
    'denied|refuted'
    """
    text = pattern.pattern
    if not isinstance(text, str) or pattern.flags & ~re.UNICODE or INLINE_FLAGS.search(text):
        return pattern
    starts = start_strings(text, 1)
    if not starts:
        return pattern
    try:
        tree = sre_parse.parse(text)
        if sre_compile._get_literal_prefix(tree, 0)[0] or sre_compile._get_charset_prefix(tree, 0):
            return pattern
    except (AttributeError, TypeError, re.error):  # another Python's engine: leave the pattern as it is
        return pattern
    return re.compile("(?=[" + "".join(sorted(re.escape(c) for c in starts)) + "])(?:" + text + ")")
