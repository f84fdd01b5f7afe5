"""Names: variants merged (spelling, hyphens, surname alone, possessives, titles, initialisms)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.linking import analyse
from briefing.core.linking.mentions import acronym_definitions, name_key
from briefing.core.model import Briefing, Document, Passage


def briefing_of(docs: dict[str, str], dates: dict[str, str] | None = None) -> Briefing:
    """A briefing held in memory: each document's paragraphs split on blank lines."""
    documents = []
    for number, (doc_id, text) in enumerate(docs.items(), 1):
        paragraphs = [p.strip() for p in text.strip().split("\n\n") if p.strip()]
        passages = tuple(
            Passage(f"{doc_id}:{i}", doc_id, i, p) for i, p in enumerate(paragraphs, 1)
        )
        documents.append(
            Document(
                doc_id,
                number,
                Path(f"{doc_id}.md"),
                date=(dates or {}).get(doc_id, ""),
                passages=passages,
            )
        )
    return Briefing("test", Path("briefing.yaml"), tuple(documents))


def keys_in(briefing: Briefing, passage_id: str) -> set[str]:
    return {m.key for m in analyse(briefing).passages[passage_id].mentions}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Kim Jong-un", "Kim Jong Un"),
        ("KIM JONG UN", "Kim Jong-Un"),
        ("José Ramos", "Jose Ramos"),
    ],
)
def test_spelling_and_hyphen_variants_share_a_key(first: str, second: str) -> None:
    assert name_key(first) == name_key(second)


@pytest.mark.parametrize(
    ("full", "alone"),
    [
        ("Mayor Ellen Okafor opened the debate.", "Later Okafor said the vote was fair."),
        (
            "The minister met Kim Jong Un in the capital.",
            "Kim left the next morning.",
        ),  # family name first
        ("Vladimir Lestov arrived on Monday.", "Lestov's speech was short."),  # possessive
    ],
)
def test_a_name_used_alone_after_the_full_name_merges_with_it(full: str, alone: str) -> None:
    briefing = briefing_of({"a": f"{full}\n\n{alone}", "b": "Nothing here."})
    full_keys = keys_in(briefing, "a:1")
    assert keys_in(briefing, "a:2") & full_keys


def test_a_lone_word_goes_to_the_nearest_full_name_in_its_passage() -> None:
    text = (
        "Kim Jong Un met the envoy.\n\n"
        "His grandfather Kim Il-sung founded the state, and Kim ruled for decades."
    )
    briefing = briefing_of({"a": text, "b": "Nothing."})
    assert keys_in(briefing, "a:2") == {"kim il sung"}


@pytest.mark.parametrize(
    "variant",
    ["the US", "the U.S.", "the United States"],
)
def test_initialisms_match_their_spelled_out_form(variant: str) -> None:
    briefing = briefing_of(
        {"a": "Officials in the United States said so.", "b": f"A report from {variant} agreed."}
    )
    assert keys_in(briefing, "a:1") & keys_in(briefing, "b:1")


def test_titles_are_stripped_so_the_name_matches() -> None:
    briefing = briefing_of(
        {
            "a": "President Maria Lestova spoke first.",
            "b": "Then Defence Minister Maria Lestova replied to questions.",
        }
    )
    assert keys_in(briefing, "a:1") == keys_in(briefing, "b:1") == {"maria lestova"}


def test_a_sentence_start_is_not_a_name_unless_written_so_elsewhere() -> None:
    briefing = briefing_of(
        {"a": "Satellite images show the port. The satellite was new.", "b": "Nothing."}
    )
    assert keys_in(briefing, "a:1") == set()


def test_acronyms_defined_in_brackets() -> None:
    text = "the Eastern Trade Forum (ETF) and intercontinental ballistic missiles (ICBMs)"
    assert acronym_definitions(text) == [
        ("etf", "Eastern Trade Forum"),
        ("icbm", "intercontinental ballistic missiles"),
    ]


def test_demonyms_join_their_country_when_it_is_named() -> None:
    briefing = briefing_of(
        {"a": "Officials in Freedonia denied it.", "b": "A Freedonian official denied it."}
    )
    assert keys_in(briefing, "b:1") == {"freedonia"}


