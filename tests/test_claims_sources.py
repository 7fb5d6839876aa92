"""Who says it: a claim's source on long-form reporting, on sentences written for these tests (a
party that speaks, a name with its day or its title, a group of witnesses, a body under its own
name, a wire story's dateline, the same speaker going on)."""
from geo.claims import ClaimExtractor
from geo.claims.stance import attribution_of, outlet_of
from geo.model import Document, Sentence
from geo.pipeline import default_geoparser

FILLER = " ".join(["Aid groups said thousands of families had left their homes in recent weeks."] * 22)


def claims(text, long_form=True):
    doc = Document("t", text + ("\n\n" + FILLER if long_form else ""))
    return [c for c in ClaimExtractor().extract(doc, default_geoparser().parse(doc)) if c.start < len(text)]


def sources(text, long_form=True):
    return {(c.actor, c.relation, c.place.name, c.attribution) for c in claims(text, long_form)}


def said_by(text):
    return attribution_of(Sentence("t", 0, len(text), text))


# a party named with a lower-case word speaks under its actor's name, and speaks of itself
def test_a_party_named_in_lower_case_speaks():
    got = sources("Syrian rebels said on Sunday they had recaptured the town of Saraqib after a night of fighting.")
    assert ("Rebels", "control", "Saraqib", "Rebels") in got
    got = sources("Iraqi forces declared on Friday that they had taken Baiji from the militants.")
    assert any(actor == "Iraqi forces" and place == "Baiji" and source == "Iraqi forces" for actor, _, place, source in got)


# the party that speaks may carry a relative clause before its verb; it still speaks of itself
def test_a_party_with_a_relative_clause_speaks_of_itself():
    got = sources("Former rebels who had stayed in the town under the amnesty said they repelled an army "
                  "attack on Jasim overnight.")
    assert any(actor == "Rebels" and place.startswith("Jas") and source == "Rebels" for actor, _, place, source in got)


# a party named as an object is not the one that speaks ('a base used by Russian troops said to be ...')
def test_a_party_after_a_preposition_does_not_speak():
    got = sources("Rebels shelled a base near Tal Rifaat used by Russian troops said to be advising the army.")
    assert got and not any(source == "Russia" for _, _, _, source in got)


# the day between the name and the verb is not part of the name
def test_the_day_between_a_name_and_its_verb():
    got = sources("The Kurdish-led Syrian Democratic Forces on Tuesday denied that Tal Tamr had fallen to Turkish-backed fighters.")
    assert got and all(source == "SDF" for _, _, _, source in got)


# a title and a name: the speaker is the body whose title it is
def test_a_title_and_a_name_speak_for_the_body():
    assert said_by("SDF spokesman Kino Gabriel announced that the fighters had entered Tabqa.") == "SDF"
    assert said_by("Pentagon spokesman John Kirby said US jets had struck three sites near Abu Kamal.") == "Pentagon"


# the name after the title is the speaker's: 'they' after it is still the body that speaks
def test_a_title_and_a_name_speak_of_the_body_itself():
    got = sources("The Syrian army held the west bank. On 2 May, SDF spokesman Kino Gabriel announced "
                  "that they had reached the village of Hawi al-Hawa.")
    assert any(actor == "SDF" and relation == "advance" and source == "SDF" for actor, relation, _, source in got)
    assert not any(actor == "Syrian government" and relation == "advance" for actor, relation, _, _ in got)


# 'Name, spokesman for Body, said': the body speaks
def test_a_named_spokesman_for_a_body():
    assert said_by("Colonel Saad Maan, spokesman for the Joint Operations Command, said troops had entered Rawa.") \
        == "Joint Operations Command"


# names with the particles of Arabic names are whole
def test_a_name_with_an_arabic_particle_is_whole():
    assert said_by("Prime Minister Haider al-Abadi announced the liberation of Hit.") == "Prime Minister Haider al-Abadi"
    assert said_by("Liwa Thuwar al-Raqqa claimed the capture of two villages.") == "Liwa Thuwar al-Raqqa"
    # 'an' inside 'spokesman' is no article
    assert "Bill Urban" not in said_by("Coalition spokesman Bill Urban said the SDF had entered the dam.")


# a sentence opener rejected as a source does not hide the speaker after it
def test_a_rejected_opener_does_not_hide_the_speaker():
    assert said_by("Later the defence ministry announced that the army had retaken Hajin.") == "the defence ministry"
    assert said_by("On 4 March the ministry said that the army had retaken Hajin.") == "the ministry"


