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
from typing import TYPE_CHECKING, NamedTuple

import ahocorasick

from geo.geoparse.context import arabic_noun_before
from geo.geoparse.index_build import CURATED, STOP
from geo.geoparse.spelling import FUSED_ABU
from geo.geoparse.normalize import AMBIGUOUS_ARTICLES, ARTICLE_KEY, ARTICLES, HAS_MARKS, PLAIN_TOKEN_RE, TOKEN_RE, name_key, token_key

if TYPE_CHECKING:
    from geo.geoparse.gazetteer import GazetteerIndex

_SPLIT_RE = re.compile(f"({PLAIN_TOKEN_RE.pattern})")
_SPLIT_MARKED_RE = re.compile(f"({TOKEN_RE.pattern})")  # for text with combining marks (harakat)
# also "al_Sham" (an underscore typed for a hyphen) and "al-'Ayd", "Ras al ‘Ayn" (the mark of an
# ʿayn or hamza that opens the next word: a letter of the name, not a quotation mark)
_INNER_SEPARATOR = re.compile(r"[^\S\n]*[-‑–_]?[^\S\n]*['’‘ʼʾʿ`]?")
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
    # (start, -tokens, key, flags): one span gives one key, so (start, -tokens) orders them all
    raw = [(end - len(key) - 1, -n_tokens, key, flags) for end, (key, n_tokens, flags) in automaton.iter(stream.stream)]
    if not raw:
        return []
    raw.sort()
    hits: list[NameHit] = []
    spaces_seen, scanned_to = 0, 0
    taken_until = -1
    s = stream.stream
    parts = stream.parts
    offsets = stream.offsets
    for pos, minus_tokens, key, flags in raw:
        n_tokens = -minus_tokens
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
                and (first == 0 or parts[2 * first - 1][0].islower()) and not _fused_head(stream, first, last):
            taken_until = _lower_words_end(parts, first, last)  # lower case, article or not: never taken
            continue
        start = _extend_over_article(stream, first, offsets[2 * first + 1])
        if not lowercase and not flags & _KEPT_LOWER and text[start].islower() \
                and parts[2 * first + 1][0].islower() and not _fused_head(stream, first, last):
            # ('al-Rai' is a name: its article is lower case; so is 'albu-Nimr')
            taken_until = _lower_words_end(parts, first, last)
            continue
        taken_until = last
        end = offsets[2 * last + 2]
        hits.append(NameHit(start, end, text[start:end], key, flags))
    return hits


def _fused_head(stream: KeyStream, first: int, last: int) -> bool:
    """'albu-Nimr': the head 'Albu' ('Al Bu', of a tribe's village) in lower case, joined by a
    hyphen to a capitalised name, begins a name as an article does."""
    return last > first and stream.parts[2 * first + 1].lower() in FUSED_ABU \
        and stream.separator_after(first) in ("-", "‑") and stream.parts[2 * first + 3][:1].isupper()


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


# what an Arabic place noun before a name makes of it, by English nouns the gazetteer's names end in
_ENGLISH_NOUNS = {"governorate": ("governorate", "province", ""), "countryside": ("countryside", "governorate", "province")}


def read_arabic_place_nouns(text: str, hits: list[NameHit], index: GazetteerIndex) -> list[NameHit]:
    """Hits with the Arabic place noun before them read (``context.arabic_noun_before``): 'سد الفرات'
    is the place the gazetteer calls 'Furat Dam' (Tabqa Dam), 'مصفاة بيجي' the Baiji refinery,
    'ريف إدلب' and 'محافظة إدلب' the Idlib Governorate: the English noun after one of the name's
    gazetteer names (after 'محافظة', a gazetteer name alone may be the governorate's). A site the
    gazetteer lacks leaves the name (near it: precision 2). A hit that is the noun itself is no
    name ('جزيرة' of 'جزيرة سامراء' is no Jazira, 'ناحيه' of 'ناحيه كبيسه' no village An Nahiyah)."""
    if not any("\u0600" <= h.surface[:1] <= "\u06ff" for h in hits):
        return hits  # no Arabic name: nothing to read
    out: list[NameHit] = []
    for hit in hits:
        noun = arabic_noun_before(text, hit.start) if "\u0600" <= hit.surface[:1] <= "\u06ff" else None
        if noun is None:
            out.append(hit)
            continue
        reads, sites, noun_start = noun
        if out and out[-1].start >= noun_start:
            out.pop()  # the noun was taken for a name of its own
        if reads not in ("site", *_ENGLISH_NOUNS):
            out.append(hit)
            continue
        english = sites if reads == "site" else _ENGLISH_NOUNS[reads]
        kind = "facility" if reads == "site" else "governorate"
        key = _named_with_noun(hit.key, english, kind, index)
        if key is None:
            out.append(hit)
        elif reads == "site":
            out.append(NameHit(noun_start, hit.end, text[noun_start:hit.end], key, index.automaton.get(f" {key} ")[2]))
        else:
            out.append(hit._replace(key=key, flags=index.automaton.get(f" {key} ")[2]))
    return out


def _named_with_noun(key: str, nouns: tuple[str, ...], kind: str, index: GazetteerIndex) -> str | None:
    """The key of '<a gazetteer name of the places of ``key``> <noun>' that names a place of ``kind``."""
    for place in index.candidates(key):
        for noun in nouns:
            named = name_key(f"{place.name} {noun}".strip())  # '': the name itself ('At Tamim' = Tameem, Kirkuk)
            if any(c.kind == kind for c in index.candidates(named)):
                return named
    return None
