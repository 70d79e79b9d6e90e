"""Article text -> findings: weapon ranges, places, targets and reach claims.

Pure: no I/O beyond the bundled gazetteer, which is read once and cached.

The parser runs in stages, each with its own tests (``tests/test_parse_*.py``):

1. **Clean-up** (:mod:`rangemap._clean`). HTML entities and tags, curly
   quotes, dashes, odd spaces and hard line wraps become one plain text, with a
   map back: every ``quote``, ``start`` and ``end`` reported points into the
   text that was given.
2. **Numbers** (:mod:`rangemap._numbers`). One grammar reads every distance:
   digit groups, decimals, "4.5 thousand", "1k", number words, spans, miles.
3. **Ranges, with discourse memory.** Sentences are read in order. The weapon
   in focus carries from sentence to sentence ("its range", "the missile"),
   acronyms defined in parentheses ("... Projectile (HVGP)") name it later, and
   a list item ("• DF-21D - 1,500 km") gives its range to the item's head. A
   distance is a weapon range by its cue: strong cues ("a range of", "strike
   targets N km away") stand alone, weaker ones need a weapon in the sentence
   or in focus; speeds, altitudes, past test flights and distances between
   places never are.
4. **Places.** Gazetteer names at capitalised words, then guards for what is
   not a place here: a person after a title ("analyst Madison Price"), a ship
   after a vessel word ("the cruiser Nanchang"), organisations and news
   agencies, months and weekdays, weapon names, owners ("U.S. bases").
5. **Roles** from one lexicon (:data:`ROLE_LEXICON`, role -> word patterns).
   A cue after a place ("... within range") governs the places of its clause
   before it; otherwise the nearest cue before the place whose scope reaches
   it decides: a verb governs the rest of its clause (through lists), a
   preposition its noun phrase. Nouns are not verbs ("U.S. bases in Iraq"),
   a reference ("530 km from Berlin", "the air base near Saratov") is
   "other", and reach words count only with a weapon in the sentence, in
   focus, or a range stated in the paragraph. A place inside a basing or
   target place takes its role ("Camp Kengun in Kumamoto"); "there" and "the
   base" take the role of the place they stand for.
6. **Targets and claims.** Every target-role place gives the country it lies
   in (a city, region, island, base or territory as well as a country). The
   claim is "all" only when the wording covers the whole country ("all of",
   "anywhere in the continental United States", "the entire territory of");
   otherwise "part" (or none for a bare country name).

Time is linear in the text. No regular expression nests unbounded
quantifiers, and the ones that read backwards work on bounded windows.
Sentences are cut at 4,000 characters, and the pairwise work inside one is
bounded too: a range looks for its weapon within 300 characters
(``_WEAPON_REACH``), a place for its governing word within 300 characters
(``_CUE_REACH``), with sorted positions and bisection instead of scans.
Case-blind patterns run on one ASCII-lower-cased copy of the text, at the
same offsets. Text from an article never becomes part of a regular expression.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from string import ascii_lowercase, ascii_uppercase
from typing import NamedTuple

from ._clean import CleanText, clean_text
from ._numbers import Distance, find_distances, words_to_number
from .models import Findings, Place, PlaceMention, RangeMention, TargetMention

__all__ = ["parse_text", "Findings", "RangeMention", "PlaceMention", "TargetMention", "split_sentences",
           "words_to_number", "ROLE_LEXICON"]

# --------------------------------------------------------------------------- #
# sentences
# --------------------------------------------------------------------------- #
# ASCII letters lower-cased, one for one: the case-blind patterns below run on
# this copy of the text (several times faster than re.IGNORECASE), at the same offsets
_ASCII_LOWER = str.maketrans(ascii_uppercase, ascii_lowercase)
_ABBREV = {"u.s", "u.k", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "adm", "sen", "rep", "gov", "st", "no", "vs",
           "inc", "corp", "co", "jr", "sr", "approx", "est", "fig", "e.g", "i.e", "jan", "feb", "mar", "apr", "aug",
           "sept", "sep", "oct", "nov", "dec", "maj", "capt", "sgt", "prof", "n", "s"}
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")  # "F.E. Warren", "George W. Bush"
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n")
_MAX_SENTENCE = 4000  # hard split, so that per-sentence work stays bounded


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of sentences; newlines always end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group() != "\n":
            tail = text[max(start, m.start() - 10):m.start()].rsplit(None, 1)
            if tail and (tail[-1].rstrip(".").lstrip("([\"'“‘").casefold() in _ABBREV or _INITIALS.fullmatch(tail[-1])):
                continue
            nxt = text[end:end + 3].lstrip()
            if nxt[:1].islower():
                continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start, start + _MAX_SENTENCE)
        cut = cut if cut > start else start + _MAX_SENTENCE
        _add_span(text, start, cut, spans)
        start = cut
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


# --------------------------------------------------------------------------- #
# weapons
# --------------------------------------------------------------------------- #
_WEAPON_NOUN = re.compile(  # on lowered text
    r"\b(missiles?|rockets?|icbms?|irbms?|mrbms?|srbms?|slbms?|glcms?|alcms?|glide\s+vehicles?|hgvs?|"
    r"launchers?|drones?|bombers?|warheads?|projectiles?|munitions?|interceptors?|batter(?:y|ies)|"
    r"weapons?(?:\s+systems?)?)\b")
_SYSTEM_NAME = re.compile(
    r"\b(?=[A-Z])(?:DF|Dongfeng|JL|CJ|YJ|KN|Hwasong|Pukguksong|Nodong|Rodong|Musudan|Taepodong|Iskander|Kinzhal|Zircon|"
    r"Tsirkon|Kalibr|Kh|Oreshnik|Avangard|Sarmat|Yars|Bulava|Shahab|Sejjil|Emad|Khorramshahr|Fateh|Zolfaghar|"
    r"Kheibar|Paveh|Soumar|Hoveyzeh|Agni|Prithvi|BrahMos|Shaheen|Ghauri|Babur|Minuteman|Trident|Tomahawk|JASSM|"
    r"LRASM|ATACMS|PrSM|SM|Hyunmoo|Hsiung\s+Feng|HF|Dark\s+Eagle|LRHW|Typhon|Storm\s+Shadow|SCALP|Taurus|Jericho|"
    r"Scud|Shahed|Geran|Type|Sentinel|Poseidon|Burevestnik|Kumsong|Haeseong|Hwajeon|Ra'ad|Nasr|Ghaznavi|"
    r"Ababeel|Nirbhay|Pralay)"
    r"(?:[\s\-]?(?:\d+[A-Za-z]*|[IVX]+[A-Z]?)(?:-[A-Z]+)?|-[A-Z]{1,2}\b)?(?:s)?\b")
# a designator such as "CJ-20", "Samad-3", "S-400", "ASMPA-R"; aircraft prefixes are not weapons
_DESIGNATOR = re.compile(r"\b(?=[A-Z])(?!(?:MiG|Su|Tu|F|FA|B|C|KC|P|E|AH|UH|CH|MQ|RQ|Il|An|Yak|Ka|Mi|T|M|G|COVID)-)"
                         r"(?:[A-Z][A-Za-z]{0,9}-\d{1,4}[A-Z]{0,3}|[A-Z]{3,}-[A-Z]{1,3})\b")
_ACRONYM_DEF = re.compile(r"\s*\(([A-Z][A-Za-z0-9\-]{1,9})\)")
_TOKEN = re.compile(r"\b[A-Z][A-Za-z0-9\-]{1,12}\b")
_MODIFIERS = {
    "long-range", "medium-range", "short-range", "intermediate-range", "extended-range", "intercontinental",
    "hypersonic", "cruise", "ballistic", "anti-ship", "land-attack", "stand-off", "standoff", "surface-to-surface",
    "surface-to-air", "air-launched", "ground-launched", "sea-launched", "submarine-launched", "nuclear-capable",
    "conventional", "nuclear", "tactical", "strategic", "supersonic", "subsonic", "precision", "precision-guided",
    "guided", "kamikaze", "attack", "counterstrike", "strike",
    "hypersonic-glide", "boost-glide", "glide", "theater", "theatre", "mobile", "road-mobile", "solid-fuel",
    "liquid-fuel", "solid-fuelled", "solid-fueled", "shore-based", "ship-launched", "ground-based", "heavy",
    "air", "defence", "defense", "air-defence", "air-defense", "anti-aircraft", "coastal", "naval", "anti-radiation",
    "anti-submarine", "sea-skimming", "air-to-surface", "air-to-air", "surface-to-ship", "quasi-ballistic",
}
_CLASS_WORDS = {"icbm", "irbm", "mrbm", "srbm", "slbm", "glcm", "alcm", "hgv", "missile", "rocket", "drone"}
# "the missile", "its launchers": a weapon already named, when one is in focus
_ANAPHORIC_BEFORE = re.compile(r"\b(?:the|this|these|those|its|their|such|that)\s+$", re.IGNORECASE)


class _Name(NamedTuple):
    """A system name found by the catalogue, shaped like a match (sentence offsets)."""

    a: int
    b: int
    name: str

    def start(self) -> int:
        return self.a

    def end(self) -> int:
        return self.b

    def group(self) -> str:
        return self.name


def _weapon_phrases(text: str, s0: int, s1: int, aliases: frozenset[str] = frozenset(),
                    low: str | None = None, known: _Spans | None = None) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of the weapon phrases in a sentence, in order
    (``low``: the text lower-cased, if the caller has it; ``known``: the
    catalogue's systems named in the text)."""
    sentence = text[s0:s1]
    sentence_low = low[s0:s1] if low is not None else sentence.translate(_ASCII_LOWER)
    found: list[tuple[int, int, str]] = []
    names: list = list(_SYSTEM_NAME.finditer(sentence)) + list(_DESIGNATOR.finditer(sentence))
    if aliases:
        names += [m for m in _TOKEN.finditer(sentence) if m.group() in aliases]
    if known:
        names += [_Name(a - s0, b - s0, t) for a, b, t in known.starting_within(s0, s1 - 1) if b <= s1]
    for m in sorted(names, key=lambda m: (m.start(), -m.end())):
        name = m.group()
        if name.split()[0] in ("Type", "SM", "HF", "Kh", "KN", "JL", "CJ", "YJ", "DF") and not re.search(r"\d", name):
            continue  # "Type" alone is a word, not a system
        if found and m.start() + s0 < found[-1][1]:
            continue
        # "DF-26 ballistic missile": take the modifiers and the noun that follow the name
        end = m.end()
        after = re.match(r"((?:\s+[A-Za-z-]+){0,3})", sentence[end:])
        words_after = after.group(1) if after else ""
        phrase_end = end
        for w in re.finditer(r"\s+([A-Za-z-]+)", words_after):
            word = w.group(1).casefold()
            if _WEAPON_NOUN.fullmatch(word) or word in ("system", "systems", "complex", "complexes"):
                phrase_end = end + w.end()
                break
            if word not in _MODIFIERS:
                break
        found.append((m.start() + s0, phrase_end + s0, sentence[m.start():phrase_end]))
    names_index = _Spans(found)
    nouns: list[tuple[int, int, str]] = []
    for m in _WEAPON_NOUN.finditer(sentence_low):
        start = m.start()
        # walk back over modifiers separated by plain spaces ("intercontinental ballistic missiles")
        for _ in range(5):
            head = sentence_low[max(0, start - 40):start]
            word = head.rstrip(" ")
            if len(word) == len(head):
                break
            word = word.rsplit(None, 1)[-1] if word.strip() else ""
            if word not in _MODIFIERS:
                break
            start -= len(head) - len(head.rstrip(" ")) + len(word)
        # and over a proper name before them ("Tien Kung III air defence missile")
        proper = _PROPER_BEFORE.search(sentence[max(0, start - 50):start])
        if proper and (start - len(proper.group()) > 0 or proper.group().split()[0] not in _DETERMINERS):
            first = proper.group().split()[0]
            if first not in _DETERMINERS and first.casefold() not in _CALENDAR:
                start -= len(proper.group())
        a, b = start + s0, m.end() + s0
        if _overlaps(names_index, a, b):
            continue
        nouns.append((a, b, sentence[start:m.end()]))
    # a numbered name said to reach or have a range: "while the Tien Kung III reaches 200 km"
    for m in _NUMBERED_NAME.finditer(sentence):
        a, b = m.start(1) + s0, m.end(1) + s0
        if not _overlaps(names_index, a, b) and not any(x < b and a < y for x, y, _ in nouns):
            nouns.append((a, b, m.group(1)))
    return sorted(found + nouns)


_DETERMINERS = {"The", "A", "An", "Its", "Their", "This", "These", "Those", "Our", "Her", "His", "Both", "Each", "All"}
_PROPER_BEFORE = re.compile(r"(?<![\w\-])(?:[A-Z][\w]*(?:-[\w]+)?[\s\-]){1,4}$")
_NUMBERED_NAME = re.compile(
    r"\b(?=[A-Z])((?!World\b|War\b|Block\b|Phase\b|Article\b|Chapter\b|Type\b|Level\b|Route\b)"
    r"[A-Z][a-z]+(?:[\s\-][A-Z][a-z]+){0,2}[\s\-](?:[IVX]{1,4}[A-Z]?|\d{1,3}[A-Z]?))"
    r"(?=\s+(?:reach(?:es|ed)?|can|could|has\s+an?\s+(?:\w+\s+)?range|flies|covers|is\s+(?:rated|credited)|"
    r"travels)\b|\s*,\s*with\s+an?\s+(?:\w+\s+)?range)")


def _overlaps(spans: _Spans, a: int, b: int) -> bool:
    """Whether ``[a, b)`` overlaps one of ``spans``."""
    i = bisect_right(spans.starts, b - 1) - 1
    return i >= 0 and spans.ends[i] > a


def _is_specific(phrase: str) -> bool:
    """Whether a weapon phrase names a system ("DF-26", "Tomahawk cruise
    missiles"), not just a class ("the missiles", "three-stage ICBM")."""
    return any(w[:1].isupper() and w.casefold().rstrip("s") not in _CLASS_WORDS or w[:1].isdigit()
               for w in phrase.split())


_ASIDE = re.compile(r",\s+(?:[a-z]+ed|which|who|that|with|like|such\s+as|including|aboard|on|by|an?\s+[a-z\-]+\s+of)\b")


def _in_aside(text: str, s0: int, weapon: tuple[int, int, str], start: int) -> bool:
    """Whether a weapon sits in an aside that closes before a distance at
    ``start``: "The missile, carried by MiG-31K interceptors based at X, has a
    range of ..." (an appositive, ", the Hwasong-16B, which ...", is no aside)."""
    comma = text.rfind(",", max(s0, weapon[0] - 80), weapon[0])
    return comma >= 0 and bool(_ASIDE.match(text, comma)) and "," in text[weapon[1]:start]


_WEAPON_REACH = 300  # characters: how far a range looks for its weapon within a sentence


def _weapon_for(text: str, s0: int, items: _Spans, start: int, end: int):
    """The weapon a distance belongs to: one named right after it as its
    adjective's noun ("a 2,000-km-range missile"), else the nearest before it
    (in its clause if there is one there), else the nearest after it."""
    for a, b, s in items.starting_within(end, end + 30):
        if re.fullmatch(r"[\s\-]*", text[end:a][:1] or " "):
            words = text[end:a].replace("-", " ").split()
            if all(w == "range" or w.casefold() in _MODIFIERS for w in words):
                return a, b, s
    before = items.ending_within(start - _WEAPON_REACH, start)[-8:]
    if before:
        # a weapon inside an aside that closes before the distance is not its subject:
        # "The missile, carried by MiG-31K interceptors based at X, has a range of ..."
        main = [w for w in before if not _in_aside(text, s0, w, start)]
        subject = _SUBJECT.match(text, s0, start)
        if not main and subject and _ASIDE.match(text, subject.end(1)):
            return None  # "The Toufan, a derivative of Iran's Ghadr, reaches ...": the subject's
        before = main or before
        same = [w for w in before if not _CLAUSE_BREAK_TEXT.search(text[w[1]:start])]
        return (same or before)[-1]
    after = items.starting_within(end, end + _WEAPON_REACH)
    return after[0] if after else None


# --------------------------------------------------------------------------- #
# years
# --------------------------------------------------------------------------- #
_YEAR = re.compile(
    r"\b(?:by|in|from|until|before|around|after|starting|through|within|for)\s+"
    r"(?:(?:fiscal\s+(?:year\s+)?)|(?:the\s+)?(?:(early|mid|late)[\s-]+)?)((?:19|20)\d\d)(s)?\b"
    r"|\b(?:in|within|over|during)\s+(the\s+next\s+decade|the\s+coming\s+decade|the\s+next\s+few\s+years)\b",
    re.IGNORECASE)


def _years(text: str, s0: int, s1: int) -> list[tuple[int, int, str]]:
    """(start, end, label) of the years and periods of a sentence ("by 2035", "the early 2030s")."""
    years = []
    for m in _YEAR.finditer(text, s0, s1):
        if m.group(4):
            label = m.group(4).lower().removeprefix("the ")
        else:
            label = (f"{m.group(1).lower()} " if m.group(1) else "") + m.group(2) + (m.group(3) or "")
        years.append((m.start(), m.end(), label))
    return years


def _year_for(years: list[tuple[int, int, str]], start: int, end: int, next_start: int) -> str | None:
    """The year of a range: the first after it (before the next range), else the last before it."""
    i = bisect_right([y[0] for y in years], end - 1)
    if i < len(years) and years[i][0] < next_start:
        return years[i][2]
    before = [y for y in years[:i] if y[1] <= start]
    return before[-1][2] if before else None


# --------------------------------------------------------------------------- #
# ranges: which distances are weapon ranges
# --------------------------------------------------------------------------- #
# strong: the wording itself says "weapon range"
_STRONG_BEFORE = re.compile(
    r"(?:(?<![-\w])(?:range[sd]?|radius|reach)\b|\bdistances?\s+of|\brated\s+at|\bout\s+to|\bfigure\s+(?:at|of|is|was)\b|\bcredited\s+with\b|"
    r"\bestimates?\s+(?:span|spans|vary|varies|run)\b|\bput\s+(?:the|its)\s+(?:maximum|max|upper\s+(?:limit|bound)|ceiling)\s+at\b|"
    r"\b(?:flying|flight|strike|striking|combat|engagement)\s+(?:distance|radius|range))[^.;!?]{0,40}$"
    r"|\breach(?:es|ing)?\s+(?:about|around|roughly|some|nearly|almost|up\s+to|over|more\s+than|beyond|well\s+over|"
    r"in\s+excess\s+of|~)?\s*['\"]?$")
# medium: a capability verb; needs a weapon in the sentence or in focus
_MEDIUM_BEFORE = re.compile(
    r"\b(?:reach(?:es|ing)?|fly|flies|travel(?:s)?|hit(?:s|ting)?|strike[s]?|striking|cover(?:s|ing)?|"
    r"exceed(?:s|ing)?|deliver(?:s|ing)?|carry(?:ing)?|capable\s+of\s+\w+ing|able\s+to\s+\w+|distance|"
    r"coverage|extend(?:s|ed|ing)?|(?:estimated|assessed|put|pegged|rated|reckoned|judged)\s+at|cite[sd]?|citing|quotes?|quoting|limited\s+to|capped\s+at|restricted\s+to|"
    r"(?:estimated|assessed|evaluated|judged|believed|considered|reckoned|thought)\s+(?:\S+\s+){0,5}?to\s+be)\b"
    r"[^.;!?]{0,40}$")
_STRIKE_AWAY = re.compile(
    r"\b(?:strike|striking|strikes|hit|hitting|hits|reach|reaching|reaches|target|targets|deliver\w*|carry\w*|"
    r"fire|fires|firing|engage\w*|intercept\w*)\b[^.;!?]{0,40}$")
# weak: the old cue list; needs a weapon in the same sentence
_RANGE_CUE = re.compile(
    r"\b(?:range[sd]?|reach(?:es|ing)?|strike[sd]?|striking|hit(?:s|ting)?|cover(?:s|ing)?|fly|flies|flying|"
    r"travel(?:s|l?ing)?|targets?|radius|capable|capability|distance|able\s+to|fire[sd]?|firing|launch(?:es|ed|ing)?|"
    r"deliver(?:s|ed|ing)?|carr(?:y|ies|ying)|rated|exceed(?:s|ing)?)\b|-range\b")
_CLAUSE_BREAK_TEXT = re.compile(r";|,\s*(?:while|whereas|but|and)\b|\bwhile\b")
_RANGE_AFTER = re.compile(r"\s*-?\s*(?:range|reach|envelope|strike\s+radius|radius)\b")
_PAST_FLIGHT = re.compile(r"\b(?:flew|flied|flying(?!\s+(?:distance|range|radius))|travell?ed|splashed|landed|fell|flight\s+(?:of|distance)|test(?:ed)?\s+flight|"
                          r"march(?:es|ed|ing)?|convoys?|drove|driven|"
                          r"covered|was\s+fired|were\s+fired)\b")
_SENSOR = re.compile(r"\b(?:radars?|sensors?|detect(?:s|ed|ing|ion)?|track(?:s|ing)?\s+(?:targets|aircraft|objects)|"
                     r"surveillance|early[\s\-]warning)\b")
_SENSOR_WEAPON = re.compile(r"\b(?:strike|striking|hit|hitting|engage\w*|intercept\w*|fire|firing|shoot\w*|missiles?|"
                            r"reach\w*|destroy\w*|attack\w*|weapons?)\b")
_CAPABILITY = re.compile(r"\b(?:can|could|capable|able|would|will|range)\b")
_ALTITUDE = re.compile(r"\b(?:altitudes?|apogees?|heights?|high(?!\s+(?:accuracy|precision|explosive|speed|value|alert|readiness|probability))|above\s+(?:the\s+)?(?:sea|ground|earth)|orbits?)\b")
_PLACE_DISTANCE_AFTER = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:away\b|from\b|off\b|of\s+(?:the\s+)?(?:coast|border|capital|city|island)|"
    r"(?:to\s+the\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?(?:\s+of\b|\b)|"
    r"inland\b|offshore\b|apart\b|long\b|wide\b|across\b|border\b|coastline\b|of\s+coastline)")
