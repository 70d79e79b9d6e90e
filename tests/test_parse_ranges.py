"""Stage 3 of the parser: which distances are weapon ranges, and whose (discourse memory, lists)."""

from __future__ import annotations

import pytest

from rangemap import parse_text


def ranges(text: str) -> list[tuple[float, float | None, str | None]]:
    return [(r.km, r.km_min, r.system) for r in parse_text(text).ranges if r.source == "article"]  # stated ones


# --------------------------------------------------------------------------- #
# discourse memory: a range in a sentence that names no weapon
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("text", "km", "system"), [
    ("North Korea's Hwasong-18 is a three-stage ICBM. Analysts estimate its full range at more than "
     "15,000 kilometres.", 15000, "Hwasong-18"),
    ("Germany worries about the Iskander-M. With a range of 500 km, they can reach Berlin.", 500, "Iskander-M"),
    ("Russia's RS-28 Sarmat heavy ICBM is being deployed at Uzhur. Its range is put at 18,000 km.", 18000,
     "RS-28 Sarmat heavy ICBM"),
    ("The Kinzhal missiles were moved to Chkalovsk. The combat radius with the plane is more than 2000 km.", 2000,
     "Kinzhal missiles"),
    ("France's ASMPA-R missile has a range of some 500 km. Its successor, the ASN4G, is expected to exceed 1,000 km.",
     1000, "ASMPA-R missile"),
])
def test_parse_text__range_attaches_to_the_weapon_in_focus(text, km, system):
    got = [r for r in ranges(text) if r[0] == km]
    assert got and got[0][2] == system


def test_parse_text__a_definite_generic_phrase_is_the_weapon_in_focus():
    text = "The Hwasong-18 was shown in Pyongyang. The missile has a range of 15,000 km."
    assert ranges(text) == [(15000, None, "Hwasong-18")]


def test_parse_text__an_indefinite_phrase_is_a_new_weapon():
    text = ("Tokyo will field the Type 12. Kyodo said the government is looking to deploy a missile with a "
            "range of 2,000 km by the early 2030s.")
    assert ranges(text) == [(2000, None, "missile")]


def test_parse_text__an_acronym_defined_in_parentheses_names_the_weapon_later():
    text = ("Japan's doctrine rests on the Hyper Velocity Gliding Projectile (HVGP). The HVGP's initial variant, "
            "fielded on Kyushu, reaches roughly 500 km.")
    assert ranges(text) == [(500, None, "HVGP")]


def test_parse_text__a_sentence_subject_names_an_unknown_system():
    text = "The Toufan, a derivative of Iran's Ghadr, reaches about 1,950 km."
    assert ranges(text) == [(1950, None, "Toufan")]


def test_parse_text__a_strong_cue_needs_no_weapon():
    text = "Ukraine's Luch Design Bureau says the Long Neptune, now in serial production, can strike targets 1,000 km away."
    assert [r[0] for r in ranges(text)] == [1000]


# --------------------------------------------------------------------------- #
# lists
# --------------------------------------------------------------------------- #
def test_parse_text__bullet_list_gives_each_head_its_range():
    text = ("IRAN'S MISSILE FAMILY<br/>\n&#8226; Fateh-110 &#8211; 300 km<br/>\n&#8226; Dezful &#8211; 1,000 km<br/>\n"
            "&#8226; Emad &#8211; 1,700 km<br/>")
    got = ranges(text)
    assert [(r[0], r[1]) for r in got] == [(300, None), (1000, None), (1700, None)]
    assert [r[2] for r in got] == ["Fateh-110", "Dezful", "Emad"]
    assert not parse_text(text).places  # "Dezful" heads a list item: a missile, not the city


def test_parse_text__list_items_without_bullets_and_with_colons():
    assert ranges("<ul><li>HF-2E Block I &#8211; 600&nbsp;km</li><li>Hsiung Sheng &#8211; 1,200&nbsp;km</li></ul>") == [
        (600, None, "HF-2E Block I"), (1200, None, "Hsiung Sheng")]
    assert ranges("North Korea's missiles\n- Hwasong-18: 15,000km, solid-fuel ICBM\n- KN-23: 690km") == [
        (15000, None, "Hwasong-18"), (690, None, "KN-23")]
    assert ranges("\u2022 DF-21D anti-ship \u2014 1,500 km") == [(1500, None, "DF-21D anti-ship")]


def test_parse_text__list_item_heads_that_are_not_ranges():
    text = "Key facts on the Hwasong-19\n- Apogee: 7,687 km\n- Flight time: 86 minutes\n- Estimated range: 15,000+ km"
    assert ranges(text) == [(15000, None, "Hwasong-19")]


