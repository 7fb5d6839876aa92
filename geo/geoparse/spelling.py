"""How one name is spelled many ways: the keys a reporter's spelling may stand for, and whether
two spellings are alike enough to be one name (same consonant skeleton, few edits for long names).

Used by the slot filler (``geo.geoparse.slots``) and the document-area lookup
(``geo.geoparse.nearby``); the name heads come from the knowledge package.

>>> from geo.geoparse.normalize import name_key
>>> consonants(name_key("Iskanderiyah")) == consonants(name_key("Iskandariya"))
True
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import chain
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import Indel

from geo.geoparse.index_build import english_feature_words
from geo.geoparse.normalize import name_key, token_key
from geo.knowledge import name_heads

if TYPE_CHECKING:
    from geo.geoparse.gazetteer import GazetteerIndex
    from geo.model import Place

SAME_PLACE_DEGREES = 0.15  # (~15 km) entries this close are one place in two layers
NEAR_KM = 40.0  # how near the text's other places (km) a place found by its spelling alone must lie
FUSED_ABU = ("albu", "ilbu")  # the head 'Albu' ('Abu', 'Bu') of a name, as it reaches a key
VOWEL_EDITS = 2  # one more vowel changed than a spelling may differ by, when the consonants are the same

# heads that say 'the village of' and that a gazetteer may leave out: 'Qaryat Shaykh Yunus'
_VILLAGE_HEADS = frozenset(token_key(w) for w in name_heads("village"))
# heads of a feature named after the village beside it: 'Tal al-Hamamiyat' (the hill of Hamamiyat)
_FEATURE_HEADS = frozenset(token_key(w) for w in name_heads("feature"))
# ... and the English words of such a feature: 'Lake Jabbul', 'Mount X' before; 'X Mountain', 'X Hill' after
_ENGLISH_HEADS = frozenset(name_key(w) for w in english_feature_words("before"))
_ENGLISH_TAILS = frozenset(name_key(w) for w in english_feature_words("after"))


def spelling_alternates(key: str) -> list[tuple[str, int]]:
    """Other keys a reporter's spelling may stand for, each with the precision it gives: without
    a 'Qaryat' head (the village itself), without a 'Tal' or 'Wadi' head (the village the hill
    or valley is named after: near it, precision 2; so too 'Lake X', 'X Mountain', 'X Hill'), with
    or without a final vowel (the ta
    marbuta and final alef that romanisations keep or drop), and with an article written into
    the word set apart ('Elmayadin'), and with a head 'Albu' ('Abu') written into the word set
    apart ('al-Boulail' is the village Albu Layl).

    >>> from geo.geoparse.normalize import name_key
    >>> spelling_alternates(name_key("Qaryat Shaykh Yunus")), spelling_alternates(name_key("Tal al-Hamamiyat"))
    ([('shikh yunus', 1)], [('hamamiat', 2)])
    >>> spelling_alternates("ibin"), spelling_alternates("nafia"), spelling_alternates("um ilmiadin")
    ([('ibina', 1)], [('nafi', 1)], [('um ilmiadina', 1), ('um ~ miadin', 1)])
    >>> spelling_alternates(name_key("al-Boulail")), spelling_alternates(name_key("Albukamal"))
    ([('bulaila', 1), ('abu lail', 1)], [('albukamala', 1), ('bukamal', 1), ('abu kamal', 1)])
    >>> spelling_alternates(name_key("Lake Jabbul")), spelling_alternates(name_key("al-Hamam Mountain"))
    ([('jabul', 2)], [('hamam', 2)])
    """
    words = key.split()
    if named_after_place(key):
        rest = words[1:] if words[0] in _ENGLISH_HEADS else words[:-1]
        rest = rest[1:] if rest[:1] == ["~"] else rest
        return [(" ".join(rest), 2)] if rest else []
    if len(words) > 1 and (words[0] in _VILLAGE_HEADS or words[0] in _FEATURE_HEADS):
        rest = words[1:] if words[1] != "~" else words[2:]
        return [(" ".join(rest), 1 if words[0] in _VILLAGE_HEADS else 2)] if rest else []
    if len(key.replace(" ", "")) < 4:
        return []
    found = [(key[:-1], 1)] if key.endswith("a") else [(key + "a", 1)]
    fused = [i for i, word in enumerate(words) if word[:2] in ("al", "il") and len(word) >= 6]
    if fused:  # 'Um Elmayathen': the article written into the word
        i = fused[0]
        found.append((" ".join(words[:i] + (["~"] if i else []) + [words[i][2:]] + words[i + 1:]), 1))
    if words[0][:4] in FUSED_ABU and len(words[0]) >= 8 or words[0][:2] == "bu" and len(words[0]) >= 6:
        # 'al-Boulail', 'Albukamal': the 'Albu' (or 'Abu') head written into the word
        found.append((" ".join(["abu", words[0][4 if words[0][:4] in FUSED_ABU else 2:], *words[1:]]), 1))
    return found


def named_after_place(key: str) -> bool:
    """Whether a name is a feature's English name after the place beside it ('Lake Jabbul', 'X Hill').

    >>> named_after_place(name_key("Lake Jabbul")), named_after_place(name_key("Tal Abyad"))
    (True, False)
    """
    words = key.split()
    return len(words) > 1 and (words[0] in _ENGLISH_HEADS or words[-1] in _ENGLISH_TAILS)


def allowed_edits(letters: int) -> int:
    """How many letters (inserted or deleted; a changed letter counts two) two spellings of one
    name may differ by: none for short names ('Gare' is not 'Gharbi'), more for long ones.

    >>> [allowed_edits(n) for n in (4, 5, 6, 8, 12)]
    [0, 1, 2, 3, 4]
    """
    return 0 if letters <= 4 else 1 if letters == 5 else 2 if letters <= 7 else 3 if letters <= 10 else 4


_VOWELS = re.compile(r"[aeiouyw'~ ]+")
_DIGRAPHS = re.compile(r"[sktgd]h")


def consonants(key: str) -> str:
    """A key's consonants, a doubled one once (before the vowels go: 'Shanan' keeps both n's):
    spellings of one name differ in their vowels.
    Digraphs are one letter ('sh' in Shuhayl is not the 's' of Suhayl); a ghayn is 'gh' or 'g'
    ('Zaghareed' / 'Zigareid').

    >>> from geo.geoparse.normalize import name_key
    >>> consonants(name_key("Iskanderiyah")) == consonants(name_key("Iskandariya"))
    True
    >>> consonants(name_key("Hantara")) == consonants(name_key("Hatra"))
    False
    >>> consonants(name_key("Shuheil")) == consonants(name_key("Suhayl"))
    False
    >>> consonants(name_key("Shanan")) == consonants(name_key("Shana"))  # a letter said twice is no double
    False
    >>> consonants(name_key("Zaghareed")) == consonants(name_key("Zigareid"))
    True
    """
    letters = _DIGRAPHS.sub(lambda d: d.group().upper(), key.replace("x", "kh").replace("gh", "g"))
    return _VOWELS.sub("", re.sub(r"(.)\1+", r"\1", letters))


def alike_consonants(a: str, b: str) -> bool:
    """Consonant skeletons of one name: equal, or one letter apart in a long name ('Aridat' and
    'Arida'), never for short ones ('Kobla' is not 'Qola')."""
    return a == b or (min(len(a), len(b)) >= 5 and Indel.distance(a, b) <= 1)


def same_onset(a: str, b: str) -> bool:
    """Spellings of one name start alike: the same first consonant, or both with a vowel."""
    vowels = "aeiou"
    return a[:1] == b[:1] or (a[:1] in vowels and b[:1] in vowels)


def alike_in_region(index: "GazetteerIndex", key: str, level: int, code: str) -> "Place | None":
    """The one place of the region (admin ``level``, P-code ``code``) spelled with the first letter
    and the consonants of ``key``, its vowels differing a little more than a spelling may
    ('Sejar' / 'Sajar', 'Baqras' / 'Buqrus', 'Bagheliya' / 'Bougailia')."""
    letters = len(key.replace(" ", ""))
    if letters < 5:
        return None
    keys, ids = index.names_inside(level, code)
    skeleton = consonants(key)
    if len(skeleton) < 3:
        return None  # 'Muraiyia' and 'Maariya' share two consonants: too little to go by
    found = [ids[i] for k, _, i in process.extract(key, keys, scorer=Indel.distance,
                                                   score_cutoff=allowed_edits(letters) + VOWEL_EDITS, limit=8)
             if k[:1] == key[:1] and consonants(k) == skeleton]
    places = [p for p in map(index.place, dict.fromkeys(found)) if p is not None]
    if not places or any(abs(p.lat - places[0].lat) > SAME_PLACE_DEGREES
                         or abs(p.lon - places[0].lon) > SAME_PLACE_DEGREES for p in places[1:]):
        return None
    return places[0]


class SpellingSearch:
    """A long list of keys (every name of the theatre) searched for the keys a few edits from a
    spelling: what ``process.extract(key, keys, scorer=Indel.distance, score_cutoff=edits,
    limit=limit)`` gives, in its order, reading only the parts of the list that can hold one.

    The keys are parted by length and by which of a few letters they hold: two keys differ by
    at least the difference of their lengths, and by at least one edit for each of those letters
    one holds and the other lacks.

    >>> search = SpellingSearch(["raka", "rakka", "halab", "hims", "idlib", "raqa"])
    >>> search.extract("rakah", 2, 3)
    [('raka', 1, 0), ('rakka', 2, 1)]
    """

    LETTERS = 8  # letters of the signature: 256 parts at most per length

    def __init__(self, keys: list[str]) -> None:
        holding = Counter(chain.from_iterable(map(set, keys)))
        half = len(keys) / 2  # the letters nearest half the keys part them best
        letters = sorted(holding, key=lambda letter: (abs(holding[letter] - half), letter))[:self.LETTERS]
        self._bits = {letter: 1 << i for i, letter in enumerate(letters)}
        signatures = [0] * len(keys)
        for letter, bit in self._bits.items():  # a pass per letter: the loops stay in comprehensions
            signatures = [s | bit if letter in key else s for s, key in zip(signatures, keys)]
        parts: dict[int, dict[int, tuple[list[str], list[int]]]] = {}
        for position, (key, signature) in enumerate(zip(keys, signatures)):
            keys_, positions = parts.setdefault(len(key), {}).setdefault(signature, ([], []))
            keys_.append(key)
            positions.append(position)
        self._parts = {length: list(by_signature.items()) for length, by_signature in parts.items()}

    def _signature(self, key: str) -> int:
        bits = self._bits
        return sum(bits[letter] for letter in set(key) if letter in bits)

    def extract(self, key: str, edits: int, limit: int) -> list[tuple[str, int, int]]:
        """(key, distance, position in the list) of the nearest keys, at most ``edits`` away:
        the nearest first, then by position."""
        signature = self._signature(key)
        found: list[tuple[str, int, int]] = []
        for length in range(len(key) - edits, len(key) + edits + 1):
            for part_signature, (keys, positions) in self._parts.get(length, ()):
                if (part_signature ^ signature).bit_count() <= edits:
                    found.extend((k, distance, positions[i]) for k, distance, i in process.extract(
                        key, keys, scorer=Indel.distance, score_cutoff=edits, limit=limit))
        found.sort(key=lambda kdi: (kdi[1], kdi[2]))
        return found[:limit]
