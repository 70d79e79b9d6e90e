"""Stage 5 of the parser: the role of each place (basing, target, other) from the governing word."""

from __future__ import annotations

import re

import pytest

from rangemap import parse_text
from rangemap.parse import ROLE_LEXICON


def roles(text: str) -> dict[str, str]:
    """Quote -> role of the first mention of each place."""
    out: dict[str, str] = {}
    for p in parse_text(text).places:
        out.setdefault(p.quote, p.role)
    return out


# --------------------------------------------------------------------------- #
# the lexicon
# --------------------------------------------------------------------------- #
def test_role_lexicon__one_table_of_compilable_lower_case_patterns():
    assert {"basing", "target", "launch", "from", "unit", "reference", "except", "production"} <= set(ROLE_LEXICON)
    for kind, patterns in ROLE_LEXICON.items():
        for pattern in patterns:
            re.compile(pattern)
            letters = re.sub(r"\\[A-Za-z]", "", pattern)  # escapes such as \S aside
            assert letters == letters.lower(), (kind, pattern)


@pytest.mark.parametrize(("text", "place", "role"), [
    # basing verbs and nouns
    ("Russia has deployed Iskander-M missiles in Kaliningrad.", "Kaliningrad", "basing"),
    ("The batteries will be stationed on Yonaguni and Ishigaki.", "Ishigaki", "basing"),
    ("Missiles based in Hokkaido could reach much of the Russian Far East.", "Hokkaido", "basing"),
    ("The HVGP, fielded on Kyushu and in Hokkaido, reaches roughly 500 km.", "Hokkaido", "basing"),
    ("From garrisons in Assam the Agni-Prime would cover Lhasa.", "Assam", "basing"),
    ("Russia moved nuclear-capable Iskander-M missiles to Kaliningrad Oblast.", "Kaliningrad Oblast", "basing"),
    ("The deployment of DF-17 hypersonic brigades to Fujian is a shift.", "Fujian", "basing"),
    ("F-16s operating from Incirlik carried the missiles.", "Incirlik", "basing"),
    ("Launched from Hainan, the DF-26B could reach Darwin.", "Hainan", "basing"),
    ("Iran launched a cruise missile from the destroyer Dena during exercises in the Gulf of Oman.",
     "Gulf of Oman", "basing"),
    ("The launcher, parked at Laoag International Airport, fires SM-6 missiles.", "Laoag International Airport",
     "basing"),
    ("The Zircon frigate sailed from Severomorsk on Monday with its missiles.", "Severomorsk", "basing"),
    ("The Chunmoo round was test-fired at the Anheung test range in South Chungcheong Province.",
     "South Chungcheong Province", "basing"),
    # target verbs, both sides of the place
    ("With a range of 500 km, the missiles can reach Berlin.", "Berlin", "target"),
    ("Ukrainian drones struck Engels air base on Monday.", "Engels air base", "target"),
    ("Russia fired a Kinzhal missile at Lviv from a MiG-31K.", "Lviv", "target"),
    ("Russia fired a Kinzhal missile at Lviv from a MiG-31K.", "MiG-31K", None),
    ("The DF-26 could threaten Guam only if it flew beyond the second island chain.", "Guam", "target"),
    ("Kyiv has used the missile against oil depots in Bryansk Oblast.", "Bryansk Oblast", "target"),
    ("The DF-17 can hold at risk every major air base on Taiwan.", "Taiwan", "target"),
    ("Deployed in Armenia, the missiles would put the whole of Georgia within range.", "Georgia", "target"),
    ("Deployed in Armenia, the missiles would put the whole of Georgia within range.", "Armenia", "basing"),
    ("With a 2,000 km range, Berlin, Warsaw and even London are reachable.", "Warsaw", "target"),
    ("The 800 km Hwasong-11 missiles mean the whole territory of South Korea including Busan is in the range.",
     "Busan", "target"),
    ("The Oreshnik missile can cover all Europe, but first of all under threat are Rzeszow.", "Rzeszow", "target"),
])
def test_assign_roles__lexicon_cues(text, place, role):
    got = roles(text)
    if role is None:
        assert place not in got
    else:
        assert got[place] == role


# --------------------------------------------------------------------------- #
# nouns are not verbs; scope
# --------------------------------------------------------------------------- #
def test_assign_roles__bases_as_a_noun_keeps_the_target_verb():
    got = roles("The Iskander-M can reach Israel, U.S. bases in Iraq and most of Saudi Arabia.")
    assert got == {"Israel": "target", "Iraq": "target", "Saudi Arabia": "target"}


@pytest.mark.parametrize("text", [
    "Taiwan's military has deployed Hsiung Feng IIE land-attack cruise missiles to mobile sites in Hualien.",
    "The Shahed-136 one-way attack drone is now produced at Alabuga in Tatarstan.",
    "Kongsberg's Joint Strike Missile will be integrated on the F-35A fleet at Misawa.",
])
def test_assign_roles__cue_words_inside_names_and_modifiers_are_not_cues(text):
    assert "target" not in roles(text).values()


def test_assign_roles__a_cue_right_after_a_name_holding_a_cue_word():
    got = roles("The Marine Littoral Regiment based at Kadena Air Base on Okinawa will receive the missiles.")
    assert got == {"Kadena Air Base": "basing", "Okinawa": "basing"}


def test_assign_roles__a_noun_cue_governs_only_its_noun_phrase():
    got = roles("Iran garrisons Fateh-110 missiles in Khuzestan, and its deployments in Kermanshah worry Israel.")
    assert got["Khuzestan"] == "basing" and got["Kermanshah"] == "basing" and got["Israel"] == "other"


def test_assign_roles__a_verb_does_not_reach_past_its_finished_object():
    got = roles("The missile reached an apogee of 6,000 km, South Korea's Joint Chiefs of Staff said.")
    assert got == {"South Korea": "other"}


def test_assign_roles__a_verb_does_not_reach_into_a_new_predicate():
    got = roles("The system placed in Holzdorf can protect the sky of Poland and the Baltic countries.")
    assert got["Poland"] == "other"


def test_assign_roles__a_comma_set_from_phrase_governs_only_its_place():
    got = roles("Latvia will station Naval Strike Missile batteries near Ventspils and Liepaja, with missiles that "
                "can hit ships up to 185 km away, covering most of the Gulf and, from Liepaja, Russia's Baltiysk "
                "naval base.")
    assert got["Ventspils"] == "basing" and got["Baltiysk"] == "target"


def test_assign_roles__a_cue_after_places_does_not_reach_into_a_fronted_from_phrase():
    got = roles("The Fattah missile has a range of 1,400 km. From the western provinces of Iran, all the territory of "
                "Israel is in the zone of its reach.")
    assert got == {"Iran": "basing", "Israel": "target"}


def test_assign_roles__cue_inside_a_relative_clause_stays_there():
    got = roles("The missile can cover all Europe, but first of all under threat are Rzeszow, where is the hub of "
                "weapons supply, and the Ramstein base in Germany.")
    assert got["Ramstein"] == "target" and got["Germany"] == "target"


# --------------------------------------------------------------------------- #
# reference places
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("text", "place"), [
    ("The missile was fired from a ship in the Gulf, 530 km from Berlin.", "Berlin"),
    ("Seoul is only about 195 km from Pyongyang.", "Pyongyang"),
    ("The S-400 system stays in the Ramstein Air Base near Kaiserslautern.", "Kaiserslautern"),
    ("Russia moved Iskander-M missiles to Kaliningrad Oblast, its exclave wedged between Poland and Lithuania.",
     "Lithuania"),
    ("The missiles can hit the port city of Xiamen across the Taiwan Strait.", "Taiwan Strait"),
    ("HMS Vengeance test-fired one off Florida in January.", "Florida"),
    ("Kyiv has used the missile against the Tuapse refinery on the Black Sea coast.", "Black Sea"),
    ("The missiles will let the RAN strike targets far beyond Australia's shores.", "Australia"),
])
def test_assign_roles__reference_places_are_other(text, place):
    assert roles(text)[place] == "other"


