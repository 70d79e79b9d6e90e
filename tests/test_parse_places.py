"""Stage 4 of the parser: places, and the guards against names that are not places here."""

from __future__ import annotations

import pytest

from rangemap import parse_text


def quotes(text: str) -> list[str]:
    return [p.quote for p in parse_text(text).places]


# --------------------------------------------------------------------------- #
# non-place guards
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("text", "not_place"), [
    ("The missile is accurate, analyst Madison Price said.", "Madison"),
    ("The missile is accurate, analyst Madison Price said.", "Price"),
    ("Defence Minister Richard Marles said Monday.", "Richard"),
    ("Military expert from Seoul, professor Park Sang-min of Kyungnam University, said so.", "Kyungnam"),
    ("The cruiser Nanchang sailed into the Yellow Sea.", "Nanchang"),
    ("The destroyer Dena launched a cruise missile.", "Dena"),
    ("The Hobart-class destroyer HMAS Brisbane docked at Fleet Base East.", "Brisbane"),
    ("The frigate Admiral Gorshkov entered the port of Havana.", "Gorshkov"),
])
def test_parse_text__people_and_ships_are_not_places(text, not_place):
    assert not any(not_place in q for q in quotes(text))


@pytest.mark.parametrize(("text", "not_place"), [
    ("The DoD's annual China Military Power Report says the DF-41 is deployed.", "China"),
    ("Israel Aerospace Industries will build more interceptors.", "Israel"),
    ("The Japan Air Self-Defense Force is also buying the JASSM-ER.", "Japan"),
    ("Russia's Northern Fleet sailed on Monday.", "Northern"),
    ("The first units will go to the Western Army in Kyushu.", "Western"),
    ("Analysts at the Korea Institute for Defense Analyses disagree.", "Korea"),
    ("According to the information of Xinhua, the launch will take place next month.", "Xinhua"),
    ("Beijing (Xinhua) -- A Chinese military commentator said so.", "Xinhua"),
    ("The agency Mehr writes that the Sejjil has a range of 2,000 km.", "Mehr"),
    ("The launch was reported by IRNA on Saturday.", "IRNA"),
    ("NATO defence ministers met on Thursday.", "NATO"),
    ("MBDA UK is developing the weapon with France.", "UK"),
])
def test_parse_text__organisations_and_agencies_are_not_places(text, not_place):
    assert not any(q == not_place or q.startswith(not_place + " ") for q in quotes(text))


@pytest.mark.parametrize("text", [
    "The images were shown on state TV in March and in August.",
    "TOKYO, Nov 4 - A missile was launched on Monday.",
    "The test took place in May, officials said on Sunday.",
])
def test_parse_text__months_and_weekdays_are_not_places(text):
    assert all(q.casefold() not in {"march", "august", "nov", "monday", "may", "sunday"} for q in quotes(text))


def test_parse_text__acronyms_are_places_only_as_datelines():
    assert quotes("SEOUL, Aug 3 (Yonhap) -- The military said so.") == ["SEOUL"]
    assert quotes("NEW DELHI (AP) - India's navy commissioned a submarine.")[0] == "NEW DELHI"


@pytest.mark.parametrize(("text", "not_place"), [
    ("Medium-range missiles like the Sejjil and Khorramshahr, at 2,000 km, can reach Israel.", "Khorramshahr"),
    ("Analysts at the IISS say the Khorramshahr could be extended.", "Khorramshahr"),
    ("Iran unveiled the Paveh land-attack cruise missile.", "Paveh"),
])
def test_parse_text__weapon_names_are_not_places(text, not_place):
    assert not_place not in quotes(text)


def test_parse_text__a_weapon_named_after_a_town_is_still_the_town_after_in():
    assert "Khorramshahr" in quotes("The missiles were moved to the port of Khorramshahr.")


# --------------------------------------------------------------------------- #
# owners and countries by abbreviation
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("text", [
    "The missile can reach U.S. bases in Bahrain.", "Around 28,500 US troops are based in South Korea.",
    "The US Army deployed the Typhon.", "It can strike the joint U.S.-British base on Diego Garcia.",
])
def test_parse_text__an_abbreviation_naming_an_owner_is_no_place(text):
    assert not {"U.S.", "US"} & set(quotes(text))


@pytest.mark.parametrize(("text", "quote"), [
    ("The JL-3 can reach the U.S. mainland.", "U.S."), ("The missile can reach the U.S., officials said.", "U.S."),
    ("The Hwasong-17 could strike the US.", "US"),
])
def test_parse_text__an_abbreviation_used_as_a_noun_is_the_country(text, quote):
    places = [p for p in parse_text(text).places if p.quote == quote]
    assert places and places[0].country == "USA"


