"""Offline geoparser, claim extractor and map for conflict reporting from Syria and Iraq."""

__version__ = "0.1.0"
