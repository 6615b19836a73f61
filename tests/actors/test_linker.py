"""ActorLinker: mentions, metonymy, roles on a date, article memory, local actors, speakers."""

from __future__ import annotations

import pytest

from communique.extract.actors import ActorLinker
from communique.model import Event, Role, Statement
from communique.settings import Settings


@pytest.fixture(scope="module")
def linker() -> ActorLinker:
    return ActorLinker(Settings())


@pytest.fixture
def link(parse, linker):
    """``link(text, published=..., statements=[(start, end, name)])`` -> linked article."""

    def _link(text: str, published: str | None = None, speakers=(), boilerplate=()):
        doc, article = parse(text, boilerplate=boilerplate, published=published)
        for start, end, name in speakers:
            article.statements.append(Statement(speaker=Role.from_spans(text, [(start, end)], name=name)))
        linker(doc, article)
        return article

    return _link


def mentioned(article, words: str) -> list[str]:
    """Actor ids of the mentions whose text is ``words``."""
    return [m.actor for m in article.mentions if m.text == words]


def test_reference_article_people_and_governments(link, example_text):
    article = link(example_text, published="2024-08-18")
    ids = {a.id for a in article.actors}
    assert {"Q2866", "Q7747", "Q3874799", "Q180589", "GOV-RUS", "GOV-UKR"} <= ids
    assert set(mentioned(article, "Moscow")) == {"GOV-RUS"}
    assert set(mentioned(article, "Kiev")) == {"GOV-UKR"}
    assert mentioned(article, "The Belarusian president") == ["Q2866"]
    assert mentioned(article, "the Belarusian leader") == ["Q2866"]
    assert mentioned(article, "Johnson") == ["Q180589"]
    assert mentioned(article, "Istanbul") == []  # a place, left to the places extractor
    lukashenko = next(a for a in article.actors if a.id == "Q2866")
    assert (lukashenko.name, lukashenko.country, lukashenko.wikidata) == ("Alexander Lukashenko", "BLR", "Q2866")


def test_reference_article_speakers_resolve(link, example_text):
    spans = {
        "he said": (example_text.index("he said"), "Alexander Lukashenko"),
        "Moscow has said": (example_text.index("Moscow has said"), None),
        "Johnson has denied": (example_text.index("Johnson has denied"), None),
        "the Belarusian leader": (example_text.index("the Belarusian leader"), None),
        "Zelensky admitted": (example_text.index("Zelensky admitted"), None),
    }
    speakers = [(s, s + len(k.split()[0] if k != "the Belarusian leader" else k), n)
                for k, (s, n) in spans.items()]
    article = link(example_text, published="2024-08-18", speakers=speakers)
    got = [(st.speaker.text, st.speaker.actor, st.speaker.name) for st in article.statements]
    assert got == [
        ("he", "Q2866", "Alexander Lukashenko"),
        ("Moscow", "GOV-RUS", "Government of Russia"),
        ("Johnson", "Q180589", "Boris Johnson"),
        ("the Belarusian leader", "Q2866", "Alexander Lukashenko"),
        ("Zelensky", "Q3874799", "Volodymyr Zelensky"),
    ]


@pytest.mark.parametrize("text, words, expected", [
    ("Moscow said on Monday that the talks had failed.", "Moscow", ["GOV-RUS"]),
    ("The delegation arrived in Moscow on Monday.", "Moscow", []),
    ("Washington warned Beijing against the move.", "Washington", ["GOV-USA"]),
    ("Washington warned Beijing against the move.", "Beijing", ["GOV-CHN"]),
    ("Kiev's assault on the region began in August.", "Kiev", ["GOV-UKR"]),
    ("Shelling continued in Kiev overnight.", "Kiev", []),
    ("Talks between Moscow and Kyiv resumed.", "Kyiv", ["GOV-UKR"]),
    ("The war will end in the destruction of Ukraine.", "Ukraine", ["UKR"]),
    ("Russia has repeatedly said it is open to talks.", "Russia", ["GOV-RUS"]),
    ("The Kremlin denied the report.", "Kremlin", ["GOV-RUS"]),
    ("Russian forces shelled the town.", "Russian forces", ["MIL-RUS"]),
])
def test_metonymy_government_versus_place(link, text, words, expected):
    assert mentioned(link(text), words) == expected


