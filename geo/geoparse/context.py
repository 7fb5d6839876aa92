"""Cues in the words around a name: what kind of place it is, how exactly it is meant, and
whether it names a government rather than a location.

Each function looks at a short window of the document around a span and returns a plain value.
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from geo.casefold import lowered
from geo.geoparse.normalize import ARABIC_CLITICS, arabic_token_key
from geo.knowledge import LexiconError, bearing_pattern, check_choice, load_table, place_noun_pattern, roles, theatre_countries

# Countries whose name (and capital) in conflict reporting from Syria and Iraq stands for a
# government taking part, not for a battlefield: mapped as actors, never as locations.
POWERS = frozenset({"US", "RU", "IR", "TR", "IL", "JO", "GB", "FR", "SA", "QA", "AE", "DE", "CN", "EG", "KW", "EU"})
THEATRE_CAPITALS = frozenset({("SY", "Damascus"), ("IQ", "Baghdad")})

# 'the village of X', 'the town of the X', 'the X' (a river): the kind a name's left side asks for
_KIND_BEFORE = re.compile(
    rf"\b(?:(?P<village>{place_noun_pattern('hint_village')}\s+of\s+(?:the\s+)?)|(?P<city>{place_noun_pattern('hint_city')}\s+of\s+(?:the\s+)?)"
    rf"|(?P<district>{place_noun_pattern('hint_district')}\s+of\s+)|(?P<governorate>{place_noun_pattern('governorate')}\s+of\s+)"
    r"|(?P<river>the\s+))$"
)
# 'X river', 'X city', 'X province', 'X dam': the kind a name's right side asks for (tried first)
_KIND_AFTER = re.compile(
    r"[\s-]*(?P<river>river|valley|basin)\b"
    rf"|\s*(?:(?P<city>{place_noun_pattern('hint_city')})|(?P<governorate>{place_noun_pattern('governorate')})"
    # 'Tawileh village', 'the Qahira neighbourhood': the noun after a name
    rf"|(?P<village>{place_noun_pattern('hint_village')})|(?P<district>{place_noun_pattern('hint_district')})"
    r"|(?P<facility>dam|junction|crossing|airport|air\s?base|base|border post))\b"
)
# 'the villages of A, B, C and X': each listed name is of the kind the plural noun before the list asks for
_LISTED_KIND_BEFORE = re.compile(
    rf"\b(?i:(?P<village>{place_noun_pattern('hint_village')}))"
    r"\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*(?:[ -](?:al-|el-)?[A-Z][\w'’-]*){0,2}(?:\s*,\s*|,?\s+and\s+)){1,9}$")
LISTED_KIND_SPAN = 200  # characters a list of names after 'the villages of' may take before the name
_NEAR = re.compile(
    rf"(?:{place_noun_pattern('near_before')}|outside|near|nearby|around|close to|"
    rf"{bearing_pattern(ern=True)}(?:\s+(?:part|side|edge|bank))?|"
    r"kilomet(?:re|er)s?\s+(?:\w+\s+)?(?:from|of)|km\s+(?:\w+\s+)?(?:from|of))"
    rf"\s+(?:of\s+)?(?:the\s+)?(?:{place_noun_pattern('near_of')}\s+(?:of\s+)?)?$"
)
_ACTOR_AFTER = re.compile(
    r"(?:['’]s?\b|\s+(?:has|have|had|is|was|were|will|would|may|might|must|can|could|should|"
    r"says?|said|insists?|insisted|wants?|wanted|denie[sd]|deny|rejects?|rejected|accuse[sd]?|"
    r"warn(?:s|ed)?|announce[sd]?|claim(?:s|ed)?|refuse[sd]?|demand(?:s|ed)?|believes?|hopes?|"
    r"does|did|continues?|agreed|backs?|backed|supports?|supported|sees?|views?|regards?|"
    r"fears?|threaten(?:s|ed)?|condemn(?:s|ed)?|welcome[sd]?|urge[sd]?|plans?|seeks?|sought|"
    r"investigat\w+|respond\w*|retaliat\w+|recogni[sz]e[sd]?|call(?:s|ed)?|described?|dismisse[sd]|"
    r"consider(?:s|ed)?|not)\b)"
)
_ACTOR_BEFORE = re.compile(
    r"(?:regime change in|challenge for|blow to|chagrin of|pressure on|support (?:from|of)|"
    r"ties with|relations with|talks with|allies of|friends of|coordination with|cooperation with|"
    r"agreement with|deal with|pressure from|(?:government|regime|authorities|"
    r"officials?) in|banned in|outlawed in|pro-|anti-)\s*$"
)
# 'a visit to Washington', 'flew to Moscow', 'arrived in Ankara': a journey's end is the city itself
_JOURNEY_BEFORE = re.compile(r"\b(?:visits?|trips?|journey|travel(?:l?ed|s)?|flew|flies|fly|flying|arrived|arrives?|"
                             r"arriving|landed)\s+(?:to|in|at)\s+$")
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:(?:in|into|to|from|across|inside|within|throughout|via|towards?|at|near|outside|around)\s+"
    rf"(?:the\s+)?(?:{place_noun_pattern('settlement_of')}\s+of\s+)?|{place_noun_pattern('settlement_of')}\s+of\s+)$")
# "Baghdad's western Ghazaliyah neighbourhood": the possessive of a city names a part of it
_POSSESSIVE_PLACE = re.compile(
    r"['’]s?\s+(?:[\w-]+\s+){0,3}?(?:" + place_noun_pattern("possessive", space=" ") + r"|residents?)\b")
_DATELINE = re.compile(r"\s*(?:by\b|\(|—|–|-\s)")


def kind_hint(text: str, start: int, end: int) -> str | None:
    """The kind of place the words around a name ask for, if any ('the village of X' -> village)."""
    if "\u0600" <= text[start:start + 1] <= "\u06ff":  # 'مدينة الرقة': the noun before the name
        noun = arabic_noun_before(text, start)
        if noun is None and " " in text[start:end]:  # or the name's own first word ('محافظة إدلب')
            noun = arabic_noun_before(text, text.index(" ", start, end) + 1)
        return noun[0] if noun is not None and noun[0] in ARABIC_NAMING else None
    low = lowered(text)
    cue = _KIND_AFTER.match(low, end, end + 20) or _KIND_BEFORE.search(low, max(0, start - 30), start)
    if cue is None and _listed(text, start):  # (a list's last link, ',' or 'and', is looked for first)
        cue = _LISTED_KIND_BEFORE.search(text, max(0, start - LISTED_KIND_SPAN), start)
    return cue.lastgroup if cue else None


def _listed(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows ',' or 'and' (spaces aside): the end of every match of
    ``_LISTED_KIND_BEFORE``, a search over a long window this cheap test spares most names.

    >>> _listed("the villages of Tal Jabin, Maarasta and Hardatnin", 39), _listed("the town of Hardatnin", 12)
    (True, False)
    """
    before = text[max(0, start - LISTED_KIND_SPAN):start].rstrip()
    return before.endswith(",") or before.endswith("and")


