"""A document's own date: when it was published, as ISO 8601 ``YYYY-MM-DD``, or None.

Looked for, most trusted first: HTML metadata (``article:published_time`` and kin, JSON-LD
``datePublished``, ``<time datetime>``), a "Published"/"Posted"/"Date"/"Source" line near the
top of the text (an "Updated" line if that is all there is), a wire dateline ("BEIRUT, Nov 9
(Reuters) -", its year taken from the file name when the dateline has none), and a date in the
file name (``2017-11-09_raqqa.html``). None when none is found: never today's date.

>>> document_date("2017-11-09_report.txt", "Fighting in Raqqa.")
'2017-11-09'
>>> document_date("report.txt", "Title\\nPublished: 9 November 2017\\n\\nText.")
'2017-11-09'
>>> document_date("report.txt", "Fighting in Raqqa.") is None
True
"""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import PurePath

from geo.knowledge import alternation, month_abbreviations, month_names, month_number

_MONTH = alternation(month_names() + month_abbreviations()) + r"\.?"  # 'November', 'Nov', 'Nov.'

# A full calendar date written out: 2017-11-09, 9 November 2017, 9th of Nov. 2017, November 9, 2017.
FULL_DATE = re.compile(
    rf"(?<!\d)(?:(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?:19|20)\d\d"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
HEAD_CHARS = 1500  # dates of publication sit above the story: look this far into the text
_LABELLED = re.compile(r"^[ \t]*(?P<label>published|posted|first published|date|dated|source|updated|last updated"
                       r"|last modified|modified)\b[^\n]{0,120}$", re.IGNORECASE | re.MULTILINE)
_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Z.'’ -]{{1,40}}(?:,\s*[A-Za-z .]{{2,30}})?,\s*(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})"
    rf"(?:,\s*(?P<year>(?:19|20)\d\d))?\s*\((?:[A-Z][\w .&-]{{0,30}})\)\s*[-–—]",
    re.MULTILINE,
)
_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?([01]\d)[-_.]?([0-3]\d)(?!\d)")
META_PUBLISHED = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                  "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
                  "sailthru.date", "parsely-pub-date")
META_MODIFIED = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "lastmod")
_DATE_TAGS = re.compile(r"<(?:meta|time)\b[^>]*>|<script\b[^>]*ld\+json[^>]*>.*?</script\s*>"
                        r"|<[a-z][a-z0-9]*\b[^>]*itemprop\s*=\s*[\"']?datePublished[^>]*>", re.IGNORECASE | re.DOTALL)
_LD_KEY = re.compile(r'"(datePublished|dateCreated|dateModified)"\s*:\s*"([^"]{6,40})"')


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def parse_full_date(text: str) -> str | None:
    """The first full calendar date (with a year) in ``text``, as ``YYYY-MM-DD``.

    An ISO timestamp keeps the date as written (its local date, no time-zone shift).

    >>> parse_full_date("2017-11-09T23:10:00+03:00"), parse_full_date("Nov. 9, 2017 10:32 AM ET")
    ('2017-11-09', '2017-11-09')
    >>> parse_full_date("250 fighters in 2017") is None
    True
    """
    match = FULL_DATE.search(text)
    if not match:
        return None
    if match.group("iso"):
        year, month, day = map(int, match.group("iso").split("-"))
        return _valid(year, month, day)
    import dateparser

    parsed = dateparser.parse(match.group(0).replace(" of ", " "), languages=["en"],
                              settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return _valid(parsed.year, parsed.month, parsed.day) if parsed else None


class _MetaDates(HTMLParser):
    """Collects the dates an HTML page states about itself (meta tags, JSON-LD, <time>)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.times: list[str] = []
        self.ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
        elif tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"])
        elif tag == "script" and "ld+json" in a.get("type", "").lower():
            self._in_ld = True
        elif a.get("itemprop", "").lower() == "datepublished" and (a.get("datetime") or a.get("content")):
            self.meta.setdefault("datepublished", a.get("datetime") or a.get("content"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.ld.append(data)


def html_date(markup: str) -> str | None:
    """The publication date an HTML page declares in its markup, or None.

    >>> html_date('<head><meta property="article:published_time" content="2017-11-09T08:00:00Z"></head>')
    '2017-11-09'
    >>> html_date('<script type="application/ld+json">{"datePublished": "2017-10-20"}</script>')
    '2017-10-20'
    """
    found = _MetaDates()
    try:  # only the tags that can carry a date go through the (slow) parser
        found.feed("".join(m.group(0) for m in _DATE_TAGS.finditer(markup)))
        found.close()
    except Exception:  # malformed markup: no metadata date, the text may still give one
        return None
    ld = dict((k, v) for k, v in reversed(_LD_KEY.findall("".join(found.ld))))
    candidates = ([found.meta.get(k) for k in META_PUBLISHED] + [ld.get("datePublished"), ld.get("dateCreated")]
                  + found.times[:1] + [found.meta.get(k) for k in META_MODIFIED] + [ld.get("dateModified")])
    for value in candidates:
        if value and (date := parse_full_date(value)):
            return date
    return None


def filename_date(name: str) -> str | None:
    """A date written into the file name (``2017-11-09_x``, ``20171109-x``), or None.

    >>> filename_date("reports/2017-11-09_abu-kamal.txt"), filename_date("report_250.txt")
    ('2017-11-09', None)
    """
    match = _FILE_DATE.search(PurePath(name).name)
    return _valid(*map(int, match.groups())) if match else None


def text_date(text: str, year_hint: int | None = None) -> str | None:
    """The date a text's head gives itself: a labelled line, else a wire dateline, else None.

    A dateline without a year ("BEIRUT, Nov 9 (Reuters) -") needs ``year_hint``.

    >>> text_date("BEIRUT, Nov 9, 2017 (Reuters) - The army said...")
    '2017-11-09'
    >>> text_date("BEIRUT, Nov 9 (Reuters) - The army said...") is None
    True
    """
    head = text[:HEAD_CHARS]
    updated = None
    for line in _LABELLED.finditer(head):
        date = parse_full_date(line.group(0))
        if date is None:
            continue
        if "updated" in line.group("label").lower() or "modified" in line.group("label").lower():
            updated = updated or date
        else:
            return date
    if updated:
        return updated
    match = _DATELINE.search(head)
    if match:
        year = int(match.group("year")) if match.group("year") else year_hint
        month = month_number(match.group("month"))
        if year:
            return _valid(year, month, int(match.group("day")))
    return None


def document_date(name: str, text: str, markup: str | None = None) -> str | None:
    """The publication date of a document read from file ``name``: metadata first, then its text,
    then its file name; None when none of them gives one."""
    from_name = filename_date(name)
    return ((html_date(markup) if markup is not None else None)
            or text_date(text, int(from_name[:4]) if from_name else None)
            or from_name)
