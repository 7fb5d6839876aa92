"""Cues in the words around a name: what kind of place it is, how exactly it is meant, and
whether it names a government rather than a location.

Each function looks at a short window of the document around a span and returns a plain value.
"""
from __future__ import annotations

import re

# Countries whose name (and capital) in conflict reporting from Syria and Iraq stands for a
# government taking part, not for a battlefield: mapped as actors, never as locations.
POWERS = frozenset({"US", "RU", "IR", "TR", "IL", "JO", "GB", "FR", "SA", "QA", "AE", "DE", "CN", "EG", "KW"})
THEATRE_CAPITALS = frozenset({("SY", "Damascus"), ("IQ", "Baghdad")})

_KIND_BEFORE = (
    (re.compile(r"\b(?:village|hamlet)s?\s+of\s+(?:the\s+)?$", re.I), "village"),
    (re.compile(r"\b(?:town|city)\s+of\s+(?:the\s+)?$", re.I), "city"),
    (re.compile(r"\b(?:district|neighbou?rhood|quarter|suburb)\s+of\s+$", re.I), "district"),
    (re.compile(r"\b(?:province|governorate)\s+of\s+$", re.I), "governorate"),
    (re.compile(r"\bthe\s+$", re.I), "river"),
)
_KIND_AFTER = (
    (re.compile(r"^[\s-]*(?:river|valley|basin)\b", re.I), "river"),
    (re.compile(r"^\s*(?:city|town)\b", re.I), "city"),
    (re.compile(r"^\s*(?:province|governorate)\b", re.I), "governorate"),
    (re.compile(r"^\s*(?:dam|junction|crossing|airport|air\s?base|base|border post)\b", re.I), "facility"),
)
_NEAR = re.compile(
    r"(?:countryside|outskirts|suburbs?|vicinity|environs|outside|near|nearby|around|close to|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?(?:\s+(?:part|side|edge|bank))?|"
    r"kilomet(?:re|er)s?\s+(?:\w+\s+)?(?:from|of)|km\s+(?:\w+\s+)?(?:from|of))"
    r"\s+(?:of\s+)?(?:the\s+)?(?:(?:city|town|village|province)\s+(?:of\s+)?)?$",
    re.I,
)
_ACTOR_AFTER = re.compile(
    r"^(?:['’]s?\b|\s+(?:has|have|had|is|was|were|will|would|may|might|must|can|could|should|"
    r"says?|said|insists?|insisted|wants?|wanted|denie[sd]|deny|rejects?|rejected|accuse[sd]?|"
    r"warn(?:s|ed)?|announce[sd]?|claim(?:s|ed)?|refuse[sd]?|demand(?:s|ed)?|believes?|hopes?|"
    r"does|did|continues?|agreed|backs?|backed|supports?|supported|sees?|views?|regards?|"
    r"fears?|threaten(?:s|ed)?|condemn(?:s|ed)?|welcome[sd]?|urge[sd]?|plans?|seeks?|sought|"
    r"investigat\w+|respond\w*|retaliat\w+|recogni[sz]e[sd]?|call(?:s|ed)?|described?|dismisse[sd]|"
    r"consider(?:s|ed)?|not)\b)",
    re.I,
)
_ACTOR_BEFORE = re.compile(
    r"(?:regime change in|challenge for|blow to|chagrin of|pressure on|support (?:from|of)|"
    r"ties with|relations with|talks with|allies of|friends of|coordination with|cooperation with|"
    r"agreement with|deal with|pressure from|(?:government|regime|authorities|"
    r"officials?) in|banned in|outlawed in|pro-|anti-)\s*$",
    re.I,
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|into|to|from|across|inside|within|throughout|via|towards?|at|near|outside|around)\s+"
    r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$", re.I)
_DATELINE = re.compile(r"^\s*(?:by\b|\(|—|–|-\s)", re.I)


def kind_hint(text: str, start: int, end: int) -> str | None:
    """The kind of place the words around a name ask for, if any ('the village of X' -> village)."""
    before = text[max(0, start - 30):start]
    after = text[end:end + 20]
    for pattern, kind in _KIND_AFTER:
        if pattern.search(after):
            return kind
    for pattern, kind in _KIND_BEFORE:
        if pattern.search(before):
            return kind
    return None


def is_near(text: str, start: int) -> bool:
    """'the northern countryside of Raqqa', '25 kilometres from Raqqa': near or part of it."""
    return bool(_NEAR.search(text[max(0, start - 60):start]))


def after_locative(text: str, start: int) -> bool:
    """'in Hit', 'near the town of X': a preposition of place right before the name."""
    return bool(_LOCATIVE_BEFORE.search(text, max(0, start - 40), start))


def is_line_start(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def names_actor(text: str, start: int, end: int, country: str, kind: str, name: str) -> bool:
    """True when a country or capital name stands for its government ('Washington insists')."""
    before = text[max(0, start - 30):start]
    after = text[end:end + 30]
    if kind == "capital":
        return True
    if kind == "country" and country in POWERS:
        return not after_locative(text, start) or bool(_ACTOR_BEFORE.search(before))
    if (country, name) in THEATRE_CAPITALS:
        if _ACTOR_AFTER.match(after) or _ACTOR_BEFORE.search(before):
            return True
        return is_line_start(text, start) and bool(_DATELINE.match(after))
    return False