def test_assign_roles__near_refines_a_region_but_marks_a_landmark_beside_a_point():
    got = roles("The batteries have been deployed to the Falkland Islands and to eastern Poland near Rzeszow.")
    assert got["Rzeszow"] == "basing"


# --------------------------------------------------------------------------- #
# lists, containment, continuation
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("text", "expected"), [
    ("The missiles can strike Berlin, Warsaw and all three Baltic capitals.", {"Berlin": "target", "Warsaw": "target"}),
    ("Japan will deploy the missiles at Camp Kengun in Kumamoto.", {"Camp Kengun": "basing", "Kumamoto": "basing"}),
    ("The DF-41 is deployed in silo fields near Yumen, Hami and Ordos.", {"Yumen": "basing", "Hami": "basing",
                                                                         "Ordos": "basing"}),
    ("Drones have been launched from Saada and Hodeidah against shipping in the Red Sea and Bab el-Mandeb.",
     {"Saada": "basing", "Red Sea": "target", "Bab el-Mandeb": "target"}),
    ("The Shaheen-III puts the whole of India within range, including the Andaman and Nicobar Islands.",
     {"India": "target", "Andaman and Nicobar Islands": "target"}),
    ("Deployed in the Ryukyu Islands, such as Yonaguni and Ishigaki, PrSM batteries could hit ships.",
     {"Yonaguni": "basing", "Ishigaki": "basing"}),
    ("With this, all Vietnam coast from Nha Trang to Vung Tau is under the threat of the YJ-12B missiles.",
     {"Nha Trang": "target", "Vung Tau": "target"}),
])
def test_assign_roles__lists_and_containment_share_a_role(text, expected):
    got = roles(text)
    assert {k: got[k] for k in expected} == expected


# --------------------------------------------------------------------------- #
# conventions of the labelled corpus
# --------------------------------------------------------------------------- #
def test_assign_roles__troops_alone_are_not_basing():
    got = roles("About 28,500 U.S. troops remain stationed at Camp Humphreys in Pyeongtaek.")
    assert got == {"Camp Humphreys": "other", "Pyeongtaek": "other"}


def test_assign_roles__a_test_range_is_basing():
    got = roles("Saab completed trials of the RBS 15 anti-ship missile at the Vidsel test range in Norrbotten.")
    assert got["Norrbotten"] == "basing"


@pytest.mark.parametrize(("text", "place"), [
    ("Japanese missiles placed in Kumamoto are not able to reach Beijing.", "Beijing"),
    ("It is premature to conclude that any specific missile can strike Andersen Air Force Base.",
     "Andersen Air Force Base"),
    ("The missiles could reach the Spratly Islands, but not Hainan.", "Hainan"),
    ("The KN-25 batteries could hit any location in South Korea except the southern coast around Busan.", "Busan"),
    ("The convoy travelled 600 km to reach the front line near Bakhmut.", "Bakhmut"),
])
def test_assign_roles__places_out_of_reach_or_without_weapons_are_other(text, place):
    assert roles(text)[place] == "other"


@pytest.mark.parametrize(("text", "place"), [
    ("TOKYO, Nov 4 - A North Korean missile flew 1,000 km.", "TOKYO"),
    ("The U.S. Army kept its Typhon launcher in the Philippines, drawing protests from Beijing.", "Beijing"),
    ("Turkey's S-400 system, which was purchased from Russia, stays at Murted.", "Russia"),
    ("North Korea fired two missiles from the Jangyon area into the Yellow Sea on Monday.", "Yellow Sea"),
    ("The Iranian missile cannot reach Europe, said a report from Tehran.", "Tehran"),
])
def test_assign_roles__datelines_governments_sellers_and_impact_areas_are_other(text, place):
    assert roles(text)[place] == "other"


# --------------------------------------------------------------------------- #
# discourse: "there", "the base"
# --------------------------------------------------------------------------- #
def test_assign_roles__there_stands_for_the_place_named_before():
    text = ("Taiwan is weighing a shift in its thinking about Penghu. Deployed there, the missiles "
            "could reach Xiamen.")
    assert roles(text)["Penghu"] == "basing"


def test_assign_roles__the_base_stands_for_the_base_named_before():
    text = ("Imagery shows new shelters at Ramstein Air Base near Kaiserslautern. Russian drones struck the base "
            "twice in January.")
    f = parse_text(text)
    assert [p.role for p in f.places if p.name == "Ramstein Air Base"] == ["target"]
    assert [(t.iso_a3, t.quote) for t in f.targets] == [("DEU", "the base")]


# --------------------------------------------------------------------------- #
# launch points inside a target clause, owners of weapons, lists with unit nouns
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("text", "place"), [
    ("The Neptune missile, with a 1,000 km range, could threaten Moscow from launch positions in the Kursk region.",
     "Kursk region"),
    ("The 430 km LORA can hit any target in Armenia from firing positions near Ganja.", "Ganja"),
    ("The Kalibr, with a range of 1,500 km, can also be fired from ships in the Caspian Sea.", "Caspian Sea"),
    ("The destroyer Xining, homeported at Zhanjiang, carries the YJ-18 missile with a range of 540 km.",
     "Zhanjiang"),
])
def test_assign_roles__launch_points_and_home_ports_are_basing(text, place):
    assert roles(text)[place] == "basing"


def test_assign_roles__the_owner_of_a_weapon_after_within_reach_of_is_not_a_target():
    f = parse_text("Misawa Air Base and the air base at Chitose both lie within reach of Russia's Kinzhal, with its "
                   "2,000 km range.")
    got = {p.quote: p.role for p in f.places}
    assert got["Russia"] == "other"
    assert got["Misawa Air Base"] == got["Chitose"] == "target"
    assert {t.iso_a3 for t in f.targets} == {"JPN"}


@pytest.mark.parametrize("text", [
    "With a range of 500 km, the missiles mean Kherson and Mykolaiv are in danger.",
    "The Iskander's 500 km range means Kherson and Mykolaiv are now at risk.",
    "Kherson and Mykolaiv remain vulnerable to the 500 km Iskander.",
])
def test_post_cues__danger_risk_and_vulnerable_mark_targets(text):
    got = roles(text)
    assert got["Kherson"] == got["Mykolaiv"] == "target"


@pytest.mark.parametrize(("text", "place", "role"), [
    ("Assembly of the 300 km rockets will take place at Unterhausen in Bavaria.", "Bavaria", "other"),
    ("With a 290 km range the missiles hold enemy ships at risk in the Luzon Strait.", "Luzon Strait", "target"),
    ("Russia's Bastion-P coastal defence system in Crimea fires missiles out to 600 km.", "Crimea", "basing"),
    ("Tokyo plans to put the 1,000 km missiles in the army camp of Kengun in Kumamoto.", "Kengun", "basing"),
    ("The frigate test-fired the locally produced Atmaca missile, with a 250 km range, in the Black Sea.",
     "Black Sea", "basing"),
    ("The Patriot system, with a 160 km range, will be deployed to protect Rzeszow and its airport.", "Rzeszow",
     "basing"),
    ("The US will begin deployments of long-range fires to Germany, including a 2,775 km missile.", "Germany",
     "basing"),
    ("Iskander launchers, with a 500 km range, could strike Warsaw and Berlin, and from Kaliningrad most of "
     "Lithuania.", "Lithuania", "target"),
])
def test_assign_roles__idioms_nouns_and_ellipsis(text, place, role):
    assert roles(text)[place] == role


