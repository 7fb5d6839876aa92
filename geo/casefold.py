"""A lower-cased copy of a text with the same character offsets, for case-blind patterns.

Python's ``re.IGNORECASE`` is about three times slower than matching a lower-case pattern
against a lower-cased text, so the cue patterns of :mod:`geo.geoparse.context` and :mod:`geo.claims` are
written in lower case and run on :func:`lowered`. Offsets stay valid in the original text.

>>> lowered("Deir ez-Zor")
'deir ez-zor'
>>> len(lowered("İdlib")) == len("İdlib")  # 'İ'.lower() is two characters: kept as it is
True
"""
from __future__ import annotations

from functools import lru_cache

# re.IGNORECASE equates dotless ı with i and long ſ with s; str.lower() leaves them as they are
_CASE_EQUIVALENTS = {0x131: "i", 0x17F: "s"}


def fold(text: str) -> str:
    """``text.lower()`` with one character per character."""
    low = text.lower()
    if len(low) != len(text):  # a letter that lower-cases to two ('İ'): keep such letters as they are
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if "ı" in low or "ſ" in low:
        low = low.translate(_CASE_EQUIVALENTS)
    return low


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """:func:`fold` of a whole document, memoised: every stage of a document asks for the same
    copy many times, and a string's hash is computed only once."""
    return fold(text)
