"""Article text -> findings: weapon ranges, places, targets and reach claims.

Pure: no I/O beyond the bundled gazetteer, which is read once and cached.

Every pattern here runs in time linear in the text. Distances are found by
their *unit* ("km", "miles", ...) and the number is then read backwards from
a bounded window, so no regular expression ever scans an unbounded run of
digits, commas or words more than once. Weapon phrases are found by their head
noun ("missile", "rocket", ...) or a system name ("DF-26"), again reading
modifiers backwards from a bounded window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Findings, PlaceMention, RangeMention, TargetMention
from typing import Any, Iterator

__all__ = ["parse_text", "Findings", "RangeMention", "PlaceMention", "TargetMention", "split_sentences"]

KM_PER_MILE = 1.609344
KM_PER_NMI = 1.852

# --------------------------------------------------------------------------- #
# sentences
# --------------------------------------------------------------------------- #
_ABBREV = {"u.s", "u.k", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "adm", "sen", "rep", "gov", "st", "no", "vs",
           "inc", "corp", "co", "jr", "sr", "approx", "est", "fig", "e.g", "i.e", "jan", "feb", "mar", "apr", "aug",
           "sept", "sep", "oct", "nov", "dec", "maj", "capt", "sgt", "prof"}
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
            if tail and tail[-1].rstrip(".").casefold() in _ABBREV:
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
# numbers
# --------------------------------------------------------------------------- #
_SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
          "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMBER_WORDS = set(_SMALL) | set(_SCALE) | {"a", "an", "and"}


def words_to_number(words: list[str]) -> float | None:
    """["three", "thousand"] -> 3000; ["fifteen", "hundred"] -> 1500; ["a", "thousand"] -> 1000."""
    total, current, seen = 0, 0, False
    for w in words:
        if w in ("a", "an"):
            current = max(current, 1)
        elif w == "and":
            continue
        elif w in _SMALL:
            current += _SMALL[w]
            seen = True
        elif w == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif w in _SCALE:
            total += max(current, 1) * _SCALE[w]
            current = 0
            seen = True
        else:
            return None
    value = total + current
    return float(value) if seen and value > 0 else None


_DIGITS = r"(?<![\d.,])(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# the number (or span) right before a unit, read from a bounded window ending at the unit
_NUM_TAIL = re.compile(
    rf"(?:({_DIGITS})\s*(?:-|–|—|to|and)\s*)?({_DIGITS})(?:\s*-\s*|\s*)$", re.IGNORECASE)
_UNIT = re.compile(
    r"(?<![A-Za-z])(kilomet(?:er|re)s?|kms?|nautical\s+miles?|nmi|nm|miles?|mi)(?![A-Za-z])", re.IGNORECASE)
_SPEED_AFTER = re.compile(r"\s*(?:/\s*(?:h|hr|s|sec)\b|per\s+(?:hour|second|hr)\b|an\s+hour\b|a\s+second\b)", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"\b(about|around|roughly|approximately|approx\.?|some|nearly|almost|close\s+to|an\s+estimated|estimated|regarding|"
    r"more\s+than|over|in\s+excess\s+of|exceeding|upwards\s+of|beyond|greater\s+than|"
    r"up\s+to|as\s+far\s+as|as\s+much\s+as|a\s+maximum\s+of|maximum\s+of|"
    r"at\s+least|no\s+less\s+than|a\s+minimum\s+of|minimum\s+of)\s+(?:of\s+)?$", re.IGNORECASE)
_QUALIFIER_KIND = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about", "approx": "about",
    "approx.": "about", "some": "about", "nearly": "about", "almost": "about", "close to": "about",
    "an estimated": "about", "estimated": "about", "regarding": "about",
    "more than": "over", "over": "over", "in excess of": "over", "exceeding": "over", "upwards of": "over",
    "beyond": "over", "greater than": "over",
    "up to": "up to", "as far as": "up to", "as much as": "up to", "a maximum of": "up to", "maximum of": "up to",
    "at least": "at least", "no less than": "at least", "a minimum of": "at least", "minimum of": "at least",
}


def _to_float(digits: str) -> float:
    return float(re.sub(r"[,\u00a0\u202f ]", "", digits))


def _unit_km(unit: str) -> tuple[str, float]:
    u = unit.casefold()
    if u.startswith("naut") or u in ("nmi", "nm"):
        return "nmi", KM_PER_NMI
    if u.startswith("mi"):
        return "mi", KM_PER_MILE
    return "km", 1.0


@dataclass(frozen=True)
class _Distance:
    km: float
    km_min: float | None
    qualifier: str | None
    start: int  # of the quote (qualifier included)
    num_start: int
    end: int
    unit: str
    value: float


def _find_distances(text: str, s0: int, s1: int) -> Iterator[_Distance]:
    sentence = text[s0:s1]
    for u in _UNIT.finditer(sentence):
        ustart, uend = u.start() + s0, u.end() + s0
        if _SPEED_AFTER.match(text, uend):
            continue
        unit, factor = _unit_km(u.group(1))
        window_start = max(s0, ustart - 60)
        window = text[window_start:ustart]
        m = _NUM_TAIL.search(window)
        if m:
            hi = _to_float(m.group(2))
            lo = _to_float(m.group(1)) if m.group(1) else None
            num_start = window_start + m.start()
        else:
            words = re.findall(r"[A-Za-z]+|[^A-Za-z\s-]", window)[-8:]
            taken: list[str] = []
            for w in reversed(words):
                if w.casefold() in _NUMBER_WORDS:
                    taken.append(w.casefold())
                else:
                    break
            while taken and taken[-1] in ("and",):  # leading "and" (list reversed)
                taken.pop()
            taken.reverse()
            while taken and taken[0] == "and":
                taken.pop(0)
            value = words_to_number(taken) if taken else None
            if value is None:
                continue
            hi, lo = value, None
            # where the words begin: search back for the first taken word
            num_start = window_start + _rfind_words(window, taken)
        if unit == "nmi" and u.group(1).casefold() == "nm" and hi < 1:
            continue
        if lo is not None and lo >= hi:
            lo = None
        before = text[max(s0, num_start - 30):num_start]
        q = _QUALIFIER.search(before)
        qualifier = _QUALIFIER_KIND.get(re.sub(r"\s+", " ", q.group(1).casefold())) if q else None
        quote_start = num_start - (len(before) - q.start()) if q else num_start
        yield _Distance(km=round(hi * factor, 3), km_min=round(lo * factor, 3) if lo is not None else None,
                        qualifier=qualifier, start=quote_start, num_start=num_start, end=uend, unit=unit, value=hi)


def _rfind_words(window: str, words: list[str]) -> int:
    """Offset in ``window`` where the trailing run of ``words`` begins."""
    pos = len(window)
    for w in reversed(words):
        i = window.casefold().rfind(w, 0, pos)
        if i < 0:
            break
        pos = i
    return pos


# --------------------------------------------------------------------------- #
# weapons, years and cues
# --------------------------------------------------------------------------- #
_WEAPON_NOUN = re.compile(
    r"\b(missiles?|rockets?|ICBMs?|IRBMs?|MRBMs?|SRBMs?|SLBMs?|GLCMs?|ALCMs?|glide\s+vehicles?|HGVs?|"
    r"launchers?|drones?|bombers?|warheads?|projectiles?|munitions?|weapons?(?:\s+systems?)?)\b", re.IGNORECASE)
_SYSTEM_NAME = re.compile(
    r"\b(?:DF|Dongfeng|JL|CJ|YJ|KN|Hwasong|Pukguksong|Nodong|Rodong|Musudan|Taepodong|Iskander|Kinzhal|Zircon|"
    r"Tsirkon|Kalibr|Kh|Oreshnik|Avangard|Sarmat|Yars|Bulava|Shahab|Sejjil|Emad|Khorramshahr|Fateh|Zolfaghar|"
    r"Kheibar|Paveh|Soumar|Hoveyzeh|Agni|Prithvi|BrahMos|Shaheen|Ghauri|Babur|Minuteman|Trident|Tomahawk|JASSM|"
    r"LRASM|ATACMS|PrSM|SM|Hyunmoo|Hsiung\s+Feng|HF|Dark\s+Eagle|LRHW|Typhon|Storm\s+Shadow|SCALP|Taurus|Jericho|"
    r"Scud|Shahed|Geran|Type|Sentinel|Poseidon|Burevestnik|Kumsong|Haeseong|Hwajeon|Ra'ad|Nasr|Ghaznavi|"
    r"Ababeel|Nirbhay|Pralay)"
    r"(?:[\s\-]?(?:\d+[A-Za-z]*|[IVX]+)(?:-[A-Z]+)?)?(?:s)?\b")
_MODIFIERS = {
    "long-range", "medium-range", "short-range", "intermediate-range", "extended-range", "intercontinental",
    "hypersonic", "cruise", "ballistic", "anti-ship", "land-attack", "stand-off", "standoff", "surface-to-surface",
    "surface-to-air", "air-launched", "ground-launched", "sea-launched", "submarine-launched", "nuclear-capable",
    "conventional", "nuclear", "tactical", "strategic", "supersonic", "subsonic", "precision", "precision-guided",
    "guided", "kamikaze", "attack", "counterstrike", "strike",
    "hypersonic-glide", "boost-glide", "glide", "theater", "theatre", "mobile", "road-mobile", "solid-fuel",
    "liquid-fuel", "solid-fuelled", "solid-fueled", "shore-based", "ship-launched", "ground-based",
}
_YEAR = re.compile(
    r"\b(?:by|in|from|until|before|around|after|starting|through|within|for)\s+"
    r"(?:(?:fiscal\s+(?:year\s+)?)|(?:the\s+)?(?:(early|mid|late)[\s-]+)?)((?:19|20)\d\d)(s)?\b"
    r"|\b(?:in|within|over|during)\s+(the\s+next\s+decade|the\s+coming\s+decade|the\s+next\s+few\s+years)\b",
    re.IGNORECASE)
_RANGE_CUE = re.compile(
    r"\b(?:range[sd]?|reach(?:es|ing)?|strike[sd]?|striking|hit(?:s|ting)?|cover(?:s|ing)?|fly|flies|flying|"
    r"travel(?:s|l?ing)?|targets?|radius|capable|capability|distance|able\s+to|fire[sd]?|firing|launch(?:es|ed|ing)?|"
    r"deliver(?:s|ed|ing)?|carr(?:y|ies|ying))\b|-range\b", re.IGNORECASE)
_PAST_FLIGHT = re.compile(r"\b(?:flew|travell?ed|splashed|landed|flight\s+(?:of|distance)|test(?:ed)?\s+flight|"
                          r"covered|was\s+fired|were\s+fired)\b", re.IGNORECASE)
_ALTITUDE = re.compile(r"\b(?:altitude|apogee|height|high|above\s+(?:the\s+)?(?:sea|ground|earth)|orbit)\b", re.IGNORECASE)
_PLACE_DISTANCE_AFTER = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:away\b|from\b|off\b|of\s+(?:the\s+)?(?:coast|border|capital|city|island)|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\b|inland\b|offshore\b|apart\b|"
    r"long\b|wide\b|across\b|border\b|coastline\b|of\s+coastline)", re.IGNORECASE)
_STRONG_RANGE_BEFORE = re.compile(
    r"(?:range|reach|radius|strike|striking|hit|hitting|target(?:s|ing)?|fly|travel|deliver|carry|capable of [a-z]+ing|"
    r"able to [a-z]+)\b[^.;]{0,40}$", re.IGNORECASE)


def _weapon_phrases(text: str, s0: int, s1: int) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of weapon phrases in a sentence."""
    sentence = text[s0:s1]
    found: list[tuple[int, int, str]] = []
    for m in _SYSTEM_NAME.finditer(sentence):
        name = m.group()
        if name.split()[0] in ("Type", "SM", "HF", "Kh", "KN", "JL", "CJ", "YJ", "DF") and not re.search(r"\d", name):
            continue  # "Type" alone is a word, not a system
        # "DF-26 ballistic missile": take the modifiers and the noun that follow the name
        end = m.end()
        words_after = re.match(r"((?:\s+[A-Za-z-]+){0,3})", sentence[end:]).group(1)
        phrase_end = end
        for w in re.finditer(r"\s+([A-Za-z-]+)", words_after):
            word = w.group(1).casefold()
            noun = _WEAPON_NOUN.fullmatch(w.group(1)) or word in ("system", "systems")
            if noun:
                phrase_end = end + w.end()
                break
            if word not in _MODIFIERS:
                break
        found.append((m.start() + s0, phrase_end + s0, sentence[m.start():phrase_end]))
    for m in _WEAPON_NOUN.finditer(sentence):
        start = m.start()
        # walk back over modifiers separated by plain spaces ("intercontinental ballistic missiles")
        for _ in range(5):
            prev = re.search(r"([A-Za-z][A-Za-z-]*) +$", sentence[max(0, start - 40):start])
            if not prev or prev.group(1).casefold() not in _MODIFIERS:
                break
            start = max(0, start - 40) + prev.start(1)
        a, b = start + s0, m.end() + s0
        if any(x <= a < y or x < b <= y for x, y, _ in found):
            continue
        found.append((a, b, sentence[start:m.end()]))
    return sorted(found)