# --------------------------------------------------------------------------- #
# forms
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("text", "expected"), [
    ("The DF-17 has a range of 1,800&#8211;2,500&nbsp;km.", [(2500, 1800)]),
    ("The missile has a range of 2,000\nkm and can reach Guam.", [(2000, None)]),
    ("the DF-5C, with a range of more than twelve\nthousand kilometres", [(12000, None)]),
    ("Its flying distance is evaluated around 4.5 thousand km, the missile expert said.", [(4500, None)]),
    ("The Shahed-238 reaches ~1k km.", [(1000, None)]),
    ("The Khan missiles (280 km) are modest.", [(280, None)]),
    ("The JASSM-ER is rated at 500 nmi.", [(926, None)]),
])
def test_parse_text__range_forms(text, expected):
    assert [(round(r[0]), r[1]) for r in ranges(text)] == expected


def test_parse_text__equal_ranges_of_two_systems_are_both_kept():
    got = ranges("The Hwasong-18 has a range of 15,000 km and the Hwasong-17 also flies 15,000 km.")
    assert got == [(15000, None, "Hwasong-18"), (15000, None, "Hwasong-17")]


def test_parse_text__a_range_in_two_units_is_one_range():
    assert [round(r[0]) for r in ranges("Tomahawk missiles with a reach of roughly 1,000 miles (1,609 km).")] == [1609]
    assert [r[0] for r in ranges("A missile with a 300 km (186 miles) range was fired from Sohae.")] == [300]


def test_parse_text__weapon_in_an_aside_is_not_the_subject():
    text = ("The air-launched ballistic missile, carried by MiG-31K interceptors based at Savasleyka, "
            "is credited with a range of up to 2,000 km.")
    assert ranges(text) == [(2000, None, "air-launched ballistic missile")]


# --------------------------------------------------------------------------- #
# distractors: distances that are not ranges
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("text", [
    "The missile flew 1,050 km on a lofted trajectory and reached an altitude of 6,200 km.",
    "The glide vehicle travels at more than 5 km per second at 70 km altitude.",
    "The new base, 40 km south of Seoul, cost $10.8 billion.",
    "Seoul is only about 195 km from Pyongyang and some 50 km from the Demilitarized Zone.",
    "The Houthi group again shot drones to Eilat; the distance from Sanaa to Eilat is more than 1,800 km.",
    "Guam lies some 3,000 km from the Chinese coast, and 3,400 km from Pyongyang.",
    "Russia fired a Palestine-2 hypersonic missile at Tel Aviv, roughly 2,000 km from its launch areas.",
    "The reactor at Dimona, some 90 km to the south, is unrelated to the missile force.",
    "The Chinese missile of the test in September flew 12 thousand km to the Pacific Ocean.",
    "Iran's Simorgh carrier placed a 60 kg payload into orbit at an altitude of 500 km.",
    "Ukrainian drones struck the base twice after travelling roughly 700 km from their launch points.",
    "The missiles are stored 50 km inland, in hardened shelters near Hamhung.",
    "Troops practised along a 120-km stretch of the border with Finland.",
    "The defence budget rose to $55 billion in 2023, and 2,000 soldiers arrived.",
])
def test_parse_text__distractors_are_not_ranges(text):
    assert ranges(text) == []


def test_parse_text__test_flight_beside_a_stated_range():
    text = "The Hwasong-17 has a range of 15,000 km. The missile flew 1,090 km during the test, reaching 6,041 km high."
    assert ranges(text) == [(15000, None, "Hwasong-17")]


def test_parse_text__range_from_a_place_is_still_a_range():
    text = "The ATACMS, whose range is 300 km from Kinmen, can attack Xiamen."
    assert [r[0] for r in ranges(text)] == [300]


# --------------------------------------------------------------------------- #
# whose range: names before nouns, numbered names, the distance as adjective
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("text", "expected"), [
    ("Taiwan fields the Tien Kung III air defence missile, with a range of 200 km, and the Hsiung Feng III "
     "anti-ship missile, which reaches 400 km.",
     [(200, None, "Tien Kung III air defence missile"), (400, None, "Hsiung Feng III anti-ship missile")]),
    ("The Hsiung Feng IIE has a range of 600 km while the Tien Kung III reaches 200 km.",
     [(600, None, "Hsiung Feng IIE"), (200, None, "Tien Kung III")]),
    ("An 11,000 km missile.", [(11000, None, "missile")]),
    ("Azerbaijan fields the 430 km LORA missile.", [(430, None, "LORA missile")]),
])
def test_parse_text__each_range_goes_to_its_own_system(text, expected):
    assert ranges(text) == expected


@pytest.mark.parametrize("text", [
    "The LTAMDS radar can detect targets at ranges beyond 400 km.",
    "Its early-warning radar sees out to 6,000 km over the Pacific.",
])
def test_parse_text__a_sensor_s_range_is_no_weapon_range(text):
    assert ranges(text) == []


