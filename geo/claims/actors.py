"""The actors of the war and the names reporting uses for them (data: ``geo/data/lexicon/actors.toml``,
the demonyms in ``demonyms.toml``).

>>> [(a.actor, a.surface) for a in find_actors("US-backed SDF fighters and Daesh")]
[('United States', 'US'), ('SDF', 'SDF fighters'), ('ISIS', 'Daesh')]
>>> [(a.actor, a.surface) for a in find_actors("Unknown gunmen shot at PKK militants")]
[('Unidentified armed group', 'Unknown gunmen'), ('PKK', 'PKK militants')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from geo.casefold import lowered
from geo.claims.cues import named
from geo.knowledge import LexiconError, actor_records, compile_pattern, demonym_records, load_table

_GENERIC = "\x00generic"  # the actor of a generic word until resolved
_DEMONYM = "\x00demonym"  # a bare demonym: an actor only before a force noun
_UNIDENTIFIED_KIND = "unidentified"


@dataclass(frozen=True)
class ActorMention:
    actor: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class ActorInfo:
    name: str
    kind: str
    colour: str


@dataclass(frozen=True)
class ActorLexicon:
    """Every alias with its actor, compiled into two Aho-Corasick automata."""

    actors: dict[str, ActorInfo]
    lookup: dict[str, str]  # alias (as written for exact ones, lower-cased for the others) -> actor
    exact: frozenset[str]
    # word -> (from context?, fallback, among, the actor by the country the document's places lie in)
    generic: dict[str, tuple[bool, str | None, frozenset[str] | None, dict[str, str]]]
    unidentified_cues: frozenset[str]
    demonyms: dict[str, str]  # bare demonym (lower-cased unless exact) -> actor
    force_noun_after: re.Pattern  # up to two words, then a force noun ('long-range bombers')
    automata: tuple  # (folded automaton, exact automaton)
    # generic word -> the words after it that make it no actor ('police said', 'police checkpoint')
    generic_not_followed_by: dict[str, re.Pattern]
    # a demonym's phrases whose actor the document's country decides ('government forces' in Iraq)
    home_of: dict[str, dict[str, str]]

    @property
    def unidentified(self) -> str | None:
        return next((a.name for a in self.actors.values() if a.kind == _UNIDENTIFIED_KIND), None)


KINDS = frozenset({"state", "armed group", "coalition", "unidentified"})


@lru_cache(maxsize=1)
def lexicon() -> ActorLexicon:
    """The actor lexicon: the packaged file plus the user's ($GEO_LEXICON_DIR/actors.toml)."""
    import ahocorasick

    name = "actors.toml"
    actors: dict[str, ActorInfo] = {}
    entries: list[tuple[str, str, bool]] = []  # (alias, actor, exact)
    for record in actor_records():
        if record["kind"] not in KINDS:
            raise LexiconError(f"{record['_where']}: unknown kind '{record['kind']}' (known: {', '.join(sorted(KINDS))})")
        known = actors.get(record["name"])  # a language companion's record adds aliases to a known actor
        if known is not None and known.kind != record["kind"]:
            raise LexiconError(f"{record['_where']}: actor '{record['name']}' is of kind '{known.kind}', not '{record['kind']}'")
        colour = record.get("colour", "") or (known.colour if known is not None else "")
        if colour and not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
            raise LexiconError(f"{record['_where']}: colour must be #rrggbb, not {colour!r}")
        actors[record["name"]] = ActorInfo(record["name"], record["kind"], colour)
        for alias in record.get("aliases", []) + [record["name"]]:
            entries.append((alias, record["name"], _looks_exact(alias)))
        for alias in record.get("exact", []):
            entries.append((alias, record["name"], True))
    force_nouns = [w for r in load_table(name, "force_noun", required={"words": list}) for w in r["words"]]
    demonyms: dict[str, str] = {}
    home_of: dict[str, dict[str, str]] = {}  # lookup key -> {country: actor} where the document's places decide
    for record in (r for r in demonym_records() if "actor" in r):  # demonyms.toml: those that name an actor
        for actor in [record["actor"], *record.get("home", {}).values()]:
            if actor not in actors:
                raise LexiconError(f"{record['_where']}: unknown actor '{actor}'")
        _check_home(record)
        exact_word = _looks_exact(record["word"])
        for noun in force_nouns:
            phrase = f"{record['word']} {noun}"
            entries.append((phrase, record["actor"], exact_word))
            if "home" in record:
                home_of[phrase if exact_word else phrase.lower()] = record["home"]
        word = record["word"] if exact_word else record["word"].lower()
        demonyms[word] = record["actor"]
        if "home" in record:
            home_of[word] = record["home"]
    nouns = "|".join(re.escape(n) for n in sorted(force_nouns, key=len, reverse=True))
    # up to two words between ('Russian long-range bombers'), not a phrase ('Israeli aggression by shelling')
    between = r"(?!(?:by|of|in|on|at|to|the|a|an|with|from|for|against|and|or)\b)[\w-]+\s+"
    force_noun_after = re.compile(rf"[\"”’']?[ -](?:{between}){{0,2}}?(?:{nouns})\b", re.IGNORECASE)  # “Russian” warplanes
    generic: dict[str, tuple[bool, str | None, frozenset[str] | None, dict[str, str]]] = {}
    not_followed: dict[str, re.Pattern] = {}
    for record in load_table(name, "generic", required={"words": list},
                             optional={"fallback": str, "context": bool, "among": list, "home": dict,
                                       "not_followed_by": str}):
        fallback = record.get("fallback")
        home = record.get("home", {})
        for actor in ([fallback] if fallback else []) + record.get("among", []) + list(home.values()):
            if actor not in actors:
                raise LexiconError(f"{record['_where']}: unknown actor '{actor}'")
        _check_home(record)
        among = frozenset(record["among"]) if "among" in record else None
        after = compile_pattern(record, "not_followed_by") if "not_followed_by" in record else None
        for word in record["words"]:
            generic[word.lower()] = (record.get("context", True), fallback, among, home)
            if after is not None:
                not_followed[word.lower()] = after
            entries.append((word, _GENERIC, False))
    cues = frozenset(w.lower() for r in load_table(name, "unidentified_cue", required={"words": list}) for w in r["words"])

    lookup: dict[str, str] = {}
    exact: set[str] = set()
    for word in demonyms:  # a bare demonym is an actor only before a force noun (checked when found)
        entries.insert(0, (word, _DEMONYM, _looks_exact(word)))
    for alias, actor, is_exact in entries:  # a later record wins (the user's file comes last)
        key = alias if is_exact else alias.lower()
        if is_exact:
            exact.add(alias)
        lookup[key] = actor
    automata = []
    for folded in (True, False):
        automaton = ahocorasick.Automaton()
        for key in lookup:
            if (key in exact) != folded:
                automaton.add_word(key, len(key))
        if len(automaton):
            automaton.make_automaton()
        automata.append(automaton)
    return ActorLexicon(actors, lookup, frozenset(exact), generic, cues, demonyms, force_noun_after, tuple(automata),
                        not_followed, home_of)