_REFERENCE_BEFORE = re.compile(r"\bdistance\s+(?:from|between)\b[^.;]{0,60}$|\b(?:lies|lie|located|situated)\b[^.;]{0,40}$")
_LIST_ITEM = re.compile(
    r"(?:[\u2022*+>]\s*|-\s+|\d{1,2}[.)]\s+)?(?P<head>[^\n:]{1,60}?)\s*(?::\s*|\s-\s*|-\s)"
    r"(?=(?:about|around|roughly|up\s+to|over|more\s+than|some|~)?\s*\d)", re.IGNORECASE)
# a bulleted item may describe before its figure ("- SM-6: anti-air/anti-ship, est. 370 km"), or
# take a comma for its separator ("- Predator Hawk, 300 km")
_BULLET_ITEM = re.compile(_LIST_ITEM.pattern.replace(
    r"(?=(?:about|around|roughly|up\s+to|over|more\s+than|some|~)?\s*\d)", r"(?=[^\n\d:]{0,30}?\d)").replace(
    r"(?::\s*|\s-\s*|-\s)", r"(?::\s*|\s-\s*|-\s|,\s+)"), re.IGNORECASE)
_LIST_DISTRACTOR = re.compile(r"\b(?:apogee|altitude|height|speed|flight|distance|length|weight|payload|test|cost|"
                              r"price|crew|diameter|ceiling|depth)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _ListItem:
    head_start: int
    head_end: int
    head: str
    body: int  # where the text after the separator starts


def _list_item(text: str, s0: int, s1: int, para_start: int) -> _ListItem | None:
    """The head of a list line ("• Fateh-110 - 300 km", "- Hwasong-18: 15,000km")."""
    bullet = text[s0] in "\u2022*+>-" or text[s0].isdigit() and text[s0 + 1:s0 + 3].strip()[:1] in (".", ")")
    if not bullet and not (s0 == para_start and s1 - s0 <= 70):
        return None
    m = (_BULLET_ITEM if bullet else _LIST_ITEM).match(text, s0, s1)
    if not m:
        return None
    head = m.group("head").strip(" \"'")
    if not head or len(head.split()) > 8:
        return None
    return _ListItem(m.start("head"), m.end("head"), head, m.end())


def _range_decision(text: str, low: str, s0: int, s1: int, d: Distance, weapons: _Spans, focus: str | None,
                    item: _ListItem | None) -> bool:
    """Whether the distance ``d`` in sentence ``text[s0:s1]`` is a weapon range
    (``low``: the text lower-cased, which the cue patterns read)."""
    before = low[max(s0, d.start - 60):d.start]
    after = low[d.end:min(s1, d.end + 60)]
    if _ALTITUDE.search(low, max(s0, d.start - 40), min(s1, d.end + 25)):
        return False
    if _PAST_FLIGHT.search(before) and not _CAPABILITY.search(before[-40:]):
        return False
    sensor = None
    for sensor in _SENSOR.finditer(before):  # noqa: B007 - the last one is wanted
        pass
    if sensor is not None and not _SENSOR_WEAPON.search(before, sensor.end()):
        return False  # "the radar can detect targets at ranges beyond 400 km": a sensor's range
    if item is not None and item.body <= d.start <= item.body + 35 and not _LIST_DISTRACTOR.search(item.head) and \
            not _LIST_DISTRACTOR.search(text, item.body, d.start) and not _PLACE_DISTANCE_AFTER.match(after) and \
            not re.search(r"\b(?:hit|struck|attacked|damaged)\b", low[item.body:d.start]):
        return True
    if _RANGE_AFTER.match(after) or "-range" in low[d.num_start:d.end + 8]:
        return True
    strong = bool(_STRONG_BEFORE.search(before))
    if not strong and "according to" in low[max(s0, d.start - 120):d.start]:
        # "The range of the complex, according to the words of Russian experts, is 5.5 thousand km"
        wide = re.sub(r",\s*according\s+to[^,]{0,80},", " ", low[max(s0, d.start - 160):d.start])
        strong = bool(_STRONG_BEFORE.search(wide[-60:]))
    if re.search(r"\b(?:which|that|it)\s+(?:is|lies|are|sits)\s+(?:located\s+|situated\s+)?(?:in|at)\s+(?:the\s+|a\s+)?distance\s+of\s+"
                 r"(?:about\s+|around\s+|some\s+|only\s+)?$", before):
        return False  # "the capital Tbilisi, which is in the distance of 100 km, is in the range"
    if strong and re.match(r"\s*from\s(?!\s*(?:its|the|their|a)\s+(?:launch|firing|launcher|base|position|platform|batter))", after) and re.search(r"\bdistances?\s+of\s+(?:about\s+|around\s+|some\s+)?$", before) and \
            not re.search(r"\b(?:engag\w*|strike[s]?|hit\w*|reach\w*|intercept\w*)\b", before):
        return False  # "is located in the distance of 1300 kilometers from our borders": how far a place is
    if strong and re.search(r"[A-Z][\w\-]+,\s*(?:(?:in|at)\s+(?:the\s+|a\s+)?distance\s+of\s+)?(?:(?:only|just|some|about|around|"
                            r"roughly|nearly|almost|less\s+than|more\s+than)\s+)*$", text[max(s0, d.start - 60):d.start]) and (
            re.match(r"\s*(?:from|away)\b", after) or re.search(r"distance\s+of\s+(?:\w+\s+)?$", before)):
        return False  # "Iskanders in Kaliningrad, 530 km from the German capital": how far the place is
    if _REFERENCE_BEFORE.search(before) and not strong:
        return False
    if re.match(r"\s*(?:\([^)]{0,40}\)\s*)?away\b", after):
        if re.search(r"[A-Z][\w\-]+,\s*(?:(?:only|just|some|about|around|roughly|barely|less\s+than|more\s+than|"
                     r"nearly|almost)\s+)*$", text[max(s0, d.start - 40):d.start]):
            return False  # "it could strike Kharkiv, only about 80 km away": how far the place is
        return bool(_STRIKE_AWAY.search(before))
    if _PLACE_DISTANCE_AFTER.match(after) and not strong:
        return False
    if strong:
        return True
    if weapons and _weapon_just_before(text, s0, d, weapons):
        return True  # "Khan missiles (280 km)", "the Shahed-136 is 2,500km", "Khorramshahr, at 2,000 km"
    if weapons and _weapon_just_after(text, d, weapons):
        return True  # "the 430 km LORA", "an 11,000 km missile": the distance is the weapon's adjective
    if (weapons or focus) and re.match(r"\s*-?\s*class\b", after):
        return True  # "the Agni-I, a 700 km-class weapon"
    if (weapons or focus) and re.match(r"[\s\-]+(?:range\s+)?(?:derivative|variant|version|development|upgrade|option|"
                                       r"capability|weapon|model)\b", after) and re.search(r"\b(?:an?|the|its)\s+$", before):
        return True  # "is a 1,000 km derivative of the Zolfaghar", "an 800 km version under test"
    if (weapons or focus) and re.match(r"\s+with\s+(?:a|an|the|its)\s+(?:[\w\-]+\s+){0,3}?(?:warhead|payload)\b", after) and \
            re.search(r"(?:[:;,]|\band)\s*(?:about|around|roughly|some|up\s+to)?\s*$", before):
        return True  # "officials: 600 km with the full warhead and about 3,000 km with a lighter payload"
    if (weapons or focus) and _MEDIUM_BEFORE.search(before):
        return True
    near = before[-80:] + " " + text[d.start:d.end] + " " + after
    return bool(weapons) and bool(_RANGE_CUE.search(near))


def _weapon_just_before(text: str, s0: int, d: Distance, weapons: _Spans) -> bool:
    for _a, b, _ in weapons.ending_within(d.start - 25, d.start):
        if re.fullmatch(r"(?:['\u2019]s)?\s*(?:\(|:|,?\s*(?:is|at|of|with)|-)?\s*['\"]?(?:(?:approx\.?|approximately|about|around|some|"
                        r"roughly|ca\.|c\.|est\.|estimated|up\s+to|over|more\s+than|nearly)\s*)?", text[b:d.start]):
            return True
    return False


def _weapon_just_after(text: str, d: Distance, weapons: _Spans) -> bool:
    for a, _b, _ in weapons.starting_within(d.end, d.end + 30):
        words = text[d.end:a].replace("-", " ").split()
        if text[d.end:d.end + 1] in " -" and all(w.casefold() in _MODIFIERS or w == "range" for w in words):
            return True
    return False


class _Spans:
    """Sorted, non-overlapping ``(start, end, text)`` spans (a sentence's
    weapons), indexed for lookups by position."""

    def __init__(self, items: list[tuple[int, int, str]]):
        self.items = items
        self.starts = [a for a, _, _ in items]
        self.ends = [b for _, b, _ in items]

    def __bool__(self) -> bool:
        return bool(self.items)

    def ending_within(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        return self.items[bisect_right(self.ends, lo - 1):bisect_right(self.ends, hi)]

    def starting_within(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        return self.items[bisect_right(self.starts, lo - 1):bisect_right(self.starts, hi)]


_SUBJECT = re.compile(r"['\"]?(?:The\s+)?([A-Z][\w\-']*(?:\s+[A-Z0-9][\w\-]*){0,3})(?=\s*,|\s+(?:is|has|can|could|will|"
                      r"would|was|reaches|flies|covers|travels|offers)\b)")


def _subject_name(text: str, s0: int, pos: int, gaz: _Gazetteer) -> str | None:
    """The name a sentence opens with, when it is no place ("The Toufan, a
    derivative of ..., reaches about 1,950 km"): the system a range belongs to."""
    m = _SUBJECT.match(text, s0, pos)
    if not m:
        return None
    name = m.group(1)
    if gaz.key(name) in gaz.known or name.casefold() in _CALENDAR or name in ("It", "They", "This", "These"):
        return None
    return name


def _ranges(cleaned: CleanText, low: str, s0: int, s1: int, weapon_list: list, memory: _Discourse,
            item: _ListItem | None, sentence: str, gaz: _Gazetteer) -> Iterator[tuple[Distance, RangeMention]]:
    """The weapon ranges of a sentence, each with its distance (cleaned offsets)."""
    clean = cleaned.text
    distances = _with_shared_units(clean, s0, list(find_distances(clean, s0, s1)))
    if not distances:
        return
    years = _years(clean, s0, s1)
    weapons = _Spans(weapon_list)
    kept: list[Distance] = []
    out: list[tuple[Distance, RangeMention, tuple[int, int, str] | None]] = []
    for k, d in enumerate(distances):
        if not _range_decision(clean, low, s0, s1, d, weapons, memory.focus, item):
            continue
        if kept and abs(kept[-1].km - d.km) <= 0.02 * max(kept[-1].km, d.km) and \
                re.fullmatch(r"\s*\(\s*(?:about|some|roughly|around|~)?\s*", clean[kept[-1].end:d.start]):
            continue  # "300 km (186 miles)": the same range in another unit
        nxt = distances[k + 1].start if k + 1 < len(distances) else s1
        w = _weapon_for(clean, s0, weapons, d.start, d.end)
        if item is not None and item.body <= d.start:
            # the item's head, without a note in parentheses ("Type 12 (upgraded)")
            head = re.sub(r"\s*\([^)]*\)", "", item.head).strip() or item.head
            system = head if not re.search(r"\brange\b", head, re.IGNORECASE) else memory.focus
        elif w is not None:
            system = re.sub(r"\s+", " ", w[2])
            if memory.focus and not _is_specific(w[2]) and _ANAPHORIC_BEFORE.search(clean, max(s0, w[0] - 8), w[0]):
                system = memory.focus  # "The battery could hit targets 300 km away": the one named before
        else:
            system = memory.focus or _subject_name(clean, s0, d.start, gaz)
            if system and memory.focus is None:
                memory.focus = system
        year = _year_for(years, d.start, d.end, nxt)
        quote, qs, qe = cleaned.original_quote(d.start, d.end)
        kept.append(d)
        out.append((d, RangeMention(km=d.km, km_min=d.km_min, qualifier=d.qualifier, quote=quote, start=qs, end=qe,
                                    system=system, year=year, sentence=sentence, unit=d.unit, value=d.value), w))
    if len(out) >= 2 and item is None:
        out = _respectively(clean, weapons, out)
    for d, r, _w in out:
        yield d, r


_FIGURES_JOINED = re.compile(r"\s*(?:,|and|,\s*and|or|&)\s*(?:about|around|roughly|some|up\s+to|nearly)?\s*")
_NAMES_JOINED = re.compile(r"\s*(?:,|and|,\s*and|&|/)\s*(?:the\s+)?")


_BARE_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?:,|,?\s*and|,?\s*or)\s+$")


def _with_shared_units(text: str, s0: int, distances: list[Distance]) -> list[Distance]:
    """"ranges of 13,000 and 15,000 km": a bare number joined to a distance shares its unit."""
    out: list[Distance] = []
    for d in distances:
        if d.km_min is None and d.value:
            m = _BARE_BEFORE.search(text, max(s0, d.num_start - 30), d.num_start)
            if m and not (out and out[-1].end > m.start(1)):
                value = float(m.group(1).replace(",", ""))
                if value >= 10:
                    out.append(replace(d, km=d.km * value / d.value, start=m.start(1), num_start=m.start(1),
                                       end=m.end(1), value=value))
        out.append(d)
    return out


def _respectively(text: str, weapons: _Spans, out: list) -> list:
    """"The DF-15 and DF-16, with ranges of 600 km and 800 km (respectively)":
    figures listed together after as many systems listed together go one to each."""
    first_w = out[0][2]
    if first_w is None or any(w != first_w for _, _, w in out):
        return out
    if not all(_FIGURES_JOINED.fullmatch(text, a.end, b.start) for (a, _, _), (b, _, _) in zip(out, out[1:])):
        return out
    named = [x for x in weapons.items if x[1] <= out[0][0].start and _is_specific(x[2])][-len(out):]
    if len(named) < len(out) or not all(_NAMES_JOINED.fullmatch(text, a[1], b[0]) for a, b in zip(named, named[1:])):
        return out
    return [(d, replace(r, system=re.sub(r"\s+", " ", n[2])), w) for (d, r, w), n in zip(out, named)]


# --------------------------------------------------------------------------- #
# places: finding names, and the guards
# --------------------------------------------------------------------------- #
_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:\w|-(?!(?:based|made|built|born|led)\b)|['’](?![sS]\b))*")
_CONNECTORS = {"of", "the", "de", "del", "da", "do", "al", "el", "upon", "and", "la", "le", "les", "los", "las", "di", "du",
               "des", "dos", "das", "y", "en", "sur", "am", "an", "der", "im", "bin", "ibn", "ul", "ud"}
# English words that are also place names: only places where context says so
COMMON_WORDS = {
    "mobile", "reading", "split", "nice", "of", "bath", "march", "may", "sale", "hull", "orange", "eagle",
    "independence", "liberty", "union", "concord", "progress", "hope", "unity", "delta", "aurora", "mission",
    "paradise", "normal", "commerce", "industry", "enterprise", "chance", "van", "batman", "bar", "bus", "ware",
    "wells", "deal", "rye", "street", "bury", "bend", "rock", "grand", "central", "gap", "tell", "sur", "ban",
    "bay", "long", "male", "man", "said", "sun", "mary", "salt", "best", "most", "police", "gent", "mold",
    "market", "sandy", "last", "resist", "space", "marine", "defense", "defence", "president", "can", "will",
    "mark", "case", "lead", "well", "lima", "cork", "derby", "kent", "essex", "buy", "date", "fear", "fort",
    "early", "late", "ocean", "sea", "city", "port", "island", "minister", "general", "ministry", "article",
    "many", "more", "much", "some", "via", "tours", "mach", "standard", "temple", "garden", "plain", "plains",
    "valley", "forest", "river", "lake", "north", "south", "east", "west", "center", "centre", "alliance",
    "pentagon", "kremlin", "white", "black", "red", "green", "gold", "silver", "young", "old", "new", "good",
    "great", "little", "big", "home", "life", "love", "peace", "war", "power", "energy", "force", "forces", "army",
    "navy", "air", "guard", "security", "strategy", "northern", "southern", "eastern", "western", "carnegie", "price",
}
# never places in this domain: "Mach 10", months and weekdays, news agencies
# words that open a sentence before a place: "Were Moscow to station ...", "Should Beijing ..."
_OPENERS = {"were", "was", "is", "are", "had", "has", "should", "would", "could", "will", "can", "did", "does", "do",
            "if", "when", "while", "after", "before", "from", "in", "at", "near", "for", "with", "by", "on", "as",
            "both", "only", "even", "since", "so", "then", "because", "though", "although", "unlike", "like",
            "unless", "until", "whether", "once", "besides", "beyond", "across", "inside", "outside", "around",
            "within", "toward", "towards", "against", "between", "including", "but", "and", "or", "nor", "yet",
            "also", "meanwhile", "however", "today", "yesterday", "here", "there", "now"}
_NEVER = {"mach", "of", "article", "military", "city", "station"}  # (the last: airport aliases in the data)
_CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
_AGENCIES = {
    "reuters", "ap", "afp", "upi", "xinhua", "yonhap", "kcna", "tass", "interfax", "ria", "novosti", "sputnik",
    "irna", "isna", "tasnim", "mehr", "anadolu", "kyodo", "jiji", "nhk", "cctv", "bernama", "antara", "pti", "ani",
    "bbc", "cnn", "bloomberg", "nikkei", "yomiuri", "asahi", "mainichi", "sankei", "haaretz", "ynet", "defence24",
}
_PLACE_NOUN_AFTER = re.compile(
    r"\s+(?:provinces?|regions?|count(?:y|ies)|districts?|prefectures?|oblast|krai|state|city|town|islands?|areas?|"
    r"bay|harbou?r|waters|shores?|airspace|mainland|coastline|border|capital|"
    r"governorates?|emirates?|cantons?|municipalit(?:y|ies)|"
    r"peninsulas?|coast|ports?|bases?|air\s+bases?|naval\s+bases?|airbases?|airfields?|airports?|test\s+ranges?|range|proving\s+grounds?|"
    r"(?:air|naval|research|space)\s+stations?|space\s+(?:cent(?:er|re)|port)|cosmodromes?|"
    r"training\s+(?:ground|area)s?|launch\s+sites?|test\s+sites?|sites?|reactors?|refiner(?:y|ies)|nuclear\s+(?:complex|site|facility|plant|reactor)|"
    r"(?:nuclear\s+)?power\s+(?:plants?|stations?)|(?:(?:oil|gas|fuel|export|lng|container|ammunition|storage)\s+)+"
    r"(?:terminals?|depots?|facilit(?:y|ies)|fields?|sites?)|terminals?|depots?|headquarters|barracks|dockyards?|"
    r"complex|facilit(?:y|ies)|plants?|shipyards?|garrisons?|military\s+district|cosmodrome|silo\s+fields?|division|brigade|"
    r"regiment|missile\s+(?:division|base|brigade)|approaches|exclave|enclave|outpost|coastal\s+areas?)\b", re.IGNORECASE)
_TEST_SITE_AFTER = re.compile(r"\s+(?:test\s+range|firing\s+range|range|proving\s+ground|test\s+site|launch\s+site|"
                              r"missile\s+range|test\s+centre|test\s+center)\b", re.IGNORECASE)
_LOCATIVE = {"in", "at", "near", "from", "to", "on", "into", "toward", "towards", "outside", "inside", "around",
             "across", "over", "reach", "reaching", "reaches", "strike", "hit", "hitting", "target", "targeting",
             "of", "via", "off", "between", "and", "including", "like", "such", "as", "or", "throughout", "under",
             "by", "beyond", "against", "cover", "covers", "threaten", "threatens"}
_AT_PLACE = {"in", "at", "near", "from", "around", "outside", "inside", "to", "toward", "towards"}
_VARIANT_AFTER = {"in", "at", "near", "from", "to", "around", "outside", "inside", "toward", "towards"}
# a noun before a small town that says it is a place ("the airdrome Chkalovsk", "the port of Baltiysk")
_FACILITY_BEFORE = {"airdrome", "aerodrome", "airfield", "airbase", "base", "island", "port", "city", "town", "village",
                    "district", "region", "province", "county", "oblast", "krai", "prefecture", "area", "garrison",
                    "outpost", "fortress", "harbour", "harbor", "towns", "cities", "villages", "ports", "islands",
                    "bases", "airfields", "provinces", "regions"}
_TITLES = {"president", "minister", "secretary", "mr", "mrs", "ms", "dr", "general", "gen", "admiral", "adm",
           "senator", "sen", "rep", "governor", "gov", "spokesman", "spokeswoman", "spokesperson", "chancellor",
           "premier", "king", "queen", "prince", "sir", "lord", "lady", "colonel", "col", "captain", "capt",
           "lieutenant", "lt", "commander", "chief", "director", "ambassador", "envoy", "judge", "justice", "pope",
           "saint", "analyst", "analysts", "expert", "professor", "prof", "researcher", "scholar", "commentator",
           "officer", "official", "sergeant", "sgt", "comrade", "chairman", "chairwoman", "journalist", "reporter",
           "correspondent", "editor", "lawmaker", "congressman", "congresswoman", "mp", "mayor", "deputy",
           "marshal", "brigadier", "major", "pilot", "author", "leader", "head", "founder", "ceo", "executive"}
_VESSELS = {"cruiser", "destroyer", "frigate", "corvette", "submarine", "carrier", "warship", "ship", "vessel",
            "boat", "tanker", "icebreaker", "cutter", "flagship", "freighter", "ferry", "trawler", "dhow", "yacht", "liner"}
_SHIP_PREFIXES = {"HMS", "USS", "HMAS", "HMCS", "HMNZS", "INS", "RFS", "ROKS", "JS", "TCG", "USNS", "PNS", "KRI",
                  "BRP", "ITS", "FS", "ESPS", "HNLMS", "SPS", "NRP", "HDMS", "HNoMS", "HSwMS", "CNS"}
_MEDIA = {"agency", "newspaper", "portal", "channel", "broadcaster", "outlet", "daily", "website", "magazine",
          "media", "tabloid", "journal", "weekly"}
# a person, ship or outlet name after its title word: no place inside it
_NAME_WORDS = _TITLES | _VESSELS | _MEDIA
_ORG_HEAD = {
    "industries", "industry", "force", "forces", "report", "army", "navy", "fleet", "corps", "guard", "guards",
    "command", "division", "agency", "institute", "institution", "university", "college", "academy", "ministry",
    "department", "office", "council", "commission", "committee", "party", "bureau", "endowment", "foundation",
    "center", "centre", "times", "post", "news", "daily", "herald", "tribune", "journal", "express", "gazette",
    "telegraph", "review", "monitor", "observer", "shimbun", "shibao", "ilbo", "corporation", "corp", "company",
    "group", "holdings", "aerospace", "systems", "dynamics", "technologies", "electronics", "motors", "airlines",
    "airways", "shipbuilding", "bank", "association", "society", "organization", "organisation", "authority",
    "administration", "service", "services", "police", "project", "program", "programme", "initiative",
    "network", "radio", "television", "tv", "broadcasting", "media", "press", "online", "club", "staff",
    "brigade", "regiment", "squadron", "wing", "battalion", "watch", "forum", "fund", "trust", "studies",
    "analytics", "intelligence", "research", "consultancy", "partners", "associates",
}
_ORG_AFTER = re.compile(r"\s+[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|of|for|and|the|&)){0,4}")
_MEDIA_AFTER = re.compile(r"\s+(?:news\s+agency|agency|newspaper|daily|broadcaster|news|reported|reports|said|says|"
                          r"state\s+news)\b")
_ATTRIBUTIVE_AFTER = re.compile(
    r"(?:-[A-Za-z]|\s+(?:naval|military|air|army|navy|marine|defen[cs]e|nuclear|missile|intelligence|"
    r"special|armed|strategic|government|official|officials|bases?|facilit(?:y|ies)|installations?|forces?|troops?|"
    r"soldiers|personnel|ships?|warships|carriers?|destroyers?|submarines?|assets|allies|ally|interests|"
    r"territory\s+of|embassy|envoy|president|administration|military|firms?|companies|company|makers?|"
    r"officials?|intelligence|sanctions|jets?|aircraft|planes?|drones?|missiles?|launchers?|systems?|"
    r"batter(?:y|ies)|weapons?|arsenal|deployments?|-made|-built|-led|-based)\b)")
_COUNTRY_ABBREV = {"U.S.": "USA", "US": "USA", "USA": "USA", "U.S.A.": "USA", "UK": "GBR", "U.K.": "GBR",
                   "UAE": "ARE", "DPRK": "PRK", "ROK": "KOR", "PRC": "CHN", "ROC": "TWN"}
#: Adjectives of nationality that name where targets lie ("could strike Indian
#: cities", "any Israeli city"); only before one of the nouns in _DEMONYM_HEAD.
_DEMONYMS = {
    "Afghan": "AFG", "Albanian": "ALB", "Algerian": "DZA", "Argentine": "ARG", "Armenian": "ARM", "Australian": "AUS",
    "Austrian": "AUT", "Azerbaijani": "AZE", "Azeri": "AZE", "Bahraini": "BHR", "Belarusian": "BLR", "Belgian": "BEL",
    "Brazilian": "BRA", "British": "GBR", "Bulgarian": "BGR", "Canadian": "CAN", "Chinese": "CHN", "Croatian": "HRV",
    "Cypriot": "CYP", "Czech": "CZE", "Danish": "DNK", "Dutch": "NLD", "Egyptian": "EGY", "Emirati": "ARE",
    "Eritrean": "ERI", "Estonian": "EST", "Ethiopian": "ETH", "Filipino": "PHL", "Finnish": "FIN", "French": "FRA",
    "Georgian": "GEO", "German": "DEU", "Greek": "GRC", "Hungarian": "HUN", "Indian": "IND", "Indonesian": "IDN",
    "Iranian": "IRN", "Iraqi": "IRQ", "Irish": "IRL", "Israeli": "ISR", "Italian": "ITA", "Japanese": "JPN",
    "Jordanian": "JOR", "Kazakh": "KAZ", "Kuwaiti": "KWT", "Latvian": "LVA", "Lebanese": "LBN", "Libyan": "LBY",
    "Lithuanian": "LTU", "Malaysian": "MYS", "Mexican": "MEX", "Moldovan": "MDA", "Mongolian": "MNG",
    "Moroccan": "MAR", "Norwegian": "NOR", "Omani": "OMN", "Pakistani": "PAK", "Palestinian": "PSE",
    "Philippine": "PHL", "Polish": "POL", "Portuguese": "PRT", "Qatari": "QAT", "Romanian": "ROU", "Russian": "RUS",
    "Saudi": "SAU", "Serbian": "SRB", "Singaporean": "SGP", "Slovak": "SVK", "Spanish": "ESP", "Sudanese": "SDN",
    "Swedish": "SWE", "Swiss": "CHE", "Syrian": "SYR", "Taiwanese": "TWN", "Thai": "THA", "Turkish": "TUR",
    "Ukrainian": "UKR", "Venezuelan": "VEN", "Vietnamese": "VNM", "Yemeni": "YEM",
    "North Korean": "PRK", "South Korean": "KOR", "American": "USA", "Zionist": "ISR",
}
#: Groups of countries named together ("the Baltic states").
_GROUPS = {"baltic": ("EST", "LVA", "LTU"), "baltics": ("EST", "LVA", "LTU")}
_GROUP_FIRST = {"Baltic", "Baltics"}
_GROUP = re.compile(r"(Baltics)\b|(Baltic)\s+(?:states|countries|capitals|republics|nations|members|allies)\b")
_DEMONYM_HEAD = re.compile(
    r"\s+(?:(?:major|key|big|large|main|coastal|border|frontline|front-line|military|naval|northern|southern|eastern|"
    r"western|central|strategic|industrial|population|densely\s+populated|populated)\s+)?"
    r"(?:cit(?:y|ies)|towns?|targets?|territory|territories|soil|mainland|capital|airfields?|air\s*bases|airports?|"
    r"ports?|harbou?rs?|refiner(?:y|ies)|infrastructure|centers|centres|heartland|interior|regions?|provinces?|"
    r"oil\s+(?:facilities|fields|installations)|energy\s+(?:facilities|infrastructure)|installations|"
    r"locations?|settlements?|land|coast(?:line)?|islands?|regime|entity|(?:launch|missile|nuclear|military)\s+sites|"
    r"facilities)\b")
# capitals beyond ASCII too: "Çanakkale", "Île Longue", "Łask", "Ørland", "İzmir"
_UPPER = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper())
_CAPWORD = re.compile(rf"(?<![\w'’\-])(?:[A-Z]\.){{2,}}|(?<![\w'’\-])[{_UPPER}](?:[\w]|-(?!(?:based|made|built|born|led)\b)|['’](?![sS]\b))*")
_SPAN_JUNK = re.compile(r"[^\w\s'’\-.]")
_DATELINE_AFTER = re.compile(r"(?:\s+[A-Z][A-Z.'\-]+){0,3}(?:,|\s*\(|\s+-|:)")
_COMMA_REGION = re.compile(r",\s+([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})")
_IN_REGION = re.compile(r"\s+in\s+(?:the\s+)?(?:(?:north|south|east|west)(?:east|west)?(?:ern)?\s+|central\s+)?"
                        r"([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})")
_FEATURE_OF = re.compile(r"\b(?:Gulf|Bay|Sea|Strait|Straits|Isle|Cape|Lake|Mount|Port|Gate|University|Battle|"
                         r"Treaty|Declaration|Programme|Program)\s+of\s+(?:the\s+)?$")
_TEST_SITE_BEFORE = re.compile(r"\b(?:test\s+range|firing\s+range|proving\s+ground|test\s+site|launch\s+site|"
                               r"missile\s+range)\s+(?:in|on|at|near)\s+(?:the\s+)?$", re.IGNORECASE)
_NICKNAME_AFTER = re.compile(r"\s*-?\s*(?:killer|express)\b", re.IGNORECASE)


@dataclass
class _Found:
    """A place found in a sentence (cleaned offsets) and what the later stages decide about it."""

    start: int
    end: int
    place: Place
    role: str = "other"
    attributive: bool = False  # names an owner ("U.S. bases", "Japan's fleet"): never a target
    nickname: bool = False  # "the Guam killer"
    demonym: bool = False  # "Indian cities": the country, by its adjective
    reference: bool = False  # a landmark: "300 km from Taiwan"
    weak: bool = False  # a small town not yet confirmed by its context
    possessive: bool = False
    locked: bool = False  # role set by a cue after the place or an override
    claim: str | None = None
    claim_start: int = -1


def _previous_word(text: str, lo: int, hi: int) -> tuple[str | None, str]:
    """The word before ``hi`` (possessive 's dropped) and what lies between them."""
    head = text[lo:hi]
    stripped = head.rstrip()
    parts = stripped.rsplit(None, 1)
    if not parts:
        return None, head
    word = parts[-1]
    tail_gap = head[len(stripped):]
    core = word.rstrip(",.;:!?\"'“”‘’()[]")
    if core[-2:] in ("'s", "’s"):
        core = core[:-2]
    core = core.lstrip("\"'“‘([")
    return (core or None), word[len(core):] + tail_gap if core else head


class _Gazetteer:
    """The gazetteer as the parser uses it: known names and a memoised lookup."""

    def __init__(self) -> None:
        from .gazetteer import first_words, known_names, lookup, normalize

        self._normalize = normalize
        self._keys: dict[str, str] = {}
        self.known = known_names()
        self.firsts = dict(first_words())  # a copy: raw words seen in this text are memoised into it
        self._lookup = lookup
        self._cache: dict[tuple[str, str | None], Place | None] = {}
        self.not_places: set[str] = set()  # names seen as a ship's or a person's
        self.context: tuple[str, ...] = ()  # the countries the text names, most named first
        self.orgs: set[str] = set()  # companies the text names ("Luch" of "Luch Design Bureau")

    def in_context(self, name: str) -> Place | None:
        """The place a name means in this text: among places of the same name, one
        in a country the text names wins over a small or alternately named place
        elsewhere ("Beas" in an article on India is in Punjab, not in Spain)."""
        place = self(name)
        if place is None or not self.context or place.country in self.context or place.kind not in ("city", "village"):
            return place
        if place.population >= 100_000 and self.key(place.name) == self.key(name):
            return place
        for iso3 in self.context:
            other = self(name, iso3)
            if other is not None and other.kind not in ("country", "region", "sea") and self.key(other.name) == self.key(name):
                return other
        return place

    def name_context(self, text: str) -> None:
        """Note the countries ``text`` names, by name, adjective or abbreviation (one linear pass)."""
        table = _country_words()
        counts: dict[str, int] = {}
        for m in _CAP_RUN.finditer(text):
            words = m.group().split()
            for i in range(len(words)):
                for n in range(min(4, len(words) - i), 0, -1):
                    iso3 = table.get(" ".join(words[i:i + n]).strip("'’s").casefold())
                    if iso3:
                        counts[iso3] = counts.get(iso3, 0) + 1
                        break
        self.context = tuple(sorted(counts, key=lambda c: -counts[c]))[:6]

    def __call__(self, name: str, country: str | None = None) -> Place | None:
        key = (name, country)
        if key not in self._cache:
            try:
                self._cache[key] = self._lookup(name, country=country) if country else self._lookup(name)
            except LookupError:
                self._cache[key] = None
        return self._cache[key]

    def key(self, name: str) -> str:
        """The normalised key of a name (memoised: the same words recur)."""
        k = self._keys.get(name)
        if k is None:
            k = self._keys[name] = self._normalize(name)
        return k

    def country(self, iso3: str) -> Place | None:
        from .geodata import country_names

        name = country_names().get(iso3)
        return self(name) if name else None


_CAP_RUN = re.compile(r"(?<![\w\-])[A-Z][\w'’.\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.\-]*)*")


@functools.cache
def _country_words() -> dict[str, str]:
    """Lower-cased country names, adjectives and abbreviations -> ISO alpha-3."""
    from .geodata import country_names

    table = {name.casefold(): iso3 for iso3, name in country_names().items()}
    table.update({w.casefold(): iso3 for w, iso3 in _DEMONYMS.items()})
    table.update({w.casefold(): iso3 for w, iso3 in _COUNTRY_ABBREV.items() if len(w) > 2})
    return table


def _in_name(text: str, s0: int, ws: int) -> bool:
    """Whether the word at ``ws`` belongs to a name after a title, vessel or
    outlet word: "analyst Madison Price", "the cruiser Nanchang", "agency Mehr"."""
    words = text[max(s0, ws - 60):ws].split()
    for _ in range(3):
        if not words:
            return False
        word = words.pop().strip("\"'(")
        if word in _SHIP_PREFIXES or word.casefold().rstrip(".") in _NAME_WORDS:
            return True
        if not word[:1].isupper() or word[-1:] in ",;:":
            return False
    return False


def _place_mentions(text: str, s0: int, s1: int, gaz: _Gazetteer, skip: tuple[int, int] | None) -> list[_Found]:
    """Greedy longest matches of gazetteer names starting at capitalised words,
    with the non-place guards applied.

    Only a capitalised word that begins some known name is looked at further,
    with a short window of the words after it; the work per sentence is linear.
    """
    out: list[_Found] = []
    pos = s0
    for cap in _CAPWORD.finditer(text, s0, s1):
        ws = cap.start()
        word = cap.group()
        if ws < pos or word in ("The", "A", "An"):
            continue
        if skip and skip[0] <= ws < skip[1] and not re.search(r"\b(?:from|at|in|near)\s+(?:the\s+)?$", text[max(s0, ws - 12):ws]):
            continue  # (but "Kh-31A (from El Libertador Air Base): 50 km" names where it flies from)
        group = _GROUP.match(text, ws, s1) if word in _GROUP_FIRST else None
        if group:
            # "all three Baltic capitals", "the Baltic states": each country of the group
            for iso3 in _GROUPS[(group.group(1) or group.group(2)).casefold()]:
                member = gaz.country(iso3)
                if member is not None:
                    named = _Found(ws, group.end(), member)
                    named.demonym = True
                    out.append(named)
            pos = group.end()
            continue
        two = _DEMONYMS.get(text[ws:ws + 12].split(" ", 2)[0] + " " + text[ws:ws + 30].split()[1]) \
            if word in ("North", "South") and " " in text[ws:ws + 12] else None
        demonym = two or _DEMONYMS.get(word)
        if demonym:
            d_end = ws + len(word) if not two else text.index("orean", ws) + 5
            head = _DEMONYM_HEAD.match(text, d_end, s1)
            place = gaz.country(demonym) if head else None
            if head and word != "Zionist" and re.match(r"\s+(?:in|on|at|inside|near)\s+(?:the\s+)?(?:occupied\s+)?[A-Z]",
                                                        text[head.end():head.end() + 30]):
                place = None  # "Russian targets in occupied Crimea": whose, not where
            if head and place is not None and (word != "Zionist" or head.group().strip() in ("regime", "entity")):
                named = _Found(ws, head.end(), place)
                named.demonym = word != "Zionist"
                out.append(named)
                pos = named.end
                continue
        abbrev = _COUNTRY_ABBREV.get(word)
        if abbrev:
            found = _abbreviation(text, s0, s1, cap.start(), cap.end(), abbrev, gaz)
            if found is not None:
                out.append(found)
            pos = cap.end()
            continue
        most = gaz.firsts.get(word)
        if most is None:
            most = gaz.firsts[word] = gaz.firsts.get(gaz.key(word).split(" ")[0], 0)
        if not most:
            variant = _variant(text, s0, s1, ws, cap.end(), word, gaz)
            if variant is not None:
                out.append(variant)
                pos = cap.end()
            continue
        if most == 1:
            nxt_m = _WORD.search(text, cap.end(), min(s1, cap.end() + 40))
            words = [(ws, cap.end(), word)] + ([(nxt_m.start(), nxt_m.end(), nxt_m.group())] if nxt_m else [])
        else:
            words = [(m.start(), m.end(), m.group()) for m in islice(_WORD.finditer(text, ws, min(s1, ws + 80)), most + 1)]
        match = None
        for length in range(min(most, len(words)), 0, -1):
            if not _name_word(words[length - 1][2], inner=length > 1):
                continue
            span_text = text[ws:words[length - 1][1]]
            if len(span_text) > 60 or _SPAN_JUNK.search(span_text):
                continue
            if length > 1 and any(not _name_word(x[2], inner=True) and x[2].casefold() not in _CONNECTORS
                                  for x in words[:length]):
                continue
            if gaz.key(span_text) in gaz.known:
                match = (length, span_text)
                break
        if match is None:
            variant = _variant(text, s0, s1, ws, cap.end(), word, gaz)
            if variant is not None:
                out.append(variant)
                pos = cap.end()
            continue
        length, span_text = match
        end = words[length - 1][1]
        pos = end
        found = _accept(text, s0, s1, ws, end, span_text, length, words[length][2] if length < len(words) else None, gaz)
        if found is not None:
            out.append(found)
    _confirm_weak(text, out)
    return [f for f in out if not f.weak]


def _variant(text: str, s0: int, s1: int, ws: int, end: int, word: str, gaz: _Gazetteer) -> _Found | None:
    """Not a known spelling, but maybe a variant the gazetteer folds ("Starokostiantyniv",
    "Hodeidah"), after a word that introduces a place."""
    if len(word) >= 5 and word[1:].islower() and \
            (_previous_word(text, max(s0, ws - 20), ws)[0] or "").casefold() in _VARIANT_PREVIOUS:
        return _accept(text, s0, s1, ws, end, word, 1, None, gaz)
    return None


_VARIANT_PREVIOUS = _VARIANT_AFTER | {"of"}  # "the port of Hodeidah"
_FEATURE_WORDS = frozenset(
    ["air", "base", "naval", "airbase", "airfield", "airport", "island", "islands", "peninsula", "strait", "sea", "bay", "gulf", "mountains", "province", "region", "county", "oblast", "krai", "prefecture", "state", "district", "test", "range", "reef", "atoll", "lake", "river", "valley", "desert", "plateau", "cape", "launch", "site", "station", "centre", "center", "complex", "area", "territory"])


# capitalised words after a place that continue a name or describe it, not a surname
_PLACE_NOUNS = frozenset(
    ["canal", "river", "dam", "lagoon", "reservoir", "harbor", "harbour", "port", "coast", "shoal", "reef", "oblast",
     "krai", "governorate", "city", "county", "valley", "basin", "peninsula", "hills", "heights", "plain", "front",
     "sector", "satellite", "launching", "space", "testing", "missile", "nuclear", "military", "proving", "ground",
     "cosmodrome", "spaceport", "refinery", "plant", "facility", "garrison", "camp", "fort", "barracks", "depot",
     "arsenal", "shipyard", "dockyard", "naval", "airfield", "aerodrome", "heliport", "pass", "gap", "corridor",
     "line", "border", "frontier", "zone", "district", "municipality", "prefecture", "province", "region", "state",
     "territory", "islands", "island", "isle", "atoll", "archipelago", "strait", "straits", "channel", "sound", "sea",
     "ocean", "gulf", "bay", "lake", "mountains", "mountain", "mount", "plateau", "desert", "steppe", "forest",
     "metropolitan", "metro", "international", "airport", "station", "terminal", "bridge", "tunnel", "square",
     "palace", "tower", "center", "centre", "park", "south", "north", "east", "west", "old", "new", "upper", "lower",
     "greater", "central", "airbase", "base", "ridge", "cape", "point", "head", "delta", "estuary", "fjord",
     "bight", "lowlands", "highlands", "uplands", "marshes", "flats", "springs", "falls", "beach", "bluff"])
_PARTICLE = re.compile(r"[a-z]{1,3}-[A-Z]")


def _name_word(word: str, *, inner: bool = False) -> bool:
    """A word that can be part of a place name: capitalised, a particle glued to
    one ("el-Mandeb"), or (``inner``: after the first word) a generic feature
    word ("Ramat David air base", "Kangwon province")."""
    return word[:1].isupper() or inner and word in _FEATURE_WORDS or "-" in word[1:4] and bool(_PARTICLE.match(word))


def _abbreviation(text: str, s0: int, s1: int, start: int, end: int, iso3: str, gaz: _Gazetteer) -> _Found | None:
    """"U.S.", "UK", "UAE": a country when used as a noun ("reach the U.S."), nothing
    when it names an owner ("U.S. bases", "US Army")."""
    after = text[end:min(s1, end + 40)]
    if _ATTRIBUTIVE_AFTER.match(after) or re.match(r"\s+[A-Z][a-z]", after) or after.startswith(("-", "$")):
        return None  # ... "US$200 million": a currency
    if re.search(r"[A-Z][\w&\-]*\s+$", text[max(s0, start - 20):start]) and text[s0:start].strip():
        return None  # "MBDA UK": part of a company's name
    place = gaz.country(iso3)
    return _Found(start, end, place) if place is not None else None


_TREATY_AFTER = re.compile(r"(?:\s*(?:,|and|&)\s*[A-Z][\w\-]*)*\s+(?:peace\s+)?(?:treat(?:y|ies)|accords?|agreements?|"
                           r"protocols?|conventions?|declarations?|communiqu[eé]s?)\b")
#: arms makers, some named like towns ("Kongsberg"); one list for the guards that use them
_MAKER_NAMES = ("Lockheed Martin", "Boeing", "Raytheon", "RTX", "BAE Systems", "Thales", "Airbus", "MBDA", "Rafael", "Saab",
                "Kongsberg", "Hanwha", "Northrop Grumman", "General Dynamics", "Leonardo", "Rheinmetall", "Roketsan", "Aselsan",
                "Elbit", "Diehl", "KNDS", "Naval Group", "Fincantieri", "L3Harris", "Avibras", "Denel", "Nammo")
# a maker's name just before ("Lockheed Martin Australia", "Hanwha Aerospace Australia")
_MAKER_WORDS = re.compile(r"\b(?:" + "|".join(n.replace(" ", r"\s+") for n in _MAKER_NAMES) + r")(?:\s+\w+)?\s+$")


def _is_country_name(name: str) -> bool:
    """Whether ``name`` is a country's name (as the gazetteer spells it or an adjective-free alternate)."""
    return name.casefold() in _country_words() and name[:1].isupper() and name not in _DEMONYMS


_VESSEL_NAME = re.compile(r"\b(?:" + "|".join(sorted(_VESSELS - {"ship", "boat", "carrier", "vessel"})) +
                          r")\s+(?:the\s+)?([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)\b(?!\s+(?:class|Class|-class))")
_MAKERS = frozenset(n.split()[0] for n in _MAKER_NAMES) - {"General", "Naval"}  # first words, as a name starts
_ORG_NAME = re.compile(r"\b([A-Z][\w\-]+)\s+(?:Design\s+Bureau|Aerospace|Industries|Corporation|Systems|Dynamics|Group|"
                       r"Holdings?|Company|Works|Shipyard|Defen[cs]e\s+Industries|Machine-Building)\b")
_SEATS = frozenset(["White House", "Kremlin", "Pentagon", "Blue House", "Elysee", "Élysée", "Quai d'Orsay", "Bundestag"])
_MADE_BY = re.compile(r"\b(?:built|made|produced|manufactured|supplied|developed|designed|assembled|delivered)\s+"
                      r"(?:\w+\s+)?by\s+(?:[A-Z][\w\-]*\s+){0,2}$")


def _accept(text: str, s0: int, s1: int, ws: int, end: int, span_text: str, length: int, nxt: str | None,
            gaz: _Gazetteer) -> _Found | None:
    """The place at ``text[ws:end]`` if its context allows it, else None."""
    key = span_text.casefold()
    if span_text in gaz.not_places:
        return None  # "The Nanchang, commissioned in 2020": the ship named before
    if _in_name(text, s0, ws):
        gaz.not_places.add(span_text)
        return None  # "analyst Madison Price", "the cruiser Nanchang", "agency Mehr"
    of_org = re.search(r"\b([A-Z][a-z]+)\s+of\s+(?:the\s+)?$", text[max(s0, ws - 30):ws])
    if of_org and of_org.group(1).casefold() in _ORG_HEAD:
        return None  # "Armed Forces of the Philippines", "Ministry of Defence of Japan"
    if length == 1 and nxt and nxt[:1].isupper() and not nxt.isupper() and re.match(r" [A-Z][a-z]", text[end:end + 3]) \
            and not gaz.firsts.get(nxt) and nxt.casefold() not in _FEATURE_WORDS | _PLACE_NOUNS \
            and nxt.casefold() not in _ORG_HEAD and not _WEAPON_NOUN.fullmatch(nxt.casefold()) \
            and nxt.casefold() not in _CALENDAR:
        gaz.not_places.add(nxt)
        return None  # "Kingston Reif", "Van Jackson": a person's first name
    prev, gap = _previous_word(text, max(s0, ws - 40), ws)
    sentence_start = not text[s0:ws].strip(" \"'“‘(\u2022*-") or \
        bool(re.fullmatch(r"[A-Z][A-Z .'\-]*/", text[s0:ws]))  # a joint dateline: "NEW DELHI/ISLAMABAD, May 10"
    after = text[end:min(s1, end + 60)]
    prev_key = prev.casefold().rstrip(".") if prev else ""
    if key in _NEVER or key in _CALENDAR:
        return None
    if " of " in text[max(s0, ws - 9):ws] and _FEATURE_OF.search(text, max(s0, ws - 25), ws):
        return None  # "the Gulf of Riga": a feature the gazetteer does not know, not the city
    if key in _AGENCIES and not _PLACE_NOUN_AFTER.match(after):
        return None
    if span_text.isupper() and len(span_text) > 1 and "." not in span_text:
        # an acronym ("NATO", "IRNA") is a place only as a dateline ("SEOUL, Aug 3")
        if not (sentence_start and (_DATELINE_AFTER.match(after) or re.match(r"/[A-Z]{3}", after))):
            return None
    owner = _DEMONYMS.get(prev) if prev and not gap.strip() else None  # "Indian Punjab": the Punjab in India
    if prev and gap.strip() in ("'s", "\u2019s") and _is_country_name(prev):
        owner = _country_words()[prev.casefold()]  # "Pakistan's Punjab": the Punjab in Pakistan
    # person names: "Lloyd Austin", "President Biden", "... Austin said"
    if prev and prev[:1].isupper() and not sentence_start and prev.casefold() not in _CONNECTORS and not owner and \
            not (prev_key in _OPENERS and not text[s0:max(s0, ws - len(prev) - 1)].strip(" \"'“‘(\u2022*-")):
        if gap.strip() == "" and gaz(prev) is None and prev_key not in _CALENDAR:
            return None
        if gap.strip() == "" and length == 1 and nxt and nxt[:1].isupper() and re.match(r"\s+[A-Z]", after):
            return None  # "Leningrad Military District": a word inside a longer name
    nxt_key = nxt.casefold() if nxt else ""
    if nxt and nxt_key in ("said", "says", "told", "added", "stressed", "noted", "announced", "argued", "warned",
                           "explained", "wrote", "asked", "replied", "insisted", "confirmed", "declared",
                           "emphasized", "emphasised"):
        place = gaz(span_text)
        if place is not None and place.kind == "city" and (length == 1 or place.population < 50_000):
            return None  # "Austin said", "..., Pedro Sanchez, said"; "Pyongyang said" is the government
    if re.search(r"\b(?:its|their|our|his|her)\s+$", text[max(s0, ws - 7):ws]) and \
            re.match(r"(?:\s+[a-z\-]+){0,3}\s+(?:programmes?|programs?|projects?|initiative|plan|doctrine)\b", after):
        return None  # "as part of its Wisla air defence programme": a programme's name
    if gaz.orgs:
        partners = (re.search(r"\b([A-Z][\w\-]+)\s+(?:and|&)\s+$", text[max(s0, ws - 30):ws]),
                    re.match(r"\s+(?:and|&)\s+([A-Z][\w\-]+)", after))
        if any(m is not None and m.group(1) in gaz.orgs for m in partners):
            return None  # "shared between Luch and Artem", "Huta Stalowa Wola and Hanwha Aerospace": a company's partner
    if span_text in _MAKERS and prev_key not in _LOCATIVE:
        return None  # "Kongsberg has delivered the final launchers": the company
    if _TREATY_AFTER.match(after):
        return None  # "the Lausanne and Paris treaties", "the Minsk agreements": a document's name
    if _is_country_name(span_text) and _MAKER_WORDS.search(text, max(s0, ws - 40), ws):
        return None  # "Lockheed Martin Australia will supply": a company's national arm
    if span_text in _SEATS and re.search(r"\bthe\s+$", text[max(s0, ws - 5):ws], re.IGNORECASE):
        return None  # "the White House said": a government, not a place
    if _MADE_BY.search(text, max(s0, ws - 60), ws):
        return None  # "to be partly built by Huta Stalowa Wola": a maker
    if re.match(r"\s+(?:\d+x\d+|chassis|trucks?|lorr(?:y|ies)|trailers?)\b", after, re.IGNORECASE):
        return None  # "Chunmoo on Jelcz 8x8 chassis": a truck maker
    if nxt and length == 1 and re.match(r"[ \t]+\w", after) and (_WEAPON_NOUN.fullmatch(nxt) or nxt_key in _MODIFIERS and
                                re.match(r"(?:\s+[\w\-]+){0,2}?\s+" + _WEAPON_NOUN.pattern, after, re.IGNORECASE)):
        return None  # "Khorramshahr missile", "Paveh land-attack cruise missile" name a weapon
    org = _ORG_AFTER.match(text, end, s1)
    if org:
        words = org.group().split()
        caps = [w for w in words if w[:1].isupper()]
        if caps and any(w.casefold().strip(".,") in _ORG_HEAD for w in caps[:5]):
            return None  # "Israel Aerospace Industries", "Northern Fleet", "China Military Power Report"
    if key in _AGENCIES and _MEDIA_AFTER.match(after):
        return None
    if re.match(r"\)\s*-", after) and text[ws - 1:ws] == "(":
        return None  # "Beijing (Xinhua) -- ...": the agency of a dateline
    if _SYSTEM_NAME.fullmatch(span_text) and prev_key not in ("in", "at", "near", "from", "to", "of", "around"):
        return None  # "the Sejjil and Khorramshahr": a missile
    # the region or country named with it picks among same-named places:
    # "Camden, Arkansas", "Sinop, Turkey", "Brest in Belarus", "Edinburgh in South Australia"
    region = _COMMA_REGION.match(after) if after[:1] == "," else _IN_REGION.match(after) if " in " in after[:4] else None
    place = gaz(f"{span_text}, {region.group(1)}") if region else None
    confirmed = place is not None
    if key in COMMON_WORDS:
        if sentence_start or not prev or prev_key not in _LOCATIVE:
            if not confirmed:
                return None
    if span_text == "Palestine" and re.search(r"\boccupied\s+$", text[max(s0, ws - 10):ws]):
        place = gaz.country("ISR")  # "occupied Palestine" in Iranian and Houthi statements: Israel
    if place is None and owner:
        place = gaz(span_text, owner)
    if place is None:
        place = gaz.in_context(span_text)
    if place is None:
        return None
    found = _Found(ws, end, place)
    found.possessive = text[end:end + 2] in ("'s", "’s")
    found.nickname = bool(_NICKNAME_AFTER.match(after))
    if place.kind == "country" and not found.possessive and _ATTRIBUTIVE_AFTER.match(after) and not \
            re.match(r"\s+(?:territory|mainland)\b(?!\s+of)", after):
        found.attributive = True
    # small towns named like ordinary capitalised words need their context
    if length == 1 and place.kind == "city" and place.population < 100_000 and not confirmed:
        locative = bool(prev) and (prev_key in _LOCATIVE or prev_key in _FACILITY_BEFORE) and not sentence_start
        if not locative and not _PLACE_NOUN_AFTER.match(after) and place.country not in gaz.context:
            found.weak = True  # (a town in a country the text names needs no more: "Eilat and much of southern Israel")
    return found


_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+(?:[\w\-]+\s+){0,3}?(?:city|town|port|capital|village|base|home|seat|"
                         r"hub|garrison\s+town|regional\s+capital|naval\s+base|air\s+base)\b")


def _confirm_weak(text: str, found: list[_Found]) -> None:
    """A small town listed with a confirmed place is a place ("Yumen, Hami and Ordos")."""
    for i, f in enumerate(found):
        if not f.weak:
            continue
        if _APPOSITION.match(text, f.end):
            f.weak = False  # "Bodø, the main city of Nordland county"
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(found) and not found[j].weak:
                a, b = (found[j], f) if j < i else (f, found[j])
                if re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or|&)\s*", text[a.end:b.start]):
                    f.weak = False
                    break


# --------------------------------------------------------------------------- #
# roles
# --------------------------------------------------------------------------- #
#: The role lexicon: for each kind of cue, the word patterns (lower case,
#: regular-expression fragments) that make it. "basing" and "target" decide a
#: role directly; "launch" verbs by their preposition (fired *from* / *at*);
#: "from" is a launch origin in a weapon context; "unit" nouns ("batteries
#: near", "bases in") give basing unless a target verb governs them;
#: "reference", "except" and "production" make a place "other".
ROLE_LEXICON: dict[str, tuple[str, ...]] = {
    "basing": (
        r"(?:re|forward-)?deploy(?:s|ed|ing|ments?)?", r"station(?:ed|ing)", r"(?:to|will|would|plans\s+to)\s+station", r"stations\s+(?=its|their|the|some|more|\d)", r"based", r"basing",
        r"concentrated", r"massed", r"arrayed", r"emplaced", r"located", r"sited", r"docked", r"arriv(?:e|es|ed|ing)\s+(?:in|at)", r"call(?:s|ed|ing)?\s+at", r"port\s+calls?\s+(?:at|in)",
        r"(?:spotted|seen|sighted|photographed|observed|identified|located)\s+(?:\S+\s+){0,2}?(?:at|in|near|on)",
        r"(?:brigade|base|garrison|deployment|launch|unit)\s+(?:locations?|sites?|areas?)\s+(?:include|includes|including|are)",
        r"(?:basing|bases|locations|deployments?|deployed\s+at|garrisons)\s*:",
        r"field(?:ed|ing)", r"to\s+field", r"garrison(?:s|ed)?", r"position(?:ed|ing)", r"install(?:s|ed|ing)",
        r"host(?:s|ed|ing)?", r"stor(?:e|es|ed|ing)", r"park(?:s|ed|ing)", r"kept", r"stay(?:s|ed)?",
        r"stands?\s+(?:in|at)", r"stand(?:s|ing)?\s+up\s+(?:at|in|on)", r"(?:frigates?|warships?|ships?|vessels?|submarines?|destroyers?|cruisers?)\s+(?:\S+\s+){0,2}?visit(?:s|ed|ing)", r"reinforc(?:e|es|ed|ing)", r"(?:(?<=while\s)|(?<=and\s)|(?<=whereas\s))those\s+(?:in|at|on|near)", r"return(?:s|ed|ing)?\s+to", r"(?:re)?assign(?:ed|s)?\s+to", r"maintain(?:s|ed|ing)?", r"militari[sz](?:ation|ed|es|ing|e)(?:\s+of)?", r"remain(?:s|ed|ing)?\s+(?:deployed\s+|stationed\s+|based\s+)?(?:at|in|on)", r"commission(?:s|ed|ing)", r"dispers(?:e|es|ed|ing)", r"hidden", r"housed",
        r"(?<!take\s)(?<!takes\s)(?<!took\s)(?<!taking\s)(?<!taken\s)"
        r"(?:placed?|placing|puts?|putting)(?!(?:\s+\S+){0,10}?\s+at\s+risk\b)(?![^.;]{0,200}?\bwithin\s+(?:striking\s+|easy\s+)?(?:range|reach)\b)\s+(?:\S+\s+){0,6}?(?:in|at|on|near|inside|under)",
        r"(?:mov(?:e|es|ed|ing)|transfer(?:s|red|ring)?|deliver(?:s|ed|ing|y|ies)?|sen[dt]|sending|brought|airlift(?:s|ed|ing)?|"
        r"flown|ship(?:s|ped|ping)|transport(?:s|ed|ing)?|"
        r"bring(?:s|ing)?|relocat(?:e|es|ed|ing)|rotat(?:e|es|ed|ing))\s+(?:[^\s,;:]+\s+){0,8}?(?:to|into)",
        r"go(?:es|ing)?\s+to", r"operat(?:e|es|ed|ing)\s+(?:out\s+)?(?:from|of)", r"sail(?:s|ed|ing)?\s+from",
        r"test(?:-fired|-launched|ed|ing)?\s+at", r"(?:tested|test-fired|test-launched|flight-tested)\s+(?:in(?!\s+the\s+direction)|from|off)", r"home-?port(?:s|ed)?(?:\s+(?:at|in))?", r"moored", r"berthed",
        r"headquartered", r"based\s+out\s+of", r"(?:rais|form|establish|creat|activat)ed\s+(?:in|at|on)",
        r"set\s+up\s+(?:in|at|on)", r"(?:test-?fir(?:e|ing)|test\s+launch|launch|firing|test)\s+(?:was|were|has\s+been|had\s+been)\s+"
        r"(?:conducted|carried\s+out|held|made|performed|staged)\s+(?:in|at|from|near|on)", r"(?:initial|full)\s+operat(?:ing|ional)\s+capability\s+(?:at|in|on)",
        r"(?:became|become|becomes|went|go|goes|declared)\s+operational\s+(?:at|in|on)", r"stag(?:e|es|ed|ing)\s+(?:through|from|out\s+of|at)",
        r"(?:put|placed|entered|taken)\s+on\s+(?:the\s+)?combat\s+duty\s+(?:\S+\s+){0,4}?(?:in|at|on|near)", r"(?:took|take|takes|taking|taken)\s+delivery\s+of\s+(?:\S+\s+){0,6}?(?:in|at)",
    ),
    "target": (
        r"(?:strikes?|attacks?)\s+(?:\S+\s+){0,6}?(?:was|were|has\s+been|have\s+been)\s+(?:made|carried\s+out|launched|delivered|conducted)\s+(?:on|at|against)",
        r"reach(?:es|ed|ing)?", r"strikes?\s+(?:on|against)", r"engag(?:e|es|ed|ing)", r"strike[s]?", r"struck", r"striking",
        r"hit(?:s|ting)?", r"target(?:s|ed|ing)?", r"shell(?:ed|ing)", r"bomb(?:ed|ing)", r"threaten(?:s|ed|ing)?", r"cover(?:s|ed|ing)?",
        r"coverage\s+(?:of|to)", r"coverage\s*:", r"targets?\s*:", r"(?:also\s+)?(?:exposed|vulnerable|threatened|in\s+reach)\s*:", r"in\s+range\s*:", r"attack(?:ed|ing)?", r"destroy(?:s|ed|ing)?", r"hold(?:s|ing)?(?=\s+(?:\S+\s+){0,10}?at\s+risk)", r"(?:plac(?:e|es|ed|ing)|puts?|putting)(?=\s+(?:\S+\s+){0,10}?at\s+risk)",
        r"aim(?:s|ed|ing)?\s+(?:at|to)", r"threats?['\u2019\"\u201d]?\s+to", r"(?:falling|fell|fall|falls|landed|landing|crashed|crashing)\s+(?:on|onto)",
        r"(?:coverage|reach|range)\s+(?:would\s+|could\s+|will\s+|can\s+|now\s+)?(?:extends?|extending|stretch(?:es)?)\s+(?:to|as\s+far\s+as)", r"under\s+(?:the\s+)?threat\s+(?:are|is)",
        r"with(?:in)?\s+(?:striking\s+)?(?:range|reach|distance)\s+of", r"in\s+range\s+of", r"as\s+far\s+as",
        r"in\s+the\s+direction\s+of", r"(?:explosions?|blasts?)\s+(?:were\s+|was\s+)?(?:heard|reported|recorded)\s+(?:over|in)", r"(?<=would\s)add", r"(?<=could\s)add", r"(?<=also\s)add",
        r"in\s+the\s+(?:distance|zone|range|radius)\s+of\s+(?:the\s+)?(?:attack|strike|destruction|fire|defeat)\s+"
        r"(?:there\s+)?(?:are|is|lie|lies|will\s+be|would\s+be|were|was)", r"extend(?:s|ed|ing)?\s+(?:that|this|its|their|the)\s+(?:coverage|reach|range)\s+(?:to|over|as\s+far\s+as)",
    ),
    "against": (r"against",),
    "unit": (
        r"(?:from\s+(?:(?:launch|firing|missile|mobile|forward|hidden|underground|coastal|naval|air|dispersed|"
        r"concealed|hardened|new|its|their|the|a|an)\s+){0,2})?"
        r"(?:launchers?|batter(?:y|ies)|brigades?|battalions?|regiments?|divisions?|units?|silos?|sites?|positions?|pads?|areas?|"
        r"garrisons?|bases?|air\s*bases?|airfields?|(?:air\s+|naval\s+)?stations?|fleet|squadrons?|jets|fighters|bombers|"
        r"submarines|destroyers|"
        r"frigates|corvettes|ships|vessels|warships|missiles|rockets|systems?|complex(?:es)?|tunnels?|cities|depots?|radars?|"
        r"missile\s+cit(?:y|ies)|forces|outposts?|camps?|(?:launch\s+|missile\s+)?facilit(?:y|ies))(?:,\s*|\s+)"
        r"(?:(?:have|has|had|been|being|were|was|are|is|now|also|recently|reportedly|already|will|would|to|be|soon|"
        r"shortly|currently|permanently|first|then|including)\s+){0,4}"
        r"(?:(?!(?:launch|fir|aim|direct|lobb|shoot|hurl|target|produc|manufactur|assembl|test)\w*ed\s)[a-z]+ed\s+|(?:operating|patrolling|sailing|cruising|lurking)\s+)?"
        r"(?:at|in|on|near|around|inside|under|for|across)",
        r"(?:camps?|bases?|air\s*bases?|garrisons?)\s+of",
        r"units?\s*:",
    ),
    "launch": (r"(?:test-)?(?:fir(?:e|es|ed|ing)|launch(?:es|ed|ing)?|shoot(?:s|ing)?|shot|lob(?:s|bed|bing)?)",),
    "from": (r"from",),
    "reference": (
        r"(?:km|kilomet(?:er|re)s?|miles?|nmi)\s+(?:(?:to\s+the\s+)?(?:north|south|east|west)\w*\s+)?(?:from|of|off)", r"distance\s+(?:from|between|to)",
        r"(?:away|far)\s+from", r"(?<!the\s)(?<!whole\s)(?<!entire\s)(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of", r"off(?:\s+the\s+coast\s+of)?",
        r"between", r"beyond", r"border(?:s|ing)?\s+(?:with|of)", r"bordering", r"over",
        r"close\s+to", r"not\s+far\s+from", r"(?:exercises?|drills?|manoeuvres|maneuvers|war\s+games|parades?|exhibitions?|air\s*shows?|fairs?|expos?)\s+(?:in|off|near|at)",
    ),
    "except": (r"except(?:\s+for)?", r"but\s+not", r"apart\s+from", r"excluding", r"other\s+than"),
    "production": (
        r"produc(?:e|es|ed|ing|tion)", r"manufactur(?:e|es|ed|ing)", r"buil(?:d|ds|t)", r"assembl(?:e|es|ed|ing)",
        r"factory", r"plant",
        r"purchas(?:e|es|ed|ing)", r"b(?:uy|uys|uying|ought)", r"order(?:s|ed)?", r"import(?:s|ed)?",
        r"acquir(?:e|es|ed)",
    ),
}
_CUE = re.compile(  # on the lowered text
    r"(?=[a-z])(?<!\w)(?:" + "|".join(
        f"(?P<{kind}>" + "|".join(patterns) + ")" for kind, patterns in ROLE_LEXICON.items()) + r")(?![\w\-])")
# a cue noun used as a modifier: "attack drone", "strike capabilities", "target ship"
_MODIFIER_AFTER = re.compile(r"\s+(?:drones?|missiles?|helicopters?|submarines?|aircraft|capabilit(?:y|ies)|groups?|"
                             r"packages?|fighters?|jets?|range|doctrine|forces?|weapons?|missions?|planes?|"
                             r"complex|package|mode|role|variant|version|power|sites?|pads?|vehicles?|platforms?|"
                             r"tubes?|cells?|areas?|points?|preparations?|window|facilit(?:y|ies)|cent(?:re|er)s?|"
                             r"crews?|units?|silos?)\b")  # on the lowered text
_HYPHEN_PREFIX_OK = {"forward", "test", "re", "pre"}
# cues after a place: "... within range", "... are reachable", "... are under the threat"
_POST_TARGET = re.compile(
    r"\bwithin\s+(?:striking\s+|easy\s+|strike\s+)?(?:range|reach|distance)\b(?!\s+of)"
    r"|\b(?:enter|enters|entered|entering)\s+(?:into\s+)?(?:the\s+|its\s+)?(?:strike\s+|striking\s+)?(?:range|reach|zone)\b"
    r"|\b(?:is|are|was|were|be|lies?|falls?|comes?|remains?|remaining|enters?)\s+(?:now\s+|well\s+|all\s+|also\s+|firmly\s+|easily\s+|comfortably\s+|"
    r"clearly\s+|already\s+|fully\s+|entirely\s+)?(?:with)?in\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:range|reach|strike\s+zone|striking\s+distance|zone\s+of\s+\w+)\b"
    r"|\b(?:is|are|was|were|be|remains?|lies?|sits?)\s+(?:(?:now|also|all|potentially|increasingly|presumably|probably|likely|"
    r"possibly|arguably|likewise|equally)\s+){0,2}"
    r"(?:(?:the\s+)?(?:as|so|equally|just\s+as|more|most)\s+)?(?:in\s+(?:the\s+)?danger|at\s+risk|vulnerable|exposed|in\s+(?:the\s+)?(?:crosshairs|firing\s+line|line\s+of\s+fire))\b"
    r"|\b(?:is|are|was|were)\s+(?:also\s+)?(?:located|situated)\s+(?:with)?in\s+(?:the\s+|its\s+)?(?:strike\s+)?(?:range|reach|zone)\b"
    r"|\b(?:is|are|was|were|be|been)\s+(?:now\s+|also\s+)?included\s+in(?:to)?\s+(?:the\s+)?(?:strike\s+|striking\s+|attack\s+)?"
    r"(?:range|reach|zone|scope|radius|envelope|area)\b"
    r"|\b(?:is|are|was|were|be|lies?|falls?|remains?)\s+(?:now\s+|also\s+|well\s+)?(?:with)?in\s+(?:the\s+|its\s+)?"
    r"(?:strike|striking|attack|fire|destruction)\s+(?:scope|radius|envelope|area|zone|distance)\b"
    r"|\b(?:is|are|was|were|be|been)\s+(?:now\s+|also\s+)?brought\s+(?:with)?in(?:to)?\s+(?:the\s+)?(?:strike\s+|striking\s+)?(?:range|reach|zone)\b"
    r"|\b(?:is|are|remains?)\s+(?:now\s+|also\s+|still\s+)?(?:the\s+|a\s+|an\s+)?(?:[a-z\-]+\s+){0,3}?targets?\b(?!\s+(?:ships?|drones?|vessels?|missiles?))"
    r"|\b(?:is|are)\s+(?:now\s+|also\s+)?reachable\b|\b(?:is|are)\s+(?:now\s+|also\s+)?under\s+(?:the\s+)?threat\b"
    r"|\bin(?:to)?\s+range\b(?!\s+of)"
    r"|\bwithin\s+(?:about\s+|some\s+|roughly\s+)?\d[\d,.]*\s*(?:km|kilomet(?:er|re)s|miles)\b(?!\s+(?:of|from))"
    r"|\b(?:can|could|would|will|may|might)\s+(?:also\s+|now\s+|easily\s+)?be\s+(?:hit|struck|targeted|reached|attacked|"
    r"destroyed|covered|threatened|engaged|counterattacked)\b"
    r"|\b(?:is|are|be|come|comes|coming|came|fall|falls|falling|enter|enters|entering|get|gets)\s+"
    r"(?:now\s+|also\s+|partly\s+|partially\s+|fully\s+|all\s+)?(?:with)?in(?:to)?\s+(?:the\s+)?(?:distance|zone|radius)\s+of\s+"
    r"(?:reach|strike|striking|destruction|attack|fire|defeat|hit|impact|cover(?:ing|age)?|engagement|damage)\b"
    r"|\b(?:come|comes|coming|came|fall|falls|falling|enter|enters|entering|get|gets)\s+(?:now\s+|also\s+|partly\s+|"
    r"partially\s+|fully\s+)?(?:with)?in(?:to|side)?\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?(?:range|reach|distance|zone)\b"
    r"|\b(?:is|are|be|lies?|sits?|remains?)\s+(?:now\s+|also\s+|all\s+|well\s+)?inside\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?"
    r"(?:range|reach)\b"
    r"|\b(?:is|are|be|come|comes|coming|came|fall|falls|falling)\s+(?:now\s+|also\s+|partly\s+|fully\s+)?under\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:reach|range|threat|fire|gun|strike|attack|coverage|umbrella)\b"
    r"|\b(?:is|are|be|lies?|sits?|remains?)\s+(?:now\s+|also\s+|all\s+|well\s+|fully\s+)?within\s+(?:the\s+|its\s+)?"
    r"(?:strike|striking\s+zone|strike\s+zone|coverage|kill\s+zone)\b"
    r"|\b(?:is|are|be|lies?|sits?|remains?)\s+(?:now\s+|also\s+|all\s+|well\s+|fully\s+)?in\s+(?:the\s+)?"
    r"(?:coverage|strike\s+range|striking\s+range|missile\s+range|firing\s+range|kill\s+zone|danger\s+zone)\b"
    r"|\b(?:is|are|be)\s+(?:now\s+|also\s+)?(?:with)?in\s+(?:the\s+)?distance\s+of\s+(?:a\s+|few\s+|several\s+|\w+\s+)?"
    r"(?:minutes?|hours?)\b"
    r"|\b(?:is|are|be)\s+(?:now\s+|also\s+|all\s+)?(?:with)?in\s+(?:the\s+)?(?:distance|range|reach)\s+of\s+(?:this|that|its|their|the|"
    r"these|those)\s+(?:new\s+)?(?:missiles?|weapons?|systems?|rockets?)\b"
    r"|\b(?:is|are|sits?|sit|lies?|lie|falls?|fall|remains?)\s+(?:just\s+|well\s+|comfortably\s+|now\s+)?(?:inside|within)\s+"
    r"(?:it|them|that)\b"
    r"|\bwithin\s+(?:\w+\s+){0,2}minutes?['’]?\s+(?:of\s+)?(?:flight|flying\s+time|reach)\b"
    r"|\b(?:is|are|lies?|sits?|falls?|remains?)\s+(?:\w+\s+)?within\s+(?:the\s+)?(?:[\w'’\-,]+\s+){0,4}?"
    r"(?:range|reach|envelope|radius|umbrella|strike\s+zone)\b(?!\s+of)"
    r"|\b(?:is|are)\s+(?:no\s+longer|not)\s+safe\b"
    r"|\b(?:is|are|would\s+be|will\s+be|could\s+be|can\s+be)\s+(?:fully\s+|entirely\s+|completely\s+|also\s+|comfortably\s+|"
    r"easily\s+|likewise\s+|now\s+|well\s+)?covered\b"
    r"|(?<=[\-:])\s*(?:several\s+|multiple\s+|reported\s+|confirmed\s+|direct\s+)?(?:impacts?|hits?|strikes?|damaged|destroyed|"
    r"explosions?)\b"
    r"|(?:(?<=[\-:,(])\s*|(?<=[\-:,(]\s)|\b(?:was|were|been|is|are)\s+)(?:hit|struck|attacked|targeted|destroyed|damaged|"
    r"bombed|shelled)\s+(?:by|with|repeatedly|twice|again|in|on|several|multiple)\b"
    r"|\b(?:remain(?:s|ed)?|became|become|becomes|are|is|were|was)\s+(?:a\s+|an\s+)?(?:legitimate|prime|likely|"
    r"potential|priority|key|main|possible)\s+targets?\b")
# words one of which every cue after a place holds (a quick test before the patterns)
_POST_ANCHORS = ("rang", "reach", "threat", "safe", "risk", "danger", "vulnerab", "expos", "crosshair", "fire", "hit",
                 "struck", "attack", "destr", "damag", "bomb", "shell", "target", "cover", "engag", "distance", "zone",
                 "radius", "envelope", "umbrella", "impact", "explos", "strike", "minute", "flight", "scope")
_WITHIN_PLAIN = re.compile(r"\bwithin\s+(?:striking\s+|easy\s+|strike\s+)?(?:range|reach|distance)\b(?!\s+of)")
_WITHIN_OF = re.compile(r"\bwithin\s+(?:striking\s+|easy\s+|strike\s+)?(?:range|reach|distance)\s+of\b")
_POST_OUT = re.compile(
    r"\b(?:lies?|is|are|remains?|stays?|falls?)\s+(?:well\s+|just\s+|far\s+)?(?:beyond|out\s+of|outside)\s+"
    r"(?:the\s+|its\s+|their\s+)?(?:range|reach)\b(?!\s+of\b)|\bout\s+of\s+(?:range|reach)\b(?!\s+of\b)")  # on the lowered text
# ("garrisoned in Henan, out of reach of U.S. weapons": safe from another's weapons, which says nothing of its role)
_NO_LOCATION = re.compile(r"\bno\s+(?:location|place|part|point|area|target|city|site|corner|spot)s?\s+(?:in|of|on)\s+"
                          r"(?:the\s+)?$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";|\bbut\b|,\s*while\b|\bwhereas\b|,\s*(?:although|though)\b|\bbecause\b|\brather\s+than\b|\n")
_SCOPE_BREAK = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|can|could|may|might|must|shall|should|do|does|did|"
    r"said|says|say|told|reported|added|noted|which|that|who|whom|whose|where|when|while|if|because|since|"
    r"although|though|so(?!-)|but|it|they|he|she|we|according|amid|despite|following|after|response|protect\w*|"
    r"defend\w*|doubt\w*|named|invasion|war|conflict|crisis|tensions|fears|talks|summit|meeting|visit|there|"
    r"statement|interview|speech|communiqu\w+|briefing|conference|forcing|prompting|causing|killing|injuring|wounding|"
    r"divert\w*|by\s+[a-z]+ing)\b"
    r"|;|,\s*as\b(?!\s+well\s+as)|,\s+(?!including\b)[a-z]+ing\b")
_RELATIVE = re.compile(r",\s*(?:which|who|where|whose|with\s+(?:a|an|its|their|the)\b|(?:credited|rated|estimated|"
                       r"said|believed|thought|reported|assessed|capable)\b)(?:[^,;]|(?<=\d),(?=\d)){0,80},")
_NOMINAL_CUES = {"deployment", "deployments", "garrison", "garrisons", "deliveries", "delivery", "coverage of",
                 "strikes on", "strikes against", "strike on", "strike against"}
_CONTINUATION = re.compile(r"\s*(?:including|such\s+as|as\s+well\s+as|and|or|even|especially|notably|particularly|"
                           r"plus|along\s+with|together\s+with|from|not\s+least)\b", re.IGNORECASE)
# words that may follow a place inside a list or a noun phrase (anything else may be a verb)
_AFTER_PLACE_OK = frozenset(
    ["and", "or", "in", "on", "at", "near", "of", "the", "to", "from", "including", "such", "as", "plus", "even", "also", "with", "around", "across", "along", "throughout", "inside", "between", "into", "onto", "over", "under", "by", "for", "via", "within", "toward", "towards", "until", "till", "through", "beyond", "off", "outside", "against", "during", "amid", "like", "via", "while", "where"])
_CUE_REACH = 300  # characters: how far before a place its governing word may be
_WORD_AFTER = re.compile(r"(?:'s)?\s+([a-z][a-z\-]*)")
_NEGATION = re.compile(r"\b(?:not|never|cannot|unable|no\s+longer|premature|too\s+far|none\s+of\s+(?:\w+\s+){1,4}?"
                       r"(?:can|could|would|will))\b|n't\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:premature|unlikely|doubtful|no\s+evidence|unclear\s+whether|not\s+clear|speculat(?!ively)\w+)\b",
                    re.IGNORECASE)
_TROOPS = re.compile(r"\b(?:troops?|soldiers|personnel|servicemen|servicemembers|marines)\b", re.IGNORECASE)
_FROM_DISTANCE = re.compile(r"\b(?:km|kilomet\w*|miles?|nmi|away|far|distance|distances)\s+$", re.IGNORECASE)
_FROM_BLOCK = re.compile(
    r"\b(?:expert|experts|analysts?|officials?|delegations?|"
    r"envoys?|protests?|criticism|condemnation|concerns?|reactions?|responses?|reports?|news|statements?|messages?|visits?|"
    r"visitors?|troops|aid|support|help|sanctions|pressure|independence|withdrawn?|withdrawal|retreat\w*|"
    r"evacuat\w*|fled|flee\w*|imports?|imported|purchased|bought|received|obtained|supplied|returned|returning|"
    r"came|coming|travell?ed|flew|professor|sources?|people|students?|refugees?)\s+(?:\S+\s+){0,2}$",
    re.IGNORECASE)
_LAUNCH_CONTEXT = re.compile(
    r"\b(?:reach\w*|strike[s]?|struck|striking|hit(?:s|ting)?|target\w*|threaten\w*|cover\w*|fir(?:e|es|ed|ing)|"
    r"launch\w*|shoot\w*|shot|operat\w*|sail\w*|fly|flies|flying|flown|attack\w*|carried|range|missiles?|test\w*|"
    r"rockets?|drones?|jets|bombers|submarines?|launchers?|batter(?:y|ies)|sites?|positions?|bases?)\b",
    re.IGNORECASE)
# "China's DF-26", "Iran's ballistic missiles": the owner of a weapon
_OWNER_WEAPON = re.compile(r"['’]s\s+(?:(?:[\w\-]+\s+){0,3}?" + _WEAPON_NOUN.pattern.replace("\\b(", "(?i:", 1)
                           + r"|" + _SYSTEM_NAME.pattern + r"|" + _DESIGNATOR.pattern + r")")
_SPACE = re.compile(r"\b(?:cosmonauts?|astronauts?|spacecraft|space\s+station|satellites?|orbit|lunar|crewed|"
                    r"space\s+launch|lifted\s+off|lift-?off)\b", re.IGNORECASE)
_SEA_KINDS = {"sea", "ocean", "gulf", "bay", "strait", "channel", "sound", "lake"}
_POINT_KINDS = {"city", "capital", "base", "airport", "launch_site", "site", "port", "town", "facility"}
_LAUNCH_PREP = re.compile(r"\b(from|at|on|to|toward|towards|into|against|in)\b")
_LAUNCH_EVENT = re.compile(r"\b(?:attacks?|strikes?|raids?|operations?|offensives?|campaigns?|war|satellites?|"
                           r"spacecraft|payloads?)\b", re.IGNORECASE)


_REACH_STATE = re.compile(r"\s+(?:(?:an?|the|its|their|initial|full|final|new|a\s+new)\s+)*(?:operating|operational|capability|"
                          r"agreement|deal|milestone|consensus|decision|conclusion|stage|level|speed|altitude|apogee|"
                          r"maturity|readiness|status|limit|peak|record|height|settlement|understanding)\b")
_FIRES_NOUN = re.compile(r"(?:-range|\bprecision|\bdeep|\bjoint|\bindirect|\bartillery|\blong-range\s+precision)\s+$")
_MADE_ADVERB = re.compile(r"\b(?:domestically|locally|indigenously|jointly|newly|home-?|mass-?)\s*-?$")
_WHOLE_OR_PART_OF = re.compile(r"\b(?:most|much|all|parts?|some|the\s+whole|the\s+rest|the\s+entirety|large\s+parts)\s+"
                               r"of\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class _Cue:
    kind: str
    start: int
    end: int
    text: str


def _cues(text: str, low: str, s0: int, s1: int) -> list[_Cue]:
    """The role cues of a sentence, in order; nouns used as modifiers and
    capitalised words inside names ("Joint Strike Missile") are not cues."""
    out: list = []
    pos = s0
    while True:
        m = _CUE.search(low, pos, s1)
        if m is None:
            return out
        pos = m.end()
        kind = m.lastgroup or ""
        word = text[m.start():m.end()]
        if text[m.start() - 1:m.start()] == "-" and kind != "unit":
            prefix = re.search(r"(\w+)-$", text[max(s0, m.start() - 12):m.start()])
            if not prefix or prefix.group(1).casefold() not in _HYPHEN_PREFIX_OK:
                continue  # "land-attack", "Seoul-based"
        if word[:1].isupper() and text[s0:m.start()].strip(" \"'(\u2022*-") and \
                not (kind == "unit" and " " in word and word.split()[-1].islower() and
                     re.match(r"(?:brigade|regiment|division|battalion|squadron|group|unit)s?\b", word.casefold())):
            if not re.search(r"[,;:(\n]\s*$", text[max(s0, m.start() - 3):m.start()]):
                # "Joint Strike Missile", "Sohae Satellite Launching Station"; a cue may
                # still follow inside the match ("the Marine Littoral Regiment based at")
                pos = m.start() + len(word.split(None, 1)[0])
                continue
        if kind in ("target", "launch") and _MODIFIER_AFTER.match(low, m.end()):
            verb = re.match(r"(?:\w*(?:ed|es|ing)|struck|hits?)$", m.group()) or \
                re.search(r"\b(?:can|could|would|will|may|might|to|must|should)\s+(?:\w+\s+)?$", low[max(s0, m.start() - 20):m.start()])
            modal = re.search(r"\b(?:can|could|would|will|may|might|to|must|should)\s+$", low[max(s0, m.start() - 12):m.start()])
            if not (verb and re.match(r"\s+(?:[\w\-]+\s+){0,2}(?:missiles?|rockets?|drones?)\b", low[m.end():m.end() + 40])) and \
                    not (modal and re.match(r"\s+(?:facilit|sites?|bases?|targets?|positions?|installations?|depots?|airfields?|"
                                            r"ports?|ships?|vessels?|command|centres?|centers?)", low[m.end():m.end() + 16])):
                continue  # "attack drone", "strike capabilities"; not "fired missiles at", "could strike facilities at"
        if kind == "target" and m.group().startswith("reach") and _REACH_STATE.match(low, m.end()):
            continue  # "reached initial operating capability at Holzdorf": a milestone, not a place hit
        if kind == "launch" and _FIRES_NOUN.search(low, max(s0, m.start() - 25), m.start()):
            continue  # "long-range fires", "precision fires": the noun
        if kind == "production" and _MADE_ADVERB.search(low, max(s0, m.start() - 20), m.start()):
            continue  # "the domestically produced Atmaca": an adjective
        out.append(_Cue(kind, m.start(), m.end(), m.group()))


@dataclass
class _Context:
    """What the role stage knows about a sentence."""

    text: str
    low: str  # the text lower-cased (ASCII), same offsets
    s0: int
    s1: int
    weapon: bool  # a weapon in the sentence or in focus
    past_flight: bool
    cues: list[_Cue] = field(default_factory=list)
    weapon_ends: tuple[int, ...] = ()  # where the sentence's weapon phrases end
    strike_news: bool = False  # the article is about missiles, rockets or drones
    found: list[_Found] = field(default_factory=list)
    relatives: list[tuple[int, int]] = field(default_factory=list)  # ", where ... ," clauses

    breaks: list[tuple[int, int]] = field(default_factory=list)  # clause breaks
    starts: list[int] = field(default_factory=list)  # of the places, in order
    ends: list[int] = field(default_factory=list)
    verb_after: list[int] = field(default_factory=list)  # prefix counts of places followed by a verb
    break_ends: list[int] = field(default_factory=list)
    cue_starts: list[int] = field(default_factory=list)

    def cues_before(self, pos: int, reach: int = _CUE_REACH) -> list[_Cue]:
        """The cues that end before ``pos`` and start within ``reach`` of it, nearest first."""
        lo, hi = bisect_right(self.cue_starts, pos - reach - 1), bisect_right(self.cue_starts, pos)
        return [c for c in reversed(self.cues[lo:hi]) if c.end <= pos]

    def use(self, found: list[_Found]) -> None:
        """Index the sentence's places for the scope checks."""
        self.found = found
        self.starts = [f.start for f in found]
        self.ends = [f.end for f in found]
        self.verb_after = [0]
        for f in found:
            self.verb_after.append(self.verb_after[-1] + _followed_by_verb(self.text, f))

    def __post_init__(self) -> None:
        if "," in self.text[self.s0:self.s1]:
            self.relatives = [(m.start(), m.end()) for m in _RELATIVE.finditer(self.text, self.s0, self.s1)]
        self.breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(self.text, self.s0, self.s1)]
        self.break_ends = [b for _, b in self.breaks]
        self.cue_starts = [c.start for c in self.cues]

    def apart(self, cue: _Cue, pos: int) -> bool:
        """Whether a cue sits in a relative clause that does not hold ``pos``."""
        return any(a <= cue.start < b and not a <= pos < b for a, b in self.relatives)


# a comma, but not one inside a number ("1,000 km")
_COMMA = re.compile(r"(?<!\d),|,(?!\d)")


def _clause_start(ctx: _Context, pos: int) -> int:
    """Where the clause holding ``pos`` begins (after the last break that ends at or before it)."""
    i = bisect_right(ctx.break_ends, pos) - 1
    return ctx.break_ends[i] if i >= 0 else ctx.s0


def _neutral(between: str) -> str:
    """``between`` with relative clauses (", where is the hub of weapons supply,") and
    reporting asides (", the commander has said,") blanked."""
    if "," not in between:
        return between
    between = _RELATIVE.sub(lambda m: " " * len(m.group()), between)
    between = _TIME_ASIDE.sub(lambda m: " " * len(m.group()), between)
    return _SAID_ASIDE.sub(lambda m: " " * len(m.group()), between)


# ", in fiscal 2026, at Camp Fuji": a time phrase set off by commas is no new predicate
_TIME_ASIDE = re.compile(r"\b(?:in|by|from|until|before|after|during|since)\s+(?:fiscal\s+(?:year\s+)?|early\s+|late\s+|mid-)?"
                         r"(?:FY)?\d{4}(?:[-\u2013/]\d{2,4})?\s*,", re.IGNORECASE)


_SAID_ASIDE = re.compile(r",\s*(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+){0,3}(?:has\s+|have\s+|had\s+)?(?:said|says|noted|added|"
                         r"claimed|stated|warned|argued|believes|believe|told\s+\w+)\s*,")


_PROTECT = re.compile(r"^\s+(?:\S+\s+){0,2}?to\s+(?:help\s+)?(?:protect|defend|guard|shield)\b", re.IGNORECASE)


def _verb_scope(ctx: _Context, cue: _Cue, pos: int) -> bool:
    """Whether a verb cue governs the place at ``pos``: no new predicate
    between, and a comma only inside a list ("reach Kyiv, Lviv and Odesa") or
    before "including", "such as", ...; not after a finished object ("reached
    an apogee of 6,000 km, South Korea's JCS said")."""
    if cue.text in _NOMINAL_CUES:
        return _prep_scope(ctx, cue, pos)
    between = _neutral(ctx.text[cue.end:pos])
    if cue.kind == "basing":
        # "will be deployed to protect Helsinki": the place it defends is where it stands
        between = _PROTECT.sub(lambda m: " " * len(m.group()), between, count=1)
    if _SCOPE_BREAK.search(between) or _verb_after_place(ctx, cue.end, pos):
        return False
    for comma in _COMMA.finditer(between):
        if not _ends_with_place(ctx, cue.end + comma.start()) and not _CONTINUATION.match(between, comma.end()) \
                and not _APPOSITIVE_HEAD.search(between, 0, comma.start()) and not (
                    re.match(r"\s*(?:to|as\s+far\s+as)\s", between[comma.end():]) and
                    re.search(r"(?:km|kilomet\w+|miles)\s*$", between[:comma.start()])):
            return False  # (not "reaching up to 5.5 thousand kilometres, to Berlin")
    return True


# "at three of its air bases, Nur Khan in Rawalpindi and ...": the names after the comma are those bases
_APPOSITIVE_HEAD = re.compile(r"\b(?:bases|sites|cities|targets|facilities|airfields|ports|installations|towns|capitals|"
                              r"refineries|islands|airports|depots|terminals|plants|barracks|headquarters|factories|"
                              r"warehouses|hangars|bunkers)\s*$")


def _ends_with_place(ctx: _Context, pos: int) -> bool:
    """Whether a place, maybe with its head noun ("Fujian province"), ends right before ``pos``."""
    i = bisect_right(ctx.ends, pos) - 1
    if i < 0 or pos - ctx.found[i].end > 30:
        return False
    gap = ctx.text[ctx.found[i].end:pos].rstrip(" )")
    noun = _PLACE_NOUN_AFTER.match(gap)
    return not gap.strip() or bool(noun and noun.end() == len(gap))


def _verb_after_place(ctx: _Context, a: int, b: int) -> bool:
    """Whether a place between ``a`` and ``b`` is followed by a word that starts
    a new predicate ("its deployments in Kermanshah worry Israel")."""
    i, j = bisect_right(ctx.starts, a - 1), bisect_right(ctx.ends, b - 1)  # places with a <= start, end < b
    return j > i and ctx.verb_after[j] - ctx.verb_after[i] > 0


def _followed_by_verb(text: str, f: _Found) -> bool:
    """Whether the word after a place may start a new predicate (not "and",
    "in", a head noun like "province", ...)."""
    if f.possessive:
        return False  # "Norway's air stations": a determiner
    m = _WORD_AFTER.match(text, f.end)
    return m is not None and m.group(1) not in _AFTER_PLACE_OK and not _PLACE_NOUN_AFTER.match(text, f.end)


def _fronted(ctx: _Context, cue: _Cue) -> bool:
    head = ctx.text[max(ctx.s0, cue.start - 6):cue.start]
    return not ctx.text[ctx.s0:cue.start].strip(" \"'(") or bool(re.search(r"(?:,|,\s*and|\()\s*$", head))


_PLANNED = re.compile(r"^\s+(?:is|are|was|were|will\s+be|would\s+be|have\s+been|has\s+been)\s+(?:now\s+|also\s+)?"
                      r"(?:planned|expected|scheduled|due|proposed|envisaged|foreseen|under\s+way|underway|likely|"
                      r"possible|reported|continuing|ongoing)\b", re.IGNORECASE)


# a noun, then a determiner that is no preposition's object: a new noun phrase begins
_NEW_PHRASE = re.compile(r"^\s*(?:this|that|these|those|there|here|its|their)\s+(?:[a-z\-]+\s+)?(?:the|a|an|all|every|most)\s")


def _prep_scope(ctx: _Context, cue: _Cue, pos: int) -> bool:
    """Whether a preposition cue governs the place at ``pos``: its noun phrase,
    and a list of places after it unless it was set off by commas."""
    between = _neutral(ctx.text[cue.end:pos])
    if cue.text in _NOMINAL_CUES:  # "Deployments are planned in Gyeonggi"
        between = _PLANNED.sub(lambda m: " " * len(m.group()), between, count=1)
    if _SCOPE_BREAK.search(between) or len(between) > 120 or _verb_after_place(ctx, cue.end, pos):
        return False
    if cue.kind in ("from", "reference") and re.search(r"\b(?:to|into|towards?)\b", between):
        return False  # "a unit from the Marine Corps to Okinawa": "to" heads a phrase of its own
    if cue.kind in ("from", "reference") and any(_ends_with_place(ctx, cue.end + m.start())
                                                 for m in re.finditer(r"\s(?:at|against|on)\s", between)):
        return False  # "launched ... from Sanaa and al-Jawf at Abu Dhabi International Airport"
    if cue.kind == "reference" and re.search(r",\s*(?:and\s+)?(?:at|in|on|near)\s", between):
        return False  # "launchers at Bechar, some 120 km from the border, and at the Djelfa area": a new phrase
    if cue.kind == "from" and _NEW_PHRASE.search(between):
        return False  # "from this position the big cities of India": the phrase after "from" has ended
    return not (_COMMA.search(between) and (_fronted(ctx, cue) or re.search(r",\s*(?:it|they|the)\b", between)))


_MAKING = re.compile(r"\b(?:manufactur\w*|production|produc(?:e|ed|es|ing)|co-produc\w*|assembl(?:y|e|ed|ing))\b")
_NO_BASING = re.compile(r"\b(?:not(?!\s+(?:only|rule|ruled|ruling|exclude|excluded)\b)|never|neither|nor|"
                        r"no\s+(?:\S+\s+){0,3}?(?:will|would|is|are|was|were|has|have|had|be))\s+"
                        r"(?:\S+\s+){0,3}$|n't\s+(?!(?:rule|ruled|exclude)\b)(?:\S+\s+){0,3}$")
_MAKER_NOUN = re.compile(r"\b(?:manufacturing|production|assembly|all-up-round|final-assembly|repair|maintenance|"
                         r"overhaul|research|rocket-motor|motor|propellant|industrial)\s+(?:\w+\s+)?$")


#: verbs that report a strike by themselves, in an article about missiles or drones ("Israel struck an air base in Isfahan")
_STRIKE_VERB = re.compile(r"struck|strikes?\s+(?:on|against)|targeted|targeting|attacked|attacking|bombed|shelled")


def _role_from_cue(ctx: _Context, cue: _Cue, pos: int, found: list[_Found], index: int) -> str | None:
    """The role a cue gives the place at ``pos``, or None if its scope does not reach it."""
    kind = cue.kind
    text = ctx.text
    if kind in ("basing", "target", "launch", "production"):
        if not _verb_scope(ctx, cue, pos):
            return None
    elif not _prep_scope(ctx, cue, pos):
        return None
    if kind == "basing":
        if _NO_BASING.search(ctx.low, max(_clause_start(ctx, cue.start), cue.start - 40), cue.start):
            return "other"  # "no missiles will be stationed in Finnmark", "will not be deployed in Belarus"
        if re.search(r"\b(?:warheads?|payloads?|bombs?|blows?|strikes?)\b", cue.text):
            return "target"  # "deliver a nuclear warhead to any city in the United States"
        if cue.text.startswith("garrison") and index and found[index - 1].role == "target" and \
                re.fullmatch(r"\s*", text[found[index - 1].end:cue.start]):
            return "target"  # "the Camp Humphreys garrison at Pyeongtaek": the noun, where the target lies
        if _TROOPS.search(text, max(_clause_start(ctx, cue.start), cue.start - 80), cue.start) and \
                not _WEAPON_NOUN.search(ctx.low, max(ctx.s0, cue.start - 30), min(ctx.s1, max(pos, cue.end) + 40)):
            return "other"  # "28,500 U.S. troops remain stationed at Camp Humphreys"
        return "basing"
    if kind == "target":
        if cue.text == "add" and not re.fullmatch(r"\s+(?:the\s+)?", text[cue.end:pos]):
            return None  # "would add Incirlik in Turkey", not "will add launchers in Orzysz"
        if re.search(r"\bout\s+of\s+$", ctx.low[max(ctx.s0, cue.start - 8):cue.start]):
            return "other"  # "out of reach of U.S. precision weapons"
        if not ctx.weapon and not (_STRIKE_VERB.fullmatch(cue.text) and ctx.strike_news):
            return "other"  # "the convoy travelled 600 km to reach the front line near Bakhmut"
        if cue.text.endswith(" of") and found[index].possessive and _OWNER_WEAPON.match(text, found[index].end):
            return "other"  # "within reach of China's DF-26": whose weapon, not where it lands
        if _NEGATION.search(text, max(_clause_start(ctx, cue.start), cue.start - 45), cue.start) or \
                _HEDGE.search(text, max(_clause_start(ctx, cue.start), cue.start - 90), cue.start):
            return "other"  # "are not able to reach Beijing", "it is premature to conclude that ... can strike"
        return "target"
    if kind == "against":
        if re.match(r"\s+[a-z]+ing\s+(?:too|much|more|any|such|an?|the|its|their|his|her|them|it|this|that)\b", text[cue.end:cue.end + 30]):
            return None  # "caution against reading too much into port visits ... at Havana"
        return "target" if ctx.weapon else "other"
    if kind == "launch":
        between = text[cue.end:pos]
        preps = _LAUNCH_PREP.findall(between)
        if not preps:
            return None
        if preps[-1] == "from" or cue.text.startswith("test") and preps[-1] not in ("into", "to", "toward", "towards"):
            return "basing"
        if preps[-1] in ("at", "in") and re.match(r"\s+(?:area|region|district|county|site|launch\s+site|airport|airfield)\b",
                                                  text[found[index].end:found[index].end + 20]):
            return "basing"  # "launched at the Pyongyang area": where it was fired from
        if preps[-1] == "in":
            aimed = [p for p in preps[:-1] if p != "in"]
            if not aimed or aimed[-1] not in ("at", "toward", "towards", "against", "on"):
                return None  # "fired ... in the East Sea": where it flew or fell, unless a test launch
            preps = aimed  # "launched missiles at Saudi Aramco facilities in Jeddah": where they were aimed
        if _LAUNCH_EVENT.search(between):
            return None  # "launch attacks on ...": an event, not a weapon's reach
        if preps[-1] in ("into", "to", "toward", "towards") and found[index].place.kind in _SEA_KINDS:
            return "other"  # "fired ... into the Yellow Sea": where it came down
        if preps[-1] in ("into", "to", "toward", "towards") and re.search(r"\b(?:flew|flown|travell?ed|splash\w*)\b", between):
            return "other"  # "fired from Hainan island and flew about 11,700 km towards French Polynesia": a test's path
        return "target"
    if kind in ("from", "launch") and _SPACE.search(text, ctx.s0, ctx.s1):
        return "other"  # "lifted off from Baikonur ... to the International Space Station"
    if kind == "from":
        if re.match(r"\s+where\b", text[cue.end:pos]):
            return None  # "from where New Delhi ... lie within range": "where" is the launch point
        if re.search(r"\bapproach(?:ed|es|ing)?\s+(?:\S+\s+){0,3}$", ctx.low[max(ctx.s0, cue.start - 40):cue.start]):
            return "other"  # "approached the city from the Mediterranean": a flight path
        if _FROM_DISTANCE.search(text, max(ctx.s0, cue.start - 20), cue.start) or \
                _FROM_BLOCK.search(text, max(ctx.s0, cue.start - 40), cue.start) and not re.search(
                    r"\b(?:that|note|notes|noted|say|says|said|argue|argues|argued|believe|believes|estimate|estimates)\s+$",
                    text[max(ctx.s0, cue.start - 12):cue.start]):
            return "other"
        before = [c for c in ctx.cues_before(cue.start)[:1] if c.start >= _clause_start(ctx, cue.start)]
        if before and before[0].kind == "production":
            return "other"  # "purchased from Russia", "buy ... from Israel"
        if re.match(r"(?:,\s*[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?)?,?\s+(?:facility|factory|plant|works|assembly|production|"
                    r"plants|facilities)\b", text[found[index].end:found[index].end + 40]):
            return "other"  # "delivered ... from its Camden, Arkansas, facility": where it was made
        if not ctx.weapon:
            return "other"
        clause = text[_clause_start(ctx, cue.start):_clause_end(ctx, cue.end)]
        return "basing" if _LAUNCH_CONTEXT.search(clause) else "other"
    if kind == "unit":
        if re.search(r"\b(?:not|never)\b", cue.text) or \
                re.search(r"\b(?:no|not|never)\s+(?:[a-z\-]+\s+){0,2}$", ctx.low[max(ctx.s0, cue.start - 25):cue.start]):
            return "other"  # "no missiles will be stationed in Finnmark", "launchers were not deployed at"
        if re.match(r"(?:launch\s+|missile\s+)?(?:facilit|complex|plant|site)", cue.text) and (_MAKER_NOUN.search(
                ctx.low, max(ctx.s0, cue.start - 40), cue.start) or _MAKING.search(ctx.low, _clause_start(ctx, cue.start), cue.start)):
            for prior in ctx.cues_before(cue.start)[:4]:
                if prior.start >= _clause_start(ctx, cue.start) and prior.kind in ("target", "against") and \
                        _verb_scope(ctx, prior, cue.start):
                    return "target"  # "hitting missile production sites near Tehran"
            return "other"  # "a missile manufacturing facility at Port Wakefield": where it is made
        if re.match(r"(?:radars?|sensors?)\b", cue.text) and \
                re.search(r"\b(?:tracked|monitored|followed|observed|detected)\s+by\s+(?:\w+\s+)?$", text[max(ctx.s0, cue.start - 40):cue.start]):
            return "other"  # "the missile, tracked by radars at Chandipur": where it was watched from
        if not ctx.weapon:
            if re.search(r"\b(?:based|deployed|stationed|garrisoned)\b", cue.text):
                return "basing"  # "the first air defence units would be based in Gujarat"
            return None  # "tunnels near the Dimona reactor" says nothing about weapons
        if cue.text.startswith("from"):
            return "basing"
        if index and found[index - 1].role == "target" and re.fullmatch(
                r"\s*", text[found[index - 1].end:cue.start]) and re.match(r"(?:garrison|base|air\s*base|airfield|camp|"
                                                                        r"complex|facilit|site|depot|port)", cue.text):
            return "target"  # "the Camp Humphreys garrison at Pyeongtaek": where the target lies
        if re.search(r"\b(?:enemy|enemy's|hostile|adversary|adversary's)\s+(?:[a-z\-]+\s+)?$", ctx.low[max(ctx.s0, cue.start - 25):cue.start]):
            return "target"  # "the enemy bases in Guam": whose bases says what they are
        if re.fullmatch(r"(?:air\s*)?bases?\s+near|airfields?\s+near", cue.text) and \
                re.search(r"[A-Z][\w\-]*\s+$", text[max(ctx.s0, cue.start - 20):cue.start]):
            return "other"  # "the Engels-2 air base near Saratov": a landmark
        for prior in ctx.cues_before(cue.start):
            if prior.start < _clause_start(ctx, cue.start):
                break
            if prior.kind == "target" and re.search(r"(?:range|reach|distance)\s+of$", prior.text):
                continue  # "within range of the DF-15 brigades garrisoned in Fujian": of the weapon
            if prior.text.endswith("from") and (cue.start - prior.end) < 40 and \
                    not re.search(r"\b(?:to|until|through|at|against|towards?)\b", text[prior.end:cue.start]):
                return "basing"  # "engages missiles at 2,400 km from its batteries at Palmachim"
            if prior.kind in ("target", "basing", "launch", "against") and _verb_scope(ctx, prior, cue.start):
                if prior.kind == "launch" and re.search(r"\bfrom\b", text[prior.end:cue.start]) and not \
                        re.search(r"\bfrom\b.*\b(?:at|toward|towards|against|on|into)\s", text[prior.end:cue.start]):
                    return "basing"  # "fired from submarines near their base at Yulin" (not "from X at U.S. bases in Y")
                role = _role_from_cue(ctx, prior, pos if prior.kind == "launch" else cue.start, found, index)
                if role is not None:
                    return role
        if found[index].possessive and found[index].place.kind != "base":
            return "other"  # "the longest-range system in Islamabad's arsenal": whose, not where
        return "basing"
    if kind == "reference":
        if cue.text.startswith("off") and any(p.kind == "from" or p.kind == "unit" and p.text.startswith("from")
                                              for p in ctx.cues_before(cue.start, 30)[:1]):
            return None  # "from ships off Haifa": where they fire from, as the "from" says
        if cue.text == "between" and any(p.kind == "basing" and p.start >= _clause_start(ctx, cue.start) and cue.start - p.end < 40
                                         for p in ctx.cues_before(cue.start, 60)[:2]):
            return None  # "deploy along the coast between Gdynia and Kolobrzeg": the verb decides
        if re.match(r"exercise|drill|manoeuvre|maneuver|war\s", cue.text) and any(
                p.kind in ("launch", "from") and p.start >= _clause_start(ctx, cue.start) for p in ctx.cues_before(cue.start, 120)):
            return None  # "launched a cruise missile from the destroyer Dena during exercises in the Gulf of Oman"
        if cue.text == "over" and not ctx.weapon:
            return None
        if cue.text == "over" and re.search(r"\b(?:launch\w*|fir(?:ed|es|ing))\b[^.;]{0,60}?\b(?:from|by)\s+(?:\S+\s+){0,3}?"
                                            r"(?:jets?|aircraft|bombers?|planes?|fighters?|helicopters?)\s+"
                                            r"(?:flying\s+|operating\s+|patrolling\s+)?$",
                                            text[max(ctx.s0, cue.start - 120):cue.start], re.IGNORECASE):
            return "basing"  # "launched by Su-24 jets flying over the Zaporizhzhia region"
        if cue.text == "over" and re.search(r"\bairspace\s+$", ctx.low[max(ctx.s0, cue.start - 12):cue.start]):
            return None  # "would cover the airspace over much of the Essequibo region": the verb before decides
        if cue.text == "over":
            for prior in ctx.cues_before(cue.start, 60)[:2]:
                if prior.start >= _clause_start(ctx, cue.start) and \
                        not re.search(r"\b(?:flew|flown|flying|flies|travell?ed|passed|overflew)\b",
                                      ctx.low[max(ctx.s0, prior.start - 25):cue.start]) and \
                        (prior.kind == "from" or prior.kind == "launch" and "from" in text[prior.end:cue.start]):
                    return "basing"  # "launched from MiG-31 jets over the Black Sea", "launching from over"
        return "other"
    if kind == "production" and (cue.text in ("factory", "plant") or cue.text == "production" and
                                 re.match(r"\s+(?:sites?|facilit|plants?|complex|centres?|centers?|lines?)", text[cue.end:cue.end + 12])):
        for prior in ctx.cues_before(cue.start)[:3]:
            if prior.start >= _clause_start(ctx, cue.start) and prior.kind in ("target", "against") and \
                    _verb_scope(ctx, prior, cue.start):
                strike = ctx.strike_news and bool(_STRIKE_VERB.fullmatch(prior.text) or prior.text in ("hit", "hitting"))
                return "target" if ctx.weapon or strike else "other"  # "struck a defence factory in Dnipro"
    return "other"  # except, production


def _clause_end(ctx: _Context, pos: int) -> int:
    return next((a for a, _ in ctx.breaks if a >= pos), ctx.s1)


_EXTENT_TO = re.compile(r"\s+(?:in\s+the\s+(?:north|south|east|west)\w*\s+)?(?:to|until|till|through)\s+(?:the\s+)?"
                        r"(?:[a-z\-]+\s+){0,4}?(?:(?:in|at|of|near|on)\s+(?:the\s+)?)?")


def _extent_from(ctx: _Context, cue: _Cue, found: list[_Found], index: int) -> bool:
    """"from Nha Trang to Vung Tau": an extent, not a launch point."""
    f = found[index]
    if not re.fullmatch(r"\s*(?:the\s+)?", ctx.text[cue.end:f.start]):
        return False
    j = index
    while j + 1 < len(found) and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s+(?:the\s+)?", ctx.text[found[j].end:found[j + 1].start]):
        j += 1  # "from Fukuoka and Hiroshima to Tokyo"
    return j + 1 < len(found) and bool(_EXTENT_TO.fullmatch(ctx.text[found[j].end:found[j + 1].start]))


def _extent_role(ctx: _Context, found: list[_Found], index: int, at: int) -> str | None:
    """The role of an extent set off after a target: "every Indian city within reach, from Chennai to Kolkata",
    "any location in South Korea, from Seoul to Busan"."""
    before = ctx.low[max(ctx.s0, at - 60):at]
    if not re.search(r",\s*$", before):
        return None
    if re.search(r"\b(?:within|in)\s+(?:striking\s+|easy\s+|strike\s+)?(?:range|reach|distance)\s*,\s*$", before):
        return "target" if ctx.weapon else None
    prev = found[index - 1] if index else None
    if prev is not None and prev.role == "target" and re.fullmatch(r"\s*,\s*", ctx.text[prev.end:at]):
        return "target"
    return None


_HOSTS_AFTER = re.compile(r"(?:['’]s)?\s+(?:now\s+|also\s+|still\s+|already\s+)?(?:hosts?|houses?|is\s+home\s+to|"
                          r"has\s+hosted|harbou?rs)\b")


_UNDISCLOSED = re.compile(r"\b(?:location|place|site|area|position)s?\s+(?:of\s+(?:the\s+)?deployment\s+)?(?:is|was|were|are|has|have)\s+"
                          r"(?:not\s+been\s+|not\s+|never\s+been\s+)(?:disclosed|named|revealed|announced|given|confirmed|made\s+public)"
                          r"|\b(?:not|never)\s+(?:say|said|disclosed?|reveal(?:ed)?|named?|confirm(?:ed)?)\s+(?:where|the\s+(?:basing|location|sites?)|basing)\b")
_FROM_BULLET = re.compile(r"\s*(?:[\u2022*+>\-]\s*)?[Ff]rom\s+[^\n:\u2013\u2014]{2,60}?\s[\-\u2013\u2014:]\s")
_BULLETED = re.compile(r"[\u2022*+>\-]\s|\d{1,2}[.)]\s")
_ANNOUNCES_TARGETS = re.compile(r"\b(?:covers?|covering|reach(?:es)?|reaching|strike|hit|target|threatens?|threatening|"
                                r"within\s+(?:its\s+)?(?:range|reach)|in\s+range|targets\s+include)\s*:\s*$")


def _list_targets(ctx: _Context, found: list[_Found], item: _ListItem, kept: list[Distance]) -> None:
    """"• Hwasong-14 - 10,000 km: Hawaii, Alaska and Seattle": in a list item,
    the places after its range and a colon or dash are what it reaches."""
    ends = [d.end for d in kept if d.start >= item.body]
    if not ends:
        return
    m = re.match(r"\s*(?:\+|\([^)]{0,40}\)\s*)?[:\-]\s", ctx.text[ends[0]:ends[0] + 45]) or \
        re.match(r"\s*\((?=[^)]{0,80}\))", ctx.text[ends[0]:ends[0] + 45])  # "- 4,500 km (Guam, Alaska)"
    if m is None:
        return
    body = ends[0] + m.end()
    if ctx.cues and any(c.start >= body and c.kind in ("basing", "from", "production", "reference") for c in ctx.cues):
        return
    for f in found:
        if f.start >= body and f.role == "other" and not f.locked and not f.attributive:
            f.role = "target"


def _assign_roles(ctx: _Context, found: list[_Found]) -> None:
    """Set the role of every place of a sentence (see the module docstring)."""
    text = ctx.text
    ctx.use(found)
    _post_cues(ctx, found)
    extents: dict[int, int] = {}  # a place heading an extent "from X to Y" -> where its "from" starts
    for i, f in enumerate(found):
        if f.locked:
            continue
        if f.attributive or f.nickname:
            f.role = "other"
            continue
        clause = _clause_start(ctx, f.start)
        prev = found[i - 1] if i and found[i - 1].end > clause else None
        # "P1 near P2" (a point), "P1 across the Strait": P2 is a landmark
        if prev is not None and prev.place.kind in _POINT_KINDS | {"island"}:
            if re.fullmatch(r"\s*,?\s*(?:near|across|opposite)\s+(?:the\s+)?", text[prev.end:f.start]):
                f.role = "other"
                continue
        role = None
        if prev is not None and f.place.country and prev.place.country != f.place.country and \
                re.fullmatch(r"\s*,\s*(?:including|such\s+as|notably|especially|particularly)\s+(?:the\s+)?", text[prev.end:f.start]):
            # "almost all of Israel within reach from south Lebanon, including Dimona": what includes it is the
            # place of its own country named before, not the launch point just before it
            owner = next((g for g in reversed(found[:i - 1]) if g.place.country == f.place.country and g.role != "other"), None)
            if owner is not None:
                f.role = owner.role
                _overrides(ctx, f)
                continue
        for cue in ctx.cues_before(f.start):
            if cue.start < clause:
                break
            if ctx.apart(cue, f.start):
                continue
            if cue.kind == "from" and (_extent_from(ctx, cue, found, i) or i - 1 in extents and re.fullmatch(
                    r"\s*(?:,|and|or|,\s*and)\s+(?:the\s+)?", text[found[i - 1].end:f.start])):
                extents[i] = cue.start
                continue
            role = _role_from_cue(ctx, cue, f.start, found, i)
            if role is not None:
                f.reference = cue.kind == "reference"
                break
        if role is None and i in extents:
            role = _extent_role(ctx, found, i, extents[i])
        if role is None and i - 1 in extents and _EXTENT_TO.fullmatch(text[found[i - 1].end:f.start]):
            role = found[i - 1].role
        if role is None and prev is not None and prev.demonym and \
                re.fullmatch(r"(?:\s+(?:capital|city|port|base|island))?\s*,\s*", text[prev.end:f.start]) and \
                re.search(r"\s(?:capital|city|port|base|island)$", text[prev.start:prev.end] + text[prev.end:f.start].rstrip(", ")):
            role = prev.role  # "the Azerbaijani capital, Baku"
        if role is None and prev is not None and _contained(text, prev, f):
            role = prev.role  # "Camp Kengun in Kumamoto", "Camden, Arkansas"
        if role is None and prev is not None and prev.role != "other" and (_continues(text, prev, f) or _in_list(text, found, i)):
            role = prev.role  # "puts the whole of India within range, including the Andaman Islands"
        if role is None and prev is not None and prev.possessive and prev.role != "other" and \
                re.fullmatch(r"['\u2019]s\s+(?:[a-z\-]+\s+){0,2}", text[prev.end:f.start]):
            role = prev.role  # "would cover the island of Palawan, Vietnam's Cam Ranh Bay and ..."
        if role is None and ctx.weapon and re.search(r"\bas\s+(?:exposed|vulnerable|threatened|reachable)\s+as\s+(?:the\s+)?$",
                                                     ctx.low[max(ctx.s0, f.start - 30):f.start]):
            role = "target"  # "Sydney and Perth are as exposed as Honolulu"
        if role is None and i and found[i - 1].role != "other" and _semicolon_item(ctx, found[i - 1], f):
            role = found[i - 1].role  # "...: Al Udeid Air Base; the Fifth Fleet headquarters in Manama"
        if role is None and any(re.fullmatch(r"(?:\s*,[^,]{0,60}\b(?:km|kilomet\w*|miles|range)\b[^,]{0,20},)?\s+(?:in|at)\s+(?:the\s+)?",
                                             text[b:f.start]) for b in ctx.weapon_ends if f.start - 90 <= b <= f.start):
            role = "basing"  # "Iskander-M in Kaliningrad", "the DF-26 at Shangrao"
        if role is None and ctx.weapon and re.search(r"\b(?:mov|relocat|transferr|redeploy|shift|withdr[ae]w)\w*\s+(?:\S+\s+){0,6}?"
                                                     r"from\s+(?:the\s+)?$", ctx.low[max(ctx.s0, f.start - 90):f.start]):
            role = "basing"  # "relocated Iskander-M launchers from Luga to ...": where they stood
        if role is None and ctx.weapon and _HOSTS_AFTER.match(text, f.end):
            role = "basing"  # "The Kola Peninsula hosts the densest concentration of strike systems"
        if role is None and ctx.weapon and (f.place.kind in ("test_site", "launch_site") or _TEST_SITE_AFTER.match(text, f.end) or
                                            _TEST_SITE_BEFORE.search(text, max(clause, f.start - 40), f.start)):
            role = "basing"  # "at the Vidsel test range (in Norrbotten)": test launches count as basing
        f.role = role or "other"
        _overrides(ctx, f)
    # "ICBMs ... fall on the Kura test range in Kamchatka": a test's impact area, not a target
    for i, f in enumerate(found):
        if f.role == "target" and not f.locked and (f.place.kind == "test_site" or "test range" in f.place.name.casefold() or
                                                    _TEST_SITE_AFTER.match(text, f.end)):
            f.role = "other"
            for g in found[i + 1:]:
                after = _TEST_SITE_AFTER.match(text, f.end)
                if g.role == "target" and not g.locked and (_contained(text, f, g) or after is not None and re.fullmatch(
                        r"\s*(?:,|in|on)\s+(?:the\s+)?", text[after.end():g.start])):
                    g.role = "other"
                    f = g
                else:
                    break
    # "could strike London and Paris, and from Mozdok most of Turkey": the verb carries over
    for i, f in enumerate(found):
        if f.role == "other" and not f.locked and i >= 2 and ctx.weapon and \
                _WHOLE_OR_PART_OF.search(text, max(ctx.s0, f.start - 25), f.start) and \
                found[i - 1].role == "basing" and any(g.role == "target" for g in found[:i - 1]) and \
                not ctx.cues_before(f.start, f.start - found[i - 1].end):
            f.role = "target"
    # "can reach all of Israel from launch sites in western Iran, such as Tabriz, as well as much of Saudi Arabia"
    for i, f in enumerate(found):
        if f.role == "basing" and not f.locked and ctx.weapon and any(g.role == "target" for g in found[:i]) and \
                re.search(r",\s*(?:as\s+well\s+as|and(?:\s+also)?|plus)\s+(?:most|much|all|parts?|the\s+whole|nearly\s+all|"
                          r"large\s+parts?)\s+of\s+(?:the\s+)?$", text[max(ctx.s0, f.start - 40):f.start]):
            f.role = "target"
    # a region containing a basing or target place takes its role ("X in Y")
    for i in range(1, len(found)):
        f, prev = found[i], found[i - 1]
        if f.role == "other" and not f.locked and prev.role != "other" and _contained(text, prev, f) \
                and not f.attributive and not _sea_coast(ctx, f):
            f.role = prev.role


_CONTINUES = re.compile(r"\s*,?\s*(?:including|such\s+as|notably|especially|particularly|as\s+well\s+as|and\s+even|"
                        r"naming|citing|listing|among\s+them|for\s+example|for\s+instance|where|"
                        r"and\s+also|and|or|even|plus)\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){0,3}")


def _continues(text: str, prev: _Found, f: _Found) -> bool:
    """Whether ``f`` continues the list ``prev`` is in, past a cue after ``prev``
    ("India within range, including the Andaman Islands")."""
    gap = _neutral(text[prev.end:f.start])
    head = _PLACE_NOUN_AFTER.match(gap)
    if head and re.match(r"\s*,?\s*(?:and|or)\s", gap[head.end():]):
        gap = " " * head.end() + gap[head.end():]  # "the Dimona reactor and Eilat"
    owned = re.match(r"['’]s\s+(?:territory|soil|mainland|cities|land)\b", gap)
    if owned:
        gap = " " * owned.end() + gap[owned.end():]
    post = _POST_TARGET.match(gap.translate(_ASCII_LOWER), len(gap) - len(gap.lstrip()))
    return bool(_CONTINUES.fullmatch(gap, post.end() if post else 0))


def _semicolon_item(ctx: _Context, prev: _Found, f: _Found) -> bool:
    """Whether ``f`` is the next item of a list announced by a colon and set off
    by semicolons ("cover U.S. bases: Al Udeid Air Base; the Fifth Fleet
    headquarters in Manama; and Al Dhafra"), or what "most of it" includes
    ("the DF-3A could cover all of Iran, and the DF-21 most of it, including Tehran")."""
    gap = ctx.text[prev.end:f.start]
    if re.fullmatch(r"\s*,\s*and\s+(?:the\s+)?[\w\-]+\s+(?:most|much|all|parts?|half)\s+of\s+(?:it|them)\s*,\s*"
                    r"(?:including|such\s+as|notably)\s+(?:the\s+)?", gap):
        return True
    return ":" in ctx.text[ctx.s0:prev.start] and bool(re.fullmatch(
        r"\s*;\s*(?:and\s+)?(?:the\s+)?(?:[A-Za-z][\w\-]*\s+){0,4}?(?:(?:in|at|on|near)\s+(?:the\s+)?)?", gap))


def _in_list(text: str, found: list[_Found], i: int) -> bool:
    """Whether ``found[i]`` is an inner item of a list "A, B, C and D" (a comma
    before it, and the list goes on to an "and"/"or" item after it)."""
    if not re.fullmatch(r"\s*,\s*(?:the\s+)?", text[found[i - 1].end:found[i].start]):
        return False
    for j in range(i, len(found) - 1):
        gap = text[found[j].end:found[j + 1].start]
        if re.fullmatch(r"(?:\s+[a-z\-]+)?\s*,?\s*(?:and|or)\s+(?:the\s+)?", gap):
            return True  # "..., the Dimona reactor and Eilat"
        if not re.fullmatch(r"(?:\s+[a-z\-]+)?\s*,\s*(?:the\s+)?", gap):
            return False
    return False


def _contained(text: str, prev: _Found, f: _Found) -> bool:
    """Whether ``f`` names where ``prev`` lies: "P in F", "P, F", "P (F)", "P on F"."""
    gap = text[prev.end:f.start]
    return bool(re.fullmatch(r"\s*(?:,|\(|in|on|of|,\s*on\s+the\s+border\s+(?:of|between))\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+|"
                             r"(?:\w+\s+){0,2}(?:region|area|province|part)\s+of\s+(?:the\s+)?)?|\s*\(\s*", gap)) \
        and f.place.kind not in _POINT_KINDS | {"sea"} or bool(re.fullmatch(r"\s*\(\s*", gap))


def _sea_coast(ctx: _Context, f: _Found) -> bool:
    return f.place.kind in _SEA_KINDS and bool(re.match(r"\s+(?:coast|coastline|shore|littoral)\b", ctx.text[f.end:f.end + 15]))


_ACTOR_AFTER = re.compile(r"(?:'s)?(?:\s+(?:[A-Z][\w\-]*|of|and|the|for)){0,6}\s+(?:said|says|reported|told|announced|"
                          r"stated|claimed|added|noted|warned|confirmed)\b")


def _overrides(ctx: _Context, f: _Found) -> None:
    if f.role != "other" and _ACTOR_AFTER.match(ctx.text, f.end, ctx.s1):
        f.role = "other"  # "..., South Korea's Joint Chiefs of Staff said": who speaks
    elif _sea_coast(ctx, f):
        f.role = "other"  # "on the Black Sea coast": a landmark
    elif f.role == "basing" and re.search(r"\b(?:not|never)\s+(?:in|at|to|on|into)\s+(?:the\s+)?$",
                                          ctx.low[max(ctx.s0, f.start - 16):f.start]):
        f.role = "other"  # "deployed in Kaliningrad, not in Belarus"
    elif f.role == "basing" and f.place.kind in _SEA_KINDS and re.search(r",\s*near\s+(?:to\s+)?(?:the\s+)?$",
                                                                         ctx.low[max(ctx.s0, f.start - 16):f.start]):
        f.role = "other"  # "units in Fujian province, near to the Taiwan Strait": a landmark
    elif f.role == "target" and f.place.kind in _SEA_KINDS and (ctx.past_flight or re.search(
            r"\b(?:designated|test(?:ed)?|flight-tested|test-fired|impact(?:ed)?|splash(?:ed)?)\b", ctx.low[ctx.s0:ctx.s1])):
        f.role = "other"  # "hit a target in open waters of the East Sea": a test's impact area


def _post_cues(ctx: _Context, found: list[_Found]) -> None:
    """Cues after the places they govern: "putting Seoul and Busan within range",
    "Berlin ... are reachable", "no location in Taiwan lies beyond its reach"."""
    text = ctx.text
    for f in found:
        if f.demonym and re.search(r"\bno\s+(?:single\s+)?$", text[max(ctx.s0, f.start - 12):f.start], re.IGNORECASE) \
                and re.match(r"\s+(?:lies|is|remains?|falls?)\s+(?:beyond|out\s+of|outside)\s+", text[f.end:f.end + 30]):
            f.role, f.locked, f.claim, f.claim_start = "target", True, "all", f.start - 3
            continue
        if _NO_LOCATION.search(text, max(ctx.s0, f.start - 40), f.start) and \
                re.match(r"\s+(?:lies|is|remains?|falls?)\s+(?:beyond|out\s+of|outside)\s+", text[f.end:f.end + 30]):
            f.role, f.locked, f.claim = "target", True, "all"
            hit = _NO_LOCATION.search(text, max(ctx.s0, f.start - 40), f.start)
            f.claim_start = hit.start() if hit else f.start
    sentence = ctx.low[ctx.s0:ctx.s1]
    inverted = any(w in sentence for w in ("placed", "deployed", "stationed", "positioned", "based", "installed", "duty"))
    attacked = ctx.weapon and any(w in sentence for w in ("attack", "strike", "bombing", "shelling", "raid"))
    for f in found:  # "in Kaliningrad region Russia has placed the complexes Bastion": a translated inversion
        if not inverted:
            break
        if not f.locked and re.search(r"\b(?i:in|on)\s+(?i:the\s+)?(?:islands?\s+)?(?:[A-Z][\w\-]*\s+and\s+)?$",
                                      ctx.text[max(ctx.s0, f.start - 40):f.start]) and \
                _INVERTED_BASING.match(ctx.text, f.end, ctx.s1):
            f.role, f.locked = "basing", True
    for f in found:  # "Abqaiq attack: five years on", "the Dnipro strike": the attack on the place
        if not attacked:
            break
        if ctx.weapon and not f.locked and f.place.kind not in _SEA_KINDS | {"country", "region"} and not f.possessive and \
                re.match(r"\s+(?:attacks?|strikes?|bombing|shelling|raids?)\b(?!\s+(?:on|against|drones?|missiles?|aircraft))",
                         ctx.text[f.end:f.end + 20], re.IGNORECASE):
            f.role, f.locked = "target", True
    if not any(w in sentence for w in _POST_ANCHORS):
        return
    for m in _WITHIN_PLAIN.finditer(ctx.low, ctx.s0, ctx.s1):
        # "That puts the Norwegian air stations at Bodo and Evenes, ... and the radar in Vardo, 60 km from the border,
        # within range": what the verb puts within range, whatever is said of it on the way
        clause = _clause_start(ctx, m.start())
        put = None
        for put in _PUT.finditer(ctx.text, max(clause, m.start() - 250), m.start()):  # noqa: B007 - the last
            pass
        if put is None or not re.match(r"puts?|putting|plac|bring|brought", put.group(), re.IGNORECASE):
            continue
        for f in found:
            if put.end() <= f.start and f.end <= m.start() and not f.locked and not _sea_coast(ctx, f):
                f.role, f.locked = "target", True
    for m in _WITHIN_OF.finditer(ctx.low, ctx.s0, ctx.s1):
        # "bringing Gdansk, Vilnius and Riga within reach of the ballistic variant"
        clause = _clause_start(ctx, m.start())
        put = None
        for put in _PUT.finditer(text, max(clause, m.start() - 150), m.start()):  # noqa: B007 - the last
            pass
        if put is None:
            continue
        for f in found:
            if put.end() <= f.start and f.end <= m.start() and not f.locked and not _sea_coast(ctx, f):
                f.role, f.locked = "target", True
    for pattern, role in ((_POST_TARGET, "target"), (_POST_OUT, "other")):
        for m in pattern.finditer(ctx.low, ctx.s0, ctx.s1):
            also = re.match(r"(?:\s+[\w'\u2019]+){0,2},\s*as\s+(?:are|is|were|was)\s+", ctx.low[m.end():m.end() + 40])
            if also:  # "every city in Israel is within reach, as are the U.S. bases in Bahrain and the UAE"
                end = _clause_end(ctx, m.end() + also.end())
                for f in found:
                    if m.end() < f.start < end and not f.locked and not f.attributive:
                        f.role, f.locked = role, True
            if role == "target" and _NEGATION.search(text, max(ctx.s0, m.start() - 12), m.start()):
                role_here = "other"
            else:
                role_here = role
            limit = m.start()
            clause = _clause_start(ctx, m.start())
            lo = bisect_right(ctx.starts, max(clause, m.start() - _CUE_REACH) - 1)
            for f in reversed(found[lo:bisect_right(ctx.ends, m.start())]):
                gap = _neutral(text[f.end:limit])
                if limit == m.start():  # "... New Delhi are coming in the distance of strike"
                    gap = _AUXILIARY_END.sub("", gap.rstrip(" \"'\u201c\u2018"))
                if len(gap) > 80 or _SCOPE_BREAK.search(gap) or _PUT.search(gap) or _blocking_cue(ctx, f.end, limit) or \
                        ":" in gap or "?" in gap:
                    break
                if limit == m.start() and re.search(r",\s+(?:the|a|an|its|their|our)\s+(?!whole\b|entire\b)[a-z]", gap):
                    break  # "in the case of Taiwan, the enemy bases can be counterattacked": another subject
                if _in_from_phrase(ctx, f) and (_COMMA.search(gap) or re.search(r"\b(?:all|the\s+whole|every|most|much)\b", gap)
                                                or re.match(r"\s+the\b", gap)):
                    break  # "From the western provinces of Iran, all of Israel is in range"
                if _in_reference_phrase(ctx, f):
                    break  # "the carrier ... 1,500 kilometers from the coast of Zhejiang can be hit": a landmark
                if _COMMA.search(gap) and _in_basing_phrase(ctx, f):
                    break  # "if it is deployed in Izmir or Mugla, the Greek islands ... are in the strike range"
                if not f.locked and not _sea_coast(ctx, f):
                    f.role, f.locked = role_here, True
                limit = f.start


_INVERTED_BASING = re.compile(r"(?:\s+(?:region|oblast|province|area|district))?(?:\s+and\s+[A-Z][\w\-]*)?(?:\s+[^\s,;.]+){0,8}?\s+"
                              r"(?:has|have|had|was|were|is|are)\s+(?:been\s+)?(?:placed|deployed|stationed|positioned|based|installed|"
                              r"put\s+on\s+(?:the\s+)?combat\s+duty)\b")
_AUXILIARY_END = re.compile(r"\b(?:is|are|was|were|will|would|could|can|may|might|shall|has|have|had|been|be|now|also|"
                            r"all|both|likewise|still|then|easily|well|already|thus|therefore|in\s+theory|"
                            r"theoretically|potentially)(?:\s+(?:is|are|was|were|will|would|could|can|may|might|has|"
                            r"have|been|be|now|also|all|both|likewise|still|then|easily|well|already|thus|therefore|"
                            r"in\s+theory|theoretically|potentially))*\s*$", re.IGNORECASE)


_NAME_THEN_PHRASE = re.compile(f"[{_UPPER}][\\w\\-]*\\s+(?:the|all|every|most|much)\\s")  # "from Izmir the Greek islands"


def _in_from_phrase(ctx: _Context, f: _Found) -> bool:
    """Whether a place sits in a "from ..." phrase (its launch point), not an extent ("from X until Y")."""
    clause = _clause_start(ctx, f.start)
    near = ctx.cues_before(f.start)[:2]
    for c in near[:1]:
        if c.start >= clause:
            if re.search(r"\s(?:until|till|to|through)\s+(?:the\s+)?[A-Z]", ctx.text[c.end:min(ctx.s1, f.end + 40)]):
                return False
            if c.kind == "unit" and len(near) > 1 and near[1].kind == "from" and c.start - near[1].end < 30 and \
                    near[1].start >= clause and not _COMMA.search(ctx.text[near[1].end:c.start]):
                c = near[1]  # "from western launch sites near Tabriz": the "from" heads the unit noun's phrase
            return (c.kind == "from" or c.text.startswith("from")) and not _COMMA.search(ctx.text[c.end:f.start]) and \
                not re.match(r"\s+where\b", ctx.text[c.end:f.start]) and \
                not _NAME_THEN_PHRASE.search(ctx.text[c.end:f.start]) and \
                not _NEW_PHRASE.search(ctx.text[c.end:f.start])
    return False


def _in_reference_phrase(ctx: _Context, f: _Found) -> bool:
    """Whether a reference cue right before a place governs it ("1,500 km from the coast of Zhejiang")."""
    clause = _clause_start(ctx, f.start)
    for c in ctx.cues_before(f.start)[:1]:
        if c.start >= clause and c.kind == "reference" and c.text != "over" and f.start - c.end < 30:
            return not _COMMA.search(ctx.text[c.end:f.start]) and _prep_scope(ctx, c, f.start)
    return False


def _in_basing_phrase(ctx: _Context, f: _Found) -> bool:
    """Whether a basing verb in its clause governs a place ("if it is deployed in Izmir or Mugla")."""
    clause = _clause_start(ctx, f.start)
    for c in ctx.cues_before(f.start)[:1]:
        if c.start >= clause and c.kind == "basing" and len(ctx.text[c.end:f.start]) < 80:
            if _PUT.match(ctx.text, c.start) or re.search(r"\b(?:the|a|an|its|their|his|her|our)\s+$",
                                                           ctx.low[max(ctx.s0, c.start - 8):c.start]):
                return False  # "placing PLA airfields at Nyingchi ... within range"; "the garrison in Grodno": a noun
            return not _COMMA.search(ctx.text[c.end:f.start]) and _verb_scope(ctx, c, f.start)
    return False


def _blocking_cue(ctx: _Context, a: int, b: int) -> bool:
    """A verb cue between two places ends a cue's reach back over a list."""
    for c in ctx.cues[bisect_right(ctx.cue_starts, a - 1):bisect_right(ctx.cue_starts, b)]:
        if c.end <= b and c.kind in ("basing", "target", "launch", "production", "from",
                                     "reference", "except"):
            if c.kind == "unit" and re.fullmatch(r"\s*,?\s*(?:and|or|including|such\s+as|as\s+well\s+as)\s+(?:the\s+)?"
                                                  r"(?:[\w.\-]+\s+){0,3}",
                                                  ctx.text[a:c.start]):
                continue  # "Andersen and the naval base at Apra Harbor lie within reach": one list
            if c.kind == "from" and re.match(r"\s*(?:the\s+)?[A-Z]", ctx.text[c.end:b]):
                if re.search(r"\bto\s+", ctx.text[c.end:b]):
                    continue  # "from Nha Trang to Vung Tau"
            return True
    return False


# the verbs that govern "X within range" ("putting Guam within reach"): a cue after places reaches back to them
_PUT = re.compile(r"\b(?:puts?|putting|plac(?:e|es|ed|ing)|bring(?:s|ing)?|brought|leav(?:e|es|ing)|left|"
                  r"keep(?:s|ing)?|kept|ha(?:s|ve))\b", re.IGNORECASE)
_THERE = re.compile(r"\b(?:[Dd]eployed|[Ss]tationed|[Bb]ased|[Pp]ositioned|[Pp]laced|[Ff]ielded|[Ff]rom)\s+there\b")


_ANAPHOR = re.compile(  # on the lowered text
    r"\b(?:struck|strike|strikes|striking|hit|hits|hitting|attacked|attacking|targeted|targeting|reach|reaches|reached|"
    r"threaten(?:s|ed)?)\s+((?:the|this|that)\s+(air\s*base|airbase|base|airfield|island|port|refinery|plant|facility))\b")
_ANAPHOR_KINDS = {"base": {"base", "airport"}, "airbase": {"base", "airport"}, "airfield": {"base", "airport"},
                  "island": {"island", "island_group"}, "port": {"city", "capital", "base"}}


def _resolve_anaphor(cleaned: CleanText, memory: _Discourse, found: list[_Found], m: re.Match,
                     sentence: str) -> TargetMention | None:
    """"Ukrainian drones struck the base twice": the base named just before is
    a target. Returns the target it gives (its quote is the anaphor)."""
    noun = re.sub(r"\s+", "", m.group(2))
    kinds = _ANAPHOR_KINDS.get(noun)
    earlier = [f for _, fs in memory.recent for f in fs] + [f for f in found if f.end <= m.start()]
    for f in reversed(earlier):
        if f.attributive or not f.place.country:
            continue
        if kinds is None and f.place.kind not in ("country", "sea") or kinds is not None and \
                (f.place.kind in kinds or noun.endswith("base") and "base" in f.place.name.casefold()):
            if f.role == "other" and not f.locked:
                f.role = "target"
            quote, qs, qe = cleaned.original_quote(m.start(1), m.end(1))
            r = memory.last_range
            return TargetMention(iso_a3=f.place.country, name=_country_label(f.place.country, f.place.name),
                                 claim="part", quote=quote, start=qs, end=qe, sentence=sentence,
                                 range_km=r.km if r else None, system=r.system if r else None)
    return None


_WHOLE_ISLAND = re.compile(  # on the lowered text
    r"\b(?:the\s+(?:entire|whole)\s+island|all\s+of\s+the\s+island|(?:every|any)\s+(?:part|corner|inch|point|"
    r"location|place|target)\s+(?:of|on)\s+the\s+island)\b(?!\s+of\b)")


def _resolve_island(cleaned: CleanText, memory: _Discourse, found: list[_Found], m: re.Match,
                    sentence: str) -> TargetMention | None:
    """"The entire island is a target": the island named last (Guam, Taiwan,
    Okinawa) is a target; the whole country when the island is one."""
    earlier = [f for _, fs in memory.recent for f in fs] + [f for f in found if f.end <= m.start()]
    for f in reversed(earlier):
        if not f.place.country or f.demonym:
            continue
        whole = f.place.country in _ISLAND_NATIONS  # Andersen Air Force Base: the island is Guam
        if not whole and f.place.kind not in ("island", "island_group"):
            continue
        quote, qs, qe = cleaned.original_quote(m.start(), m.end())
        r = memory.last_range
        return TargetMention(iso_a3=f.place.country, name=_country_label(f.place.country, f.place.name),
                             claim="all" if whole else "part", quote=quote, start=qs, end=qe, sentence=sentence,
                             range_km=r.km if r else None, system=r.system if r else None)
    return None


#: Countries that are one main island, which news calls "the island".
_ISLAND_NATIONS = {"TWN", "CYP", "MLT", "SGP", "BHR", "LKA", "ISL", "IRL", "CUB", "JAM", "MDG", "GUM", "NRU", "PLW",
                   "MUS", "BRB", "TTO", "DMA", "LCA", "GRD", "VCT", "KNA", "ATG", "TLS", "BRN", "PRI", "NZL", "FJI"}


def _resolve_there(memory: _Discourse, index: int) -> None:
    """"Deployed there", "from there": the place meant is the latest basing
    place of the last sentences, else the latest place of the previous one."""
    earlier = [f for i, fs in memory.recent if i < index for f in fs]
    basing = [f for f in earlier if f.role == "basing"]
    if basing:
        return
    candidates = [f for i, fs in memory.recent if i == index - 1 for f in fs
                  if not (f.attributive or f.possessive or f.reference)]
    if candidates and candidates[-1].role == "other":
        candidates[-1].role = "basing"


# --------------------------------------------------------------------------- #
# claims and targets
# --------------------------------------------------------------------------- #
_ADJ = r"(?:(?:continental|mainland|contiguous|whole|entire|occupied|(?:north|south|east|west)(?:east|west)?(?:ern)?)\s+)?"
_CLAIM_ALL = re.compile(
    r"(?:\b(?:any|every)\s+(?:single\s+)?(?:location|place|point|part|target|city|site|area|corner|inch|spot)s?\s+"
    r"(?:in|of|on|across|within)(?:\s+the\s+(?:territory|soil|mainland)\s+of)?|\banywhere\s+(?:in|on|across|within)|"
    r"\beverywhere\s+in|\ball\s+across"
    r"|\b(?:all|the\s+whole|the\s+entire(?:ty)?|whole|entire)(?:\s+of)?(?:\s+the)?(?:\s+(?:territory|territories|"
    r"country|landmass|island|area|areas|regions?)\s+of)?)\s+(?:the\s+)?" + _ADJ + r"$", re.IGNORECASE)
_CLAIM_HEDGE = re.compile(r"\b(?:nearly|almost|virtually|practically|most|much|not)\s+$", re.IGNORECASE)
_CLAIM_PART = re.compile(
    r"(?:\bparts?\s+of|\bsome\s+of|\b(?:some|many|most|much)\s+(?:areas?|regions?|parts?|cities|targets)\s+(?:in|of)|"
    r"\bareas?\s+of|\bregions?\s+of|\bmuch\s+of|\bmost\s+of|\bportions?\s+of|\b(?:large\s+)?swaths?\s+of|"
    r"\bdeep\s+(?:inside|into|within|in)|\bcoastal\s+areas?\s+of|"
    r"\b(?:bases?|targets?|sites?|facilit(?:y|ies)|installations?|cities|towns|airfields?|air\s*bases?|ports?|depots?|"
    r"positions?|infrastructure|outposts?|shipping|ships)\s+(?:in|on|inside|across|throughout|of)|"
    r"\b(?:eastern|western|northern|southern|coastal|central)\s+(?:parts?\s+of|regions?\s+of)?)\s+(?:the\s+)?" + _ADJ + r"$",
    re.IGNORECASE)
_CLAIM_ALL_AFTER = re.compile(r"\s+(?:in\s+(?:its|their)\s+entirety|as\s+a\s+whole)\b", re.IGNORECASE)
_CLAIM_PART_AFTER = re.compile(r"(?:'s)?\s*,?\s*(?:except|excluding|but\s+not|apart\s+from|other\s+than|coast|coastline|"
                               r"border|shores?|airspace|waters|(?:north|south|east|west)(?:east|west)?(?:ern)?\b(?!\s+of)|"
                               r"capital|heartland|interior|industrial)\b", re.IGNORECASE)
_WHOLE_USA = re.compile(r"\b(?:continental|contiguous|mainland)\s+$", re.IGNORECASE)


def _claims(ctx: _Context, found: list[_Found]) -> None:
    """The claim of each target place: "all", "part" or None (a bare country)."""
    text = ctx.text
    prev_country: _Found | None = None
    for f in found:
        if f.role != "target":
            continue
        whole = f.place.kind in ("country", "territory") and not f.demonym
        before = text[max(ctx.s0, f.start - 60):f.start]
        if f.demonym and f.claim is None:
            q = re.search(r"\b(?:any|every|each|all)\s+(?:single\s+)?(?:the\s+)?$", before, re.IGNORECASE)
            if q and not _CLAIM_HEDGE.search(before, 0, q.start()):
                f.claim, f.claim_start = "all", f.start - (len(before) - q.start())
            else:
                f.claim, f.claim_start = "part", f.start
            continue
        after = text[f.end:min(ctx.s1, f.end + 30)]
        claim, start = f.claim, f.claim_start if f.claim else f.start
        if claim is None:
            m_all = _CLAIM_ALL.search(before)
            m_part = _CLAIM_PART.search(before)
            if m_all and not _CLAIM_HEDGE.search(before, 0, m_all.start()):
                claim, start = ("all" if whole else "part"), f.start - (len(before) - m_all.start())
            elif m_part is not None or m_all is not None:
                hit = m_part if m_part is not None else m_all
                assert hit is not None
                claim, start = "part", f.start - (len(before) - hit.start())
            elif whole and _CLAIM_ALL_AFTER.match(after):
                claim = "all"
            elif f.place.country == "USA" and whole and (_WHOLE_USA.search(before) or
                                                         re.match(r"\s+mainland\b", after)):
                claim = "all"  # "the continental United States", "the U.S. mainland"
            elif not whole:
                claim = "part"
            elif prev_country is not None and prev_country.claim and \
                    re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or)\s+(?:the\s+)?", text[prev_country.end:f.start]):
                claim = prev_country.claim  # "all of Germany, the United Kingdom and France"
            if claim in ("all", None) and whole and _CLAIM_PART_AFTER.match(after):
                claim = "part"  # "any location in South Korea except ...", "India's northeast"
        f.claim, f.claim_start = claim, start
        prev_country = f if whole else None


