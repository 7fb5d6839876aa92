"""Analysing files: their documents, place mentions, claims and the whole analysis, and the
analysis as of a day or within a period."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Iterator

from geo.documents import DocumentError, iter_documents
from geo.model import Analysis, Claim, Document, Mention
from geo.service.errors import UsageError

# the fields `geo mentions` and `geo claims` print, in order
MENTION_FIELDS = ("doc", "start", "end", "surface", "place_id", "name", "lat", "lon", "country", "kind",
                  "precision", "confidence", "role")
CLAIM_FIELDS = ("doc", "start", "end", "text", "actor", "relation", "place", "place_id", "lat", "lon",
                "to_place", "to_lat", "to_lon", "stance", "attribution", "confidence", "date", "date_precision",
                "date_source")

OnError = Callable[[DocumentError], None]


def read_documents(paths: Iterable[str], on_error: OnError, date: str | None = None) -> Iterator[Document]:
    """The documents under ``paths``, each bad file given to ``on_error`` as it is met; ``date``
    (the user's publication date) replaces each document's own."""
    for item in iter_documents(paths):
        if isinstance(item, DocumentError):
            on_error(item)
        else:
            yield replace(item, date=date) if date else item


def checked_date(text: str) -> str:
    """``text`` if it is an ISO 8601 date (YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY), else ValueError."""
    from geo.time import period

    period(text)
    return text


def mentions(docs: Iterable[Document]) -> Iterator[Mention]:
    """The place mentions of each document, in order."""
    from geo.pipeline import default_geoparser

    parser = default_geoparser()
    for doc in docs:
        yield from parser.parse(doc)


def claims(docs: Iterable[Document], min_confidence: float = 0.0, workers: int = 0,
           scheduler: str | None = None) -> Iterator[Claim]:
    """The dated claims of each document, in order, those below ``min_confidence`` left out; on a
    Dask cluster of ``workers`` local processes or at ``scheduler`` when either is given."""
    if workers or scheduler:
        found = scale().claims_on_dask(docs, workers=workers, scheduler=scheduler)
    else:
        from geo.pipeline import claims_for_documents

        found = claims_for_documents(docs)
    return (c for c in found if c.confidence >= min_confidence)


def analyse(docs: list[Document], min_confidence: float = 0.0) -> Analysis:
    """Every stage over ``docs``: places, claims, zones and corridors."""
    from geo.pipeline import analyse as run

    return run(docs, min_confidence)


def scale():
    """:mod:`geo.scale`, or a :class:`UsageError` naming the extra it needs."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as err:
        raise UsageError(f"--workers, --scheduler and parquet output need the 'scale' extra ({err.name} is "
                         "missing): pip install 'geo-conflict-map[scale]'") from None
    from geo import scale as module

    return module


def time_window(analysis: Analysis, as_of: str | None = None, start: str | None = None, end: str | None = None,
                keep_undated: bool = True) -> Analysis:
    """The analysis as of the day ``as_of`` or within ``start``..``end`` (ISO dates; a month or a
    year means its last day for ``as_of`` and ``end``); unchanged when none is given."""
    from geo.aggregate.timeline import as_of as state_on, between
    from geo.time import period

    if as_of and (start or end):
        raise UsageError("--as-of gives one day; --from/--to a range: use one or the other")
    if as_of:
        return state_on(analysis, period(as_of)[1], keep_undated)
    if start or end or not keep_undated:
        return between(analysis, period(start)[0] if start else None, period(end)[1] if end else None, keep_undated)
    return analysis


def confidence_thresholds() -> tuple[float, float]:
    """(the default minimum confidence: every claim, the calibration's suggestion for long-form text)."""
    from geo.claims.calibration import DEFAULT_MIN_CONFIDENCE, SUGGESTED_MIN_CONFIDENCE

    return DEFAULT_MIN_CONFIDENCE, SUGGESTED_MIN_CONFIDENCE


def fields(record, names: tuple[str, ...]) -> dict:
    """The named columns of a mention's or a claim's flat row, in that order (a JSON line's content)."""
    row = record.to_dict()
    return {name: row[name] for name in names}
