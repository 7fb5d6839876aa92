"""Finding gazetteer names in running text: one Aho-Corasick pass over a stream of token keys.

The text is split into tokens; each token becomes its :func:`~geo.geoparse.normalize.token_key`; the keys
are joined by single spaces into a *key stream* that the automaton scans once. Patterns carry a
space on each side, so every hit starts and ends on token boundaries.

>>> from geo.geoparse.gazetteer import default_index
>>> hits = find_names("Fighting in ar-Raqqah and Deir Ezzur.", default_index().automaton)
>>> [(h.surface, h.key) for h in hits]  # doctest: +SKIP
[('ar-Raqqah', 'raka'), ('Deir Ezzur', 'dir izur')]
"""
from __future__ import annotations

import re
from itertools import accumulate
from typing import NamedTuple

import ahocorasick

from geo.geoparse.index_build import CURATED, STOP
from geo.geoparse.normalize import AMBIGUOUS_ARTICLES, ARTICLE_KEY, ARTICLES, HAS_MARKS, PLAIN_TOKEN_RE, TOKEN_RE, token_key

_SPLIT_RE = re.compile(f"({PLAIN_TOKEN_RE.pattern})")
_SPLIT_MARKED_RE = re.compile(f"({TOKEN_RE.pattern})")  # for text with combining marks (harakat)
_INNER_SEPARATOR = re.compile(r"[^\S\n]*[-‑–_]?[^\S\n]*")  # also "al_Sham": an underscore typed for a hyphen
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"“”(\[]|\s[-–—•*]\s*)\s*$")


class NameHit(NamedTuple):
    """A span of text whose key is a gazetteer key (or a never-a-place phrase)."""

    start: int
    end: int
    surface: str
    key: str
    flags: int

    @property
    def is_stop(self) -> bool:
        return bool(self.flags & STOP)


def starts_sentence(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence, a line, a quote or a list item."""
    return bool(_SENTENCE_END.search(text, max(0, start - 40), start))


class KeyStream:
    """The tokens of one text and their keys, with a way back to character offsets."""

    __slots__ = ("text", "parts", "keys", "stream", "offsets")

    def __init__(self, text: str) -> None:
        self.text = text
        self.parts = (_SPLIT_MARKED_RE if HAS_MARKS.search(text) else _SPLIT_RE).split(text)  # separator, token, separator, ..., token, separator
        keys = list(map(_KEY_CACHE.__getitem__, self.parts[1::2]))  # C loop; misses computed once
        self.keys = keys
        self.stream = " " + " ".join(keys) + " "
        self.offsets = [0, *accumulate(map(len, self.parts))]  # where each part starts

    def token_span(self, index: int) -> tuple[int, int]:
        """Character span of token ``index`` in the text."""
        return self.offsets[2 * index + 1], self.offsets[2 * index + 2]

    def separator_after(self, index: int) -> str:
        return self.parts[2 * index + 2]


class _KeyCache(dict):
    """token -> key, computed on first sight (bounded: cleared when it grows past a limit)."""

    LIMIT = 500_000

    def __missing__(self, token: str) -> str:
        if len(self) > self.LIMIT:
            self.clear()
        key = self[token] = token_key(token)
        return key


_KEY_CACHE = _KeyCache()
_KEPT_LOWER = CURATED | STOP  # hits kept in lower case


def find_names(text: str, automaton: ahocorasick.Automaton, stream: KeyStream | None = None,
               lowercase: bool = True) -> list[NameHit]:
    """Leftmost-longest, non-overlapping gazetteer hits in ``text``.

    ``lowercase=False`` leaves out the hits the resolver never takes: a name only GeoNames
    knows, written in lower case ('said', 'man', 'of'). They still block overlapping hits.
    """
    stream = stream or KeyStream(text)
    raw = []
    for end, (key, n_tokens, flags) in automaton.iter(stream.stream):
        raw.append((end - len(key) - 1, n_tokens, key, flags))
    if not raw:
        return []
    raw.sort(key=lambda r: (r[0], -r[1]))
    hits: list[NameHit] = []
    spaces_seen, scanned_to = 0, 0
    taken_until = -1
    s = stream.stream
    parts = stream.parts
    offsets = stream.offsets
    for pos, n_tokens, key, flags in raw:
        spaces_seen += s.count(" ", scanned_to, pos)
        scanned_to = pos
        first = spaces_seen  # tokens before this one = spaces before its leading space
        last = first + n_tokens - 1
        if first <= taken_until:
            continue
        if n_tokens > 1 and not all(
            _INNER_SEPARATOR.fullmatch(stream.separator_after(i))
            or stream.separator_after(i) == "." and len(parts[2 * i + 1]) == 1  # U.S., U.K.
            for i in range(first, last)
        ):
            continue
        if stream.keys[first] == ARTICLE_KEY:  # a hit that starts on a bare article is no name
            continue
        if n_tokens > 1 and parts[2 * first + 1] in AMBIGUOUS_ARTICLES:
            continue  # 'at Tal Abyad' is not the 'At Tall' of a gazetteer: it blocks nothing
        if not lowercase and not flags & _KEPT_LOWER and parts[2 * first + 1][0].islower() \
                and (first == 0 or parts[2 * first - 1][0].islower()):
            taken_until = _lower_words_end(parts, first, last)  # lower case, article or not: never taken
            continue
        start = _extend_over_article(stream, first, offsets[2 * first + 1])
        if not lowercase and not flags & _KEPT_LOWER and text[start].islower() \
                and parts[2 * first + 1][0].islower():  # 'al-Rai' is a name: its article is lower case
            taken_until = _lower_words_end(parts, first, last)
            continue
        taken_until = last
        end = offsets[2 * last + 2]
        hits.append(NameHit(start, end, text[start:end], key, flags))
    return hits


def _lower_words_end(parts: list[str], first: int, last: int) -> int:
    """The last token a hit that is never taken blocks: its words up to the first capitalised one.
    'in Salah al-Din' holds the gazetteer's 'In Salah', which must not hide 'Salah al-Din'."""
    for i in range(first + 1, last + 1):
        if parts[2 * i + 1][:1].isupper():
            return i - 1
    return last


def _extend_over_article(stream: KeyStream, first: int, start: int) -> int:
    """Include a preceding article ('al-' of 'al-Raqqah', 'ash ' of 'ash Sabahiyah')."""
    if first == 0:
        return start
    previous = first - 1
    word = stream.parts[2 * previous + 1]
    separator = stream.separator_after(previous)
    if word.lower() in ARTICLES and separator in ("-", "‑", " ") and (separator != " " or stream.keys[previous] == ARTICLE_KEY):
        return stream.token_span(previous)[0]
    return start
