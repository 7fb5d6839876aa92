"""Dates at a precision, and the days they cover.

A claim's ``date`` is ISO 8601 at its precision: ``2017-11-09`` (day), ``2017-W45`` (ISO week),
``2017-11`` (month) or ``2017`` (year). :func:`period` turns one into its first and last day, which
is what ordering and "as of" questions compare.

>>> period("2017-W45"), period("2014-06")
((datetime.date(2017, 11, 6), datetime.date(2017, 11, 12)), (datetime.date(2014, 6, 1), datetime.date(2014, 6, 30)))
"""
from __future__ import annotations

import calendar
import datetime as dt

PRECISIONS = ("day", "week", "month", "year")


def format_date(day: dt.date, precision: str) -> str:
    """``day`` written at ``precision``.

    >>> format_date(dt.date(2017, 11, 9), "week"), format_date(dt.date(2017, 11, 9), "year")
    ('2017-W45', '2017')
    """
    if precision == "day":
        return day.isoformat()
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "year":
        return f"{day.year:04d}"
    raise ValueError(f"unknown date precision {precision!r}; expected one of {', '.join(PRECISIONS)}")


def precision_of(date: str) -> str:
    """The precision an ISO 8601 date string is written at.

    >>> [precision_of(d) for d in ("2017-11-09", "2017-W45", "2017-11", "2017")]
    ['day', 'week', 'month', 'year']
    """
    if "W" in date:
        return "week"
    return {10: "day", 7: "month", 4: "year"}.get(len(date)) or _bad(date)


def _bad(date: str):
    raise ValueError(f"{date!r} is not an ISO 8601 date (YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY)")


def period(date: str) -> tuple[dt.date, dt.date]:
    """First and last day that ``date`` (at any precision) covers; ValueError when it is no date."""
    try:
        kind = precision_of(date)
        if kind == "day":
            day = dt.date.fromisoformat(date)
            return day, day
        if kind == "week":
            year, week = date.split("-W")
            first = dt.date.fromisocalendar(int(year), int(week), 1)
            return first, first + dt.timedelta(days=6)
        if kind == "month":
            year, month = map(int, date.split("-"))
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        year = int(date)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except (TypeError, ValueError):
        _bad(str(date))
        raise  # unreachable: _bad raises

