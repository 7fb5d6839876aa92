"""Geocoders with geopy's interface: the offline gazetteer, and an opt-in online fallback.

>>> from geo.geocoders import OfflineGazetteer
>>> OfflineGazetteer().geocode("Deir Ezzur").address  # doctest: +SKIP
'Deir ez-Zor, SY'
"""
from geo.geocoders.offline import OfflineGazetteer
from geo.geocoders.online import CachedGeocoder, FallbackGeocoder, online_fallback

__all__ = ["OfflineGazetteer", "CachedGeocoder", "FallbackGeocoder", "online_fallback"]