def test_parse_text__the_figure_put_on_a_range():
    text = ("Roketsan showed the Tayfun at IDEF but declined to state the missile's range. Turkish media put "
            "the figure at between 1,000 and 1,500 km.")
    assert [(km, km_min) for km, km_min, _ in ranges(text)] == [(1500, 1000)]


def test_parse_text__a_bullet_item_may_describe_before_its_figure():
    text = "The system fires two munitions:\n- SM-6: anti-air/anti-ship, est. 370 km\n- Tomahawk Block V: 1,600 km+"
    assert [(km, system) for km, _, system in ranges(text)] == [(370, "SM-6"), (1600, "Tomahawk Block V")]


def test_parse_text__a_dateline_with_a_dash_is_no_list_item():
    text = "TOKYO, Nov 4 - A North Korean missile with a range of 1,000 km was tested."
    assert [km for km, _, _ in ranges(text)] == [1000]
    assert [p.quote for p in parse_text(text).places][:1] == ["TOKYO"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Both the Fateh-110 and the Zolfaghar, at 300 km and 700 km, can reach Kuwait.",
     [(300, None, "Fateh-110"), (700, None, "Zolfaghar")]),
    ("The DF-15 and DF-16 missiles, with ranges of roughly 600 km and 800-1,000 km respectively, are in Fujian.",
     [(600, None, "DF-15"), (1000, 800, "DF-16 missiles")]),
    ("The DF-21 has a range of 1,500 km and 2,000 km in later versions.",
     [(1500, None, "DF-21"), (2000, None, "DF-21")]),
])
def test_parse_text__figures_listed_after_systems_go_one_to_each(text, expected):
    assert ranges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The CJ-20 is carried by H-6K bombers (approx. 2,000 km).", [2000]),
    ("The Hwasong-18 flew on a lofted trajectory, flying about 1,000 km before falling into the sea; on a normal "
     "trajectory the missile could travel more than 15,000 km.", [15000]),
    ("The interceptor engages targets at altitudes of more than 100 km and at ranges of up to 2,400 km.", [2400]),
    ("<ul><li>Type 12 SSM upgraded &#8211; approx. 1,000&nbsp;km (first unit: Camp Kengun, Kumamoto)</li></ul>",
     [1000]),
    ("<ul><li>Kstovo refinery &#8211; hit by drones, ~800 km from the border</li></ul>", []),
])
def test_parse_text__asides_flights_altitudes_and_list_items(text, expected):
    assert [km for km, _, _ in ranges(text)] == expected


def test_parse_text__a_bullet_with_a_comma_and_a_distance_to_a_place():
    assert [km for km, _, _ in ranges("Munitions:\n- Predator Hawk, 300 km\n")] == [300]
    assert [km for km, _, _ in ranges("Fired from Belgorod, the 120 km missile could strike Kharkiv, only about "
                                      "80 km away.")] == [120]


def test_parse_text__estimated_at_is_a_range_cue_with_a_weapon():
    text = "The older Ghauri, estimated at 1,300 to 1,500 km, would probably hold Delhi at risk."
    assert [(km, km_min) for km, km_min, _ in ranges(text)] == [(1500, 1300)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Hwasong-15 and Hwasong-18, with estimated ranges of 13,000 and 15,000 km respectively, can reach the US.",
     [(13000, None, "Hwasong-15"), (15000, None, "Hwasong-18")]),
    ("<ul><li>Kh-59MK2: 285<br/>\nkm</li></ul>", [(285, None, "Kh-59MK2")]),
])
def test_parse_text__numbers_that_share_a_unit_and_units_after_a_break(text, expected):
    assert ranges(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia's Oreshnik: officials suggest a range of up to 5,000 km, though Western estimates span 3,000-5,500 km.",
     [(5000, None), (5500, 3000)]),
    ("The Jericho III has an estimated range of 4,800-6,500 km. Some sources put the maximum at 11,500 km.",
     [(6500, 4800), (11500, None)]),
    # how far a place lies is no range, how far a weapon engages is
    ("The Khorramshahr-4 is launched from missile cities, and the Zionist regime is located in the distance of 1300 "
     "kilometers from our borders.", []),
    ("Arrow 3 engages ballistic missiles at distances of up to 2,400 km from its batteries at Palmachim.",
     [(2400, None)]),
])
def test_parse_text__estimates_span_the_maximum_and_distances_from_a_border(text, expected):
    assert [(km, km_min) for km, km_min, _ in ranges(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("With a range of roughly 1,750 km, the DF-21 would cover New Delhi, while the DF-26's 4,000 km would bring Mumbai "
     "within range.", [(1750, None), (4000, None)]),
    ("The range of this missile is 120 km, it means that the capital Tbilisi, which is in the distance of 100 km, is "
     "in the range.", [(120, None)]),
])
def test_parse_text__a_weapons_possessive_figure_and_a_place_in_the_distance_of(text, expected):
    assert [(km, km_min) for km, km_min, _ in ranges(text)] == expected