def _nearest(items: list[tuple[int, int, str]], pos: int, end: int, *, after_weight: float = 1.5):
    best, best_d = None, None
    for a, b, s in items:
        d = (pos - b) if b <= pos else ((a - end) * after_weight if a >= end else 0)
        if best_d is None or d < best_d:
            best, best_d = (a, b, s), d
    return best


def _year_for(text: str, s0: int, s1: int, start: int, end: int, next_start: int) -> str | None:
    sentence = text[s0:s1]
    years = []
    for m in _YEAR.finditer(sentence):
        if m.group(4):
            label = m.group(4).lower().removeprefix("the ")
        else:
            label = (f"{m.group(1).lower()} " if m.group(1) else "") + m.group(2) + (m.group(3) or "")
        years.append((m.start() + s0, m.end() + s0, label))
    after = [y for y in years if end <= y[0] < next_start]
    if after:
        return after[0][2]
    before = [y for y in years if y[1] <= start]
    if before:
        return before[-1][2]
    return None


# --------------------------------------------------------------------------- #
# places
# --------------------------------------------------------------------------- #
_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w\-]|['’](?![sS]\b))*")
_CONNECTORS = {"of", "the", "de", "del", "da", "do", "al", "el", "upon", "and"}
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
    "many", "more", "much", "some", "via", "tours", "mach", "standard", "temple", "garden", "plain", "plains", "valley", "forest", "river", "lake", "north", "south",
    "east", "west", "center", "centre", "alliance", "pentagon", "kremlin", "white", "black", "red", "green",
    "gold", "silver", "young", "old", "new", "good", "great", "little", "big", "home", "life", "love", "peace",
    "war", "power", "energy", "force", "forces", "army", "navy", "air", "guard", "security", "strategy",
}
# place names that are, in this domain, never places ("Mach 10")
_NEVER = {"mach", "of", "article"}
_LOCATIVE = {"in", "at", "near", "from", "to", "on", "into", "toward", "towards", "outside", "inside", "around",
             "across", "over", "reach", "reaching", "reaches", "strike", "hit", "hitting", "target", "targeting",
             "of", "via", "off", "between", "and", "including", "like", "such", "as"}
