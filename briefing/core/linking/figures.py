"""Figures with their units ("up to 12 million tonnes", "US$7bn", "64%"), normalised to compare."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from briefing.core.linking.lexicon import (
    CURRENCIES,
    DURATION_UNITS,
    MULTIPLIERS,
    NUMBER_WORDS,
    QUALIFIERS,
    STOPWORDS,
    UNIT_ALIASES,
)
from briefing.core.linking.tokens import stem

_CURRENCY = r"(?P<cur>US\$|NZ\$|HK\$|[ACS]\$|\$|€|£|¥|₩|₹|₽)"
_NUMBER_WORD = "|".join(
    sorted((w for w in NUMBER_WORDS if " " not in w and w != "one"), key=len, reverse=True)
)


def _trie(words: list[str]) -> str:
    """An alternation of `words` that branches letter by letter ('s(?:even(?:t(?:een|y))?|ix)'),
    so that the engine gives up on a word after its first letters rather than trying each
    word in turn. Followed by a word boundary, as here, it matches what the plain
    alternation does: at most one of the words is the whole word at a position."""
    groups: dict[str, list[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    if not groups:
        return ""
    branches = [re.escape(first) + _trie(rests) for first, rests in sorted(groups.items())]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in words else body  # a word may end here, or go on


_NUMBER_TRIE = _trie(_NUMBER_WORD.split("|"))
_NUMBER_STARTS = "".join(sorted({word[0] for word in _NUMBER_WORD.split("|")} | {"h", "a"}))
"""First letters of the number words, of 'half a' and of 'a'."""
_ATOM = re.compile(
    # The lookahead names the characters a number can start with (a currency mark, a digit,
    # the first letters of the number words, 'half a', 'a'), so that at most word starts the
    # engine gives up at once instead of trying each number word (and where one may start,
    # the letters after it tell which): the same matches in half the time.
    rf"(?<![\w.,\-/])(?=[\dUNHACS$€£¥₩₹₽]|(?i:[{_NUMBER_STARTS}]))(?:{_CURRENCY}\s?)?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?i:{_NUMBER_TRIE})\b"
    r"|(?i:half\s+a|a)(?=\s+(?:trillion|billion|million|thousand)\b))"
    r"(?:\s?(?P<mult>trillion|billion|million|thousand|bn|mn|mln|tn|trn|m|k)\b)?"
    r"(?:\s?(?P<pct>%|per\s?cent\b|percent\b))?",
)
_VAGUE = re.compile(
    r"\b(?P<word>tens|hundreds|dozens)\s+of\s+(?P<mult>thousands|millions|billions)\b", re.I
)
_RANGE_JOIN = re.compile(r"\s*(?:-|to|and)\s*$")
_UNIT_WORD = re.compile(
    r"[-\s]*(?:strong|long|odd|plus)?\s*(?:['\"]\s*)?([A-Za-z][\w\-]*(?:\s+cent\b)?)"
)
_ITEM_WORDS = re.compile(r"[A-Za-z][\w\-]*|[,.;:()!?\"]")
_ORDINAL_OR_MODEL = re.compile(r"^(?:st|nd|rd|th)\b|^[-‐]?\d")
_INHERIT = frozenset({"more", "additional", "extra", "further", "fewer", "less", "each", "apiece"})
_NOT_UNITS = STOPWORDS | {"times", "percent", "per"}


@dataclass(frozen=True)
class Figure:
    """One quantity: a value or a span of values, a unit, and how exact the text says it is."""

    start: int
    end: int
    text: str
    low: float
    high: float
    unit: str
    """Normalised unit: '%', 'USD', 'km', or the stem of the counted noun ('ferry')."""
    unit_text: str
    """The unit as written, for labels ('tonnes', 'passengers')."""
    qualifier: str = ""
    """'≤' up to, '≥' at least, '≈' about, '>' more than, '<' less than, '~' vague, '' exact."""
    digits: int = 1
    """Significant digits as written: '3,833' is more telling than 'two'."""
    items: tuple[str, ...] = ()
    """Stems of the words that say what is counted ('barrel', 'passenger')."""

    @property
    def is_range(self) -> bool:
        return self.high != self.low

    @property
    def is_duration(self) -> bool:
        return self.unit in DURATION_UNITS

    @property
    def values(self) -> tuple[float, ...]:
        return (self.low,) if self.low == self.high else (self.low, self.high)

    def same_value(self, other: Figure) -> bool:
        return _close(self.low, other.low) and _close(self.high, other.high)

    def label(self) -> str:
        """'10–12 million tonnes', 'up to 12 million tonnes', 'US$7bn', '64%'."""
        words = {
            "≤": "up to ",
            "≥": "at least ",
            "≈": "about ",
            ">": "over ",
            "<": "under ",
            "~": "",
        }
        prefix = words.get(self.qualifier, "")
        if self.qualifier == "~":
            return self.text
        if self.unit in CURRENCY_CODES:
            mark = _CURRENCY_MARK.get(self.unit, self.unit + " ")
            amounts = "–".join(mark + _short(v) for v in self.values)
            return prefix + amounts
        if self.unit == "%":
            return prefix + "–".join(_plain(v) for v in self.values) + "%"
        return f"{prefix}{_span(self.values)} {self.unit_text}".strip()


CURRENCY_CODES = frozenset(CURRENCIES.values())
_CURRENCY_MARK = {"USD": "US$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def find_figures(
    text: str,
    skip: list[tuple[int, int]] = (),
    spans: list[tuple[int, int]] | None = None,
    memo: NumberMemo | None = None,
) -> list[Figure]:
    """Every figure in `text`, ranges merged, skipping spans already read as dates.

    With `spans`, the text's sentences (see tokens.sentences), and `memo`, kept over a whole
    briefing, the numbers of each distinct sentence are looked for once (see `_numbers`).
    """
    vagues = _vague_amounts(text)
    atoms = _atoms(text, [m.span() for m in vagues], _numbers(text, spans, memo))
    if skip:
        atoms = [a for a in atoms if not any(a[0] < b and s < a[1] for s, b in skip)]
    figures: list[Figure] = []
    previous_unit: tuple[str, str] | None = None
    i = 0
    while i < len(atoms):
        start, end, low, cur, digits, pct = atoms[i]
        high = low
        # "3 million to 4 million", "10-15%": a range, when the second is the larger.
        if i + 1 < len(atoms):
            nstart, nend, nvalue, ncur, ndigits, npct = atoms[i + 1]
            between = text[end:nstart]
            if _RANGE_JOIN.fullmatch(between) and nvalue > low and (ncur or cur) == (cur or ncur):
                high, end, digits, cur, pct = (
                    nvalue,
                    nend,
                    max(digits, ndigits),
                    cur or ncur,
                    pct or npct,
                )
                i += 1
        i += 1
        qualifier = _qualifier(text[max(0, start - 24) : start])
        unit, unit_text, unit_end, items = _unit(text, end, cur, pct)
        if unit == "inherit":
            if previous_unit is None:
                continue
            unit, unit_text = previous_unit
        if not unit:
            continue
        figures.append(
            Figure(
                start,
                unit_end,
                text[start:unit_end].strip(),
                low,
                high,
                unit,
                unit_text,
                qualifier,
                digits,
                items,
            )
        )
        previous_unit = (unit, unit_text)
    for vague in vagues:
        if any(vague.start() < b and a < vague.end() for a, b in skip):
            continue
        base = MULTIPLIERS[vague.group("mult").lower()]
        scale = {"tens": 10, "hundreds": 100, "dozens": 12}[vague.group("word").lower()]
        after = vague.end() + (3 if text[vague.end() : vague.end() + 4] == " of " else 0)
        unit, unit_text, unit_end, items = _unit(text, after, None, None)
        if unit and unit != "inherit":
            figures.append(
                Figure(
                    vague.start(),
                    unit_end,
                    text[vague.start() : unit_end].strip(),
                    scale * base,
                    scale * base * 10,
                    unit,
                    unit_text,
                    "~",
                    1,
                    items,
                )
            )
    figures.sort(key=lambda f: f.start)
    return figures


def _vague_amounts(text: str) -> list[re.Match[str]]:
    """'tens of thousands', 'hundreds of millions': amounts with no number in them."""
    if text.isascii():
        # Rare words: looked for in C first. On ASCII text, lower case folds exactly the
        # letters that the pattern's IGNORECASE matches.
        lowered = text.lower()
        if "tens" not in lowered and "hundreds" not in lowered and "dozens" not in lowered:
            return []
    return list(_VAGUE.finditer(text))


Number = tuple[int, int, str, str | None, str | None, int, bool]
"""A match of `_ATOM`: its start and end, the number, currency mark and multiplier as
written, where the multiplier starts, and whether it is a percentage."""
NumberMemo = dict[str, tuple[Number, ...]]
"""A sentence → its numbers, at offsets in the sentence."""


def _numbers(
    text: str, spans: list[tuple[int, int]] | None, memo: NumberMemo | None
) -> list[Number]:
    """Every match of `_ATOM` in `text`, sentence by sentence when the sentences are known.

    Wire copy repeats whole sentences, so each distinct one is searched once. That finds
    exactly what one search of the whole text finds: a number holds no sentence's end (a
    dot in one is followed by a digit, never a space) and nothing after a sentence's end
    continues it (the next sentence opens on a capital, a digit or a quote, never on a
    multiplier or 'per cent'). Not so across a line break, which ends a sentence anywhere.
    """
    if spans is None or memo is None or "\n" in text:
        return _search_numbers(text)
    found: list[Number] = []
    for start, end in spans:
        sentence = text[start:end]
        known = memo.get(sentence)
        if known is None:
            known = memo[sentence] = tuple(_search_numbers(sentence))
        for at, until, num, cur, mult, mult_at, pct in known:  # moved to offsets in `text`
            found.append((at + start, until + start, num, cur, mult, mult_at + start, pct))
    return found


def _search_numbers(text: str) -> list[Number]:
    return [
        (*m.span(), m["num"], m["cur"], m["mult"], m.start("mult"), m["pct"] is not None)
        for m in _ATOM.finditer(text)
    ]


def _atoms(
    text: str, vague_spans: list[tuple[int, int]], numbers: list[Number]
) -> list[tuple[int, int, float, str | None, int, bool]]:
    """(start, end, value, currency, significant digits, percent) for every number outside
    the vague amounts ('tens of thousands') at `vague_spans`."""
    atoms = []
    for start, end, num, cur, mult, mult_at, pct in numbers:
        if any(a <= start < b for a, b in vague_spans):
            continue
        if _ORDINAL_OR_MODEL.match(text[end : end + 3]) and not mult:
            continue  # "8th", "38th", a model number such as "M-1955"
        mult_word = (mult or "").lower()
        if mult_word == "m" and not cur and not _counted_after(text, end):
            end = mult_at  # "200 m" is metres unless money or a count ("10m barrels")
            mult_word = ""
        if num[0].isdigit():
            value = float(num.replace(",", ""))
            digits = len(num.replace(",", "").split(".")[0].lstrip("0").rstrip("0") or "0")
            digits += len(num.split(".")[1]) if "." in num else 0
        else:
            value = _ARTICLE_VALUES.get(" ".join(num.lower().split())) or float(
                NUMBER_WORDS[num.lower()]
            )
            digits = 1
        value *= MULTIPLIERS.get(mult_word, 1.0)
        currency = CURRENCIES.get(cur.lower()) if cur else None
        atoms.append((start, end, value, currency, max(digits, 1), pct))
    return atoms


_ARTICLE_VALUES = {"a": 1.0, "half a": 0.5}
"""'a million rounds', 'half a million rounds': an article before a multiplier is a number."""
_IRREGULAR_PLURALS = frozenset({"people", "men", "women", "children"})


def _counted_after(text: str, end: int) -> bool:
    """Whether a unit or a plural noun follows: '10m visitors', '10m tonnes' count millions,
    while '10m', 'a 10m wall' and '10m high' measure metres."""
    following = _NEXT_WORD.match(text, end)
    if not following:
        return False
    word = following.group(1).lower()
    if word in _NOT_UNITS:
        return False
    return word in UNIT_ALIASES or _plural(word) or word in _IRREGULAR_PLURALS


_QUALIFIERS_LONGEST_FIRST = sorted(QUALIFIERS.items(), key=lambda kv: -len(kv[0]))
"""Sorted once, not for every number: 'up to' is tried before 'to'."""
_QUALIFIERS_BY_LAST_WORD: dict[str, list[tuple[str, str]]] = {}
for _phrase, _mark in _QUALIFIERS_LONGEST_FIRST:
    _QUALIFIERS_BY_LAST_WORD.setdefault(_phrase.rsplit(" ", 1)[-1], []).append((_phrase, _mark))
_LAST_LETTERS = re.compile(r"[a-z]+\Z")


def _qualifier(before: str) -> str:
    lowered = before.lower().rstrip()
    # A phrase that ends the text ends it with its last word, after a space or no letter
    # or digit: only the phrases ending in the text's last letters can, longest first.
    # (Every phrase is words of plain lower-case letters.)
    last = _LAST_LETTERS.search(lowered, max(0, len(lowered) - 16))
    for phrase, mark in _QUALIFIERS_BY_LAST_WORD.get(last.group() if last else "", ()):
        if lowered.endswith(phrase) and (
            len(lowered) == len(phrase) or not lowered[-len(phrase) - 1].isalnum()
        ):
            return mark
    return ""


def _unit(
    text: str, end: int, currency: str | None, percent: bool | None
) -> tuple[str, str, int, tuple[str, ...]]:
    """The unit after a number, where it ends, and the words that say what is counted."""
    items = _items(text, end)
    if percent:
        return "%", "%", end, items
    if currency:
        return currency, currency, end, items
    match = _UNIT_WORD.match(text, end)
    if not match or match.start(1) - end > 12:
        return "", "", end, items
    word = match.group(1)
    lowered = word.lower()
    if lowered in UNIT_ALIASES:
        return UNIT_ALIASES[lowered], _as_plural(text, end, word), match.end(1), items[1:]
    head, _, rest = lowered.partition("-")
    if rest in _DIMENSIONS and head in UNIT_ALIASES:
        # '400-metre-long', '10-km-wide': the unit inside a figure written as an adjective.
        written = word[: len(head)]
        return UNIT_ALIASES[head], _as_plural(text, end, written), match.end(1), items[1:]
    if lowered in CURRENCIES:
        return CURRENCIES[lowered], word, match.end(1), items[1:]
    if lowered in _INHERIT:
        return "inherit", "", end, items
    if lowered in _NOT_UNITS or word[0].isupper():
        return "", "", end, items
    word, word_end = _head_noun(text, word, match.end(1))
    return stem(word.lower()), word, word_end, items


_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w\-]*)")
_DIMENSIONS = frozenset({"long", "high", "tall", "wide", "deep", "thick"})
"""What a unit inside a hyphenated adjective measures: '400-metre-long', '30-foot-high'."""
_PLURALS = {"foot": "feet", "inch": "inches"}


def _as_plural(text: str, end: int, unit: str) -> str:
    """A unit written in an adjective ('a 220,000-tonne ship') as a count writes it, for
    labels: '220,000 tonnes' in both '220,000 tonnes' and '220,000-tonne'."""
    if text[end : end + 1] not in "-‐" or len(unit) <= 2:
        return unit
    lowered = unit.lower()
    if lowered in _PLURALS:
        return _PLURALS[lowered]
    plural = lowered + "s"
    return unit + "s" if UNIT_ALIASES.get(plural) == UNIT_ALIASES.get(lowered) else unit


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _head_noun(text: str, word: str, end: int) -> tuple[str, int]:
    """What is counted: 'six military drones' counts drones, 'two partly occupied regions'
    regions, not the words that qualify them. Adverbs are passed over, and so is a word
    that is not plural when a plural one follows it (up to two steps)."""
    for _ in range(2):
        following = _NEXT_WORD.match(text, end)
        if not following:
            break
        after = following.group(1)
        adverb = word.lower().endswith("ly") and len(word) > 4
        if (adverb or (not _plural(word.lower()) and _plural(after))) and after not in _NOT_UNITS:
            word, end = after, following.end(1)
            continue
        break
    return word, end


def _items(text: str, end: int) -> tuple[str, ...]:
    """Stems of up to four content words after a number, stopping at punctuation."""
    found: list[str] = []
    for word in _ITEM_WORDS.findall(text, end, end + 80):
        if not word[0].isalpha():
            break
        lowered = word.lower()
        if lowered in STOPWORDS and lowered != "of":
            break
        if lowered != "of":
            found.append(stem(lowered))
        if len(found) == 4:
            break
    return tuple(found)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.005, abs_tol=1e-9)


def value_key(value: float) -> str:
    """Three significant digits: the precision at which two sources quote the same number."""
    if value == 0:
        return "0"
    return f"{value:.3g}"


def _plain(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.4g}"


def _short(value: float) -> str:
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if value >= size:
            return f"{value / size:.4g}{suffix}"
    return _plain(value)


def _span(values: tuple[float, ...]) -> str:
    """'12 million', '10–12 million', '1,000'."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if min(values) >= size:
            return "–".join(f"{v / size:.4g}" for v in values) + f" {word}"
    return "–".join(_plain(v) for v in values)