def test_a_region_word_does_not_absorb_the_country() -> None:
    briefing = briefing_of(
        {"a": "Fighting in Eastern Freedonia went on. Freedonia protested.", "b": "Nothing."}
    )
    assert keys_in(briefing, "a:1") == {"eastern freedonia", "freedonia"}


def test_entities_carry_display_names_and_kinds() -> None:
    briefing = briefing_of(
        {
            "a": "Mayor Ellen Okafor visited the Harwick Institute for Transport.",
            "b": "Okafor said the Harwick Institute for Transport agreed.",
        }
    )
    entities = analyse(briefing).entities
    assert entities["ellen okafor"].name == "Ellen Okafor"
    assert entities["ellen okafor"].kind == "person"
    assert entities["harwick institute for transport"].kind == "organisation"
    assert set(entities["ellen okafor"].passages) == {"a:1", "b:1"}


def test_a_shipping_line_or_an_airline_is_an_organisation_not_a_person() -> None:
    briefing = briefing_of(
        {
            "a": "The ship is operated by Harrow Line, which chartered it from Vell Holdings.",
            "b": "Harrow Line told Vell Holdings. The crew flew home with Nadir Airways.",
        }
    )
    entities = analyse(briefing).entities
    for key in ("harrow line", "vell holdings", "nadir airways"):
        assert entities[key].kind == "organisation"


def test_a_name_read_again_in_another_passage_keeps_its_own_place() -> None:
    """Runs of capitalised words are read once per briefing (see MentionMemo): the second
    and third time, the same name must still point at where it is written there."""
    from collections import Counter

    from briefing.core.linking.mentions import CasingStats, MentionMemo, extract_mentions

    stats = CasingStats(Counter({"ana": 3, "lestova": 3, "port": 2, "varo": 2}), Counter())
    texts = [
        "Mayor Ana Lestova met traders in Port Varo.",
        "In Port Varo, the talks went on. Later Mayor Ana Lestova left.",
        "Traders said Port Varo had changed since Ana Lestova's visit.",
    ]
    memo = MentionMemo()
    for text in texts:
        spans = [(0, len(text))] if text.count(".") == 1 else [(0, 32), (33, len(text))]
        alone = extract_mentions(text, spans, stats)
        shared = extract_mentions(text, spans, stats, memo)
        assert shared == alone
        for mention in shared:
            assert text[mention.start :].startswith(mention.text)
    assert memo.runs  # the memo was used, so the second and third reads came from it


def test_a_sentence_read_again_reads_as_its_setting_says() -> None:
    """A sentence repeated word for word is read once per briefing (see MentionMemo), but
    what is around it still counts: after a sentence's end its first word is a sentence
    start, and a demonym that ends it may describe the word after it ('Varoan navy')."""
    from collections import Counter

    from briefing.core.linking.mentions import CasingStats, MentionMemo, extract_mentions

    stats = CasingStats(Counter({"varo": 3, "coast": 3, "guard": 3, "varoan": 2}), Counter())
    sentence = "Varo met the Coast Guard of the Varoan"
    texts = [
        (f"{sentence}. Then rain.", 0),
        (f"Boats came. {sentence}. Then rain.", 12),
        (f"as {sentence}, then rain.", 3),
        (f"{sentence} navy sailed.", 0),
    ]
    memo = MentionMemo()
    read = []
    for text, start in texts:
        spans = [(start, start + len(sentence))]
        alone = extract_mentions(text, spans, stats)
        shared = extract_mentions(text, spans, stats, memo)
        assert shared == alone
        for mention in shared:
            assert text[mention.start :].startswith(mention.text)
        read.append({(m.key, m.initial) for m in shared})
    assert read[0] == read[1]
    assert ("varo", True) in read[0] and ("varo", False) in read[2]  # a sentence start or not
    assert "varoan" in {key for key, _ in read[0]} - {key for key, _ in read[3]}
    assert len(memo.sentences) < len(texts)  # the second was read from the memo