def _target_mentions(cleaned: CleanText, ctx: _Context, found: list[_Found], kept: list[tuple[Distance, RangeMention]],
                     last_range: RangeMention | None, sentence: str) -> Iterator[TargetMention]:
    """A target for every target-role place, with the range stated with it:
    the nearest before it in the sentence, else the first after, else the latest."""
    for f in found:
        if f.role != "target" or f.attributive or f.nickname or not f.place.country:
            continue
        if "contested" in f.place.source:
            continue  # a disputed feature names no one country
        rng = [r for d, r in kept if d.end <= f.start]
        r = rng[-1] if rng else (kept[0][1] if kept else last_range)
        quote, qs, qe = cleaned.original_quote(f.claim_start if f.claim_start >= 0 else f.start, f.end)
        name = f.place.name if f.place.kind in ("country", "territory") else _country_label(f.place.country, f.place.name)
        yield TargetMention(iso_a3=f.place.country, name=name, claim=f.claim, quote=quote, start=qs, end=qe,
                            sentence=sentence, range_km=r.km if r else None, system=r.system if r else None)


def _country_label(iso3: str, fallback: str) -> str:
    from .geodata import country_names

    return country_names().get(iso3, fallback)


def _merge_targets(targets: list[TargetMention]) -> list[TargetMention]:
    """One entry per (country, range); "all" beats "part", a stated claim beats
    none, and a country with a claim somewhere drops its claim-less mentions."""
    rank = {"all": 2, "part": 1, None: 0}
    out: dict[tuple[str, float | None], TargetMention] = {}
    for t in targets:
        key = (t.iso_a3, t.range_km)
        if key not in out or rank[t.claim] > rank[out[key].claim]:
            out[key] = t
    claimed = {t.iso_a3 for t in out.values() if t.claim}
    return [t for t in out.values() if t.claim or t.iso_a3 not in claimed]


