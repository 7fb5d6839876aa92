"""The coded-event scorer on a small CSV written for the test, in ACLED's column layout."""
import csv

from geo.evaluate import held_back, read_events, score_events
from geo.model import Claim, Mention, Place

COLUMNS = ["event_id_cnty", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
           "country", "location", "latitude", "longitude", "geo_precision", "notes"]


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})


def test_score_of_claims_against_coded_events(tmp_path):
    path = tmp_path / "events.csv"
    shelling = dict(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                    actor1="Military Forces of Turkey (2016-)", country="Syria", location="Town A",
                    latitude="36.0", longitude="38.0", notes="Turkish forces shelled Town A.")
    write(path, [dict(shelling, event_id_cnty="E1"), dict(shelling, event_id_cnty="E2"),
                 dict(shelling, event_id_cnty="E3", event_type="Protests", sub_event_type="Peaceful protest")])
    at = Mention("x", 0, 1, "A", "place", Place("p", "Town A", "town", 36.0, 38.0, "SY"))

    def extract(doc):  # E1: the right claim; E2: the wrong actor 100 km away
        if doc.id == "E1":
            return [at], [Claim("E1", 0, 1, "", "Turkey", "strike", Place("p", "Town A", "", 36.0, 38.0, ""), "asserted")]
        return [at], [Claim("E2", 0, 1, "", "ISIS", "strike", Place("q", "Town B", "", 36.9, 38.0, ""), "asserted")]

    score = score_events(path, "all", extract)
    assert score.dataset == "ACLED" and score.total.events == 2  # the protest is outside what claims describe
    assert (score.total.findable, score.total.at_place, score.total.relation, score.total.actor,
            score.total.all_three, score.total.no_claim, score.total.claims, score.total.claims_near) == (2, 1, 2, 1, 1, 0, 2, 1)
    assert "E2" in "\n".join(score.misses) and "E1" not in "\n".join(score.misses)


def test_events_whose_text_does_not_name_the_coded_place_are_counted_apart(tmp_path):
    path = tmp_path / "events.csv"
    shelling = dict(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                    actor1="Military Forces of Turkey (2016-)", country="Syria", location="Tal Tamr town",
                    latitude="36.6", longitude="40.4")
    write(path, [dict(shelling, event_id_cnty="E1", notes="Turkish forces shelled Tell Tamr."),
                 dict(shelling, event_id_cnty="E2", notes="Turkish forces shelled villages in the north.")])
    score = score_events(path, "all", lambda doc: ([], []))
    assert {k: v.events for k, v in score.by_named.items()} == {
        "coded place named in the text": 1, "coded place not named": 1}
    assert "coded place not named" in score.report()


def test_parts_follow_the_fixed_split(tmp_path):
    path = tmp_path / "events.csv"
    rows = [dict(event_id_cnty=f"T{i}", event_type="Battles", sub_event_type="Armed clash", actor1="IS",
                 latitude="35", longitude="40", notes="x") for i in range(40)]
    write(path, rows)
    dev = {e.id for e in read_events(path, "dev")[1]}
    held = {e.id for e in read_events(path, "held-back")[1]}
    assert dev and held and not dev & held and len(dev | held) == 40
    assert all(held_back(i) for i in held) and not any(held_back(i) for i in dev)


GED_COLUMNS = ["id", "type_of_violence", "side_a", "side_b", "where_coordinates", "where_prec", "latitude", "longitude",
               "country", "source_headline"]


def test_secondary_warring_parties_count_for_the_side_ucdp_codes(tmp_path):
    """UCDP GED codes a state fighting beside a side under that side's name: a Russian strike is the
    government's; in ACLED, which names Russia apart, it is not the Syrian army's."""
    ged = tmp_path / "ged.csv"
    with open(ged, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, GED_COLUMNS)
        writer.writeheader()
        writer.writerow(dict(id="G1", type_of_violence="1", side_a="Government of Syria", side_b="Syrian insurgents",
                             where_coordinates="Town A", where_prec="1", latitude="36.0", longitude="38.0",
                             country="Syria", source_headline="Russian jets bomb Town A"))
        writer.writerow(dict(id="G2", type_of_violence="2", side_a="SNA", side_b="SDF, Wahab clan",
                             where_coordinates="Town A", where_prec="1", latitude="36.0", longitude="38.0",
                             country="Syria", source_headline="Turkish forces shell Town A"))
    name, events, unknown = read_events(ged, "all")
    assert name == "UCDP GED" and not unknown
    g1, g2 = events
    assert {"Syrian government", "Russia", "Rebels", "HTS"} <= g1.actors
    assert {"Turkey", "Syrian National Army", "SDF", "United States", "Unidentified armed group"} <= g2.actors

    acled = tmp_path / "acled.csv"
    write(acled, [dict(event_id_cnty="A1", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                       actor1="Military Forces of Syria (2000-)", country="Syria", location="Town A",
                       latitude="36.0", longitude="38.0", notes="Jets bombed Town A.")])
    assert read_events(acled, "all")[1][0].actors == {"Syrian government"}


def test_a_coded_actor_record_names_only_known_datasets_and_actors(tmp_path, use_settings):
    import pytest

    from geo.evaluate import load_event_mapping
    from geo.lexicon import LexiconError

    (tmp_path / "event_mapping.toml").write_text('[[coded_actor]]\ndataset = "GDELT"\npattern = "x"\nactors = []\n')
    use_settings(lexicon_dir=tmp_path)
    with pytest.raises(LexiconError, match=r"event_mapping.toml:1: unknown dataset 'GDELT'"):
        load_event_mapping()
    (tmp_path / "event_mapping.toml").write_text('[[coded_actor]]\npattern = "x"\nactors = ["Martians"]\n')
    with pytest.raises(LexiconError, match=r"unknown actors 'Martians'"):
        load_event_mapping()