@pytest.mark.parametrize(
    "byline",
    [
        "By Dana Whitfield, Staff Writer MILLBROOK, March 12 —",
        "By Dana Whitfield, Diplomatic Correspondent, Millbrook",
    ],
)
def test_a_byline_role_and_dateline_do_not_swallow_the_place(byline: str) -> None:
    briefing = briefing_of(
        {
            "a": f"{byline}\n\nThe Millbrook council voted late on Tuesday.",
            "b": "Millbrook's council approved the budget.",
        }
    )
    analysis = analyse(briefing)
    assert keys_in(briefing, "a:1") >= {"millbrook"}
    assert not any("writer" in key or "correspondent" in key for key in analysis.entities)
    assert analysis.entities["millbrook"].name == "Millbrook"
    assert keys_in(briefing, "a:2") == keys_in(briefing, "b:1") == {"millbrook"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The vote was close, and Frank Osei said the plan was unfair.", "frank osei"),
        ("The vote was close, said Rosa Delgado on Tuesday.", "rosa delgado"),
        ("The talks included Jo Chun Ryong, a ruling party official.", "jo chun ryong"),
        ("The deal was sealed when Hong Min, an analyst at the institute, spoke.", "hong min"),
        ("The library director Anita Rao opened the branch.", "anita rao"),
        ("The hall was full when Helen Marsh arrived. Later Marsh left early.", "helen marsh"),
        ("The report is by Dana Whitfield and was published late.", "dana whitfield"),
    ],
)
def test_a_full_name_without_a_title_is_a_person_by_what_surrounds_it(text: str, name: str) -> None:
    entities = analyse(briefing_of({"a": text, "b": "Nothing here."})).entities
    assert entities[name].kind == "person"


def test_places_by_preposition_and_by_the_places_they_are_listed_with() -> None:
    briefing = briefing_of(
        {
            "a": "Crowds gathered in Varotown and in Eastmere on Monday.",
            "b": "Leaders of Varotown, Eastmere and Portlaw met.",
        }
    )
    entities = analyse(briefing).entities
    assert entities["varotown"].kind == entities["eastmere"].kind == "place"
    assert entities["portlaw"].kind == "place"


def test_an_event_name_is_not_a_place_and_a_country_speaking_is_not_a_person() -> None:
    briefing = briefing_of(
        {
            "a": "Crowds gathered at Founders Day in Varotown, and North Freedonia said it was calm.",
            "b": "Nothing here.",
        }
    )
    entities = analyse(briefing).entities
    assert entities["founders day"].kind != "place"
    assert entities["north freedonia"].kind != "person"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("a plant at Portau- Varo last year", "the plant in Port-au-Varo"),
        ("analysts at the Harwick Institute", "the Harwick Institute for Policy Studies said"),
        ("ships of the Freedonian Coast Guard", "ships of the Coast Guard"),
        ("loans under the Harbour and Rail Initiative", "the Harbour and Rail Initiative"),
    ],
)
def test_variants_of_one_name_share_a_key(first: str, second: str) -> None:
    briefing = briefing_of({"a": f"They saw {first}.", "b": f"They saw {second}."})
    keys = keys_in(briefing, "a:1")
    assert len(keys) == 1
    assert keys == keys_in(briefing, "b:1")


def test_a_word_used_as_an_adjective_is_the_one_name_it_begins() -> None:
    briefing = briefing_of(
        {
            "a": "They paid Varoese-era debts and Varoese loans.",
            "b": "Before the Varoese Union fell, the plant was built.",
        }
    )
    assert keys_in(briefing, "a:1") == keys_in(briefing, "b:1") == {"varoese union"}


def test_descriptions_and_fragments_are_no_names_to_list() -> None:
    briefing = briefing_of(
        {
            "a": "Western officials saw the Sino-Freedonian pact. See Figure 1.\n\n"
            "The figure shows the figure for each month.",
            "b": "Related: School board names a head; Freedonia's school was shut.",
        }
    )
    names = {e.name for e in analyse(briefing).entities.values()}
    assert not names & {"Western", "Sino", "Figure", "School"}
    assert "Freedonia" in names