ARABIC_READINGS = frozenset({"governorate", "countryside", "city", "village", "district", "subdistrict",
                             "neighbourhood", "site", "near"})


@lru_cache(maxsize=1)
def arabic_place_nouns() -> dict[str, tuple[str, tuple[str, ...]]]:
    """The key of each Arabic place noun (geo/data/lexicon/ar/words.toml) -> (what it reads a name
    after it as, its English site words)."""
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for record in load_table("words.toml", "arabic_place_noun", required={"words": list, "reads": str},
                             optional={"sites": list}):
        reads, sites = record["reads"], tuple(record.get("sites", ()))
        check_choice(record, "reads", ARABIC_READINGS)
        if (reads == "site") != bool(sites):
            raise LexiconError(f"{record['_where']}: sites are given with reads = \"site\" and only then")
        for word in record["words"]:
            found[arabic_token_key(word)] = (reads, sites)
    return found


@lru_cache(maxsize=1)
def arabic_name_heads() -> frozenset[str]:
    """Keys of the words that open an Arabic place name ('أم', 'تل', 'كفر'; ar/words.toml)."""
    return frozenset(arabic_token_key(w) for r in load_table("words.toml", "arabic_name_head", required={"words": list})
                     for w in r["words"])


_ARABIC_WORD_BEFORE = re.compile(r"([\u0600-\u06ff]+)[^\S\n]+$")


