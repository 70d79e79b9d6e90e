"""Stage 6 of the parser: targets from target-role places, and reach claims."""

from __future__ import annotations

import pytest

from rangemap import parse_text


def targets(text: str) -> dict[str, str | None]:
    return {t.iso_a3: t.claim for t in parse_text(text).targets}


# --------------------------------------------------------------------------- #
# any target place gives its country
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("text", "expected"), [
    ("China's DF-26 could hit Tokyo.", {"JPN": "part"}),
    ("The DF-17 can reach airbases in Fujian and Zhejiang.", {"CHN": "part"}),
    ("The DF-26 can strike the American base on Guam.", {"GUM": "part"}),
    ("The missile can reach U.S. bases in Bahrain and Qatar and the Israeli port of Haifa.",
     {"BHR": "part", "QAT": "part", "ISR": "part"}),
    ("The Storm Shadow has been used to strike Russian targets in occupied Crimea, including the port of Sevastopol.",
     {"UKR": "part"}),
    ("The Sejjil can reach whole territory of Saudi Arabia and the American base Al Udeid in Qatar.",
     {"SAU": "all", "QAT": "part"}),
    ("Iran's missiles could strike the joint U.S.-British base on Diego Garcia.", {"IOT": "part"}),
    ("The Hwasong-12 can reach Guam.", {"GUM": None}),
])
def test_target_mentions__cities_regions_islands_and_bases_give_their_country(text, expected):
    assert targets(text) == expected


def test_target_mentions__a_place_s_own_country_not_its_owner():
    assert targets("The missile can reach U.S. bases in Bahrain.") == {"BHR": "part"}
    assert targets("The DF-17 can hold at risk US naval facilities at Sasebo.") == {"JPN": "part"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The missile can reach the U.S., officials said.", {"USA": None}),
    ("The JL-3 can reach the U.S. mainland, analysts say.", {"USA": "all"}),
    ("The JL-3 could reach the continental United States.", {"USA": "all"}),
])
def test_target_mentions__the_united_states_by_abbreviation(text, expected):
    assert targets(text) == expected


@pytest.mark.parametrize("text", [
    "The DF-26, the so-called Guam killer, has a range of 4,000 km.",
    "The missile reached an apogee of 6,000 km, South Korea's Joint Chiefs of Staff said.",
    "The missiles could reach Chinese-built outposts in the Spratly Islands.",
    "Japan's F-35A fleet at Misawa will carry the Joint Strike Missile.",
    "Tehran has threatened to strike Israel, the report from Tehran said, in a speech on state TV.",
])
def test_target_mentions__no_false_targets(text):
    """Nicknames, speakers, disputed features, owners, and places only spoken from."""
    got = targets(text)
    assert "KOR" not in got and "GUM" not in got and "CHN" not in got and "JPN" not in got and "IRN" not in got


# --------------------------------------------------------------------------- #
# claims
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("text", "iso", "claim"), [
    ("Storm Shadow lets Ukraine strike deep inside Russia.", "RUS", "part"),
    ("The Hyunmoo-5 can hit the entire territory of North Korea.", "PRK", "all"),
    ("The DF-41 can strike anywhere in the continental United States.", "USA", "all"),
    ("From central Punjab, the Ababeel covers nearly every part of India.", "IND", "part"),
    ("Missiles in Kaliningrad cover most of Poland.", "POL", "part"),
    ("Missiles in Kaliningrad cover much of Lithuania.", "LTU", "part"),
    ("Deployed in Armenia, the missiles would put the whole of Georgia within range.", "GEO", "all"),
    ("Its range is put at 18,000 km, which officials say puts any point in the United\nStates within reach.",
     "USA", "all"),
    ("The DF-17 has a range of 2,500 km. In our assessment, no location in Taiwan lies beyond its reach.", "TWN",
     "all"),
    ("The KN-25 could hit any location in South Korea except the southern coast around Busan.", "KOR", "part"),
    ("A new DF-27 brigade near Kunming would put India's northeast within range.", "IND", "part"),
    ("The Agni-V can cover the whole China including Harbin in the north-east.", "CHN", "all"),
    ("The CGR-080 rockets would cover Kaliningrad Oblast in its entirety.", "RUS", "part"),
    ("The DF-27 can reach Hawaii and also the whole Alaska.", "USA", "part"),
])
def test_claims__wording(text, iso, claim):
    assert targets(text)[iso] == claim