# --------------------------------------------------------------------------- #
# small towns and same-named places
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("text", "town"), [
    ("Satellite images show the Dimona reactor.", "Dimona"),
    ("Kyiv has hit the Tuapse refinery twice.", "Tuapse"),
    ("The DF-41 is deployed in silo fields near Yumen, Hami and Ordos.", "Yumen"),
    ("The Kinzhal missiles were transferred to the airdrome Chkalovsk in Kaliningrad region.", "Chkalovsk"),
    ("Su-24 jets based near Starokostiantyniv fired the missiles.", "Starokostiantyniv"),
])
def test_parse_text__small_towns_found_by_their_context(text, town):
    assert town in quotes(text)


def test_parse_text__a_small_town_without_context_is_not_taken():
    assert quotes("Price rises hit the market.") == []


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Lockheed increased production at its Camden, Arkansas, facility.", "Camden", "USA"),
    ("A test at Sinop, Turkey, on the Black Sea coast.", "Sinop", "TUR"),
    ("The ATACMS can reach Brest in Belarus.", "Brest", "BLR"),
])
def test_parse_text__a_region_or_country_beside_a_name_picks_the_place(text, name, country):
    place = next(p for p in parse_text(text).places if p.quote == name)
    assert place.country == country
    if name == "Camden":
        assert (round(place.lat, 1), round(place.lon, 1)) == (33.6, -92.8)  # Camden, Arkansas, not New Jersey


def test_parse_text__a_word_inside_a_longer_name_is_no_place():
    assert quotes("New brigades will be formed in the Leningrad Military District.") == ["Leningrad"]


def test_parse_text__part_of_an_unknown_feature_is_not_the_city():
    assert "Riga" not in quotes("The missiles cover most of the Gulf of Riga.")


def test_parse_text__names_with_particles_and_generic_words():
    assert "Bab el-Mandeb" in quotes("Drones were launched against shipping in the Bab el-Mandeb.")
    assert "Ramat David air base" in quotes("F-16s operating from Ramat David air base struck targets.")


# --------------------------------------------------------------------------- #
# names that are not places: ships named again, first names, organisations, systems
# --------------------------------------------------------------------------- #
def test_places__a_ship_named_once_stays_a_ship():
    text = ("The destroyer Kunming arrived at Djibouti on Monday. The Kunming, commissioned in 2014, carries "
            "HHQ-9 missiles.")
    assert "Kunming" not in quotes(text)


@pytest.mark.parametrize(("text", "name"), [
    ("As Austin Long and Jackson Diehl have argued, the 500 km Iskander changes little.", "Austin"),
    ("Kingston Reif said the 2,000 km missile could reach Guam.", "Kingston"),
    ("The Armed Forces of the Philippines said the BrahMos has a 290 km range.", "Philippines"),
])
def test_places__people_and_organisations_named_like_places(text, name):
    assert name not in quotes(text)


@pytest.mark.parametrize(("text", "name"), [
    ("The Panama Canal lies within range of the 3,000 km missile.", "Panama Canal"),
    ("The Kalibr missiles are stored near Sevastopol Harbour.", "Sevastopol"),
])
def test_places__a_place_before_a_capitalised_feature_word_is_kept(text, name):
    assert any(q.startswith(name.split()[0]) for q in quotes(text))


@pytest.mark.parametrize("text", [
    "Hajizadeh said that missiles of Khorramshahr type with range of 2,000 km are stored in this base.",
    "The Dezful, a Zolfaghar derivative credited with about 1,000 km, would add the Gulf bases.",
])
def test_places__a_catalogue_system_named_like_a_town_is_the_system(text):
    assert quotes(text) == []


@pytest.mark.parametrize("name", ["İzmir", "Çanakkale", "Ørland", "Île Longue"])
def test_places__names_that_start_with_a_capital_beyond_ascii(name):
    assert name in " ".join(quotes(f"The 300 km missiles are deployed near {name}."))


def test_places__an_organisation_after_and_the_does_not_hide_the_place_before():
    text = "The Ababeel could target the Andaman and Nicobar Islands and the Western Naval Command in Mumbai."
    assert "Andaman and Nicobar Islands" in quotes(text)


def test_places__a_truck_maker_before_a_wheel_formula_is_no_place():
    assert "Jelcz" not in quotes("Launcher: Chunmoo on Jelcz 8x8 chassis, firing 290 km missiles.")


def test_places__a_maker_before_chassis_is_no_place():
    assert "Jelcz" not in quotes("The K239 launchers, firing 290 km missiles, are integrated on Jelcz chassis.")