_TITLES = {"president", "minister", "secretary", "mr", "mrs", "ms", "dr", "general", "gen", "admiral", "adm",
           "senator", "sen", "rep", "governor", "gov", "spokesman", "spokeswoman", "chancellor", "premier", "king",
           "queen", "prince", "sir", "lord", "lady", "colonel", "col", "captain", "capt", "lieutenant", "lt",
           "commander", "chief", "director", "ambassador", "envoy", "judge", "justice", "pope", "saint"}
_SPEECH = {"said", "says", "told", "added", "stressed", "noted", "announced", "argued", "warned", "explained",
           "wrote", "asked", "replied", "insisted", "confirmed", "declared", "emphasized", "emphasised"}
_BASING_CUE = re.compile(
    r"\b(?:deploy(?:s|ed|ing|ment)?|station(?:s|ed|ing)?|based|base|bases|basing|launch(?:ed|es|ing)?\s+from|"
    r"fired?\s+from|firing\s+from|position(?:s|ed|ing)?|install(?:s|ed|ing)?|host(?:s|ed|ing)?|"
    r"garrison(?:ed)?|place[sd]?|placing|stationing|located)\b", re.IGNORECASE)
_TARGET_CUE = re.compile(
    r"\b(?:reach(?:es|ing)?|strike[sd]?|striking|hit(?:s|ting)?|target(?:s|ed|ing)?|within\s+(?:striking\s+)?"
    r"(?:range|reach|distance)\s+of|in\s+range\s+of|attack(?:s|ed|ing)?|cover(?:s|ing)?|threaten(?:s|ed|ing)?)\b",
    re.IGNORECASE)
