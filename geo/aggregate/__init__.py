"""Stage 4: from claims to what the map shows (places, control zones, corridors) and filtered views.

>>> analysis = assemble(docs, mentions, claims)  # doctest: +SKIP
>>> sdf_only = filter_analysis(analysis, actors={"SDF"})  # doctest: +SKIP
>>> rows = contradictions(analysis.claims)  # each source's latest account per place  # doctest: +SKIP
"""
from geo.aggregate.assemble import assemble
from geo.aggregate.contradictions import PlaceAccounts, contradiction_rows, contradictions, contradictions_csv
from geo.aggregate.corrections import (RELATIONS, STANCES, Corrected, CorrectionError, apply_corrections, carry_over,
                                       checked_point, checked_values, claim_id)
from geo.aggregate.corridors import corridors
from geo.aggregate.filtering import ClaimFilter, filter_analysis, unresolved
from geo.aggregate.places import HOLDING_STANCES, summarise_places
from geo.aggregate.timeline import (PlaceChange, as_of, between, changes, claim_period, coarse_claims, latest_day,
                                    slider_days, state_window)
from geo.aggregate.zones import control_zones

__all__ = ["assemble", "Corrected", "apply_corrections", "carry_over", "claim_id", "summarise_places", "control_zones", "corridors", "ClaimFilter", "filter_analysis",
           "unresolved", "HOLDING_STANCES", "PlaceAccounts", "contradictions", "contradictions_csv", "contradiction_rows",
           "RELATIONS", "STANCES", "CorrectionError", "checked_point", "checked_values",
           "as_of", "between", "changes", "PlaceChange", "claim_period", "coarse_claims", "latest_day", "slider_days", "state_window"]
