"""Stage 1 of the parser: clean-up (entities, tags, characters, line wraps) and its offset map."""

from __future__ import annotations

import html
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rangemap import parse_text
from rangemap._clean import clean_text


# --------------------------------------------------------------------------- #
# markup
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("raw", "clean"), [
    ("1,800&#8211;2,500&nbsp;km", "1,800-2,500 km"),
    ("Japan&#8217;s EEZ", "Japan's EEZ"),
    ("&quot;purely defensive&quot;", '"purely defensive"'),
    ("Kursk &amp; Bryansk", "Kursk & Bryansk"),
    ("the PLA&#39;s DF-5C", "the PLA's DF-5C"),
    ("&#x2013;&thinsp;", "- "),
    ("&bull; DF-21D", "\u2022 DF-21D"),
    ("&nosuchentity; stays", "&nosuchentity; stays"),
])
def test_clean_text__decodes_entities(raw, clean):
    assert clean_text(raw).text == clean


def test_clean_text__drops_inline_tags_and_breaks_at_block_tags():
    c = clean_text("<p><b>UPDATE 2</b>-N.Korea missile</p><p>TOKYO, Nov 4</p>")
    assert c.text == "\nUPDATE 2-N.Korea missile\n\nTOKYO, Nov 4\n"


def test_clean_text__list_tags_become_lines():
    c = clean_text("<ul><li>HF-2E Block I &#8211; 600&nbsp;km</li><li>Hsiung Sheng &#8211; 1,200&nbsp;km</li></ul>")
    lines = [x for x in c.text.split("\n") if x]
    assert lines == ["\u2022 HF-2E Block I - 600 km", "\u2022 Hsiung Sheng - 1,200 km"]  # items read as bullets


def test_clean_text__br_line_breaks_are_never_joined():
    c = clean_text("First units: Camp Kengun (Kumamoto)<br>\nSource: Ministry of Defense")
    assert "Kumamoto)\n" in c.text and "Source:" in c.text.split("\n")[-1]


def test_clean_text__leaves_comparisons_that_are_not_tags():
    assert clean_text("a < b > c").text == "a < b > c"


@pytest.mark.parametrize(("raw", "clean"), [
    ("soft\u00adhyphen", "softhyphen"),
    ("zero\u200bwidth", "zerowidth"),
    ("One.\r\n\r\nTwo.", "One.\n\nTwo."),
])
def test_clean_text__drops_invisible_characters(raw, clean):
    assert clean_text(raw).text == clean


# --------------------------------------------------------------------------- #
# characters, one for one
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("raw", "clean"), [
    ("Japan\u2019s \u201cstand-off\u201d", "Japan's \"stand-off\""),
    ("1,000\u20131,500\u00a0km", "1,000-1,500 km"),
    ("15\u2009000 km", "15 000 km"),
    ("15\u202f000 km", "15 000 km"),
    ("MOSCOW \u2014 Russia", "MOSCOW - Russia"),
    ("\u25aa Fateh-110", "\u2022 Fateh-110"),
])
def test_clean_text__normalises_quotes_dashes_and_spaces(raw, clean):
    c = clean_text(raw)
    assert c.text == clean
    assert c.original_span(0, len(c.text)) == (0, len(raw))  # one for one: offsets unchanged


# --------------------------------------------------------------------------- #
# lines
# --------------------------------------------------------------------------- #
def test_clean_text__joins_a_hard_wrap_inside_a_paragraph():
    raw = "With a reported range of 500\nkm, the missiles would be able to reach Helsinki and all of Estonia,\nhe said."
    assert clean_text(raw).text == raw.replace("\n", " ")


def test_clean_text__joins_a_wrap_between_number_words():
    raw = "the DF-5C, with a range of more than twelve\nthousand kilometres, is able to cover"
    assert "twelve thousand kilometres" in clean_text(raw).text


def test_clean_text__keeps_the_break_after_a_headline():
    raw = ("Russia to station Iskander-M systems in Pskov region, governor says\n"
           "Russia will station additional Iskander-M brigades near Luga and in\n"
           "the Pskov region, regional governor Andrei Sokolov said.")
    lines = clean_text(raw).text.split("\n")
    assert lines[0] == "Russia to station Iskander-M systems in Pskov region, governor says"
    assert len(lines) == 2


def test_clean_text__joins_a_wrapped_headline_ending_in_a_function_word():
    raw = "UPDATE 2-N.Korea missile flew 1,000 km, fell inside\nJapan's EEZ"
    assert clean_text(raw).text == raw.replace("\n", " ")


def test_clean_text__keeps_bullets_and_datelines_apart():
    raw = ("North Korea's arsenal at a glance\n- Hwasong-18: 15,000km, solid-fuel ICBM\n"
           "- Hwasong-12: 4,500km, can reach Guam\nSource: Yonhap")
    assert clean_text(raw).text.count("\n") == 3
    raw = "Defence chiefs meet in Lima on sidelines of APEC\nLIMA - The U.S. and Chinese defence chiefs met"
    assert "\nLIMA" in clean_text(raw).text


