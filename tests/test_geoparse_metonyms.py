"""Countries that stand for their governments or forces are actors, not places
(geo/geoparse/context.py, force nouns in geo/data/lexicon/actors.toml). Sentences written for these tests."""
from geo.model import Document


def roles(geoparser, text):
    return {m.surface: m.role for m in geoparser.parse(Document("t", text))}


def test_a_force_after_the_country_is_an_actor_even_after_from(geoparser):
    found = roles(geoparser, "Artillery units from the United States Marines backed the assault on Raqqa.")
    assert found["United States"] == "actor" and found["Raqqa"] == "place"


def test_a_service_of_the_country_is_an_actor(geoparser):
    found = roles(geoparser, "Iraq's Counter-Terrorism Service was the first unit to enter Ramadi.")
    assert found["Iraq"] == "actor" and found["Ramadi"] == "place"


def test_people_sent_from_a_power_stand_for_it(geoparser):
    assert roles(geoparser, "The militias received weapons and leaders from Iran for the Tikrit battle.")["Iran"] == "actor"
    assert roles(geoparser, "Troops from Turkey entered Jarablus at dawn.")["Turkey"] == "actor"


def test_coming_back_from_a_country_leaves_it_a_place(geoparser):
    assert roles(geoparser, "He returned from Turkey to Jarablus last week.")["Turkey"] == "place"


def test_a_country_listed_with_powers_is_read_alike(geoparser):
    found = roles(geoparser, "On Sunday the United States, France, Britain and Australia began dropping food over Amirli.")
    assert found["Australia"] == "actor" and found["Amirli"] == "place"


def test_a_list_after_a_preposition_of_place_is_all_places(geoparser):
    found = roles(geoparser, "Refugees fled to Turkey, Jordan and Lebanon.")
    assert found == {"Turkey": "place", "Jordan": "place", "Lebanon": "place"}
    found = roles(geoparser, "Smugglers use the border between Syria and Turkey.")
    assert found == {"Syria": "place", "Turkey": "place"}


def test_syria_listed_with_powers_stays_a_place(geoparser):
    assert roles(geoparser, "The allied forces of Iran, Syria, Russia and Hezbollah advanced on Palmyra.")["Syria"] == "place"


def test_a_foreign_capital_at_a_journeys_end_is_the_city(geoparser):
    from geo.model import Document
    found = {m.surface: m for m in geoparser.parse(Document(
        "t", "Fighting flared as the minister began a visit to Washington D.C. to discuss the truce."))}
    assert found["Washington D.C"].role == "place"


def test_a_foreign_capital_that_acts_stays_an_actor(geoparser):
    from geo.model import Document
    found = {m.surface: m for m in geoparser.parse(Document(
        "t", "The plan has broad support in Washington, and Moscow insists on talks."))}
    assert found["Washington"].role == "actor" and found["Moscow"].role == "actor"