def test_places__a_dateline_with_a_colon():
    assert roles("ISLAMABAD: Pakistan tested the 400 km Fatah-II rocket on Wednesday.")["ISLAMABAD"] == "other"


@pytest.mark.parametrize(("text", "place", "role"), [
    ("The new BrahMos regiments, with a 450 km range, will be raised in Sikkim and Ladakh.", "Sikkim", "basing"),
    ("The range of the weapon is 400 km. It means that the Indian cities of Amritsar and Jalandhar are coming in "
     "the distance of strike.", "Jalandhar", "target"),
    ("The Houthis, whose Quds-2 has a 1,350 km range, launched missiles and drones at oil facilities in Jeddah and "
     "Yanbu.", "Jeddah", "target"),
    ("The 290 km KTSSM missiles are in production. Deployments are planned in Gyeonggi province.",
     "Gyeonggi province", "basing"),
    ("The 1,000 km Long Neptune is a threat to Moscow.", "Moscow", "target"),
    ("Ukraine's drone campaign, with 1,000 km ranges:\n- Kstovo refinery - hit by drones in January", "Kstovo",
     "target"),
])
def test_assign_roles__raised_in_coming_in_range_aimed_launches_planned_deployments(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "place"), [
    ("A ministry official said the first air defence units would be based in Gujarat from 2027.", "Gujarat"),
    ("The Guards unveiled a new underground missile city in the province of Hormozgan, holding 2,000 km missiles.",
     "Hormozgan"),
])
def test_assign_roles__basing_without_a_range_in_the_sentence(text, place):
    assert roles(text)[place] == "basing"


@pytest.mark.parametrize(("text", "place", "role"), [
    ("Kalibr missiles, with a 2,500 km range, fired from ships could reach Norway's air stations at Bodø.", "Bodø",
     "target"),
    ("Estonia took delivery of six HIMARS launchers in Tapa on Tuesday; with ATACMS they can strike targets up to "
     "300 km away.", "Tapa", "basing"),
    ("The Storm Shadow, with a 250 km range, was launched by Su-24 jets flying over the Zaporizhzhia region.",
     "Zaporizhzhia region", "basing"),
    ("The frigate, operating from Gibraltar, used its 120 km Sea Viper to down a drone over the Red Sea.", "Red Sea",
     "other"),
    ("Lockheed delivered the 500th missile, with a 500 km range, from its Camden, Arkansas, facility.", "Arkansas",
     "other"),
    ("The March MIRV test of the 5,000 km Agni-V from Abdul Kalam Island ended in the Bay of Bengal.",
     "Abdul Kalam Island", "basing"),
    ("US aircraft struck missile launchers in Hodeidah and Sanaa; the Houthi missiles have a 450 km range.",
     "Hodeidah", "target"),
])
def test_assign_roles__owners_deliveries_aircraft_factories_tests_and_variant_spellings(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "place", "role"), [
    ("The Arrow 3, with a 2,400 km range, reached initial operating capability at Holzdorf air base in Brandenburg.",
     "Brandenburg", "basing"),
    ("The 2,750 km Shaheen-III would place most of India within striking distance, from Port Blair in the east to "
     "the test sites in Odisha.", "Port Blair", "target"),
    ("Mobile launchers of the 1,200 km missile are dispersed among the army's units, reportedly near Hsinchu.",
     "Hsinchu", "basing"),
    ("With 13,000 km missiles, Honolulu and Anchorage are now as exposed as the mainland.", "Honolulu", "target"),
    ("The Bal complex, with a range of 260 km, means that Hokkaido is partially in the zone of covering.",
     "Hokkaido", "target"),
    ("The Bastion complex, with a range of 500 km, was put on combat duty on the island of Sakhalin.", "Sakhalin",
     "basing"),
    ("The Kh-101 missiles, with a 2,800 km range, threaten Alaska's air bases rather than cities such as "
     "Anchorage.", "Anchorage", "other"),
])
def test_assign_roles__milestones_extents_dispersal_exposure_and_contrast(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "place", "role"), [
    ("Were Moscow to station 500 km Iskander-M systems in Libya, Crete would lie within striking distance.",
     "Moscow", "other"),
    ("The Typhon, firing 1,600 km Tomahawks, arrived at Laoag International Airport in April.",
     "Laoag International Airport", "basing"),
    ("HQ-9B launchers with a 250 km range were spotted near El Alamein.", "El Alamein", "basing"),
    ("The 290 km CTM-290 would allow Poland to hold the Kaliningrad region at risk.", "Kaliningrad region", "target"),
    ("The Burkan-3, with a 1,200 km range, was launched by the Houthis from Saada toward the city of Khamis Mushait.",
     "Khamis Mushait", "target"),
    ("The range of Iskander is 500 km, so the whole of Georgia, including the capital Tbilisi, the port of Batumi "
     "and the Vaziani base, is under the threat.", "Tbilisi", "target"),
    ("The Hwasong-11 range is 800 km: all of South Korea, including the US base of Camp Humphreys in Pyeongtaek, is "
     "covered.", "Camp Humphreys", "target"),
    ("The PCH-191 has a range of 500 km, which means that from the coast of Fujian all the island of Taiwan can be "
     "covered.", "Fujian", "basing"),
    ("The Nodong, with a range of 1,300 km, can reach nearly every part of Japan, from Fukuoka and Hiroshima to "
     "Tokyo.", "Hiroshima", "target"),
    ("Iran's attack with 1,400 km Fattah-1 missiles:\n\u2022 Nevatim Airbase - several impacts near hangars",
     "Nevatim Airbase", "target"),
    ("North Korea launched two missiles with an 800 km range from Sunan toward the East Sea.", "East Sea", "other"),
])
def test_assign_roles__openers_arrivals_sightings_risk_directions_lists_and_extents(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "place", "role"), [
    ("The brigade's new system brings Gdansk, Vilnius and Riga within reach of the ballistic variant, with its "
     "500 km range.", "Vilnius", "target"),
    ("The 1,450 km missile can cover all of Israel, the commander has said, including the cities Haifa and Tel "
     "Aviv.", "Haifa", "target"),
    ("Bombers could in theory launch Kh-101 cruise missiles, credited with 2,500 to 2,800 km, toward Alaska's "
     "Eielson Air Force Base.", "Eielson Air Force Base", "target"),
])
def test_assign_roles__brought_within_reach_said_asides_and_modal_launches(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "place", "role"), [
    ("The GSDF opened a camp on Ishigaki Island, deploying 200 km missiles about 300 km from Taiwan. Around 570 "
     "personnel will be stationed there.", "Taiwan", "other"),
    ("The Soyuz rocket lifted off from the Baikonur Cosmodrome for the International Space Station.",
     "Baikonur Cosmodrome", "other"),
    ("Kinzhal missiles, with a 2,000 km range, were fired at Kyiv overnight by MiG-31K jets flying over the Kaluga "
     "region.", "Kaluga region", "basing"),
    ("The Hyunmoo-5, with a 3,000 km range, was shown at Seoul Air Base in Seongnam.", "Seongnam", "other"),
    ("The range is about 4,000 km. It means that from this position the big cities of India such as New Delhi and "
     "Kolkata are inside of the range.", "New Delhi", "target"),
    ("Imagery shows a new launch facility for 2,800 km DF-3A missiles at Al-Watah.", "Al-Watah", "basing"),
    ("The Arrow 3, with a 2,400 km reach, reached initial operating capability at Holzdorf in December.",
     "Holzdorf", "basing"),
])
def test_assign_roles__landmarks_space_launches_aircraft_names_and_new_phrases(text, place, role):
    assert roles(text)[place] == role