def arabic_noun_before(text: str, start: int) -> tuple[str, tuple[str, ...], int] | None:
    """The Arabic place noun right before a name ('محافظة إدلب', 'بريف حلب', 'سد الفرات'):
    (what it reads the name as, its English site words, where the noun starts), or None."""
    word = _ARABIC_WORD_BEFORE.search(text, max(0, start - 24), start)
    if word is None:
        return None
    nouns = arabic_place_nouns()
    token = word.group(1)
    for clitic in ("", *ARABIC_CLITICS):
        if token.startswith(clitic) and len(token) - len(clitic) >= 2:
            found = nouns.get(arabic_token_key(token[len(clitic):]))
            if found is not None:
                return (*found, word.start(1))
    return None


_ARABIC_NEAR = frozenset({"near", "countryside", "site"})
ARABIC_NAMING = frozenset({"governorate", "city", "village", "district", "subdistrict", "neighbourhood"})  # the nouns that
# call the word after them a place ('قرية عنيفة') and say its kind


def is_near(text: str, start: int) -> bool:
    """'the northern countryside of Raqqa', '25 kilometres from Raqqa': near or part of it."""
    if "\u0600" <= text[start:start + 1] <= "\u06ff":
        noun = arabic_noun_before(text, start)
        if noun is not None and noun[0] in ARABIC_NAMING:  # 'محيط مدينة منبج': the word before the kind
            noun = arabic_noun_before(text, noun[2])
        return noun is not None and noun[0] in _ARABIC_NEAR
    return bool(_NEAR.search(lowered(text), max(0, start - 60), start))


_NEAR_AFTER = re.compile(r"[\s-]+" + place_noun_pattern("near_after") + r"\b")


def is_near_after(text: str, end: int) -> bool:
    """'Aleppo countryside', 'Hama outskirts': near or part of it (precision 2)."""
    return bool(_NEAR_AFTER.match(lowered(text), end, end + 20))


def after_locative(text: str, start: int) -> bool:
    """'in Hit', 'near the town of X': a preposition of place right before the name."""
    return bool(_LOCATIVE_BEFORE.search(lowered(text), max(0, start - 40), start))


_APPOSED_PLACE = re.compile(r"[ \t]*,[ \t]+an?[ \t]+(?:[\w-]+[ \t]+){0,3}?" + place_noun_pattern("apposition") + r"\b")


def apposed_place(text: str, end: int) -> bool:
    """'Hit, a town on the Euphrates': a place noun set beside the name calls it a place."""
    return bool(_APPOSED_PLACE.match(text, end, end + 60))


