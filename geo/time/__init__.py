"""Stage 5: when claims happened or held. Runs after claim extraction, before aggregation.

>>> dated = date_claims(doc, claims)  # doctest: +SKIP
>>> period(dated[0].date)  # doctest: +SKIP
(datetime.date(2014, 6, 1), datetime.date(2014, 6, 30))
"""
from geo.time.dating import date_claims
from geo.time.expressions import Expression, find_expressions
from geo.time.periods import PRECISIONS, format_date, period, precision_of

__all__ = ["date_claims", "find_expressions", "Expression", "period", "precision_of", "format_date", "PRECISIONS"]