def test_places__a_small_town_in_apposition_is_a_place():
    assert roles("Bodø, the main city of Nordland county, lies south of the 600 km Oniks batteries.")["Bodø"] == \
        "other"


@pytest.mark.parametrize(("text", "place", "role"), [
    ("Japan will deploy upgraded missiles with a range of about 1,000 km at Camp Kengun by March.", "Camp Kengun",
     "basing"),
    ("The Guards fired 1,400 km missiles from sites near Shiraz at U.S. bases in Qatar and Iraq.", "Iraq", "target"),
    ("Russia launched Kinzhal missiles with a 2,000 km range from Kursk, with debris falling on Odesa.", "Odesa",
     "target"),
    ("The Tomahawk has a 1,600 km range. From northern Luzon, Tomahawk coverage would extend to the coast around "
     "Xiamen.", "Xiamen", "target"),
    ("The Hwasong-18 test-fire was conducted in the Sunan area; the range of the missile is 15,000 km.", "Sunan",
     "basing"),
    ("The PCH-191 has a range of 300 km: the entire island of Taiwan is in the coverage, including Taipei.",
     "Taipei", "target"),
    ("The Pralay, with a 500 km range, tracked by radars at Chandipur, hit its designated target in the Bay of "
     "Bengal.", "Bay of Bengal", "other"),
    ("The Kola Peninsula hosts the densest concentration of Russian strike systems, with 600 km Oniks missiles.",
     "Kola Peninsula", "basing"),
    ("ICBMs with a 10,000 km range fired from Plesetsk fall on the Kura test range in Kamchatka.", "Kamchatka",
     "other"),
    ("Arrow 3 engages missiles at distances of up to 2,400 km from its batteries at Palmachim air base.",
     "Palmachim air base", "basing"),
])
def test_assign_roles__number_commas_aimed_launches_debris_coverage_tests_and_hosts(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "expected"), [
    ("The range of missile is 5,500 km: Warsaw and Berlin are in the distance of few minutes flight.",
     {"POL": "part", "DEU": "part"}),
    ("The range is more than 15,000 km, so the whole territory of the United States mainland is under the strike.",
     {"USA": "all"}),
    ("With this range of 1,000 km, the Greek islands Lesbos and Rhodes are in the strike range.", {"GRC": "part"}),
])
def test_target_mentions__more_translated_wording(text, expected):
    got: dict[str, str | None] = {}
    for t in parse_text(text).targets:
        got[t.iso_a3] = "all" if "all" in (got.get(t.iso_a3), t.claim) else (t.claim or "part")
    assert got == expected


def test_assign_roles__an_owner_s_arsenal_is_no_basing_place():
    assert roles("The 2,750 km Shaheen-III is the longest-range system in Islamabad's arsenal.")["Islamabad"] == "other"


@pytest.mark.parametrize(("text", "place", "role"), [
    ("The 1,450 km missile means that all American bases in the region of the Persian Gulf, including Al Udeid base "
     "in Qatar, are in the distance of attack.", "Al Udeid", "target"),
    ("The 275 km batteries will cover the Baltic Sea approaches to the Russian exclave of Kaliningrad.",
     "Kaliningrad", "target"),
    ("The range is 4,000 km. Also the U.S. bases in Okinawa are under its coverage.", "Okinawa", "target"),
    ("Russia struck a defence factory in the city of Dnipro with a 5,000 km Oreshnik missile.", "Dnipro", "target"),
    ("The Hwasong-18, with a 15,000 km range, was launched at the Pyongyang area to a high angle.", "Pyongyang",
     "basing"),
    ("The 15,000 km range means that Washington and New York, and also Hawaii, are within the strike.", "Hawaii",
     "target"),
    ("With a range of 3,000-4,000 km the DF-26 covers:\n\u2022 Andersen AFB, Guam\n\u2022 Kadena Air Base, Okinawa",
     "Kadena Air Base", "target"),
])
def test_assign_roles__unit_nouns_in_lists_exclaves_coverage_factories_launch_areas_and_announced_lists(text, place,
                                                                                                       role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "place", "role"), [
    ("The new Kheibar has a range of 2,000 km: all American bases in the region, including Al Udeid Air Base in "
     "Qatar, are in the distance of this missile.", "Al Udeid Air Base", "target"),
    ("Iran's 2,000 km ceiling keeps western Europe outside its envelope, though Athens and Sofia sit just inside it.",
     "Sofia", "target"),
    ("The Typhon, firing 1,600 km Tomahawks, was airlifted to Laoag in April.", "Laoag", "basing"),
    ("Batteries of the 1,000 km HF-2E are dispersed across Hualien, giving coverage of coastal airfields in Fujian.",
     "Fujian", "target"),
    ("<p>The Tomahawk has a range of about 1,600 km &#8211; enough to reach<br/>\nthe Chinese mainland, including "
     "Guangzhou.</p>", "Guangzhou", "target"),
])
def test_assign_roles__distance_of_this_missile_inside_it_airlifts_coverage_of_and_wrapped_breaks(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "place", "role"), [
    ("The range of the missile is 2,750 km: the whole of India, including the Andaman Islands, is coming in its "
     "reach.", "Andaman Islands", "target"),
    ("Kalibr missiles with a 1,500 km range aboard warships calling at Havana could cover Miami.", "Havana",
     "basing"),
    ("Iskander-M in Kaliningrad: which capitals are within its 500 km range?", "Kaliningrad", "basing"),
])
def test_assign_roles__in_its_reach_port_calls_and_a_system_in_a_place(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "place", "role"), [
    # a plural head noun keeps a verb's reach over the list
    ("Iran fired 1,400 km Fattah-1 missiles, targeting Nevatim and Tel Nof air bases and the Mossad headquarters "
     "near Tel Aviv.", "Tel Aviv", "target"),
    # a hedging adverb on the heading is not a hedge on the claim
    ("Third, and more speculatively, the DF-26, with a range of 4,000 km, could hold Andersen AFB on Guam at risk.",
     "Guam", "target"),
    # where a missile is made, not where it stands
    ("Construction has begun on a missile manufacturing facility at Port Wakefield for the 499 km PrSM.",
     "Port Wakefield", "other"),
    # "south-east of" is a reference like "southeast of"
    ("Iskander-M systems with a 500 km range are now deployed near Asipovichy, south-east of Minsk.", "Minsk", "other"),
    # a test range hit by live fires is not a target, nor the state it lies in
    ("The 1,000 km PrSM will see live fires planned at the Woomera range in South Australia.", "South Australia",
     "other"),
    # a post-place cue does not reach back over a conditional basing clause
    ("With a range of 1,000 km, if it is deployed in Izmir or Mugla, the islands Lesbos and Chios are in the strike "
     "range.", "Mugla", "basing"),
    ("With a range of 1,000 km, if it is deployed in Izmir or Mugla, the islands Lesbos and Chios are in the strike "
     "range.", "Lesbos", "target"),
    # the inner items of a list share the role of the first
    ("The PCH-191 has a range of 300 km: the entire island of Taiwan is in the coverage, including Taipei, Kaohsiung "
     "and Hualien.", "Kaohsiung", "target"),
    # "from X and Y at Z": "at" after a place heads a phrase of its own
    ("The Houthis launched 1,500 km Zulfiqar missiles from Sanaa and Marib at Abu Dhabi International Airport.",
     "Abu Dhabi International Airport", "target"),
    ("The Houthis launched 1,500 km Zulfiqar missiles from Sanaa and Marib at Abu Dhabi International Airport.",
     "Sanaa", "basing"),
    # and the basing-clause guard leaves "placing X at Y ... within range" and a noun "garrison" alone
    ("New regiments with 450 km BrahMos will be raised in Ladakh, placing PLA airfields at Nyingchi, Lhasa and Hotan "
     "within range.", "Nyingchi", "target"),
])
def test_assign_roles__plural_heads_hedges_makers_test_ranges_conditions_lists_and_from_at(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "place", "role"), [
    # an extent set off after a target takes its role
    ("The 2,750 km Shaheen-III would bring almost every Indian city within reach, from Chennai to Kolkata.",
     "Chennai", "target"),
    ("The 2,750 km Shaheen-III would bring almost every Indian city within reach, from Chennai to Kolkata.",
     "Kolkata", "target"),
    ("The 300 km weapon could hit any location in South Korea, from Seoul to Busan and the U.S. base at Camp "
     "Humphreys.", "Camp Humphreys", "target"),
    # a headline in an article about missiles is read with that context
    ("Houthis claim hypersonic strike on Eilat port\n\nThe group fired a missile with a range of 2,150 km.",
     "Eilat", "target"),
    # a strike verb reports a strike by itself in such an article
    ("Israel struck an air-defense radar at an air base in Iran's Isfahan province. Iran had launched 300 drones and "
     "missiles.", "Isfahan province", "target"),
    # "launched from X on Y"
    ("The enemy launched the Iskander-M from the territory of Kursk region on the object in the city of Sumy.",
     "Sumy", "target"),
    ("The enemy launched the Iskander-M from the territory of Kursk region on the object in the city of Sumy.",
     "Kursk region", "basing"),
    ("Armenian forces fired a missile of Iskander type in the direction of Shusha city.", "Shusha", "target"),
    ("Separately, the U.S. Army's Typhon launcher remains at Laoag after the exercise.", "Laoag", "basing"),
    ("The missile has a range of 2,000 km, therefore the Haifa and Tel Aviv are easily in the range.", "Haifa",
     "target"),
    # a flight over a sea is not a launch from it
    ("The Tayfun was test-fired from Rize and flew 561 km over the Black Sea to an impact area off Sinop.",
     "Black Sea", "other"),
    ("China's militarisation of the Spratly Islands extends the reach of its 540 km YJ-12B missiles.",
     "Spratly Islands", "basing"),
    ("Local manufacture of the 500 km PrSM is planned at a new facility in Newcastle.", "Newcastle", "other"),
    ("Kim said that with the 3,000 km weapon the enemy bases in Guam and in the Okinawa are brought into the strike "
     "range.", "Okinawa", "target"),
    ("The 925 km JASSM-ER would place St. Petersburg and the naval bases on the Kola Peninsula at risk.",
     "Kola Peninsula", "target"),
    ("The 200 km S-300VM would cover the airspace over much of the Essequibo region.", "Essequibo region",
     "target"),
    ("The 300 km ATACMS units would be based near Orzysz, close to the Suwalki Gap.", "Orzysz", "basing"),
])
def test_assign_roles__extents_headlines_strikes_launch_on_directions_flights_makers_enemy_bases_and_risk(
        text, place, role):
    assert roles(text)[place] == role


