"""Filtering an analysis: keep the claims that match, rebuild what depends on them."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Collection, Iterable

from geo.aggregate.assemble import assemble
from geo.model import Analysis, Claim, Mention


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to keep. A field left as None does not filter; an empty set keeps nothing."""

    actors: frozenset[str] | None = None
    relations: frozenset[str] | None = None
    stances: frozenset[str] | None = None
    docs: frozenset[str] | None = None

    @classmethod
    def of(cls, actors: Iterable[str] | None = None, relations: Iterable[str] | None = None,
           stances: Iterable[str] | None = None, docs: Iterable[str] | None = None) -> "ClaimFilter":
        """Build a filter from any iterables (None means "any")."""
        def norm(values: Iterable[str] | None) -> frozenset[str] | None:
            return None if values is None else frozenset(values)
        return cls(norm(actors), norm(relations), norm(stances), norm(docs))

    @property
    def active(self) -> bool:
        """True when at least one field restricts the claims."""
        return any(v is not None for v in (self.actors, self.relations, self.stances, self.docs))

    def keeps(self, claim: Claim) -> bool:
        """Whether ``claim`` passes every field of the filter."""
        return (
            (self.actors is None or claim.actor in self.actors)
            and (self.relations is None or claim.relation in self.relations)
            and (self.stances is None or claim.stance in self.stances)
            and (self.docs is None or claim.doc in self.docs)
        )

    def claims(self, claims: Collection[Claim]) -> list[Claim]:
        """The claims that pass."""
        return [c for c in claims if self.keeps(c)]


def filter_analysis(
    analysis: Analysis,
    actors: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    stances: Iterable[str] | None = None,
    docs: Iterable[str] | None = None,
    min_confidence: float = 0.0,
) -> Analysis:
    """Keep only the claims matching every given criterion and rebuild what depends on them.

    ``None`` means "any" for each criterion. Places, zones and corridors are rebuilt from the
    kept claims with the pipeline's own rules (:mod:`geo.aggregate`), so holders, disputes,
    zone shapes and corridor status reflect only what is left: a place, zone or corridor
    survives when it keeps at least one claim, and a place with mentions but no claims
    survives only when no filter is active. With ``docs`` given, documents and mentions are
    restricted to those documents too. Claims below ``min_confidence`` are left out; that alone
    keeps the places that are only mentioned. The input is not modified.
    """
    rule = ClaimFilter.of(actors, relations, stances, docs)
    confident = [c for c in analysis.claims if c.confidence >= min_confidence] if min_confidence > 0 else \
        analysis.claims
    if not rule.active and len(confident) < len(analysis.claims):
        return assemble(list(analysis.documents), list(analysis.mentions), confident)
    if not rule.active:
        return replace(analysis, documents=list(analysis.documents), mentions=list(analysis.mentions),
                       claims=list(analysis.claims), places=list(analysis.places),
                       zones=list(analysis.zones), corridors=list(analysis.corridors))
    documents, mentions = list(analysis.documents), list(analysis.mentions)
    if rule.docs is not None:
        documents = [d for d in documents if d.id in rule.docs]
        mentions = [m for m in mentions if m.doc in rule.docs]
    return assemble(documents, mentions, rule.claims(confident), places_without_claims=False)


def unresolved(analysis: Analysis) -> list[Mention]:
    """Mentions the geoparser could not place, in document order."""
    return sorted((m for m in analysis.mentions if m.role == "unresolved"), key=lambda m: (m.doc, m.start))
