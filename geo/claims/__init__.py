"""Stage 3: mentions -> claims (who controls, lost, contests, holds out in, advances on, strikes or
passes through which place, stated how and according to whom).

``sentences`` (split), ``actors`` (who is named), ``rules`` (relation triggers and cues) and
``stance`` (how it is said, whom it quotes) feed ``extract`` (the rule engine). Their knowledge is
in ``geo/data/lexicon/*.toml`` (see the README there); ``$GEO_LEXICON_DIR`` adds a user's records.

>>> from geo.claims import ClaimExtractor  # doctest: +SKIP
"""
from geo.claims.extract import ClaimExtractor

__all__ = ["ClaimExtractor"]
