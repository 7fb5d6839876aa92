"""The geoparser on the reference corpus, scored against ../shared/gold/seed_places.csv."""
from geo import evaluate


def test_gold_places_found_and_placed(shared, seed_docs, seed_mentions):
    gold = evaluate.read_gold(shared / "gold" / "seed_places.csv")
    mentions = [m for doc in seed_docs for m in seed_mentions[doc.id]]
    score = evaluate.score_places(gold, seed_docs, mentions)
    print(score.report())
    assert score.total >= 40
    assert score.recall >= 0.95, score.report()
    assert score.precision >= 0.95, score.report()
    assert score.metonym_errors == [], score.report()


def test_transliterations_resolve_to_one_place(seed_docs, seed_mentions):
    names = {(m.surface, m.name) for d in seed_docs for m in seed_mentions[d.id] if m.role == "place"}
    for surface, name in [("Deir Ezzur", "Deir ez-Zor"), ("Deir al-Zour", "Deir ez-Zor"), ("Raqqah", "Raqqa"),
                          ("al-Raqqah", "Raqqa"), ("Rakka", "Raqqa"), ("raqqa", "Raqqa"), ("Tabka", "Tabqa"),
                          ("al-Tanaf", "al-Tanf"), ("Al-Qaem", "al-Qaim"), ("al-Mayadeen", "al-Mayadin"),
                          ("al-Bu Kamal", "Abu Kamal"), ("Tadmur", "Palmyra"), ("Maskana", "Maskanah")]:
        assert (surface, name) in names, (surface, name)


def test_capitals_as_actors_are_never_places(seed_docs, seed_mentions):
    for doc in seed_docs:
        for m in seed_mentions[doc.id]:
            if m.surface in ("Washington", "Moscow", "Russia", "Iran", "Turkey", "Israel", "Jordan"):
                assert m.role == "actor", m


def test_mentions_point_at_their_text(seed_docs, seed_mentions):
    for doc in seed_docs:
        for m in seed_mentions[doc.id]:
            assert doc.text[m.start:m.end] == m.surface
            if m.role == "place":
                assert m.precision in (1, 2, 3) and 0 < m.confidence <= 1
                assert -90 <= m.lat <= 90 and -180 <= m.lon <= 180 and len(m.country) in (0, 2)
            if m.role == "unresolved":
                assert m.place_id is None and m.lat is None