_CLAIM_ALL = re.compile(
    r"(?:any\s+(?:location|place|point|part|target|city|site|area)s?\s+(?:in|of|on|across)|anywhere\s+(?:in|on)|"
    r"all\s+of|all\s+parts\s+of|the\s+entire(?:ty\s+of)?|every\s+part\s+of|every\s+corner\s+of|the\s+whole\s+of|"
    r"(?:the\s+)?entire|whole|all\s+(?:the\s+)?(?:territory|territories)\s+of|everywhere\s+in|all\s+across)\s+(?:the\s+)?$",
    re.IGNORECASE)
_CLAIM_PART = re.compile(
    r"(?:parts?\s+of|some\s+of|(?:some|many|most|much)\s+(?:areas?|regions?|parts?|cities|targets)\s+(?:in|of)|"
    r"areas?\s+of|regions?\s+of|much\s+of|most\s+of|portions?\s+of|large\s+swaths?\s+of|swaths?\s+of|"
    r"(?:the\s+)?(?:eastern|western|northern|southern|coastal|central)\s+(?:parts?\s+of|regions?\s+of)?)\s+(?:the\s+)?$",
    re.IGNORECASE)


_SPAN_JUNK = re.compile(r"[^\w\s'’\-.]")


_CAPWORD = re.compile(r"(?<![\w'’\-])(?:[A-Z]\.){2,}|(?<![\w'’\-])[A-Z](?:[\w\-]|['’](?![sS]\b))*")


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