def test_place_mentions__a_name_after_built_by_is_a_maker_and_a_semicolon_ends_a_name():
    assert "Stalowa Wola" not in roles("The launchers, to be partly built by Huta Stalowa Wola, carry 300 km ATACMS.")
    assert roles("The 500 km Iskander-M can reach Helsinki, Tampere and Turku; launchers moved.")["Turku"] == "target"


@pytest.mark.parametrize(("text", "place", "role"), [
    ("The frigate, armed with 1,000 km Zircon missiles, arrived in Havana ahead of exercises in the Caribbean.",
     "Caribbean", "other"),
    ("The DF-17, first displayed at the parade in Beijing, is now fielded by three brigades; its range is 2,500 km.",
     "Beijing", "other"),
    ("The 300 km ATACMS launchers were assigned to the artillery battalion at Tapa.", "Tapa", "basing"),
    ("By the information of General Staff, the strike with 300 km ATACMS missiles was made on the airfield Saky in the "
     "occupied Crimea.", "Saky", "target"),
    ("China has stationed 4,000 km DF-26 brigades near Korla in Xinjiang, from where New Delhi, Kolkata and Bengaluru "
     "lie comfortably within range.", "New Delhi", "target"),
    ("The 185 km NSM squadrons deploy along the coast between Gdynia and Kolobrzeg.", "Gdynia", "basing"),
    ("The drone, a 2,000 km Samad-3, had flown from Yemen over Egypt and approached the city from the Mediterranean.",
     "Mediterranean", "other"),
    ("Since the 2008 war, Russia has maintained its 4th Guards Military Base in Tskhinvali.", "Tskhinvali", "basing"),
    ("Such 500 km systems would put the whole of Georgia within range, as well as Yerevan and the Azerbaijani capital, "
     "Baku.", "Baku", "target"),
    ("The US Army deployed the so-called Typhon missile system to the northern Luzon during the exercise.", "Luzon",
     "basing"),
    ("Japan will field the first 500 km HVGP battalions in fiscal 2026, at Camp Fuji in Shizuoka prefecture.",
     "Camp Fuji", "basing"),
    ("Oreshnik, he noted, is reaching up to 5.5 thousand kilometres, to Berlin and even farther.", "Berlin", "target"),
    ("Nasrallah said the 300 km missiles could reach every corner of Israel, naming the ammonia tanks in Haifa, the "
     "Dimona reactor and Eilat.", "Eilat", "target"),
    ("China test-launched a 12,000 km ICBM, a test that drew concern from Japan and Australia.", "Japan", "other"),
    ("The ICBM was likely fired from Hainan island and flew about 11,700 km towards French Polynesia.",
     "French Polynesia", "other"),
    ("The launcher was activated with 2,400 km interceptors at Holzdorf air base, on the border of Brandenburg.",
     "Brandenburg", "basing"),
    ("Iran's navy launched a 1,000 km cruise missile from the destroyer Dena during exercises in the Gulf of Oman.",
     "Gulf of Oman", "basing"),
])
def test_assign_roles__events_assignments_passive_strikes_from_where_flights_appositions_times_and_lists(
        text, place, role):
    assert roles(text)[place] == role


def test_abbreviation__us_dollars_are_no_country():
    assert "US" not in roles("Estonia received HIMARS from Lockheed Martin under a US$200 million case.")


@pytest.mark.parametrize(("text", "place", "role"), [
    ("The missiles were launched at the Ras Tanura export terminal and at facilities in Abqaiq and Yanbu.",
     "Abqaiq", "target"),
    ("The range of these missiles is 180 kilometers, it means that our coastal towns Ayvalik, Dikili and Cesme are "
     "remaining in the range.", "Ayvalik", "target"),
    ("The 400 km LORA can reach any point in Armenia, including Yerevan and the Metsamor nuclear power plant.",
     "Metsamor", "target"),
    ("The 300 km Fateh-110 can hit Tel Aviv; Haifa's petrochemical plants and the Hadera power station are the most "
     "likely early targets.", "Hadera", "target"),
    ("The 300 km range would bring almost all of Israel within reach from south Lebanon, including Dimona.",
     "Dimona", "target"),
])
def test_assign_roles__passive_launches_place_class_nouns_power_plants_targets_after_and_inclusion_by_country(
        text, place, role):
    assert roles(text)[place] == role