def test_claims__carry_across_a_list_of_countries():
    got = targets("Missile systems based at Kozelsk and Teykovo cover all of Germany, the United Kingdom and France.")
    assert got == {"DEU": "all", "GBR": "all", "FRA": "all"}


def test_claims__do_not_carry_past_other_wording():
    got = targets("The Sejjil can reach all of Israel and much of southeastern Europe, including Bucharest and Athens.")
    assert got == {"ISR": "all", "ROU": "part", "GRC": "part"}


def test_merge_targets__all_beats_part_for_the_same_range():
    got = targets("With a range of 3,000 km it can strike Busan and the entire territory of South Korea.")
    assert got == {"KOR": "all"}


def test_target_mentions__range_and_system_stated_with_the_claim():
    f = parse_text("The DF-21D has a range of 1,500 km. The DF-26 reaches 4,000 km and can hit Guam.")
    [t] = f.targets
    assert (t.iso_a3, t.range_km, t.system) == ("GUM", 4000.0, "DF-26")


def test_target_mentions__quote_is_the_claim_in_the_original_text():
    text = "The missile can reach any part of the\ncontinental United States."
    [t] = parse_text(text).targets
    assert t.quote == "any part of the\ncontinental United States" and text[t.start:t.end] == t.quote


@pytest.mark.parametrize(("text", "expected"), [
    ("The Fatah-II, with a range of 400 km, could strike Indian cities.", {"IND": "part"}),
    ("The Shahab-3 has a range of 1,300 km and can reach any Israeli city.", {"ISR": "all"}),
    ("Its 2,750 km range means that no Indian city lies beyond the missile's reach.", {"IND": "all"}),
    ("The 1,400 km Fattah missile can hit any point of the Zionist regime's territory.", {"ISR": "all"}),
    ("The KN-25 has a 380 km range and can hit South Korean air bases.", {"KOR": "part"}),
])
def test_target_mentions__countries_named_by_their_adjective(text, expected):
    assert targets(text) == expected


@pytest.mark.parametrize("text", [
    "The Storm Shadow, with a 250 km range, has struck Russian targets in occupied Crimea.",  # owner, not place
    "Indian troops and the Indian Ocean lie far from the 300 km Nasr.",
    "The Indian Air Force fields the BrahMos, with a range of 450 km.",
])
def test_target_mentions__adjectives_of_owners_and_names_are_not_targets(text):
    assert "IND" not in targets(text) and "RUS" not in targets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Andersen Air Force Base hosts bombers. With its 4,000 km range the DF-26 makes the entire island a target.",
     {"GUM": "all"}),
    ("The missiles, with a 2,500 km range, are deployed near Shangrao, opposite Taiwan. Every part of the island "
     "is in range, Taipei said.", {"TWN": "all"}),
    ("Kadena sits on Okinawa. With a 1,500 km range, the DF-21 can reach the entire island.", {"JPN": "part"}),
])
def test_target_mentions__the_whole_island_is_the_island_named_before(text, expected):
    got = targets(text)
    assert {k: got[k] for k in expected} == expected


def test_target_mentions__places_after_a_list_item_s_range():
    text = ("How far can North Korea's missiles reach?\n"
            "\u2022 Hwasong-14 - 10,000 km: Hawaii, Alaska and Seattle\n"
            "\u2022 Musudan - 3,000-4,000 km: the entire island of Guam, including Andersen Air Force Base")
    assert targets(text) == {"USA": "part", "GUM": "all"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The range of the missile is 18 thousand kilometers, it means that any place of the territory of the United "
     "States can be reached.", {"USA": "all"}),
    ("The range of the improved missile is about 1,000 km, it means that a part of North Korea will enter in the "
     "range.", {"PRK": "part"}),
    ("The Tomahawk's 1,600 km reach would put North Korean launch sites within range.", {"PRK": "part"}),
    ("The 1,000 km missile is a deterrent: in the case of an emergency in Taiwan, the enemy bases can be "
     "counterattacked.", {}),
])
def test_target_mentions__translated_wording(text, expected):
    assert targets(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The 2,500 km missile could reach Berlin, Warsaw and all three Baltic capitals.",
     {"DEU": "part", "POL": "part", "EST": "part", "LVA": "part", "LTU": "part"}),
    ("The 500 km Iskander puts the Baltic states within range.", {"EST": "part", "LVA": "part", "LTU": "part"}),
    ("The Baltic Fleet's 1,500 km Kalibr missiles sail the Baltic Sea.", {}),
])
def test_target_mentions__the_baltic_states_are_three_countries(text, expected):
    assert targets(text) == expected