def _place_mentions(text: str, s0: int, s1: int, lookup_name, known, firsts) -> list[tuple[int, int, Any]]:
    """Greedy longest matches of gazetteer names starting at capitalised words.

    Only a capitalised word that begins some known name is looked at further,
    with a short window of the words after it; the work per sentence is linear.
    """
    from .gazetteer import normalize

    out = []
    pos = s0
    for cap in _CAPWORD.finditer(text, s0, s1):
        ws = cap.start()
        word = cap.group()
        if ws < pos or word in ("The", "A", "An"):
            continue
        most = firsts.get(word)
        if most is None:
            most = firsts[word] = firsts.get(normalize(word).split(" ")[0], 0)
        if not most:
            continue
        if most == 1:
            nxt_m = _WORD.search(text, cap.end(), min(s1, cap.end() + 40))
            words = [(ws, cap.end(), word)] + ([(nxt_m.start(), nxt_m.end(), nxt_m.group())] if nxt_m else [])
        else:
            words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, ws, min(s1, ws + 80))][:most + 1]
        match = None
        for length in range(min(most, len(words)), 0, -1):
            if not words[length - 1][2][:1].isupper():
                continue
            span_text = text[ws:words[length - 1][1]]
            if len(span_text) > 60 or _SPAN_JUNK.search(span_text):
                continue
            if length > 1 and any(not x[2][:1].isupper() and x[2].casefold() not in _CONNECTORS for x in words[:length]):
                continue
            if normalize(span_text) in known:
                match = (length, span_text)
                break
        if match is None:
            continue
        length, span_text = match
        end = words[length - 1][1]
        pos = end
        prev, gap = _previous_word(text, max(s0, ws - 40), ws)
        nxt = words[length][2] if length < len(words) else None
        sentence_start = not text[s0:ws].strip(" \"'“‘(")
        if _accept_place(span_text, length, prev, gap, nxt, sentence_start, lookup_name):
            place = lookup_name(span_text)
            if place is not None:
                out.append((ws, end, place))
    return out