def _check_home(record: dict) -> None:
    """A record's ``home`` maps two-letter country codes ('IQ') to actors."""
    for code in record.get("home", {}):
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise LexiconError(f"{record['_where']}: home keys are two-letter country codes, not {code!r}")


def _looks_exact(alias: str) -> bool:
    """Acronyms (all capitals) and names with digits match only as written."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) or any(c.isdigit() for c in alias) or alias == "Isis"


def actor_kinds() -> dict[str, str]:
    return {a.name: a.kind for a in lexicon().actors.values()}


def actor_colours() -> dict[str, str]:
    """Canonical actor -> map colour (for the palette and legend)."""
    return {a.name: a.colour for a in lexicon().actors.values() if a.colour}


def armed_groups() -> frozenset[str]:
    """Actors that are armed groups (a corridor is used by the group that leaves)."""
    return frozenset(a.name for a in lexicon().actors.values() if a.kind == "armed group")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# a one-letter proclitic glued to the name ('والجيش', 'لتنظيم'): the name still starts there
_PROCLITIC_BEFORE = named("proclitic_before")
_RELATIVE_CLAUSE_BEFORE = named("relative_clause_before")
_IRREGULAR_FORCE = named("irregular_force")
_BROKER_BEFORE = named("broker_before")


def _alias_spans(text: str, low: str, start: int, end: int):
    """(start, end, key) of the longest alias at each position, leftmost first, not overlapping."""
    lex = lexicon()
    folded, exact = lex.automata
    found: dict[int, list] = {}
    for automaton, haystack, is_exact in ((folded, low, False), (exact, text, True)):
        if not len(automaton):
            continue
        for last, length in automaton.iter(haystack, start, end):
            found.setdefault(last - length + 1, []).append((length, is_exact))
    scanned = start
    for pos in sorted(found):
        if pos < scanned or (pos > 0 and _is_word(text[pos - 1])
                             and not _PROCLITIC_BEFORE.search(low, max(0, pos - 3), pos)):
            continue
        best = None
        for length, is_exact in found[pos]:
            stop = pos + length
            if (stop >= len(text) or not _is_word(text[stop]) or text[stop - 1] in ".-") and (best is None or length > best[0]):
                best = (length, is_exact)
        if best is not None:
            stop = pos + best[0]
            yield pos, stop, text[pos:stop] if best[1] else low[pos:stop]
            scanned = stop


_JOIN = re.compile(r"[\s-]*(?:\(\w+\)\s*)?")
_AND_DEMONYM = re.compile(r"(?:\s+and|,)\s+[A-Z][\w-]+")  # ('Russian' and 'Syrian jets')


def find_actors(text: str, start: int = 0, end: int | None = None, low: str | None = None,
                country: str | None = None) -> list[ActorMention]:
    """Actor names in ``text[start:end]`` with document offsets; generic words ('militants')
    take the name just before them, or the unidentified group after 'unknown', or the
    document's nearest fitting armed group (before them, else after), or the actor their record
    gives for ``country``, where the document's places lie ('army units' in a report on Syria),
    or their fallback; else they are dropped. ``low``: the text's lower-cased copy
    (:func:`geo.casefold.lowered`) if the caller has it."""
    lex = lexicon()
    groups = armed_groups()
    low = lowered(text) if low is None else low
    named: list[ActorMention] = []
    pending: list[tuple[int, ActorMention, str]] = []  # generic words to resolve: (index, mention, key)
    for m_start, m_end, key in _alias_spans(text, low, start, len(text) if end is None else end):
        actor = lex.lookup.get(key)
        if actor is None:
            continue
        if actor == _DEMONYM:  # 'Russian long-range bombers' is an actor, 'Iranian pilgrims' is not
            noun = lex.force_noun_after.match(text, m_end)
            if noun is None:
                # 'Russian and Syrian jets': the next demonym's force noun is this one's too
                shared = _AND_DEMONYM.match(text, m_end)
                if shared is None or lex.force_noun_after.match(text, shared.end()) is None:
                    continue
                actor = lex.demonyms[key]
            else:
                actor, m_end = lex.demonyms[key], noun.end()
        if country is not None and key in lex.home_of:  # 'government forces' in a report on Iraq
            actor = lex.home_of[key].get(country, actor)
        last = named[-1] if named else None
        adjacent = last is not None and _JOIN.fullmatch(text, last.end, m_start) is not None
        if actor == _GENERIC:
            after = lex.generic_not_followed_by.get(key)
            if after is not None and after.match(low, m_end):
                continue  # 'police said': a source; 'a Baghdad police checkpoint': a target
            if adjacent and last.actor != _GENERIC:  # 'PKK militants', 'ISIS fighters'
                named[-1] = ActorMention(last.actor, last.start, m_end, text[last.start:m_end])
                continue
            before = low[max(0, m_start - 40):m_start].split()
            if lex.unidentified is not None and any(w.strip(",") in lex.unidentified_cues for w in before[-3:]):
                named.append(ActorMention(lex.unidentified, m_start, m_end, text[m_start:m_end]))
                continue
        elif adjacent and last.actor == actor:
            # 'ISIS militants', 'Syrian army troops': one mention
            named[-1] = ActorMention(actor, last.start, m_end, text[last.start:m_end])
            continue
        named.append(ActorMention(actor, m_start, m_end, text[m_start:m_end]))
    found = []
    for i, mention in enumerate(named):
        if mention.actor != _GENERIC:
            found.append(mention)
            continue
        context, fallback, among, home = lex.generic.get(mention.surface.lower(), (False, None, None, {}))
        actor = None
        if context:
            fits = lambda a: a.actor != _GENERIC and (a.actor in among if among is not None else a.actor in groups)  # noqa: E731
            before = (a for a in reversed(named[:i]) if fits(a))
            nearest = next(before, None)
            # the nearest one a main clause names, not a broker ('a deal brokered by Russia and Turkey'),
            # not an actor a relative clause names in passing, not a state's militias ('Syrian troops,
            # Iraqi militias and Hezbollah ...': 'the army' is a state's regular forces); else the nearest
            main = next((a for a in chain((nearest,) if nearest else (), before) if _refers_back(low, a, among)), None)
            actor = (main or nearest).actor if nearest else \
                next((a.actor for a in named[i + 1:] if fits(a)), None)
        actor = actor or home.get(country or "") or fallback
        if actor is not None:
            found.append(ActorMention(actor, mention.start, mention.end, mention.surface))
    return found


def _refers_back(low: str, a: ActorMention, among) -> bool:
    """Whether a generic word ('the army') may stand for the actor mention ``a`` named before it."""
    return not (_RELATIVE_CLAUSE_BEFORE.search(low, max(0, a.start - 100), a.start)
                or among is not None and _IRREGULAR_FORCE.search(low, a.start, a.end)
                or _BROKER_BEFORE.search(low, max(0, a.start - 80), a.start))


def __getattr__(name: str):
    if name == "ACTORS":  # canonical actor -> its aliases (for benchmarks and older callers)
        table: dict[str, list[str]] = {}
        for alias, actor in lexicon().lookup.items():
            if actor not in (_GENERIC, _DEMONYM):
                table.setdefault(actor, []).append(alias)
        return {k: tuple(v) for k, v in table.items()}
    raise AttributeError(name)


def canonical_actor(name: str) -> str:
    """Canonical actor for a name (gold files say ISIL; we say ISIS).

    >>> canonical_actor("ISIL"), canonical_actor("Syrian government")
    ('ISIS', 'Syrian government')
    """
    lex = lexicon()
    if name in lex.actors:
        return name
    actor = lex.lookup.get(name) or lex.lookup.get(name.lower())
    return actor if actor and actor not in (_GENERIC, _DEMONYM) else name
