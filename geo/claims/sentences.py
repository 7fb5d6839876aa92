"""Sentences with character offsets.

>>> [s.text for s in split_sentences("d", "The SDF took Raqqa. ISIS denies it!\\nA new line;Shells hit Afrin")]
['The SDF took Raqqa.', 'ISIS denies it!', 'A new line;', 'Shells hit Afrin']
>>> [s.text for s in split_sentences("d", "سيطرت قسد على الرقة. وقصفت الطائرات إدلب؛ هل انتهت المعركة؟ نعم")]
['سيطرت قسد على الرقة.', 'وقصفت الطائرات إدلب؛', 'هل انتهت المعركة؟', 'نعم']
"""
from __future__ import annotations

import re

from geo.model import Sentence

# A sentence ends at . ! ? (with closing quotes) before white space and a capital, a digit, a
# quote or a dash; a line break always ends one; so does a semicolon before a capital or a digit
# (headlines joined into one field: 'Shelling hits X;Clashes in Y' are two reports).
# The match starts on the stop itself (a look-behind would be tried at every character).
# Arabic has no capitals: there an Arabic letter opens the next sentence ('؟' and '؛' are its
# question mark and semicolon).
_BOUNDARY = re.compile(r"[.!?؟][\"'”’)\]»]*\s+(?=[\"“‘'(\[«]?[A-Z0-9\-–—•\u0621-\u064A])|[;؛]\s*(?=[\"“‘'(\[]?[A-Z0-9\u0621-\u064A])|\n+")
_ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Col|Gen|Lt|Maj|Capt|Sgt|St|No|U\.S|U\.K|approx|ed|vs|e\.g|i\.e)\.$")


def split_sentences(doc_id: str, text: str) -> list[Sentence]:
    sentences = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        line_break = text[boundary.start()] == "\n"
        end = boundary.start() + (0 if line_break else 1)
        if not line_break and _ABBREVIATIONS.search(text, max(0, end - 6), end):
            continue
        _append(sentences, doc_id, text, start, end)
        start = boundary.end()
    _append(sentences, doc_id, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], doc_id: str, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(doc_id, start, end, text[start:end]))