def test_role_descriptor_resolves_on_the_article_date(link):
    text = "The US president said the deal was a good one."
    assert mentioned(link(text, published="2016-04-02"), "The US president") == ["Q76"]
    assert mentioned(link(text, published="2018-04-02"), "The US president") == ["Q22686"]


def test_belarusian_president_on_2024_08_18(link):
    article = link("The Belarusian president called for talks.", published="2024-08-18")
    assert mentioned(article, "The Belarusian president") == ["Q2866"]


@pytest.mark.parametrize("text, words, expected", [
    # the head of an institution named for its office, not the country's leader
    ("The Pentagon chief said more aid was coming.", "The Pentagon chief", "kb:lloyd-austin"),
    ("The Kremlin chief rejected the offer.", "The Kremlin chief", "Q7747"),
    # an organisation's chief is still its top office
    ("The NATO chief said allies were united.", "The NATO chief", "kb:jens-stoltenberg"),
])
def test_institution_chief_is_the_office_it_is_named_for(link, text, words, expected):
    assert mentioned(link(text, published="2023-11-16"), words) == [expected]


@pytest.mark.parametrize("published, expected", [
    (None, "kb:lloyd-austin"),  # undated: the holder the article named, not today's
    ("2023-11-16", "kb:lloyd-austin"),  # he held the office on the date
    ("2026-06-01", "kb:pete-hegseth"),  # he no longer did: the office's holder on the date
])
def test_descriptor_refers_to_the_holder_the_article_named(link, published, expected):
    text = "Defence Secretary Lloyd Austin arrived in Kyiv on Monday. The Pentagon chief said more aid was coming."
    assert mentioned(link(text, published=published), "The Pentagon chief") == [expected]


def test_bare_role_refers_back_to_the_person_named(link):
    text = "President Barack Obama spoke on Tuesday. The president said the economy was growing."
    assert mentioned(link(text, published="2016-03-01"), "The president") == ["Q76"]


def test_former_role_refers_back_to_the_former_holder(link):
    text = ("Hillary Clinton campaigned with Bill Clinton in Ohio. The former president said the "
            "system was crazy. Clinton said it needed fixing.")
    article = link(text, published="2016-10-04")
    assert mentioned(article, "The former president") == ["Q1124"]
    assert mentioned(article, "Clinton") == ["Q1124"]


def test_surname_after_full_name_is_the_same_person(link):
    text = "Boris Johnson met the press. Johnson said he had done nothing wrong."
    assert mentioned(link(text), "Johnson") == ["Q180589"]


def test_lone_surname_without_a_full_name_is_not_guessed(link):
    article = link("Johnson said the bill would pass the Senate on Tuesday.")
    assert "Q180589" not in mentioned(article, "Johnson")


def test_unknown_person_becomes_a_local_actor_with_country_and_sector(link):
    text = "Russian lawmaker Ivan Petrov said the plan was dead. Petrov added that talks would go on."
    article = link(text)
    petrov = next(a for a in article.actors if a.id == "local:ivan-petrov")
    assert (petrov.name, petrov.type, petrov.country, petrov.sector) == ("Ivan Petrov", "person", "RUS", "LEG")
    assert mentioned(article, "Petrov") == ["local:ivan-petrov"]


def test_same_actor_gets_the_same_id_across_articles(link):
    first = link("Volodymyr Zelenskyy addressed parliament. Ivan Petrov, a Russian lawmaker, objected.")
    second = link("Zelenskiy met Ivan Petrov in Geneva.")
    assert mentioned(first, "Volodymyr Zelenskyy") == mentioned(second, "Zelenskiy") == ["Q3874799"]
    assert mentioned(first, "Ivan Petrov") == mentioned(second, "Ivan Petrov") == ["local:ivan-petrov"]