def test_a_combining_form_is_told_by_its_shape_and_never_stands_alone() -> None:
    """'Zarbo-' in 'Zarbo-Freedonian' is no name (no list names it), while a name ending in
    'o' that the briefing writes alone keeps its place in a hyphenated pair."""
    briefing = briefing_of(
        {
            "a": "The Zarbo-Freedonia talks held, said officials in Freedonia and Alto.",
            "b": "The Alto-Freedonia ferry runs daily, say Alto and Freedonia.",
        }
    )
    names = {e.name for e in analyse(briefing).entities.values()}
    assert not any(name.startswith("Zarbo") for name in names)
    assert "Freedonia" in names
    assert any("Alto" in name for name in names)


def test_a_half_ending_in_o_inside_a_longer_name_is_the_names_own() -> None:
    """'Castello-' in 'Castello-Vance Bank' is never written alone, but the pair is part of
    a longer name, not a people's word before a common noun: the half stays a name."""
    briefing = briefing_of(
        {
            "a": "Shares of the Castello-Vance Bank rose, Vance said. Vance and Mira Penn agreed.",
            "b": "The Castello-Vance Bank lent the money, said Vance on Monday.",
        }
    )
    assert "castello" in keys_in(briefing, "a:1") & keys_in(briefing, "b:1")


def test_a_country_is_shown_by_its_name_not_its_people() -> None:
    briefing = briefing_of(
        {
            "a": "Freedonian troops and Freedonian ships left. Freedonian ports shut.",
            "b": "Troops left Freedonia on Monday.",
        }
    )
    entities = analyse(briefing).entities
    assert entities["freedonia"].name == "Freedonia"


def test_a_name_moved_into_is_a_place() -> None:
    briefing = briefing_of({"a": "Guerrillas were pushed into Varotown by the army.", "b": "No."})
    assert analyse(briefing).entities["varotown"].kind == "place"


def test_a_name_of_common_words_written_so_again_and_again_stays_whole() -> None:
    # 'Ever' is a common word, but the briefing writes 'the Ever Bright' as one name.
    briefing = briefing_of(
        {
            "a": "Tugs tried to refloat the Ever Bright on Tuesday.\n\n"
            "Ever Bright ran aground near Portlaw.",
            "b": "Divers reached the Ever Bright at dawn.\n\nThe MV Ever Bright was freed.",
            "c": "Whatever the weather, it was bright.",
        }
    )
    analysis = analyse(briefing)
    for pid in ("a:1", "a:2", "b:1", "b:2"):
        assert {m.text for m in analysis.passages[pid].mentions} & {"Ever Bright", "MV Ever Bright"}
    ships = {
        m.key for pid in ("a:1", "a:2", "b:1", "b:2") for m in analysis.passages[pid].mentions
    } - {"portlaw"}
    assert len(ships) == 1  # one ship, with and without its 'MV'
    assert analysis.entities[ships.pop()].kind != "person"


def test_a_common_word_alone_is_no_surname_that_makes_a_person() -> None:
    briefing = briefing_of(
        {
            "a": "The Varo Given sailed from Portlaw.\n\nGiven was late.",
            "b": "Nothing here about ships.",
        }
    )
    kinds = {e.name: e.kind for e in analyse(briefing).entities.values()}
    assert kinds.get("Varo Given") != "person"


def test_an_honorific_and_a_family_name_with_its_particle_join_the_full_name() -> None:
    briefing = briefing_of(
        {
            "a": "President Abdel Varo El Moro opened the canal.",
            "b": '"We will widen it," Mr El Moro said.\n\nLater El Moro left.',
        }
    )
    full = keys_in(briefing, "a:1")
    assert keys_in(briefing, "b:1") == full
    assert keys_in(briefing, "b:2") == full


@pytest.mark.parametrize(
    "text",
    [
        "By 10 pm ET the ferry was still stuck in Portlaw.",
        "At 2030 GMT the propellers turned in Portlaw.",
        "The harbour master of Portlaw said tugs would try again [Varo Images]",
    ],
)
def test_time_zones_and_picture_credits_are_no_names(text: str) -> None:
    briefing = briefing_of({"a": text, "b": "Nothing here."})
    assert keys_in(briefing, "a:1") == {"portlaw"}


def test_a_name_in_brackets_inside_a_passage_is_still_a_name() -> None:
    briefing = briefing_of({"a": "He [Lestova] said Portlaw would pay.", "b": "Nothing."})
    assert "lestova" in keys_in(briefing, "a:1")