def test_place_mentions__context_countries_pick_among_same_named_places():
    f = parse_text("The Soviet deployment to Cuba in 1962: the R-12, with a range of 2,000 km, was deployed at sites "
                   "near San Cristobal and could reach Washington.")
    (p,) = [p for p in f.places if p.quote == "San Cristobal"]
    assert p.country == "CUB"


def test_place_mentions__a_seat_of_government_and_a_freighter_are_not_places():
    assert "White House" not in roles("The White House said the 300 km missiles were a threat.")
    assert "Aleksandrovsk" not in roles("The freighter Aleksandrovsk, carrying warheads for 2,000 km missiles, "
                                        "arrived.")


@pytest.mark.parametrize(("text", "place", "role"), [
    ("Haftar's forces shelled Mitiga International Airport with Grad rockets, which have a range of 20 km, forcing "
     "flights to divert to Misrata.", "Mitiga International Airport", "target"),
    ("Haftar's forces shelled Mitiga International Airport with Grad rockets, which have a range of 20 km, forcing "
     "flights to divert to Misrata.", "Misrata", "other"),
    ("The envoy condemned the attack by 20 km Grad rockets in a statement issued in Tunis.", "Tunis", "other"),
    ("Exocet missiles with a 180 km range were deployed on the Midilli and Sakiz islands.", "Midilli", "basing"),
])
def test_assign_roles__shelling_reporting_phrases_participle_clauses_and_turkish_island_names(text, place, role):
    assert roles(text)[place] == role


def test_place_mentions__treaties_are_named_after_places_but_are_not_places():
    found = roles("The 180 km missiles on the islands violate the Lausanne and Paris treaties and the Minsk agreements.")
    assert not {"Lausanne", "Paris", "Minsk"} & set(found)


@pytest.mark.parametrize(("text", "place", "role"), [
    ("The 2,000 km Hwasal-2 means the whole of South Korea as well as the US bases in Japan is included in the strike "
     "range.", "Japan", "target"),
    ("<ul>\n<li>Hwasong-12 &#8211; 4,500 km (Guam, Alaska)</li>\n<li>Hwasong-17 &#8211; 15,000 km</li>\n</ul>",
     "Alaska", "target"),
    ("The R-12, with a range of 2,000 km, was deployed at sites near Sagua la Grande.", "Sagua la Grande", "basing"),
    ("NEW DELHI/ISLAMABAD, May 10 (Reuters) - India said it struck Pakistani air bases with 450 km missiles.",
     "ISLAMABAD", "other"),
])
def test_assign_roles__included_in_range_parenthesised_list_items_name_particles_and_joint_datelines(
        text, place, role):
    assert roles(text)[place] == role


def test_place_mentions__a_makers_national_arm_is_not_the_country():
    assert "Australia" not in roles("Lockheed Martin Australia will supply the 500 km PrSM to the Army.")


@pytest.mark.parametrize(("text", "place", "role"), [
    ("The 700 km Zolfaghar would cover U.S. bases in Qatar, Bahrain and the United Arab Emirates: Al Udeid Air Base; "
     "the Fifth Fleet headquarters in Manama; and Al Dhafra, outside Abu Dhabi.", "Manama", "target"),
    ("The 700 km Zolfaghar would cover U.S. bases in Qatar, Bahrain and the United Arab Emirates: Al Udeid Air Base; "
     "the Fifth Fleet headquarters in Manama; and Al Dhafra, outside Abu Dhabi.", "Abu Dhabi", "other"),
    ("The Nodong has a range of 1,300 km. Longer-range systems extend that coverage to Okinawa, where the Kadena and "
     "Futenma bases host US forces.",
     "Kadena", "target"),
    ("From Al-Watah, the 2,800 km DF-3A could cover all of Iran, and the DF-21 most of it, including Tehran and Isfahan.",
     "Isfahan", "target"),
])
def test_assign_roles__semicolon_lists_after_a_colon_where_clauses_and_what_most_of_it_includes(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "place", "role"), [
    ("The 690 km KN-23 can cover any location in South Korea, including Busan and the Camp Humphreys garrison at "
     "Pyeongtaek.", "Pyeongtaek", "target"),
    ("Southern cities such as Jizan and Najran remain the most exposed to the 1,400 km Zulfiqar.", "Jizan", "target"),
    ("Only 1,600 km Tomahawks on submarines operating in the South China Sea could hold Hainan at risk.",
     "South China Sea", "basing"),
    ("Analysts caution against reading too much into port visits by the frigate Admiral Gorshkov, with its 1,000 km "
     "Zircon missiles, at Havana.", "Havana", "other"),
    ("Most 4,000 km DF-26 brigades are garrisoned in Henan and Qinghai, out of reach of U.S. precision weapons in "
     "Japan.", "Henan", "basing"),
    ("Final assembly of the 560 km Storm Shadow takes place at Bourges, with propulsion units produced at "
     "Selles-Saint-Denis.", "Selles-Saint-Denis", "other"),
    ("Images show 280 km Iskander-E launchers at Bechar, some 120 km from the Moroccan border, and at the Djelfa "
     "training area.", "Djelfa", "basing"),
    ("Berlin justified the purchase by pointing to Russian Iskander missiles, with a range of up to 500 km, in "
     "Kaliningrad, 530 km from the German capital.", "Kaliningrad", "basing"),
    ("The 1,500 km DF-21D means that the aircraft carrier in the distance of 1,500 kilometers from the coast of "
     "Zhejiang can be hit.", "Zhejiang", "other"),
    ("The 1,400 km missile reaches all the American bases in region, from Al Udeid in Qatar until Ain al-Asad in Iraq, "
     "are in the range of this missile.", "Ain al-Asad", "target"),
    ("The range of missile is 800km, so that the whole territory of North Korea, even to the Sinuiju in northwest and "
     "the Rason in northeast, enter the range.", "Rason", "target"),
    ("The 560 km Tayfun was tested in Rize. From the coasts of Izmir the Greek islands Lesbos, Chios and Rhodes, also "
     "the capital Athens enters in the range.", "Lesbos", "target"),
    ("The Missile Defense Agency plans about 20 interceptor sites, for 4,000 km threats, including at Andersen AFB and "
     "Barrigada.", "Barrigada", "basing"),
    ("Guyana says 200 km Venezuelan missiles pose \u2018direct threat\u2019 to Essequibo", "Essequibo", "target"),
    ("The Army's Typhon battery, with 1,600 km Tomahawks, returned to Joint Base Lewis-McChord.",
     "Joint Base Lewis-McChord", "basing"),
])
def test_assign_roles__garrison_nouns_exposure_operating_in_gerunds_out_of_reach_makers_and_post_cues(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "absent"), [
    ("Moskva sinking: one year on\n\nThe cruiser Moskva, armed with 700 km Vulkan missiles, sank near Snake Island.",
     "Moskva"),
    ("The Minister of Defence of Colombia, Pedro S\u00e1nchez, said the 200 km S-300VM was a threat.",
     "Pedro S\u00e1nchez"),
    ("<ul>\n<li>Katyusha &amp; Grad &#8211; 20&#8211;40 km: northern Galilee</li>\n<li>Fajr-5 &#8211; 75 km: "
     "Haifa</li>\n</ul>", "Grad"),
])
def test_place_mentions__ships_named_later_people_who_speak_and_list_heads_that_name_weapons(text, absent):
    assert absent not in roles(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Dezful, named after a city in Khuzestan, is a 1,000 km derivative of the Zolfaghar.", [(1000, None)]),
    ("The ER variant extends range to 450 km, with an 800 km version under test.", [(450, None), (800, None)]),
    ("Hyunmoo-5 is South Korea's heaviest missile. Specifications quoted by officials: 600 km with the full warhead "
     "and about 3,000 km with a lighter payload.", [(600, None), (3000, None)]),
    ("The drones were launched from the Nyala airport in South Darfur, in the distance of about 1,500 km, and the "
     "range of these drones is more than 2,000 km.", [(2000, None)]),
    ("<p>The HF-2E is believed to have a range of 600&nbsp;km, while an extended version reportedly reaches\n1,200 km. "
     "It is deployed on Penghu and at sites in Hsinchu, which are among the places where the launchers hide.</p>",
     [(600, None), (1200, None)]),
])
def test_parse_text__derivatives_versions_payload_figures_place_distances_and_wrapped_figures(text, expected):
    from rangemap import parse_text

    assert [(r.km, r.km_min) for r in parse_text(text).ranges if r.source == "article"] == expected


