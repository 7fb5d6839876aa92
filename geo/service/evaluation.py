"""Scoring: the places or claims found against a gold CSV, the claims against coded events."""
from __future__ import annotations

from typing import Iterable

from geo.model import Document


def score_gold(gold_path: str, docs: list[Document]) -> str:
    """The report of the documents' places or claims (whichever the gold file lists) scored
    against it: recall, precision and every miss."""
    from geo import evaluate

    gold = evaluate.read_gold(gold_path)
    if evaluate.gold_kind(gold) == "claims":
        from geo.claims.actors import canonical_actor
        from geo.pipeline import analyse

        score = evaluate.score_claims(gold, docs, analyse(docs).claims, evaluate.canonical_place, canonical_actor)
    else:
        from geo.service.analysis import mentions

        score = evaluate.score_places(gold, docs, list(mentions(docs)))
    return score.report()


def score_events(paths: Iterable[str], part: str = "dev", misses: bool = False) -> Iterable[str]:
    """Per coded-event file (ACLED, UCDP GED, PITF): the report of the claims scored on its
    events of ``part`` (dev, held-back or all)."""
    from geo import evaluate

    for path in paths:
        yield evaluate.score_events(path, part).report(misses=misses)