# --------------------------------------------------------------------------- #
# the parser
# --------------------------------------------------------------------------- #
@dataclass
class _Discourse:
    """What carries from sentence to sentence: the weapon in focus, acronyms
    defined for weapons, the latest range, the recent places."""

    focus: str | None = None
    aliases: frozenset[str] = frozenset()
    last_range: RangeMention | None = None
    para_weapon: bool = False
    list_targets: bool = False  # the bullets after "it covers:" name what it reaches
    recent: list[tuple[int, list[_Found]]] = field(default_factory=list)  # (sentence index, places)


def parse_text(text: str) -> Findings:
    """Find weapon ranges, places, target countries and reach claims in ``text``.

    Examples
    --------
    >>> f = parse_text("The DF-26 missile has a range of 4,000 km and can reach Guam.")
    >>> [(r.km, r.system) for r in f.ranges]
    [(4000.0, 'DF-26 missile')]
    >>> [(p.name, p.role) for p in f.places]
    [('Guam', 'target')]
    >>> [(t.iso_a3, t.claim) for t in f.targets]
    [('GUM', None)]
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_text needs a str, got {type(text).__name__}")
    cleaned = clean_text(text)
    clean = cleaned.text
    low = clean.translate(_ASCII_LOWER)
    gaz = _Gazetteer()
    gaz.name_context(clean)
    for m in _VESSEL_NAME.finditer(clean):  # "Moskva sinking: one year on ... The cruiser Moskva": the ship, from the start
        gaz.not_places.add(m.group(1))
    # companies the text names, unless the name is a place's ("Israel Aerospace Industries")
    gaz.orgs = {m.group(1) for m in _ORG_NAME.finditer(clean) if m.group(1) not in _DEMONYMS and gaz(m.group(1)) is None} | \
        set(_MAKERS)
    memory = _Discourse()
    from .catalogue import find_in_text

    known = _Spans([(a, b, clean[a:b]) for a, b, _m in find_in_text(clean)])
    strike_news = bool(_WEAPON_NOUN.search(low)) or bool(known)
    ranges: list[RangeMention] = []
    places: list[tuple[_Found, str]] = []  # with the sentence
    targets: list[TargetMention] = []
    para_start = 0
    prev_end = 0
    for index, (s0, s1) in enumerate(split_sentences(clean)):
        if "\n" in clean[prev_end:s0]:
            para_start = s0
            memory.para_weapon = False
        prev_end = s1
        sentence = clean[s0:s1]
        weapons = _weapon_phrases(clean, s0, s1, memory.aliases, low, known)
        for _a, b, _ in weapons:
            acro = _ACRONYM_DEF.match(clean, b)
            if acro:
                memory.aliases = memory.aliases | {acro.group(1)}
        item = _list_item(clean, s0, s1, para_start)
        kept = list(_ranges(cleaned, low, s0, s1, weapons, memory, item, sentence, gaz))
        ranges.extend(r for _, r in kept)
        if kept:
            memory.last_range = kept[-1][1]
            memory.para_weapon = True
        focus_before = memory.focus
        specific = [w for w in weapons if _is_specific(w[2])]
        if specific:
            memory.focus = re.sub(r"\s+", " ", specific[-1][2])
        elif weapons and memory.focus is None:
            memory.focus = re.sub(r"\s+", " ", weapons[-1][2])
        if weapons:
            memory.para_weapon = True

        # a list item's head names a weapon ("Khorramshahr - 2,000 km"), unless it names a place ("Kstovo refinery - hit")
        skip = (item.head_start, item.head_end) if item is not None and (
            any(a < item.head_end and item.head_start < b for a, b, _ in weapons) or
            kept and not _PLACE_NOUN_AFTER.search(clean, item.head_start, item.head_end)) else None
        found = _place_mentions(clean, s0, s1, gaz, skip)
        if found and known:
            # "missiles of Khorramshahr type", "The Dezful, a Zolfaghar derivative": the catalogue's system
            found = [f for f in found if not any(a <= f.start < b for a, b, _ in known.starting_within(f.start - 30, f.start)) or
                     (_previous_word(clean, max(s0, f.start - 20), f.start)[0] or "").casefold() in _AT_PLACE or
                     re.search(r"\b(?:port|city|town|province|base|island)\s+of\s+$", clean[max(s0, f.start - 20):f.start])]
        if found:
            headline = index == 0 and s1 - s0 < 160 and clean.startswith("\n", s1) and strike_news
            ctx = _Context(clean, low, s0, s1, weapon=bool(weapons or focus_before or memory.para_weapon or headline),
                           strike_news=strike_news,
                           weapon_ends=tuple(b for _, b, _ in weapons),
                           past_flight=bool(_PAST_FLIGHT.search(low, s0, s1)), cues=_cues(clean, low, s0, s1))
            _assign_roles(ctx, found)
            if item is not None and kept:
                _list_targets(ctx, found, item, [d for d, _ in kept])
            if memory.list_targets and _BULLETED.match(clean, s0) and ctx.weapon:
                for f in found:  # "With a range of 4,000 km it covers:\n• Andersen AFB, Guam"
                    if f.role == "other" and not f.locked and not f.attributive and not f.demonym:
                        f.role = "target"
            if (ctx.weapon or strike_news) and _UNDISCLOSED.search(low, s0, s1):
                for f in found:  # "The exact location is not disclosed, but experts suppose the area of Asipovichy"
                    if f.role == "other" and not f.locked and not f.attributive and f.place.kind != "country":
                        f.role = "basing"
            from_line = _FROM_BULLET.match(clean, s0, s1) if ctx.weapon else None
            if from_line:  # "\u2022 From Asipovichy (Mogilev region) - Warsaw, Vilnius, Riga"
                for f in found:
                    if not f.locked and not f.attributive:
                        f.role = "basing" if f.start < from_line.end() else "target"
            _claims(ctx, found)
            targets.extend(_target_mentions(cleaned, ctx, found, kept, memory.last_range, _shown_sentence(cleaned, s0, s1)))
        if _BULLETED.match(clean, s0):
            pass  # a bullet keeps what the line before it announced
        else:
            memory.list_targets = bool(_ANNOUNCES_TARGETS.search(low, max(s0, s1 - 40), s1))
        there = _THERE.search(clean, s0, s1)
        if there and (weapons or focus_before):
            _resolve_there(memory, index)
        island = _WHOLE_ISLAND.search(low, s0, s1) if "island" in low[s0:s1] else None
        if island and (weapons or focus_before or memory.para_weapon) and \
                not _NEGATION.search(clean, max(s0, island.start() - 30), min(s1, island.end() + 30)):
            target = _resolve_island(cleaned, memory, found, island, _shown_sentence(cleaned, s0, s1))
            if target is not None:
                targets.append(target)
        anaphor = _ANAPHOR.search(low, s0, s1) if " the " in low[s0:s1] else None
        if anaphor and (weapons or focus_before or memory.para_weapon):
            target = _resolve_anaphor(cleaned, memory, found, anaphor, _shown_sentence(cleaned, s0, s1))
            if target is not None:
                targets.append(target)
        places.extend((f, _shown_sentence(cleaned, s0, s1)) for f in found)
        memory.recent = [r for r in memory.recent if r[0] >= index - 2] + ([(index, found)] if found else [])
    mentions = []
    for f, sentence in places:
        quote, qs, qe = cleaned.original_quote(f.start, f.end)
        p = f.place
        mentions.append(PlaceMention(name=p.name, lat=p.lat, lon=p.lon, country=p.country, kind=p.kind, role=f.role,
                                     quote=quote, start=qs, end=qe, sentence=sentence))
    from .catalogue import with_catalogue

    # last: tie stated ranges to catalogue systems, and give a named system
    # with no stated range the catalogue's (marked source="catalogue")
    return with_catalogue(text, Findings(tuple(ranges), tuple(mentions), tuple(_merge_targets(targets))))


def _shown_sentence(cleaned: CleanText, s0: int, s1: int) -> str:
    """The sentence as shown to people: the cleaned text (entities decoded, lines joined)."""
    return cleaned.text[s0:s1]