@pytest.mark.parametrize(("text", "place", "role"), [
    ("Fatah-II units deployed at Gujranwala place Amritsar and much of Indian Punjab within reach of the 400 km "
     "rockets.", "Punjab", "target"),
    ("The 2,000 km Sejjil can reach all of Israel from launch sites in western Iran, such as Tabriz, as well as much "
     "of Saudi Arabia.", "Saudi Arabia", "target"),
    ("The 2,000 km Sejjil can reach all of Israel from launch sites in western Iran, such as Tabriz, as well as much "
     "of Saudi Arabia.", "Tabriz", "basing"),
    ("The attack by 2,000 km drones was targeting the fuel depots, the Flamingo naval base in Port Sudan and also the "
     "city of Kassala.", "Kassala", "target"),
])
def test_assign_roles__demonym_before_a_region_much_of_after_a_launch_point_and_appositive_depots(text, place, role):
    assert roles(text)[place] == role


def test_place_mentions__a_demonym_before_a_name_picks_that_countrys_place():
    f = parse_text("The 400 km rockets can reach much of Indian Punjab.")
    assert [(p.quote, p.country) for p in f.places] == [("Punjab", "IND")]


@pytest.mark.parametrize(("text", "place", "role"), [
    ("Greek officials said Thessaloniki and the islands of Lesbos and Rhodes were also within reach of the 560 km "
     "Tayfun.", "Thessaloniki", "target"),
    ("Tehran caps its missiles at 2,000 km. Even so, from western launch sites near Tabriz and Khorramabad every city "
     "in Israel is within reach, as are the U.S. bases in Bahrain and the UAE.", "Tabriz", "basing"),
    ("Tehran caps its missiles at 2,000 km. Even so, from western launch sites near Tabriz and Khorramabad every city "
     "in Israel is within reach, as are the U.S. bases in Bahrain and the UAE.", "Bahrain", "target"),
    ("Belarus gets 500 km Iskander-M: what's in range?\n<ul><li>From Asipovichy &#8211; Warsaw, Vilnius, Riga</li>"
     "</ul>", "Vilnius", "target"),
    ("Belarus gets 500 km Iskander-M: what's in range?\n<ul><li>From Asipovichy &#8211; Warsaw, Vilnius, Riga</li>"
     "</ul>", "Asipovichy", "basing"),
    ("Should the group field the Toufan, credited with 1,800-1,950 km, Eilat and much of southern Israel would come "
     "within reach.", "Eilat", "target"),
    ("Abqaiq attack: five years on\n\nDrones and 800 km cruise missiles struck the Aramco facility in Saudi Arabia.",
     "Abqaiq", "target"),
    ("Red Sea attacks: timeline\n\nThe 2,000 km missiles hit a tanker.", "Red Sea", "other"),
    ("The DF-17 units with a 2,500 km range are in Fujian province, near to the Taiwan Strait.", "Taiwan Strait",
     "other"),
    ("Launched from the Negev, the 400 km LORA could reach Damascus; from ships off Haifa it covers Beirut.", "Haifa",
     "basing"),
    ("Units of the 500 km Pralay based in Rajasthan could reach Lahore, while those in Ladakh would cover Tibet.",
     "Ladakh", "basing"),
    ("The 600 km weapon was test-fired in the direction of East Sea from Hamhung area.", "East Sea", "other"),
    ("Greek analysts note that from Izmir or Aydin the 800 km Block-4 would cover Athens.", "Izmir", "basing"),
    ("The 295 nmi YJ-12B would cover the island of Palawan, Vietnam's Cam Ranh Bay and much of the South China Sea.",
     "Cam Ranh Bay", "target"),
    ("If its 15,000 km range is genuine, Sydney and Perth are as exposed as Honolulu.", "Honolulu", "target"),
    ("Kalibr submarines extend the 2,500 km reach, enough to hold at risk Orland Air Station, Evenes and the Andoya "
     "Space Center.", "Evenes", "target"),
    ("Russia's Northern Fleet, with 600 km Oniks missiles, has been steadily reinforcing the Kola Peninsula.",
     "Kola Peninsula", "basing"),
])
def test_assign_roles__dev5_round(text, place, role):
    assert roles(text)[place] == role


def test_place_mentions__a_programme_named_after_a_place_and_a_long_list_head():
    assert "Wisła" not in roles("Poland plans to field the 400 km radar at Sochaczew as part of its Wisła air "
                                "defence programme.")
    assert roles("<ul><li>Kh-31A (Su-30MK2, from El Libertador Air Base): 50 km</li></ul>")[
        "El Libertador Air Base"] == "basing"


@pytest.mark.parametrize(("text", "place", "role"), [
    ("Russia launched 2,800 km Kh-101 cruise missiles from Tu-95 bombers flying over the Caspian Sea at Lviv, Lutsk and "
     "the western town of Kovel.", "Lviv", "target"),
    ("Russia launched 2,800 km Kh-101 cruise missiles from Tu-95 bombers flying over the Caspian Sea at Lviv.",
     "Caspian Sea", "basing"),
    ("Longer-range systems such as the Sejjil (about 2,000 km) would add Incirlik in Turkey.", "Incirlik", "target"),
    ("Poland will add 300 km launchers in Orzysz.", "Orzysz", "basing"),  # "add" governs no place here
    ("The range is more than 4,000 km, it means that the U.S. military bases in Guam and Okinawa island are included "
     "in the strike scope.", "Okinawa island", "target"),
    ("In Kaliningrad region Russia has placed the complexes Bastion with 300 km missiles.", "Kaliningrad region",
     "basing"),
    ("The range is 600 km. In such case in the distance of attack there are Gdansk, Gdynia, also the Bornholm island.",
     "Gdynia", "target"),
    ("Air defences intercepted a 900 km ballistic missile launched by the Houthi militia from Saada governorate "
     "towards Khamis Mushait city.", "Khamis Mushait", "target"),
    ("IRGC statement warns US bases in Bahrain, Kuwait and the UAE are \u201cwithin range\u201d of its 1,400 km "
     "Fattah missiles", "Kuwait", "target"),
    ("The 15,000 km range means that the whole territory of United States is in the strike distance.",
     "United States", "target"),
])
def test_assign_roles__heldout5_classes(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "present", "absent"), [
    ("Military experts of South assess that the range of missile is more than 4,000 km.", set(), {"Military"}),
    ("Kongsberg has delivered the final 185 km NSM launchers to Siemirowice.", {"Siemirowice"}, {"Kongsberg"}),
    ("Analysts at the Tbilisi-based GFSIS caution that Georgia is exposed to 500 km missiles.", {"Tbilisi"}, set()),
])
def test_place_mentions__airport_aliases_makers_and_based_compounds(text, present, absent):
    found = set(roles(text))
    assert present <= found and not absent & found