def test_organisations_and_their_short_forms(link):
    text = ("The UN Security Council met on Friday. NATO and the European Union said they would "
            "respond. The Council adjourned.")
    article = link(text)
    assert mentioned(article, "UN Security Council") == ["UNSC"]
    assert mentioned(article, "NATO") == ["NATO"]
    assert mentioned(article, "European Union") == ["EU"]


def test_mentions_in_boilerplate_are_ignored(link):
    text = "FILE PHOTO: Vladimir Putin. © Sputnik\nPutin said the talks would resume."
    caption_end = text.index("\n")
    article = link(text, boilerplate=[(0, caption_end)])
    assert all(m.start >= caption_end for m in article.mentions)
    assert mentioned(article, "Putin") == ["Q7747"]


def test_event_source_and_target_are_linked(parse, linker):
    text = "Moscow accused Kiev of shelling the plant."
    doc, article = parse(text)
    article.events.append(Event(
        type="ACCUSE",
        source=Role.from_spans(text, [(0, 6)]),
        target=Role.from_spans(text, [(15, 19)]),
    ))
    linker(doc, article)
    event = article.events[0]
    assert (event.source.actor, event.target.actor) == ("GOV-RUS", "GOV-UKR")


def test_speaker_name_without_a_mention_resolves_through_the_kb(link):
    text = "Talks stalled. He said the offer remained on the table."
    start = text.index("He")
    article = link(text, published="2024-08-18", speakers=[(start, start + 2, "Lukashenka")])
    assert (article.statements[0].speaker.actor, article.statements[0].speaker.name) == (
        "Q2866", "Alexander Lukashenko")


def test_users_actor_file_is_used_for_linking(parse, tmp_path):
    path = tmp_path / "actors.tsv"
    path.write_text("id\tname\taliases\ttype\tcountry\tsector\troles\n"
                    "acme:mayor\tOleksandra Probna\tProbna\tperson\tUKR\tGOV\tmayor 2020..\n",
                    encoding="utf-8")
    doc, article = parse("Oleksandra Probna said the bridge would reopen. Probna thanked the workers.")
    ActorLinker(Settings(actor_files=(path,)))(doc, article)
    assert mentioned(article, "Oleksandra Probna") == mentioned(article, "Probna") == ["acme:mayor"]


def test_a_group_speaker_is_not_the_person_in_its_modifier(link):
    text = "Although he denied it, staff who were close to Vladimir Zelensky admit he had a role."
    start = text.index("staff")
    end = text.index(" admit")
    article = link(text, speakers=[(start, end, "Vladimir Zelensky")])
    assert article.statements[0].speaker.actor is None
    assert mentioned(article, "Vladimir Zelensky") == ["Q3874799"]


def test_a_family_name_first_is_recalled_by_the_family_name(link):
    article = link("Leader Kim Jong Un vowed to bolster his forces. Kim also called for stronger naval forces.",
                   published="2023-03-01")
    assert [m.actor for m in article.mentions if m.text == "Kim"] == ["Q56226"]


def test_a_speaker_noun_with_a_person_beside_it_is_that_person(link):
    text = "The foreign ministry's spokeswoman, Maria Zakharova, said the talks were over."
    start, end = 0, text.index(", said")
    article = link(text, speakers=[(start, end, "Maria Zakharova")])
    assert article.statements[0].speaker.actor == mentioned(article, "Maria Zakharova")[0]


def test_reference_article_with_the_attribution_extractor(parse, linker, example_text):
    """End to end with the attribution extractor (skipped while its model is unavailable)."""
    from communique.errors import ModelLoadError
    from communique.extract.attribution import AttributionExtractor

    try:
        extractor = AttributionExtractor(Settings())
    except ModelLoadError:
        pytest.skip("attribution model not available")
    doc, article = parse(example_text, published="2024-08-18")
    extractor(doc, article)
    linker(doc, article)
    by_text = {}
    for statement in article.statements:
        by_text.setdefault(statement.speaker.text, set()).add(statement.speaker.actor)
    assert by_text.get("Moscow") == {"GOV-RUS"}
    assert by_text.get("Johnson") == {"Q180589"}
    assert by_text.get("Zelensky") == {"Q3874799"}
    assert {"Q2866"} == by_text.get("he") == by_text.get("the Belarusian leader")
    assert by_text.get("Putin") == {"Q7747"}


