"""The geoparser: a document in, its place mentions out.

>>> parser = Geoparser()  # doctest: +SKIP
>>> [(m.surface, m.name, m.role) for m in parser.parse(Document("d", "Washington insists the SDF holds Raqqah."))]  # doctest: +SKIP
[('Washington', 'Washington', 'actor'), ('Raqqah', 'Raqqa', 'place')]
"""
from __future__ import annotations

from geo.geoparse.gazetteer import GazetteerIndex, default_index
from geo.geoparse.matcher import KeyStream, find_names
from geo.model import Document, Mention
from geo.geoparse.resolver import Resolver
from geo.geoparse.toponyms import find_unresolved


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
        mentions.extend(find_unresolved(doc.id, doc.text, taken))
        mentions.sort(key=lambda m: m.start)
        return mentions