def _accept_place(span_text, length, prev, gap, nxt, sentence_start, lookup_name) -> bool:
    key = span_text.casefold()
    # person names: "Lloyd Austin", "President Biden", "... Austin said"
    if prev and prev[:1].isupper() and not sentence_start and prev.casefold() not in _CONNECTORS:
        if gap.strip() == "" and lookup_name(prev) is None:
            return False
    if prev and prev.casefold().rstrip(".") in _TITLES:
        return False
    if nxt and nxt.casefold() in _SPEECH and length == 1:
        place = lookup_name(span_text)
        if place is not None and place.kind == "city":  # "Austin said"; "Pyongyang said" is the government
            return False
    if nxt and (nxt.casefold() in _MODIFIERS or _WEAPON_NOUN.fullmatch(nxt)) and length == 1:
        return False  # "Khorramshahr missile" names a weapon
    if key in _NEVER:
        return False
    if key in COMMON_WORDS:
        if sentence_start:
            return False
        return bool(prev) and prev.casefold() in _LOCATIVE
    place = lookup_name(span_text)
    if place is None:
        return False
    # small cities named like ordinary capitalised words need a locative preposition
    if length == 1 and place.kind == "city" and place.population < 100_000:
        return bool(prev) and prev.casefold() in _LOCATIVE and not sentence_start
    return True


def _role(text: str, s0: int, start: int, end: int) -> str:
    before = text[max(s0, start - 90):start]
    clause = re.split(r"[;:]|,\s+(?:and|but|while|which|who)\b|\bbut\b", before)[-1]
    # the place must sit right after a preposition ("to the island of Okinawa")
    prep = re.search(r"\b(in|at|on|to|from|near|into|of)\s+(?:the\s+)?(?:(?:island|islands|city|port|base|"
                     r"prefecture|province|region|state|territory|peninsula|coast|area)\s+(?:of\s+)?)?(?:the\s+)?$",
                     clause, re.IGNORECASE)
    target = list(_TARGET_CUE.finditer(clause))
    basing = list(_BASING_CUE.finditer(clause))
    if target and (not basing or target[-1].start() > basing[-1].start()):
        return "target"
    if basing and prep:
        return "basing"
    if basing and re.search(r"\bbased\s*$|\b(?:launch(?:ed)?|fired?)\s+from\s*$", clause):
        return "basing"
    return "other"


