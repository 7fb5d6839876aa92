"""Named patterns the claims stage reads (``geo/data/lexicon/binding_cues.toml``): the words that
say a name is modified ('US-backed'), an object ('against ISIS'), a victim, a direction, a
container ('in the X countryside'), a clause break, a reported speaker and so on, kept as data so
that a person can extend them.

A module takes one by name when it is imported and uses it as a compiled pattern; the file is
read (and validated) at the first use, with the user's file of the same name in
``$GEO_LEXICON_DIR``, whose records of a known name widen it (alternation) and of a new name are
read by nobody:

>>> from geo.claims.cues import named
>>> towards = named("towards")
>>> bool(towards.search("pushed towards the dam"))
True

A pattern may hold ``<<number>>`` (a ``[[fragment]]`` of the file), ``<<compass>>`` (the compass
words of ``words.toml``) and ``<<place_nouns:KIND[,KIND]>>`` (the place nouns of those kinds,
:func:`geo.knowledge.place_noun_pattern`), so that each word class is written once.
"""
from __future__ import annotations

import re
from functools import lru_cache

from geo.knowledge import alternation, compass_points, place_noun_pattern
from geo.knowledge.pattern_start import led_by_first_characters
from geo.knowledge.records import LexiconError, load_table

FILE = "binding_cues.toml"
_PLACEHOLDER = re.compile(r"<<([a-z_]+)(?::([a-z_,]+))?>>")


def _expand(record: dict, fragments: dict[str, str]) -> str:
    def one(match: re.Match) -> str:
        word, kinds = match.groups()
        if word == "compass" and not kinds:
            return alternation(compass_points())
        if word == "place_nouns" and kinds:
            try:
                return place_noun_pattern(*kinds.split(","))
            except (KeyError, ValueError) as error:
                raise LexiconError(f"{record['_where']}: unknown place-noun kind in {match.group()}: {error}") from None
        if word in fragments and not kinds:
            return fragments[word]
        raise LexiconError(f"{record['_where']}: unknown placeholder {match.group()} (known: <<compass>>, "
                           f"<<place_nouns:KIND>>, {', '.join(f'<<{f}>>' for f in sorted(fragments))})")

    return _PLACEHOLDER.sub(one, record["pattern"])


@lru_cache(maxsize=1)
def _fragments() -> dict[str, str]:
    return {r["name"]: r["pattern"] for r in load_table(FILE, "fragment", required={"name": str, "pattern": str},
                                                       optional={"note": str})}


def expand(record: dict, field: str = "pattern") -> str:
    """A record's pattern (of any lexicon file) with its placeholders filled in, so that the
    relation triggers name a word class the way the cues do ('<<place_nouns:route>>')."""
    return _expand({**record, "pattern": record[field]}, _fragments())


@lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern]:
    fields = {"name": str, "pattern": str}
    fragments = _fragments()
    patterns: dict[str, list[str]] = {}
    for record in load_table(FILE, "cue", required=fields, optional={"note": str, "used_by": str}):
        text = _expand(record, fragments)
        try:
            re.compile(text)
        except re.error as error:
            raise LexiconError(f"{record['_where']}: pattern does not compile: {error}") from None
        patterns.setdefault(record["name"], []).append(text)
    # (each led by its first characters where the regex engine cannot see them: the same matches, sooner)
    compiled = {name: led_by_first_characters(re.compile(texts[0] if len(texts) == 1 else "|".join(f"(?:{t})" for t in texts)))
                for name, texts in patterns.items()}
    missing = sorted(used_names() - set(compiled))
    if missing:
        raise LexiconError(f"geo/data/lexicon/{FILE}: no [[cue]] named {', '.join(missing)}")
    return compiled


def cues() -> dict[str, re.Pattern]:
    """Every cue of the file (and the user's), compiled, by name."""
    return _compiled()


def _clear() -> None:
    """Read the files again at the next use (after the user's lexicon changed)."""
    _compiled.cache_clear()
    _fragments.cache_clear()
    for cue in _TAKEN:
        cue.forget()


cues.cache_clear = _clear  # as the lexicon caches are cleared: read again at the next use

_BOUND = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split", "pattern", "flags", "groupindex")


class NamedCue:
    """A cue taken by name at import: compiled at its first use (after the settings that say
    where the user's lexicon is are in force), then used as the compiled pattern itself (its
    methods are bound to the instance at that first use, so later calls cost nothing extra)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __getattr__(self, attribute: str):
        pattern = cues()[self.name]
        for bound in _BOUND:
            setattr(self, bound, getattr(pattern, bound))
        return getattr(pattern, attribute)

    def forget(self) -> None:
        for bound in _BOUND:
            self.__dict__.pop(bound, None)

    def __repr__(self) -> str:
        return f"named({self.name!r})"


_TAKEN: list[NamedCue] = []


def named(name: str) -> NamedCue:
    """The cue of that name (see the module's doc)."""
    cue = NamedCue(name)
    _TAKEN.append(cue)
    return cue


def used_names() -> frozenset[str]:
    """The names the imported modules have asked for."""
    return frozenset(cue.name for cue in _TAKEN)