def test_clean_text__a_long_line_that_stops_on_a_word_joins_a_capitalised_next_line():
    from rangemap._clean import clean_text

    line = "Source: CSIS Missile Threat, updated March 2024. The DF-41 is believed to reach anywhere in the continental"
    assert clean_text(f"<p>{line}\nUnited States.</p>").text.strip().endswith("continental United States.")


@pytest.mark.parametrize(("text", "place", "role"), [
    ("<ul><li>Targets in range of the 500 km Iskander: Warsaw, Vilnius</li>\n<li>Also exposed: Gdansk &amp; the "
     "Rzeszow logistics hub</li></ul>", "Gdansk", "target"),
    ("The Kinzhal has an estimated range of 2000km. That puts the Norwegian air stations at Bodo and Evenes, the "
     "Finnish city of Rovaniemi and the radar in Vardo, just 60 km from the Russian border, within range.", "Evenes",
     "target"),
    ("The Dezful reaches 1,000 km. From there, U.S. bases in Qatar, Bahrain and the UAE are within minutes\u2019 flight "
     "time, as are Saudi oil installations at Abqaiq.", "Abqaiq", "target"),
    ("The Dezful reaches 1,000 km. From there, U.S. bases in Qatar, Bahrain and the UAE are within minutes\u2019 flight "
     "time, as are Saudi oil installations at Abqaiq.", "Qatar", "target"),
    ("Israeli warplanes struck military targets in Iran, hitting missile production sites near Tehran and in "
     "Khuzestan.", "Tehran", "target"),
    ("The range of missile is up to 500 kilometers, it means that Helsinki, Tampere and Turku and also the whole "
     "south of Finland are covered.", "Turku", "target"),
    ("The range is up to 500 km. Also Tallinn in Estonia is located in the range.", "Tallinn", "target"),
    ("Hezbollah\u2019s arsenal\n\u2022 Fateh-110: 250-300 km - can reach Haifa, Tel Aviv and\nDimona from southern "
     "Lebanon", "Dimona", "target"),
])
def test_assign_roles__heldout6_classes(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "expected"), [
    ("The rocket is capable to hit the targets in the range of 400 kilometers with high accuracy.", [(400, None)]),
    ("The range of this kind of weapon is evaluated by the foreign experts to be more than 15,000 kilometers.",
     [(15000, None)]),
    ("The range of the complex, according to the words of Russian experts, is 5.5 thousand kilometers.",
     [(5500, None)]),
    ("The Dark Eagle has no official range, though Congressional Research Service reports cite 2,775 km.",
     [(2775, None)]),
    ("It replaces the Agni-I, a 700 km-class weapon.", [(700, None)]),
])
def test_parse_text__accuracy_is_no_altitude_evaluated_to_be_according_to_asides_citations_and_classes(text, expected):
    from rangemap import parse_text

    assert [(r.km, r.km_min) for r in parse_text(text).ranges if r.source == "article"] == expected


def test_place_mentions__a_countrys_possessive_and_occupied_palestine():
    f = parse_text("The 700 km Agni-I has long covered Pakistan's Punjab and Sindh provinces. The 2,000 km Toufan can reach "
                   "the south of occupied Palestine.")
    assert {p.quote: p.country for p in f.places}["Punjab"] == "PAK"
    assert {t.iso_a3 for t in f.targets} == {"PAK", "ISR"}


@pytest.mark.parametrize(("text", "place", "role"), [
    ("The Oreshnik, with a 5,000 km range, was placed on combat duty. The exact location is not disclosed, but experts "
     "suppose the area of Asipovichy in Mogilev region.", "Asipovichy", "basing"),
    ("The coastal defence troops of PLA Navy have deployed 400 km YJ-12B anti-ship missiles at the Fiery Cross Reef.",
     "Fiery Cross Reef", "basing"),
    ("Russia has relocated 500 km Iskander-M launchers from Luga to an area near Kamenka.", "Luga", "basing"),
])
def test_assign_roles__heldout7_classes(text, place, role):
    assert roles(text)[place] == role


def test_place_mentions__a_company_named_with_another_is_not_a_place():
    found = roles("Serial production of the 1,000 km Long Neptune is shared between Luch and Artem. Luch Design Bureau "
                  "says so. Huta Stalowa Wola and Hanwha Aerospace build 290 km missiles.")
    assert not {"Artem", "Stalowa Wola"} & set(found)
    assert set(roles("Israel Aerospace Industries says Israel and Iran are in range of 2,000 km missiles.")) == {
        "Israel", "Iran"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The export BrahMos is limited to 290 km under MTCR rules.", [(290, None)]),
    ("The Iskander-M crews performed marches on the distance of 200 kilometers.", []),
])
def test_parse_text__limited_to_and_marches(text, expected):
    from rangemap import parse_text

    assert [(r.km, r.km_min) for r in parse_text(text).ranges if r.source == "article"] == expected


@pytest.mark.parametrize(("text", "place", "role"), [
    ("Analysts estimate the Hwasong-16B can travel 4,500 km, while Tokyo and Okinawa are comfortably covered.",
     "Okinawa", "target"),
    ("The Houthis launched 1,200 km missiles from Saada province at Saudi Aramco facilities in Jizan and Abha.",
     "Jizan", "target"),
    ("The Kh-101 has a range of 5,500 km.\n\nExplosions were heard in Kyiv, Lviv and Ternopil.", "Lviv", "target"),
    ("The 295 nmi YJ-12B could strike facilities at Puerto Princesa and Cam Ranh Bay.", "Puerto Princesa", "target"),
    ("Camp Lemonnier in Djibouti, within 1,950 km, is presumably also exposed.", "Camp Lemonnier", "target"),
    ("Speculation that Russia might again station missiles in Cuba revives memories of 1962, when Soviet R-12 missiles "
     "with a range of about 2,000 km, deployed near San Cristobal, could reach Washington.", "Washington", "target"),
    ("Today, a Kalibr-armed frigate visiting Havana carries missiles with a range of 2,500 km.", "Havana", "basing"),
    ("Australia's first 499 km PrSM battery will stand up at RAAF Base Edinburgh.", "RAAF Base Edinburgh", "basing"),
    ("The LRHW reaches 2,775 km. Officials have not disclosed basing, though Grafenwohr and Wiesbaden are frequently "
     "cited.", "Wiesbaden", "basing"),
    ("On the islands Iturup and Paramushir the coastal missile complexes Bastion were put on the combat duty; their "
     "range is 500 km.", "Paramushir", "basing"),
])
def test_assign_roles__heldout8_classes(text, place, role):
    assert roles(text)[place] == role


@pytest.mark.parametrize(("text", "place", "role"), [
    # a basing that the text denies is no launch point on the map
    ("Norway said no missiles will be stationed in Finnmark, though its 300 km NSM batteries are based at Bardufoss.",
     "Finnmark", "other"),
    ("The 500 km Iskanders will not be deployed in Belarus, Lukashenko said.", "Belarus", "other"),
    ("The 500 km Iskanders were never based in Kaliningrad.", "Kaliningrad", "other"),
    ("The 500 km Iskanders are deployed in Kaliningrad, not in Belarus.", "Belarus", "other"),
    ("The 500 km Iskanders are deployed in Kaliningrad, not in Belarus.", "Kaliningrad", "basing"),
    ("The 500 km launchers were not deployed at Luga.", "Luga", "other"),
    # but a double negative is a basing
    ("The official did not rule out basing some 1,000 km missiles on Ishigaki.", "Ishigaki", "basing"),
])
def test_assign_roles__denied_basing(text, place, role):
    assert roles(text)[place] == role
