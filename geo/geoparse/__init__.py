"""Stage 2: documents -> place mentions, resolved offline (or honestly not).

``normalize`` (romanisation keys) -> ``gazetteer`` (the compiled index) -> ``matcher`` (names in
the text) -> ``resolver`` (ranking candidates in context) with ``context`` (precision, actor
role) -> ``toponyms`` (names the gazetteer lacks, reported unresolved).

>>> from geo.geoparse import Geoparser  # doctest: +SKIP
"""
from geo.geoparse.parser import Geoparser

__all__ = ["Geoparser"]
