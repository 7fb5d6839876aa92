"""Names that look like places but are not in the gazetteer: reported as unresolved mentions.

Toponym patterns: 'the village of X', 'X junction', a feature's English name ('Lake X', 'Mount X',
'X Mountain', 'X Hill'; ``feature_words.csv``), a feature's Arabic head and its name ('Tal Homs',
'Tallat al-Brouk', 'Jabal X'), and Arabic article names ('al-X') that no
gazetteer entry, person or organisation accounts for; in Arabic script, a name after a place noun
('قرية أم الكيف', 'حي المعلمين'). They are shown, never guessed at. Names an Arabic qualifier ends ('Buqrus Tahtani', 'Shilallah
al-Kabeera'; the ``[[name_tail]]`` words of ``words.toml``) are found too (``qualified_names``), for the document-area
look-up to settle; they are not shown when it does not (a claim may still read such a name in a list).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from operator import itemgetter
from typing import Iterable, Iterator

from geo.geoparse.context import ARABIC_NAMING, arabic_name_heads, arabic_noun_before
from geo.geoparse.index_build import english_feature_words
from geo.geoparse.normalize import arabic_token_key, token_key, word_forms_of
from geo.geoparse.ranking import COMMON_AT_SENTENCE_START, word_zipf
from geo.knowledge import alternation, name_heads, name_tails, place_noun_pattern
from geo.model import Mention

NAME = r"[A-Z][\w'’]+(?:[- ](?:(?:al|el|ar|as|ash|ad|ez|az)-)?[A-Z][\w'’]+){0,3}"
# words a sentence or a phrase starts with, never the first word of a qualified name
_FUNCTION_WORDS = r"(?:In|On|At|The|And|From|Near|To|Of|By|For|With|Into|Around|Outside|Between)\b"
# words after a name that make it a facility or a feature: 'X junction', 'X Mountain', 'X hill'
_FACILITY_WORDS = "junction|crossing|checkpoint|roundabout|airbase|air base|" + alternation(
    [form for word in english_feature_words("after") for form in (word, word.lower())])
_PATTERNS = (
    re.compile(rf"\b{place_noun_pattern('toponym')}\s+of\s+(?P<name>(?:(?:[Aa]l|[Ee]l|[Aa]sh|[Aa]r|[Aa]s)[- ])?{NAME})"),
    re.compile(rf"\b(?P<name>(?:(?:[Aa]l|[Ee]l|[Aa]sh|[Aa]r|[Aa]s)[- ])?{NAME}\s+(?:{_FACILITY_WORDS}))\b"),
    # 'Lake Jabbul', 'Mount Tharda': the English word before the name is part of it
    re.compile(rf"(?<![\w'’-])(?P<name>(?:{alternation(english_feature_words('before'))})\s+(?:(?:al|el|ash|ar|as)-)?{NAME})"),
    # the look-ahead lets the regex engine skip to the letters an article starts with
    re.compile(r"(?=[AaEe])(?<![\w-])(?P<name>(?:[Aa]l|[Ee]l|[Aa]sh|[Aa]r|[Aa]z|[Ee]z|[Aa]d)-[A-Z][\w'’]+)"),
)
_BARE_ARTICLE = 3  # the index of the bare 'al-X' pattern


def _feature_heads() -> tuple[str, ...]:
    """The Arabic heads of a feature's name (``[[name_head]]`` class feature) in every spelling
    the keys read as that head ('Tell', 'Tallat'), capitalised."""
    heads = set(name_heads("feature"))
    for head in list(heads):
        heads.update(form.capitalize() for form in word_forms_of(token_key(head)))
    return tuple(sorted(heads, key=len, reverse=True))


_FEATURE_HEADS = _feature_heads()
# 'Tal Homs', 'Tallat al-Brouk', 'Jabal Bishri': a feature's Arabic head and a name of one or two words
_PATTERNS = (*_PATTERNS, re.compile(
    rf"(?<![\w'’-])(?P<name>(?:{alternation(_FEATURE_HEADS)})[ -](?:(?:al|el|ash|ar|as|az|ad)-)?[A-Z][\w'’]+"
    rf"(?:[ -](?:(?:al|el)-)?[A-Z][\w'’]+)?)(?![\w'’-])"))
_HEAD_NAMES = 4  # the index of that pattern
# the heads no other head begins ('Tal' for 'Tall', 'Tallat'): the strings searched for
_HEAD_PREFIXES = tuple(h for h in _FEATURE_HEADS if not any(h != o and h.startswith(o) for o in _FEATURE_HEADS))
# 'Buqrus Tahtani', 'Shilallah al-Kabeera': one or two capitalised words and a qualifier
_QUALIFIED = re.compile(rf"(?<![\w'’-])(?P<name>(?:(?:[Aa]l|[Ee]l)[- ])?(?!{_FUNCTION_WORDS})[A-Z][\w'’]+"
                        rf"(?:[ -](?:(?:al|el)-)?[A-Z][\w'’]+)?[ -](?:(?:[Aa]l|[Ee]l)[- ])?"
                        rf"(?:{alternation(name_tails())}))\b")
_DEMONYM = re.compile(r"^(?:\w+(?:ian|ean|ese|ish|i)|American|Arab|Kurd)(?:\s|$)")
_PERSON_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+$")  # 'Haider al-Abadi', 'Bashar al-Assad'
_NOT_PLACE_AFTER = re.compile(r"^\s+(?:[A-Z][a-z]+|said|says|told)\b")
_FACILITY_WORD = re.compile(rf"\s(?:{_FACILITY_WORDS})\b")
_LONGEST_NAME = 160  # characters a facility name may take before its facility word
# a qualifier, found with a look-ahead for its first letter (lets the regex engine skip to it)
_QUALIFIER = re.compile("(?=[" + "".join(sorted({w[0] for w in name_tails()})) + rf"])\b(?:{alternation(name_tails())})\b")
_LONGEST_QUALIFIED = 60  # characters a qualified name may take before its qualifier


def _facility_names(text: str) -> Iterator[re.Match]:
    """The matches of 'X junction' that ``finditer`` gives, found from each facility word
    backwards: the pattern alone is tried at every capitalised word of the text."""
    scanned = 0
    for word in _FACILITY_WORD.finditer(text):
        match = _PATTERNS[1].search(text, max(scanned, word.start() - _LONGEST_NAME), word.end())
        if match and match.end() == word.end():
            yield match
        scanned = word.end()


def qualified_names(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the names an Arabic qualifier ends ('Buqrus Tahtani'), found from each
    qualifier backwards (the qualifiers are rare words)."""
    scanned = 0
    for word in _QUALIFIER.finditer(text):
        low = max(scanned, word.start() - _LONGEST_QUALIFIED)
        for start in range(low, word.start()):  # the leftmost start whose match ends at the qualifier
            if text[start].isupper() or text[start] in "ae":
                match = _QUALIFIED.match(text, start, word.end())
                if match and match.end() == word.end():
                    yield match.span("name")
                    break
        scanned = word.end()


