"""Stage 3: mentions -> claims (who controls, lost, contests, holds out in, advances on, strikes or
passes through which place, stated how and according to whom).

``sentences`` (split) and ``actors`` (who is named) feed ``extract`` (the rule engine).

>>> from geo.claims import ClaimExtractor  # doctest: +SKIP
"""
from geo.claims.extract import ClaimExtractor

__all__ = ["ClaimExtractor"]
