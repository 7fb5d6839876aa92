"""The theatre (the countries mapped) and the demonyms, each read from one table.

``theatre.toml`` is the only place the theatre is written: the gazetteer's SQL takes its codes as
parameters (:func:`theatre_sql`), the resolver and the claim engine read :func:`theatre_countries`.
``demonyms.toml`` serves both the geoparser (word -> country: 'Turkish' is a mention of Turkey
with role demonym) and the claim engine (word -> actor before a force noun: 'Turkish forces').
"""
from __future__ import annotations

from functools import lru_cache

from geo.knowledge.records import LexiconError, load_table


@lru_cache(maxsize=1)
def theatre_countries() -> frozenset[str]:
    """ISO codes of the theatre's countries (``geo/data/lexicon/theatre.toml``)."""
    found = set()
    for record in load_table("theatre.toml", "theatre", required={"countries": list}):
        for code in record["countries"]:
            if not (isinstance(code, str) and len(code) == 2 and code.isupper()):
                raise LexiconError(f"{record['_where']}: a country is a two-letter ISO code in capitals, not {code!r}")
            found.add(code)
    if not found:
        raise LexiconError("geo/data/lexicon/theatre.toml:1: the theatre names no country")
    return frozenset(found)


def theatre_sql(column: str = "p.country") -> tuple[str, tuple[str, ...]]:
    """``("p.country IN (?, ?)", ("IQ", "SY"))``: the theatre as an SQL condition and its parameters."""
    codes = tuple(sorted(theatre_countries()))
    return f"{column} IN ({', '.join('?' * len(codes))})", codes


def demonym_records() -> tuple[dict, ...]:
    """Every ``[[demonym]]`` record (word; country, actor, home), packaged then the user's."""
    records = load_table("demonyms.toml", "demonym", required={"word": str},
                         optional={"country": str, "actor": str, "home": dict})
    for record in records:
        if "country" not in record and "actor" not in record:
            raise LexiconError(f"{record['_where']}: a demonym needs a country, an actor or both")
        country = record.get("country")
        if country is not None and not (len(country) == 2 and country.isupper()):
            raise LexiconError(f"{record['_where']}: country must be a two-letter ISO code in capitals, not {country!r}")
    return tuple(records)


def demonym_countries(key=lambda word: word) -> dict[str, str]:
    """``key(word)`` -> country code of every demonym that names a country."""
    return {key(r["word"]): r["country"] for r in demonym_records() if "country" in r}