def _feature_names(text: str) -> Iterator[re.Match]:
    """The matches of 'Lake X', 'Mount X', tried where the English word stands (a string search)."""
    starts = []
    for word in english_feature_words("before"):
        at = text.find(word + " ")
        while at >= 0:
            starts.append(at)
            at = text.find(word + " ", at + 1)
    for start in sorted(starts):
        match = _PATTERNS[2].match(text, start)
        if match:
            yield match


def _head_names(text: str) -> Iterator[re.Match]:
    """The matches of 'Tal X', tried where a head stands (a string search per spelling), in
    the order of the text; overlapping ones left out, as ``finditer`` would."""
    starts = set()
    for head in _HEAD_PREFIXES:
        at = text.find(head)
        while at >= 0:
            starts.add(at)
            at = text.find(head, at + 1)
    reach = 0
    for start in sorted(starts):
        match = _PATTERNS[_HEAD_NAMES].match(text, start) if start >= reach else None
        if match:
            reach = match.end()
            yield match


def _matches(index: int, text: str) -> Iterator[re.Match]:
    if index in (1, 2):
        return _facility_names(text) if index == 1 else _feature_names(text)
    if index == _HEAD_NAMES:
        return _head_names(text)
    return _PATTERNS[index].finditer(text)


def find_unresolved(doc_id: str, text: str, taken: Iterable[tuple[int, int]]) -> list[Mention]:
    """Toponym-pattern names in ``text`` not covered by the ``taken`` spans."""
    spans = list(taken)
    found: list[Mention] = []
    for index in range(len(_PATTERNS)):
        # matches of one pattern never overlap one another, so each is checked only against the
        # spans known before this pattern: sorted, with a running maximum of their ends
        spans.sort()
        starts = list(map(itemgetter(0), spans))
        reach = list(accumulate(map(itemgetter(1), spans), max))
        new: list[tuple[int, int]] = []
        for match in _matches(index, text):
            start, end = match.span("name")
            i = bisect_left(starts, end)
            if (i and reach[i - 1] > start) or _DEMONYM.match(text[start:end]):
                continue
            if index == _BARE_ARTICLE:  # bare al-X: skip persons and the start of a longer proper name
                if _PERSON_BEFORE.search(text[max(0, start - 20):start]) or _NOT_PLACE_AFTER.match(text[end:end + 12]):
                    continue
            new.append((start, end))
            found.append(Mention(doc=doc_id, start=start, end=end, surface=text[start:end], role="unresolved"))
        spans.extend(new)
    if _ARABIC_WORD.search(text):
        spans.sort()
        for start, end in _arabic_names(text):
            if not any(s < end and start < e for s, e in spans):
                found.append(Mention(doc=doc_id, start=start, end=end, surface=text[start:end], role="unresolved"))
    found.sort(key=lambda m: m.start)
    return found


_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")
_SPACE = re.compile(r"[^\S\n]+")
_DEFINITE = re.compile(r"[وف]?(?:[بكل]?ال|لل)")  # the article, with the clitics before it


def _arabic_names(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the names after an Arabic place noun in the construct state (the noun without
    the article): a name head and the word after it ('قرية أم الكيف', 'بلدة تل جمعة'), or one
    uncommon word with the article ('حي المعلمين'); 'القرية المجاورة' and 'مدينة كبيرة' describe."""
    words = list(_ARABIC_WORD.finditer(text))
    for i in range(len(words) - 1):
        word, following = words[i], words[i + 1]
        if not _SPACE.fullmatch(text, word.end(), following.start()) or _DEFINITE.match(word.group()):
            continue
        noun = arabic_noun_before(text, following.start())
        if noun is None or noun[0] not in ARABIC_NAMING:
            continue
        name = following.group()
        if arabic_token_key(name) in arabic_name_heads() and i + 2 < len(words) \
                and _SPACE.fullmatch(text, following.end(), words[i + 2].start()):
            yield following.start(), words[i + 2].end()
        elif name.startswith("ال") and word_zipf(name) < COMMON_AT_SENTENCE_START:  # (as common as the geoparser allows)
            yield following.span()
