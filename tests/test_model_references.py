"""The model holds references: a mention and a claim carry their Place, and only the edges
(storage, exports) spell it out as columns."""
from __future__ import annotations

import dataclasses

import pytest

from geo.model import Claim, Document, Mention, Place

RAQQA = Place("th:raqqa", "Raqqa", "city", 35.95, 39.01, "SY", population=200_000, names=("Raqqa", "Raqqah"))
IDLIB = Place("th:idlib_gov", "Idlib Governorate", "governorate", 35.8, 36.6, "SY")
PALMYRA = Place("th:palmyra", "Palmyra", "city", 34.56, 38.28, "SY")


def test_a_mention_reads_its_place_through_the_reference():
    m = Mention("d", 0, 5, "Raqqa", "place", RAQQA, IDLIB, 1, 0.9)
    assert (m.place_id, m.name, m.lat, m.lon, m.country, m.kind) == ("th:raqqa", "Raqqa", 35.95, 39.01, "SY", "city")
    assert not {"place_id", "name", "lat", "lon", "country", "kind"} & {f.name for f in dataclasses.fields(Mention)}
    unresolved = Mention("d", 0, 5, "Xyz", "unresolved")
    assert (unresolved.place_id, unresolved.lat, unresolved.to_dict()["lat"]) == (None, None, None)


def test_a_demonym_names_a_country_but_is_never_a_location():
    turkey = Place("th:turkey", "Turkey", "country", 39.0, 35.0, "TR")
    m = Mention("d", 0, 7, "Turkish", "demonym", turkey, confidence=0.9)
    assert m.place is turkey and m.country == "TR"
    assert m.lat is None and m.to_dict()["lat"] is None and m.to_dict()["lon"] is None


def test_flat_rows_round_trip():
    m = Mention("d", 3, 8, "Raqqa", "place", RAQQA, IDLIB, 2, 0.7)
    row = m.to_dict()
    assert list(row) == list(Mention.COLUMNS)
    assert (row["within_id"], row["within_name"], row["within_kind"]) == ("th:idlib_gov", "Idlib Governorate",
                                                                         "governorate")
    back = Mention.from_dict(row)
    assert back.to_dict() == row and back.within.name == "Idlib Governorate"

    c = Claim("d", 0, 40, "ISIS opened a corridor from Raqqa to Palmyra.", "ISIS", "corridor", RAQQA, "alleged",
              "SOHR", 0.6, PALMYRA, 31, 36, "2017-06-01", "day", "text")
    row = c.to_dict()
    assert list(row) == list(Claim.COLUMNS)
    assert (row["place"], row["place_id"], row["to_place"], row["to_lat"], row["place_kind"]) == \
        ("Raqqa", "th:raqqa", "Palmyra", 34.56, "city")
    assert Claim.from_dict(row).to_dict() == row


@pytest.mark.usefixtures("geoparser")
def test_parsed_mentions_and_their_claims_share_the_gazetteer_entry(geoparser):
    from geo.claims import ClaimExtractor

    doc = Document("d", "Government forces shelled Kafr Zeita town in Hama countryside on Monday. "
                        "ISIS fighters captured Palmyra on Friday.")
    mentions = geoparser.parse(doc)
    by_surface = {m.surface: m for m in mentions}
    kafr_zita = by_surface["Kafr Zeita"]
    assert kafr_zita.place == geoparser.index.place(kafr_zita.place_id)  # the gazetteer entry itself
    assert kafr_zita.within is not None and "Hama" in kafr_zita.within.name  # the region the text gives
    claims = ClaimExtractor().extract(doc, mentions)
    palmyra = next(c for c in claims if c.place.name == "Palmyra")
    assert palmyra.place is by_surface["Palmyra"].place