def is_line_start(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


# 'BEIRUT (Reuters) -', 'AMMAN —': the city a report is filed from, a place (in capitals, opening a line)
# ('AMMAN/ISTANBUL (Reuters) -': a report filed from two cities names both)
_DATELINE_AFTER = re.compile(r"(?:[ \t]*/[ \t]*[A-Z][A-Z .'’-]*)*[ \t]*(?:,[ \t]*[A-Za-z][\w ]{0,20}[ \t]*)?(?:\(|—|–|-[ \t])")
_DATELINE_BEFORE = re.compile(r"(?:[A-Z][A-Z .'’-]*[ \t]*/[ \t]*)+$")
# 'the Turkey-Syria border': a country before another and a border is where that border runs
_BORDER_AFTER = re.compile(r"[-‑–][A-Z][\w]+[ \t]+border\b")
# 'on the border with Turkey', 'the crossing with Jordan', 'fighters escaped to enter Turkey':
# the country as the place the border, crossing or way leads to
_BORDER_BEFORE = re.compile(r"\b(?:(?:border|frontier|boundary|crossing)s?[ \t]+with|enter(?:s|ed|ing)?|"
                            r"cross(?:es|ed|ing)?[ \t]+into)[ \t]+(?:the[ \t]+)?$")  # on lowered(text)


def _border_before(text: str, start: int) -> bool:
    window = lowered(text)[max(0, start - 30):start]
    return ("with" in window or "enter" in window or "into" in window) and bool(_BORDER_BEFORE.search(window))


# A dateline near the top written in ordinary case: the date or the agency, then a dash, or "by"
# and the writer's name ("Baghdad, Nov 4, 2017 (Reuters) - ...", "Baghdad by Elijah J. Magnier:").
_DATELINE_TAIL = re.compile(r"(?:,[^\n]{0,40}?)?[ \t]*(?:\([^)\n]{1,40}\))?(?:[ \t]+[-\u2013\u2014][ \t]|[ \t]+by [A-Z])")
DATELINE_WITHIN = 600  # characters from the top of a document: where such datelines are


def is_dateline(text: str, start: int, end: int) -> bool:
    r"""Whether the name at ``start:end`` is where the report was filed: it opens its line (or
    follows other dateline names, 'WASHINGTON/BEIRUT'), and either it is in capitals before the
    dateline's punctuation, or it is near the top before a date or an agency and a dash, or "by".

    >>> text = "BEIRUT, Nov 4, 2017 (Reuters) - ISIS fighters retook Abu Kamal."
    >>> is_dateline(text, 0, 6), is_dateline(text, text.index("Abu"), text.index("Abu") + 9)
    (True, False)
    >>> is_dateline("Intro\nBaghdad by Elijah J. Magnier:\n", 6, 13), is_dateline("Raqqa: why Russia", 0, 5)
    (True, False)
    """
    if is_capital_dateline(text, start, end):
        return True
    return start <= DATELINE_WITHIN and is_line_start(text, start) and bool(_DATELINE_TAIL.match(text, end))


def is_capital_dateline(text: str, start: int, end: int) -> bool:
    """A name in capitals opening a line before a dateline's punctuation ('BEIRUT (AFP) -'): the
    form the geoparser never reads as an actor (an ordinary-case byline place keeps its reading)."""
    if not text[start:end].isupper() or not _DATELINE_AFTER.match(text, end, end + 60):
        return False
    return is_line_start(text, start) or bool(_DATELINE_BEFORE.match(text, text.rfind("\n", 0, start) + 1, start))


@lru_cache(maxsize=1)
def _institution_words() -> frozenset[str]:
    """The last words of the force nouns (geo/data/lexicon/actors.toml) and role words (words.toml),
    without a plural 's': "Iraq's Prime Minister", 'Syria forces', "Iran's Quds Force"."""
    nouns = [w for r in load_table("actors.toml", "force_noun", required={"words": list}) for w in r["words"]]
    return frozenset(w.split()[-1].lower().rstrip("s") for w in (*nouns, *roles()))


NEXT_WORD = re.compile(r" ([\w-]+)")


def _institution_after(text: str, end: int) -> bool:
    """A country's name, then a force noun or a role word (its possessive, then up to three
    words before it): the country's government or forces, an actor."""
    first = text[end:end + 1]
    words = _institution_words()
    if first == " ":  # 'Syria forces': the noun right after the name
        following = NEXT_WORD.match(text, end)
        return following is not None and following.group(1).lower().rstrip("s") in words
    if first == "'" or first == "’":  # "Iran's Quds Force": up to three words before the noun
        end += 2 if text[end + 1:end + 2] == "s" else 1
        reach = 4
    else:
        return False
    for word in text[end:end + 50].split(None, reach)[:reach]:
        bare = word.rstrip(".,;:!?\"”)").lower()
        if bare.rstrip("s") in words:
            return True
        if len(bare) != len(word):
            return False  # a comma or a stop ends the phrase
    return False


# 'in Syria forces', 'across Iraq troops': a preposition that puts the noun inside the country
_CONTAINED_BEFORE = re.compile(r"\b(?:in|into|inside|within|across|throughout)\s+(?:the\s+)?$")
_FROM_BEFORE = re.compile(r"([\w-]+)\s+from\s+(?:the\s+)?$")


def _from_institution(low: str, start: int) -> bool:
    """'leaders from Iran', 'troops from Turkey': a force noun or a role word, then 'from' and the
    power: the people it sends, an actor (on the lowered text)."""
    before = _FROM_BEFORE.search(low, max(0, start - 40), start)
    return before is not None and before.group(1).rstrip("s") in _institution_words()


_DATELINE_KINDS = frozenset({"capital", "country", "city"})


def names_actor(text: str, start: int, end: int, country: str, kind: str, name: str) -> bool:
    """True when a country or capital name stands for its government ('Washington insists')."""
    if (not start or text[start - 1] == "\n") and kind in _DATELINE_KINDS and is_capital_dateline(text, start, end):
        return False  # where the report is filed from (a dateline opens its line)
    if kind == "country":
        if _institution_after(text, end) and (text[end:end + 1] in ("'", "’") or not _CONTAINED_BEFORE.search(
                lowered(text), max(0, start - 30), start)):
            return True  # "Iraq's Prime Minister", "from Iran's Quds Force", 'Syria forces', 'units from
            # the United States Marines' (not 'in Syria forces')
    if kind == "capital":  # 'Moscow insists', 'support in Washington'; but 'a visit to Washington' is the city
        return not _JOURNEY_BEFORE.search(lowered(text), max(0, start - 30), start)
    if kind == "country" and country in POWERS:
        if text[end:end + 1] in ("-", "‑", "–") and _BORDER_AFTER.match(text, end, end + 40) or _border_before(text, start):
            return False  # 'the Turkey-Syria border', 'the border with Turkey'
        if text[end:end + 1] in ("-", "‑", "–"):
            return True  # 'US-led', 'US-Russia friction': a modifier naming the power
        low = lowered(text)
        return not after_locative(text, start) or bool(_ACTOR_BEFORE.search(low, max(0, start - 30), start)) \
            or _from_institution(low, start)
    if (country, name) in THEATRE_CAPITALS:
        low = lowered(text)
        if _ACTOR_BEFORE.search(low, max(0, start - 30), start):
            return True
        if _POSSESSIVE_PLACE.match(low, end, end + 60) or after_locative(text, start):
            return False  # "Baghdad's Shaab neighbourhood", 'attacks around Baghdad have killed'
        if _ACTOR_AFTER.match(low, end, end + 30):
            return True
        return is_line_start(text, start) and bool(_DATELINE.match(low, end, end + 30))
    return False


# 'the border between Syria and Turkey'
_BETWEEN_BEFORE = re.compile(r"\b(?i:(?:border|frontier|boundary|crossings?)\s+between)\s+(?:the\s+)?$")
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")  # 'the United States, France and Australia'


def listed_with_actors(text: str, mentions: list) -> list:
    """Countries named in one list are read alike: after a preposition of place (or 'the border
    between') all are places ('fled to Turkey, Jordan and Lebanon'), else, when one stands for its
    government, all do ('the United States, France, Britain and Australia began aid drops'; Syria
    and Iraq, where the war is, stay places). Sorted ``mentions`` in, the same list with the listed
    countries' roles made alike out."""
    countries = [i for i, m in enumerate(mentions) if m.role in ("place", "actor") and m.place is not None
                 and m.place.kind == "country"]
    runs: list[list[int]] = []
    for previous, i in zip(countries, countries[1:]):
        if i == previous + 1 and _LIST_JOIN.fullmatch(text, mentions[previous].end, mentions[i].start):
            if runs and runs[-1][-1] == previous:
                runs[-1].append(i)
            else:
                runs.append([previous, i])
    if not runs:
        return mentions  # (most texts: no list of countries)
    out = list(mentions)
    for run in runs:
        if len({out[k].role for k in run}) == 1:
            continue
        first = out[run[0]].start
        if after_locative(text, first) or _BETWEEN_BEFORE.search(text, max(0, first - 40), first):
            role, precision = "place", 3
        else:
            role, precision = "actor", None
        for k in run:  # (Syria and Iraq, where the war is, stay places in a list of powers)
            if role == "place" or out[k].country not in theatre_countries():
                out[k] = dataclasses.replace(out[k], role=role, precision=precision)
    return out
