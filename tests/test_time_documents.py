"""A document's own date, from its markup, its head, a wire dateline or its file name; never today."""
import datetime as dt

import pytest

from geo.documents import decode
from geo.documents.dates import document_date, filename_date, html_date, parse_full_date, text_date


@pytest.mark.parametrize("markup, expected", [
    ('<html><head><meta property="article:published_time" content="2017-11-09T22:40:00+03:00">'
     '<meta property="article:modified_time" content="2017-11-12T08:00:00Z"></head><body>x</body></html>', "2017-11-09"),
    ('<head><script type="application/ld+json">{"@type": "NewsArticle", "dateModified": "2017-10-22",'
     ' "datePublished": "2017-10-20T09:00:00Z"}</script></head>', "2017-10-20"),
    ('<article><p>By a reporter, <time datetime="2017-06-04">4 June</time></p></article>', "2017-06-04"),
    ('<head><meta name="pubdate" content="Nov. 9, 2017"></head>', "2017-11-09"),
    ('<head><meta property="og:title" content="Raqqa falls in 2017"></head>', None),
])
def test_html_metadata_dates(markup, expected):
    assert html_date(markup) == expected


def test_html_metadata_is_read_before_the_markup_becomes_text():
    page = (b'<html><head><meta property="article:published_time" content="2017-11-09T10:00:00Z">'
            b'<title>Army enters Abu Kamal</title></head><body><p>The army entered Abu Kamal.</p></body></html>')
    doc = decode("story.html", page)
    assert doc.date == "2017-11-09"
    assert "2017" not in doc.text  # the date came from the markup, not from visible text


@pytest.mark.parametrize("text, expected", [
    ("Army enters Abu Kamal\nPublished: 9 November 2017 14:02 GMT\nUpdated: 10 November 2017\n\nBody.", "2017-11-09"),
    ("Army enters Abu Kamal\nLast updated November 10, 2017\n\nBody.", "2017-11-10"),
    ("Source: Valley Monitor, 2017-10-16\n\nBody.", "2017-10-16"),
    ("BEIRUT, Nov 9, 2017 (Reuters) - The army said it had taken the town.", "2017-11-09"),
    ("Headline\nBAGHDAD, Iraq, Oct. 21, 2017 (AP) — Iraqi forces moved north.", "2017-10-21"),
    ("The army said it had taken the town in 2017 with 250 fighters.", None),
    ("It may end soon, commanders said on Tuesday.", None),
])
def test_dates_in_the_head_of_a_text(text, expected):
    assert text_date(text) == expected


def test_a_dateline_without_a_year_takes_the_year_of_the_file_name():
    text = "BEIRUT, Nov 9 (Reuters) - The army said it had taken the town."
    assert text_date(text) is None
    assert document_date("2017-11-12_beirut.txt", text) == "2017-11-09"


def test_file_names_and_priorities():
    assert filename_date("2017-11-09_abu-kamal.html") == "2017-11-09"
    assert filename_date("20171109-abu-kamal.txt") == "2017-11-09"
    assert filename_date("report-2017-13-45.txt") is None  # not a calendar date
    assert filename_date("01_rojava-frontline.txt") is None
    # the text's own "Published" line beats the file name
    assert document_date("2017-01-01_x.txt", "Published: 9 November 2017\n\nBody.") == "2017-11-09"


def test_no_date_is_unknown_never_today():
    doc = decode("report.txt", b"The SDF captured Tabqa yesterday, a spokesman said.")
    assert doc.date is None
    assert doc.date != dt.date.today().isoformat()


def test_a_date_given_by_the_user_wins():
    doc = decode("2017-01-01_x.txt", b"Published: 9 November 2017\n\nBody.", date="2017-11-20")
    assert doc.date == "2017-11-20"


def test_full_dates_keep_the_day_as_written():
    assert parse_full_date("2017-11-09T23:30:00-05:00") == "2017-11-09"
    assert parse_full_date("the 9th of November, 2017") == "2017-11-09"
    assert parse_full_date("31 February 2017") is None
