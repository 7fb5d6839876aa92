"""A name after a locative that only its spelling places, somewhere in Syria or Iraq: kept when
nothing in the text says otherwise, dropped when it lies far from every place the text names.
Sentences written for this test."""


def _placed(geoparser, text):
    from geo.model import Document

    return {m.surface: m for m in geoparser.parse(Document("d", text)) if m.role == "place"}


def test_a_village_its_spelling_gives_far_from_the_places_the_text_names_is_no_guess_to_show(geoparser):
    placed = _placed(geoparser, "Peshmerga forces repelled an attack on their positions in the Qarachogh area near Makhmour.")
    assert "Makhmour" in placed
    assert "Qarachogh" not in placed  # the only village so spelled lies 110 km east of Makhmour


def test_the_village_its_spelling_gives_stays_near_the_text_s_places_or_with_none_named(geoparser):
    alone = _placed(geoparser, "Gunmen attacked a checkpoint in the Sabaa al-Bour area on Tuesday.")
    near = _placed(geoparser, "Gunmen attacked a checkpoint in the Sabaa al-Bour area north of Baghdad on Tuesday.")
    for placed in (alone, near):
        village = placed["Sabaa al-Bour"]
        assert abs(village.lat - 33.46) < 0.05 and abs(village.lon - 44.16) < 0.05
