"""Claims dated from their sentence against the document's date (Thursday 9 November 2017 here),
else from the document's date, else unknown."""
import pytest

from geo.model import Claim, Document, Place
from geo.time import date_claims, find_expressions, period

THURSDAY = "2017-11-09"


def dated(sentence: str, place: str, doc_date: str | None = THURSDAY) -> Claim:
    """Date a control claim about ``place`` stated in ``sentence`` (the document's only sentence)."""
    doc = Document("d", sentence, date=doc_date)
    at = sentence.index(place)
    claim = Claim("d", 0, len(sentence), sentence, "SDF", "control", Place("th:x", place, "", 36.0, 38.0, ""), "asserted", place_start=at, place_end=at + len(place))
    return date_claims(doc, [claim])[0]


@pytest.mark.parametrize("sentence, place, date, precision", [
    ("The SDF captured Tabqa on Tuesday, a spokesman said.", "Tabqa", "2017-11-07", "day"),
    ("On Thursday the SDF took Tabqa.", "Tabqa", "2017-11-09", "day"),  # the paper's own weekday: that day
    ("The SDF took Tabqa last Thursday.", "Tabqa", "2017-11-02", "day"),
    ("The SDF captured Tabqa two days ago.", "Tabqa", "2017-11-07", "day"),
    ("The SDF captured Tabqa yesterday.", "Tabqa", "2017-11-08", "day"),
    ("The SDF entered Tabqa late on Wednesday night.", "Tabqa", "2017-11-08", "day"),
    ("The SDF captured Tabqa last week.", "Tabqa", "2017-W44", "week"),
    ("The SDF, which took control of Tabqa earlier this month, said nothing.", "Tabqa", "2017-11", "month"),
    ("The SDF took Tabqa last month.", "Tabqa", "2017-10", "month"),
    ("In June 2014 ISIS seized Mosul.", "Mosul", "2014-06", "month"),
    ("The SDF has held Manbij since May.", "Manbij", "2017-05", "month"),
    ("The SDF has held Manbij since August 2016.", "Manbij", "2016-08", "month"),
    ("The SDF took Tabqa in May, and now it may move on.", "Tabqa", "2017-05", "month"),
    ("ISIS has besieged Deir ez-Zor since early 2015.", "Deir ez-Zor", "2015", "year"),
    ("The army took Maskanah on 4 June, the command said.", "Maskanah", "2017-06-04", "day"),
    ("The army took Maskanah on 9 May 2020, the command said.", "Maskanah", "2020-05-09", "day"),
    ("The army took Maskanah on November 19, the command said.", "Maskanah", "2016-11-19", "day"),  # past only
])
def test_dates_in_the_sentence(sentence, place, date, precision):
    claim = dated(sentence, place)
    assert (claim.date, claim.date_precision, claim.date_source) == (date, precision, "text")


@pytest.mark.parametrize("sentence, place", [
    ("ISIS may lose Raqqa within a second week of fighting, now that 250 fighters are left.", "Raqqa"),
    ("The army is 6 kilometres from Maskana, military sources said.", "Maskana"),
    ("The March on Raqqa has begun.", "Raqqa"),
    # the date belongs to another clause's event: the campaign began in March, Tabqa fell on the paper's day
    ("ISIS lost Tabqa after a campaign that began in March.", "Tabqa"),
    ("ISIS dropped as fast as it grew in 2014: the SDF holds Raqqa.", "Raqqa"),
])
def test_no_date_in_the_sentence_takes_the_document_date(sentence, place):
    claim = dated(sentence, place)
    assert (claim.date, claim.date_precision, claim.date_source) == (THURSDAY, "day", "document")


def test_undated_document():
    relative = dated("The SDF captured Tabqa on Tuesday.", "Tabqa", doc_date=None)
    assert (relative.date, relative.date_precision, relative.date_source) == (None, None, "unknown")
    absolute = dated("In June 2014 ISIS seized Mosul.", "Mosul", doc_date=None)
    assert (absolute.date, absolute.date_source) == ("2014-06", "text")
    plain = dated("The SDF holds Tabqa.", "Tabqa", doc_date=None)
    assert (plain.date, plain.date_source) == (None, "unknown")


def test_the_nearest_date_to_the_place_wins():
    sentence = "The army, which lost Palmyra in March, retook Palmyra on Tuesday."
    second = sentence.rindex("Palmyra")
    doc = Document("d", sentence, date=THURSDAY)
    claims = [Claim("d", 0, len(sentence), sentence, "Syrian government", "control", Place("th:palmyra", "Palmyra", "", 34.5, 38.3, ""), "asserted", place_start=at, place_end=at + 7) for at in (sentence.index("Palmyra"), second)]
    first, last = date_claims(doc, claims)
    assert first.date == "2017-03" and last.date == "2017-11-07"


def test_month_names_must_be_capitalised_and_may_needs_context():
    texts = [e.text for e in find_expressions("Fighters may march on in june; in May they left; May 9 was calm.")]
    assert texts == ["in May", "May 9"]


def test_periods_cover_their_days():
    assert [str(d) for d in period("2017-W44")] == ["2017-10-30", "2017-11-05"]
    assert [str(d) for d in period("2016-02")] == ["2016-02-01", "2016-02-29"]
    with pytest.raises(ValueError):
        period("9 November")


def test_a_date_opening_the_sentence_frames_it_past_a_relative_clause():
    claim = dated("On 6 May 2020, fighters who had crossed the river shelled Hajin.", "Hajin", doc_date=None)
    assert (claim.date, claim.date_source) == ("2020-05-06", "text")
    # a date inside another clause, not opening the sentence, does not
    claim = dated("Hajin fell after the fighters who crossed the river on 6 May 2020 left.", "Hajin")
    assert claim.date_source == "document"
