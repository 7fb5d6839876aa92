"""The geoparser: a document in, its place mentions out.

>>> parser = Geoparser()  # doctest: +SKIP
>>> [(m.surface, m.name, m.role) for m in parser.parse(Document("d", "Washington insists the SDF holds Raqqah."))]  # doctest: +SKIP
[('Washington', 'Washington', 'actor'), ('Raqqah', 'Raqqa', 'place')]
"""
from __future__ import annotations

import re
import unicodedata
import warnings
from collections import Counter

from geo.geoparse.gazetteer import GazetteerIndex, default_index
from geo.geoparse.index_build import read_demonyms
from geo.geoparse.generic import resolve_generic
from geo.geoparse.groups import GroupNames, read_group_names
from geo.geoparse.matcher import KeyStream, find_names, read_arabic_place_nouns
from geo.geoparse.nearby import NearbySettler
from geo.geoparse.quarters import place_quarters
from geo.geoparse.ranking import far_from_the_text
from geo.geoparse.normalize import name_key
from geo.model import Document, Mention
from geo.geoparse.resolver import Resolver
from geo.geoparse.slots import SlotFiller
from geo.geoparse.units import read_listed_units
from geo.geoparse.toponyms import find_unresolved


# letters of the scripts the geoparser reads: Latin (with its accented ranges) and Arabic
_UNREAD_LETTER = re.compile(
    r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
UNREAD_MIN_LETTERS = 20
LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+(?:\([^\s()]*\)[^\s<>\"'()\[\]]*)*")  # a web address  # a stray foreign word is no document in another script


class UnreadScriptWarning(UserWarning):
    """A document holds text in a script the geoparser does not read (its place names are missed)."""


def warn_unread_script(doc: Document) -> None:
    """Warn, naming the document and the scripts, when it holds text we cannot read."""
    if _UNREAD_LETTER.search(doc.text) is None:
        return
    letters = _UNREAD_LETTER.findall(doc.text)
    if len(letters) < UNREAD_MIN_LETTERS:
        return
    scripts = Counter(unicodedata.name(c, "UNKNOWN").split()[0].title() for c in letters)
    named = ", ".join(f"{script} ({count} letters)" for script, count in scripts.most_common(3))
    warnings.warn(f"{doc.id}: text in a script the geoparser does not read: {named}; "
                  "place names written in it are not found", UnreadScriptWarning, stacklevel=3)


class Geoparser:
    """Finds, resolves and classifies every place name of a document."""

    def __init__(self, index: GazetteerIndex | None = None) -> None:
        self.index = index or default_index()
        self.resolver = Resolver(self.index)
        self.slots = SlotFiller(self.index)
        self.nearby = NearbySettler(self.index, self.slots)
        # a group name that is a place name too ('United States') is left to the metonymy rules
        self.groups = GroupNames(name for name in read_group_names(read_demonyms())
                                 if not self.index.candidates(name_key(name)))

    def parse(self, doc: Document) -> list[Mention]:
        warn_unread_script(doc)
        stream = KeyStream(doc.text)
        hits = find_names(doc.text, self.index.automaton, stream, lowercase=False)
        hits = read_arabic_place_nouns(doc.text, hits, self.index)  # 'سد الفرات', 'ريف إدلب'
        groups = self.groups.spans(stream)
        if groups:  # 'Hamza Brigade': the place name inside a group's name is no place
            hits = _outside(hits, groups)
        if "://" in doc.text or "www." in doc.text:  # 'wiki/Battle_of_Abu_al-Duhur': a link, no mention
            links = [m.span() for m in LINK.finditer(doc.text)]
            hits = _outside(hits, links)
            groups = sorted(groups + links)
        mentions = self.slots.fill(doc.id, doc.text, self.resolver.resolve(doc.id, doc.text, hits), stream)
        mentions = read_listed_units(doc.id, doc.text, mentions, self.index)  # 'the Afrin and Kobani cantons'
        taken = [(m.start, m.end) for m in mentions] + [(h.start, h.end) for h in hits if h.is_stop] + groups
        mentions.extend(find_unresolved(doc.id, doc.text, taken))
        mentions.sort(key=lambda m: m.start)
        mentions = far_from_the_text(mentions)  # a village far from every place the text names
        mentions = self.nearby.settle(doc.id, doc.text, mentions)  # the villages of the text's own districts
        mentions = place_quarters(doc.id, doc.text, mentions, self.index)  # 'the al-Ardi neighbourhood'
        generic = resolve_generic(doc.id, doc.text, mentions, self.index)  # 'the airbase', 'the silos'
        if generic:
            mentions = sorted(_outside([m for m in mentions], [(g.start, g.end) for g in generic]) + generic,
                              key=lambda m: m.start)
        return mentions


def _outside(hits: list, spans: list[tuple[int, int]]) -> list:
    """The hits (sorted by start) that overlap none of ``spans`` (sorted, none overlapping)."""
    kept, k = [], 0
    for hit in hits:
        while k < len(spans) and spans[k][1] <= hit.start:
            k += 1  # spans that end before this hit end before every later one too
        if k == len(spans) or spans[k][0] >= hit.end:
            kept.append(hit)
    return kept