def test_clean_text__does_not_break_a_name_across_a_wrap():
    raw = "The batteries stationed at Donskoye\nKaliningrad Oblast are credited with ranges of 300 km."
    assert "\n" not in clean_text(raw).text


def test_clean_text__one_paragraph_per_line_stays_as_is():
    raw = ("Kyodo said the government is looking to deploy a missile with a range of 2,000 km by the early 2030s, "
           "and a hypersonic missile.\nKishida European visit\nBefore arriving in the United States, the Japanese "
           "Prime Minister visited a number of European countries.")
    assert clean_text(raw).text == raw


# --------------------------------------------------------------------------- #
# the offset map
# --------------------------------------------------------------------------- #
def test_original_quote__spans_whole_entities():
    raw = "a range of 1,800&#8211;2,500&nbsp;km."
    c = clean_text(raw)
    i = c.text.index("1,800")
    quote, start, end = c.original_quote(i, i + len("1,800-2,500 km"))
    assert quote == "1,800&#8211;2,500&nbsp;km"
    assert raw[start:end] == quote


def test_original_quote__skips_tags_around_a_word():
    raw = "<p><b>Guam</b></p>"
    c = clean_text(raw)
    i = c.text.index("Guam")
    assert c.original_quote(i, i + 4) == ("Guam", 6, 10)


def test_original_span__empty_text_and_empty_span():
    assert clean_text("").text == ""
    c = clean_text("x&amp;y")
    assert c.original_span(1, 1) == (1, 1)


_FRAGMENTS = st.sampled_from(["Guam ", "range ", "2,000", "&nbsp;", "&#8211;", "&amp;", "<b>", "</b>", "km ",
                              "Japan&#8217;s ", "x", " ", "1.5", "&quot;"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=30))
def test_original_span__every_span_decodes_to_its_cleaned_text(parts):
    raw = "".join(parts)
    c = clean_text(raw)
    for i in range(len(c.text) + 1):
        for j in range(i, min(len(c.text), i + 12) + 1):
            s, e = c.original_span(i, j)
            assert 0 <= s <= e <= len(raw)
            back = html.unescape(re.sub(r"</?b>", "", raw[s:e])).replace("\u00a0", " ").replace("\u2019", "'")
            back = back.replace("\u2013", "-")
            assert back == c.text[i:j]


def test_parse_text__quotes_point_into_html_input():
    raw = ("<p>Analysts estimate the Ababeel&#8217;s range at\n2,200&nbsp;km. Launched from Balochistan, it "
           "would reach Kolkata and Chennai.</p>")
    f = parse_text(raw)
    assert [r.km for r in f.ranges] == [2200.0]
    for item in (*f.ranges, *f.places, *f.targets):
        assert raw[item.start:item.end] == item.quote
    assert f.ranges[0].quote == "2,200&nbsp;km"


@pytest.mark.parametrize("payload", ["&#" * 50000, "&amp;" * 20000, "<" * 50000, "<b" * 40000 + ">",
                                     "<!--" * 20000, "\n" * 50000, "a\n" * 40000, "\u2022 \n" * 30000])
def test_clean_text__adversarial_markup_is_fast(payload):
    t = time.perf_counter()
    clean_text(payload)
    assert time.perf_counter() - t < 2.0


def test_clean_text__a_long_line_broken_before_a_lower_case_word_is_joined():
    text = ("<p>The Defence Research and Development Organisation on Tuesday flight-tested the Pralay missile. "
            "The missile, which has a range of 150&#8211;500\nkm, met all mission objectives.</p>")
    c = clean_text(text)
    assert "150-500 km, met" in c.text
    a = c.text.index("150")
    assert c.original_quote(a, a + len("150-500 km"))[0] == "150&#8211;500\nkm"


def test_clean_text__long_lines_that_end_a_sentence_stay_apart():
    text = ("The missile flew for 20 minutes before landing in the sea east of the peninsula, according to the Joint "
            "Chiefs of Staff.\n"
            "officials in Tokyo said nothing.")
    assert "\n" in clean_text(text).text


@pytest.mark.parametrize(("text", "joined"), [
    ("<li>Iskander-M: up to 500<br/>km</li>", "500 km"),
    ("<p>a range of roughly<br/>\n1.35k km, enough</p>", "roughly  1.35k km"),
])
def test_clean_text__a_markup_break_inside_a_figure_is_a_space(text, joined):
    c = clean_text(text)
    assert joined in c.text
    a = c.text.index(joined)
    assert "<br/>" in c.original_quote(a, a + len(joined))[0]


def test_clean_text__markup_breaks_between_lines_stay():
    assert clean_text("Range: 500<br/>Second line").text.count("\n") == 1
