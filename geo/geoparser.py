"""The geoparser: a document in, its place mentions out.

>>> parser = Geoparser()  # doctest: +SKIP
>>> [(m.surface, m.name, m.role) for m in parser.parse(Document("d", "Washington insists the SDF holds Raqqah."))]  # doctest: +SKIP
[('Washington', 'Washington', 'actor'), ('Raqqah', 'Raqqa', 'place')]
"""
from __future__ import annotations

from geo.gazetteer import GazetteerIndex, default_index
from geo.matcher import KeyStream, find_names
from geo.model import Document, Mention
from geo.resolver import Resolver
from geo.toponyms import unresolved_mentions


class Geoparser:
    """Finds, resolves and classifies every place name of a document."""

    def __init__(self, index: GazetteerIndex | None = None) -> None:
        self.index = index or default_index()
        self.resolver = Resolver(self.index)

    def parse(self, doc: Document) -> list[Mention]:
        stream = KeyStream(doc.text)
        hits = find_names(doc.text, self.index.automaton, stream, lowercase=False)
        mentions = self.resolver.resolve(doc.id, doc.text, hits)
        taken = [(m.start, m.end) for m in mentions] + [(h.start, h.end) for h in hits if h.is_stop]
        mentions.extend(unresolved_mentions(doc.id, doc.text, taken))
        mentions.sort(key=lambda m: m.start)
        return mentions