def test_a_title_before_a_name_is_not_a_mention_of_its_own(link):
    article = link("U.S. Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov.",
                   published="2025-03-03")
    assert mentioned(article, "Marco Rubio") == ["Q324546"]
    assert mentioned(article, "Sergei Lavrov") == [link("Sergey Lavrov spoke.").mentions[0].actor]
    assert not [m for m in article.mentions if m.text in ("State", "Secretary of State")]


@pytest.mark.parametrize("text, words, expected", [
    ("The Pakistan army violated the ceasefire.", "Pakistan army", ["MIL-PAK"]),
    ("Syrian regime air strikes hit the enclave.", "Syrian regime", ["GOV-SYR"]),
    ("The US has issued an ultimatum to Turkey.", "Turkey", ["GOV-TUR"]),
    ("The strikes posed a threat to Turkey.", "Turkey", ["TUR"]),
    ("Algeria authorities suspended the newspaper.", "Algeria authorities", ["GOV-DZA"]),
])
def test_state_institutions_named_by_country(link, text, words, expected):
    assert mentioned(link(text), words) == expected


def test_honorific_keeps_a_shared_surname_apart(link):
    text = ("Mr. Obama spoke first. The campaign will use Mr. Obama and the first lady, "
            "Michelle Obama, in Ohio, where Mr. Obama won in 2012. Mrs. Obama will speak too.")
    article = link(text, published="2016-09-19")
    ids = mentioned(article, "Obama")
    assert ids == ["Q76", "Q76", "Q76", "Q13133"]


def test_a_relative_named_in_full_does_not_take_over_the_surname(link):
    # news writes a relative's full name every time and the principal's once
    text = ("President Donald Trump defended his family's business on Monday. Eric Trump said the company "
            "had nothing to do with the administration. Trump told reporters his sons ran it.")
    article = link(text, published="2025-05-12")
    assert mentioned(article, "Trump") == ["Q22686"]


def test_a_place_inside_a_proper_noun_descriptor_is_not_the_speaker(link):
    # the tagger calls "MP" a proper noun and "Clacton" an organisation: the speaker is a person,
    # not an actor made of the place
    text = ('Reform UK won ten councils on Friday. "This is the end of two-party politics," '
            "the Clacton MP told supporters.")
    start = text.index("the Clacton MP")
    article = link(text, published="2025-05-02", speakers=[(start, start + len("the Clacton MP"), "Clacton MP")])
    assert article.statements[0].speaker.actor is None


def test_a_document_speaker_links_to_the_organisation_that_wrote_it(link):
    text = "Iran has expanded its stockpile, according to a confidential report by the International Atomic Energy Agency."
    start = text.index("a confidential")
    article = link(text, published="2025-05-31",
                   speakers=[(start, len(text) - 1, "International Atomic Energy Agency")])
    assert article.statements[0].speaker.actor == "IAEA"


@pytest.mark.parametrize("lead", [
    "LONDON, Oct 2 - ",
    "Kyiv, Oct 2 - ",
    "MOSCOW, Oct 2 (Reuters) -- ",
    "Putin hails talks\n\nOct 2 (Reuters) - ",
])
def test_a_dateline_date_is_not_an_actor(link, lead):
    # issue 14, item 5: spaCy tags "Oct 2" as a PERSON, which became "local:oct-2 | Oct 2 | person"
    text = lead + "Russian President Vladimir Putin said on Sunday that talks with Ukraine should resume."
    article = link(text)
    assert not [a for a in article.actors if "oct" in a.id]
    assert not [m for m in article.mentions if "Oct" in m.text]
    assert "Q7747" in {a.id for a in article.actors}  # Putin is still linked
