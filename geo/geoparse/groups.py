"""Names of armed groups that hold a place name: 'Deir ez-Zor Military Council', 'Hamza Brigade',
'Ahrar al-Sharqiyah'. The place name inside one names the group, not a place.

The names are the many-word aliases of the actor lexicon (``actors.toml``, the user's file
included), so a group a person adds there stops being mapped with no change to the code. They are
found over the matcher's key stream, so every spelling the keys fold together is covered.

>>> from geo.geoparse.matcher import KeyStream
>>> text = "A Deir ez-Zor Military Council member was shot in Shiheil."
>>> [text[a:b] for a, b in GroupNames(["Deir ez-Zor Military Council"]).spans(KeyStream(text))]
['Deir ez-Zor Military Council']
"""
from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

from geo.geoparse.matcher import KeyStream
from geo.geoparse.normalize import name_key, name_keys

# names that open with a country or its demonym ('US-backed forces', 'Turkish-backed fighters')
# are left to the demonym and metonymy rules
_COUNTRY_OPENERS = ("US", "U.S.", "UK", "EU", "Russia", "Iran", "Turkey", "Israel")


def read_group_names(demonyms: Iterable[str] = ()) -> list[str]:
    """The many-word names of the actor lexicon that do not open with a country or a demonym
    (``demonyms``: their keys)."""
    from geo.knowledge import actor_records

    openers = set(demonyms) | {name_key(w) for w in _COUNTRY_OPENERS}
    names = []
    for record in actor_records():
        for alias in (record["name"], *record.get("aliases", ()), *record.get("exact", ())):
            keys = name_keys(alias)
            if len(keys) > 1 and keys[0] not in openers:
                names.append(alias)
    return names


class GroupNames:
    """Finds group names in a document's key stream."""

    def __init__(self, names: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for name in names:
            key = name_key(name)
            self._automaton.add_word(f" {key} ", key.count(" ") + 1)
        self._empty = not len(self._automaton)
        if not self._empty:
            self._automaton.make_automaton()

    def spans(self, stream: KeyStream) -> list[tuple[int, int]]:
        """Character spans of the group names in the text of ``stream``, sorted, none overlapping."""
        if self._empty:
            return []
        found = []
        keys = stream.stream
        spaces, counted_to = 0, 0
        for end, n_tokens in self._automaton.iter(keys):  # in the order of their ends
            spaces += keys.count(" ", counted_to, end)
            counted_to = end
            last = spaces - 1  # the match ends on the space after its last token
            found.append((stream.token_span(last - n_tokens + 1)[0], stream.token_span(last)[1]))
        spans: list[tuple[int, int]] = []  # sorted, overlapping names merged ('Ahrar al-Sham' in a longer one)
        for start, end in sorted(found):
            if spans and start < spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        return spans
