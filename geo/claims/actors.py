"""The actors of the war and the names reporting uses for them.

>>> [(a.actor, a.surface) for a in find_actors("US-backed SDF fighters and Daesh")]
[('United States', 'US'), ('SDF', 'SDF'), ('ISIS', 'Daesh')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from geo.casefold import lowered

# Canonical name -> aliases. Acronyms (all capitals) match case-sensitively, phrases in any case.
ACTORS: dict[str, tuple[str, ...]] = {
    "SDF": ("SDF", "SDS", "YPG", "YPJ", "QSD", "Syrian Democratic Forces", "Syrian Democractic Forces",
            "Democratic Forces of Syria", "Kurdish forces", "Kurdish-led forces", "Kurdish fighters",
            "Kurdish militias", "the Kurds", "Kurds", "US-backed militias", "US-backed forces",
            "Revolutionary front", "Arab clans", "VTS"),
    "ISIS": ("ISIS", "ISIL", "IS", "Isis", "Daesh", "Daish", "Islamic State", "LIH", "jihadists",
             "jihadist group", "militants", "terrorists", "terrorist group", "Caliphate"),
    "Syrian government": ("Syrian government", "Syrian Arab Army", "SAA", "Syrian army", "Syrian Army",
                          "Syrian military", "Syrian forces", "Syrian troops", "government forces",
                          "pro-government forces", "regime forces", "the regime", "Assad regime",
                          "Assad forces", "Tiger Forces", "allied forces", "Damascus",
                          "Syrian elite forces", "Syrian state media", "Syrian Arab News Agency", "SANA"),
    "United States": ("United States", "US", "U.S.", "USA", "America", "American", "Americans",
                      "Washington", "coalition", "US-led coalition", "international coalition",
                      "US forces", "U.S. forces", "Pentagon", "CJTF-OIR", "B-52"),
    "Russia": ("Russia", "Russian", "Russians", "Moscow", "VKS", "Kremlin", "Russian aircraft",
               "Russian Aerospace Forces"),
    "Iran": ("Iran", "Iranian", "Tehran", "IRGC", "Quds Force", "Revolutionary Guards"),
    "Hezbollah": ("Hezbollah", "Hizbollah", "Hizballah"),
    "Iraqi forces": ("Iraqi forces", "Iraqi army", "Iraqi Army", "Iraqi security forces", "Iraqi troops",
                     "PMU", "PMF", "Popular Mobilisation Units", "Popular Mobilization Units",
                     "Popular Mobilisation Forces", "Popular Mobilization Forces", "Hashd al-Shaabi",
                     "Baghdad", "Iraqi government"),
    "Turkey": ("Turkey", "Turkish", "Ankara", "TSK", "Turkish army", "Turkish forces"),
    "Rebels": ("rebels", "Syrian rebels", "Free Syrian Army", "FSA", "opposition forces", "Syrian opposition"),
}

# Kinds of actor, for rules that care (a corridor is used by the group that leaves).
ARMED_GROUPS = frozenset({"ISIS", "Rebels"})


@dataclass(frozen=True)
class ActorMention:
    actor: str
    start: int
    end: int
    surface: str


def _compile() -> tuple[re.Pattern, dict[str, str]]:
    lookup: dict[str, str] = {}
    exact, folded = [], []
    for actor, aliases in ACTORS.items():
        for alias in aliases:
            if alias.isupper() or any(c.isdigit() for c in alias) or alias in ("Isis",):
                lookup[alias] = actor
                exact.append(alias)
            else:
                lookup[alias.lower()] = actor
                folded.append(alias)
    by_length = lambda xs: sorted(xs, key=len, reverse=True)  # noqa: E731
    exact_re = "|".join(re.escape(a) for a in by_length(exact))
    folded_re = "|".join(re.escape(a) for a in by_length(folded))
    pattern = re.compile(rf"(?<![\w])(?:(?P<folded>(?i:{folded_re}))|(?P<exact>{exact_re}))(?![\w])")
    return pattern, lookup


_PATTERN, _LOOKUP = _compile()


def _preference() -> list[tuple[str, bool]]:
    """Every alias in the order the regex tries them: (alias, matched in any case)."""
    exact, folded = [], []
    for aliases in ACTORS.values():
        for alias in aliases:
            if alias.isupper() or any(c.isdigit() for c in alias) or alias in ("Isis",):
                exact.append(alias)
            else:
                folded.append(alias)
    by_length = lambda xs: sorted(xs, key=len, reverse=True)  # noqa: E731
    return [(a, True) for a in by_length(folded)] + [(a, False) for a in by_length(exact)]


def _compile_automata():
    """The aliases in two Aho-Corasick automata: the phrases matched in any case (run over the
    lower-cased text) and the acronyms matched as written (run over the text itself). None when
    an alias is outside ASCII: the regex is used then."""
    import ahocorasick

    order = _preference()
    if not all(alias.isascii() for alias, _ in order):
        return None
    ranks: dict[bool, dict[str, int]] = {True: {}, False: {}}  # folded? -> key -> best rank
    for rank, (alias, folded) in enumerate(order):
        ranks[folded].setdefault(alias.lower() if folded else alias, rank)
    automata = []
    for folded in (True, False):
        automaton = ahocorasick.Automaton()
        for key, rank in ranks[folded].items():
            automaton.add_word(key, (len(key), rank))
        automaton.make_automaton()
        automata.append(automaton)
    return tuple(automata)


_AUTOMATA = _compile_automata()


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _alias_spans(text: str, start: int, end: int):
    """(start, end) of every match of _PATTERN, leftmost first, as finditer gives them."""
    if _AUTOMATA is None:
        for match in _PATTERN.finditer(text, start, end):
            yield match.start(), match.end()
        return
    folded, exact = _AUTOMATA
    found: dict[int, list] = {}
    for automaton, haystack in ((folded, lowered(text)), (exact, text)):
        for last, (length, rank) in automaton.iter(haystack, start, end):
            found.setdefault(last - length + 1, []).append((rank, length))
    scanned = start
    for pos in sorted(found):
        if pos < scanned or (pos > 0 and _is_word(text[pos - 1])):
            continue
        best = None
        for rank, length in found[pos]:
            stop = pos + length
            if (stop >= end or not _is_word(text[stop])) and (best is None or rank < best[0]):
                best = (rank, stop)
        if best is not None:
            yield pos, best[1]
            scanned = best[1]


def find_actors(text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
    """Actor names in ``text[start:end]`` with document offsets."""
    found: list[ActorMention] = []
    for m_start, m_end in _alias_spans(text, start, len(text) if end is None else end):
        surface = text[m_start:m_end]
        actor = _LOOKUP.get(surface) or _LOOKUP.get(surface.lower())
        if actor is None:
            continue
        last = found[-1] if found else None
        if last and last.actor == actor and not text[last.end:m_start].strip():
            # 'ISIS militants', 'Syrian army troops': one mention
            found[-1] = ActorMention(actor, last.start, m_end, text[last.start:m_end])
            continue
        found.append(ActorMention(actor, m_start, m_end, surface))
    return found


def canonical_actor(name: str) -> str:
    """Canonical actor for a name (gold files say ISIL; we say ISIS).

    >>> canonical_actor("ISIL"), canonical_actor("Syrian government")
    ('ISIS', 'Syrian government')
    """
    if name in ACTORS:
        return name
    return _LOOKUP.get(name) or _LOOKUP.get(name.lower()) or name