# --------------------------------------------------------------------------- #
# the parser
# --------------------------------------------------------------------------- #
def parse_text(text: str) -> Findings:
    """Find weapon ranges, places, target countries and reach claims in ``text``.

    Examples
    --------
    >>> f = parse_text("The DF-26 missile has a range of 4,000 km and can reach Guam.")
    >>> [(r.km, r.system) for r in f.ranges]
    [(4000.0, 'DF-26 missile')]
    >>> [(p.name, p.role) for p in f.places]
    [('Guam', 'target')]
    """
    from .gazetteer import first_words, known_names, lookup

    if not isinstance(text, str):
        raise TypeError(f"parse_text needs a str, got {type(text).__name__}")
    known = known_names()
    firsts = dict(first_words())  # a copy: raw words seen in this text are memoised into it
    cache: dict[str, Any] = {}

    def lookup_name(name: str):
        if name not in cache:
            cache[name] = lookup(name)
        return cache[name]

    ranges: list[RangeMention] = []
    places: list[PlaceMention] = []
    targets: list[TargetMention] = []
    for s0, s1 in split_sentences(text):
        sentence = text[s0:s1]
        distances = list(_find_distances(text, s0, s1))
        weapons = _weapon_phrases(text, s0, s1) if (distances or _TARGET_CUE.search(sentence)) else []
        kept: list[tuple[_Distance, RangeMention]] = []
        for k, d in enumerate(distances):
            if not _is_weapon_range(text, s0, s1, d, weapons):
                continue
            if any(abs(prev.km - d.km) <= 0.02 * max(prev.km, d.km) and (prev.km_min is None) == (d.km_min is None)
                   for prev, _ in kept):
                continue  # "300 km (186 miles)"
            nxt = distances[k + 1].start if k + 1 < len(distances) else s1
            w = _nearest(weapons, d.start, d.end)
            system = re.sub(r"\s+", " ", w[2]) if w else None
            year = _year_for(text, s0, s1, d.start, d.end, nxt)
            mention = RangeMention(km=d.km, km_min=d.km_min, qualifier=d.qualifier, quote=text[d.start:d.end],
                                   start=d.start, end=d.end, system=system, year=year, sentence=sentence,
                                   unit=d.unit, value=d.value)
            kept.append((d, mention))
            ranges.append(mention)

        has_cue = bool(_TARGET_CUE.search(sentence) or _BASING_CUE.search(sentence))
        for start, end, place in _place_mentions(text, s0, s1, lookup_name, known, firsts):
            role = _role(text, s0, start, end) if has_cue else "other"
            places.append(PlaceMention(name=place.name, lat=place.lat, lon=place.lon, country=place.country,
                                       kind=place.kind, role=role, quote=text[start:end], start=start, end=end,
                                       sentence=sentence))
            if place.kind == "country" and role == "target":
                targets.append(_target(text, s0, sentence, start, end, place, kept))
    return Findings(tuple(ranges), tuple(places), tuple(_merge_targets(targets)))


def _is_weapon_range(text: str, s0: int, s1: int, d: _Distance, weapons) -> bool:
    if not weapons:
        return False
    before = text[max(s0, d.start - 80):d.start]
    after = text[d.end:min(s1, d.end + 60)]
    near = before + " " + text[d.start:d.end] + " " + after
    if re.match(r"-?\s*range", after, re.IGNORECASE) or re.search(r"-range\b", text[d.num_start:d.end + 8]):
        return True
    strong = _STRONG_RANGE_BEFORE.search(before)
    if _PLACE_DISTANCE_AFTER.match(after) and not strong:
        return False
    if _ALTITUDE.search(text[max(s0, d.start - 40):min(s1, d.end + 25)]):
        return False
    if _PAST_FLIGHT.search(before[-60:]) and not re.search(r"\b(?:can|could|capable|able|would|will)\b", before[-60:]):
        return False
    return bool(_RANGE_CUE.search(near))


def _target(text, s0, sentence, start, end, place, kept) -> TargetMention:
    before = text[max(s0, start - 50):start]
    claim = None
    quote_start = start
    m = _CLAIM_ALL.search(before)
    if m:
        claim, quote_start = "all", start - (len(before) - m.start())
    else:
        m = _CLAIM_PART.search(before)
        if m:
            claim, quote_start = "part", start - (len(before) - m.start())
    # the range and system stated with the claim: the nearest range before it in the sentence
    rng = [r for _, r in kept if r.end <= start]
    r = rng[-1] if rng else (kept[0][1] if kept else None)
    return TargetMention(iso_a3=place.country, name=place.name, claim=claim, quote=text[quote_start:end],
                         start=quote_start, end=end, sentence=sentence, range_km=r.km if r else None,
                         system=r.system if r else None)


def _merge_targets(targets: list[TargetMention]) -> list[TargetMention]:
    """One entry per (country, range); a stated claim beats none, and a country
    with a claim somewhere drops its claim-less mentions."""
    out: dict[tuple[str, float | None], TargetMention] = {}
    for t in targets:
        key = (t.iso_a3, t.range_km)
        if key not in out or (out[key].claim is None and t.claim is not None):
            out[key] = t
    claimed = {t.iso_a3 for t in out.values() if t.claim}
    return [t for t in out.values() if t.claim or t.iso_a3 not in claimed]