# a group of witnesses with no determiner, after a comma or opening the sentence
def test_a_group_of_witnesses_speaks():
    assert said_by("The army shelled Jisr al-Shughur on Friday, activists and residents said.") == "activists and residents"
    assert said_by("Activists said the rebels still held the hill.") == "Activists"


# bodies that speak for a party keep their own name (not the party's actor name)
def test_a_body_keeps_its_own_name():
    got = sources("Iraqi troops entered Rawa from the north, the Joint Operations Command said.")
    assert got and all(source == "Joint Operations Command" for _, _, _, source in got)
    got = sources("The army did not comment, but pro-government media said troops had shelled Kafr Zita.")
    assert ("Syrian government", "strike", "Kafr Zita", "pro-government media") in got
    assert said_by("The jihadists' Amaq news outlet claimed that the fighters had retaken Hajin.") == "Amaq"
    assert said_by("Turkish state media said rebels had entered Tal Abyad.") == "Turkish state media"


# a wire story's dateline: the outlet reports what no one else in it says
def test_the_dateline_names_the_outlet():
    assert outlet_of("Army takes villages\n\nHAMA, Syria (Reuters) - The army took two villages.") == "Reuters"
    assert outlet_of("Army takes villages\n\nHama, SANA - Army units took two villages.") == "SANA"
    assert outlet_of("Hama, Syria - The army took two villages.") == ""
    assert outlet_of("The battle of Hama (2017) - an account.\n\nThe army took two villages.") == ""
    text = ("Army takes villages near Hama\n\nHama, SANA - Army units took control of Kafr Zita on Monday. "
            "Meanwhile, army aircraft struck militant positions in Latamna, the Syrian Observatory said.")
    got = sources(text)
    assert ("Syrian government", "control", "Kafr Zita", "SANA") in got
    assert any("Latam" in place and source == "SOHR" for _, _, place, source in got)


# the same speaker goes on: 'The reporter added that ...'
def test_the_reporter_added():
    text = ("Army units restored security to Kafr Zita, SANA reported. "
            "The reporter added that engineering units had also taken Latamna.")
    got = sources(text)
    assert any("Latam" in place and source == "SANA" for _, _, place, source in got)


# the agent of a passive verb of speech speaks; a deed claimed by a group is the group's, not a source's
def test_the_agent_of_a_passive_verb_of_speech():
    assert said_by("It was reported by SANA that the army had entered Hajin.") == "SANA"
    assert said_by("The airlift was described by Pentagon spokesman Eric Pahon as a success.") == "Pentagon"
    assert said_by("The bombing in Kirkuk was claimed by the Islamic State.") == ""


# 'the Observatory' is SOHR; a party's media office speaks under its own words
def test_the_observatory_and_a_media_office():
    assert said_by("The Observatory reported that the army had shelled Kafr Zita.") == "SOHR"
    assert said_by("Hezbollah's media unit reported that the fighters had taken Qusayr.") == "Hezbollah's media unit"


# a state's office that declares a place taken, with no agent, speaks of its own forces' deed
def test_a_state_office_speaks_of_its_forces():
    got = sources("After weeks of street fighting the Iraqi Prime Minister declared on 2 July that Baiji had been fully liberated.")
    assert ("Iraqi forces", "control", "Baiji", "the Iraqi Prime Minister") in got
    got = sources("Syrian officials said that Saraqib had been recaptured.")
    assert ("Syrian government", "control", "Saraqib", "Syrian officials") in got


# the month of May is no modal: 'at the end of May' leaves the claim asserted
def test_the_month_of_may_is_no_modal():
    got = {(c.relation, c.stance) for c in claims("At the end of May the SDF captured Tabqa.")}
    assert got == {("control", "asserted")}
    got = {(c.relation, c.stance) for c in claims("In late May the SDF captured Tabqa.")}
    assert got == {("control", "asserted")}
    assert {c.stance for c in claims("The SDF may capture Tabqa soon.")} == {"alleged"}


# a state's office that speaks keeps its words as the source, whether or not actors.toml makes it a
# force noun ('commanders') and in either case; the deed it declares with no agent is its forces'
def test_a_state_office_keeps_its_words_as_the_source():
    assert sources("On 26 June the Iraqi prime minister declared that Fallujah had been fully liberated.") == \
        {("Iraqi forces", "control", "Fallujah", "Iraqi prime minister")}
    assert sources("Iraqi commanders said the whole town of Baiji had been freed.") == \
        {("Iraqi forces", "control", "Baiji", "Iraqi commanders")}
    # ('After weeks of street fighting the Iraqi commanders': the office speaks, it is not fought)
    assert ("Iraqi forces", "control", "Baiji", "the Iraqi commanders") in \
        sources("After weeks of street fighting the Iraqi commanders declared that Baiji had been liberated.")
