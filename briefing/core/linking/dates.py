"""Dates in passage text, absolute and relative, resolved against the document's own date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefing.core.linking.lexicon import MONTH_NAMES, MONTHS, NUMBER_WORDS, TIME_ZONES, WEEKDAYS

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?|Aug\.?)"
)
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_PART_WORDS = ("early", "mid", "late", "end", "beginning", "start")
_PART = r"(?:(?P<part>early|mid|late|end\s+of|beginning\s+of|start\s+of)[-\s]+)"
_DASH = r"\s*(?:-|to|until|till|and|through)\s*"

# Each pattern opens with a lookahead naming the characters a match can start with (a
# digit, a month's capital, a year's first digit...): the engine then skips most positions
# at once instead of trying the pattern there. The matches are exactly the same.
# With each, what every match of it opens on: 'digits', the start of a run of digits;
# 'month', a month's name; 'part', either, or a word such as 'early' or 'end of' (see
# `_openings`). A passage holds few of these, and the pattern is tried at each alone.
_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    (
        "d-d month",
        "digits",
        re.compile(
            rf"(?=\d)(?<![\d.])(?P<d1>\d{{1,2}}){_ORD}{_DASH}(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?"
            rf"(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    (
        "month d-d",
        "month",
        re.compile(
            rf"(?=[JFMASOND])\b(?P<m>{_MONTH})\s+(?P<d1>\d{{1,2}}){_ORD}{_DASH}(?P<d2>\d{{1,2}}){_ORD}(?!\d)"
            rf"(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    (
        "d month",
        "digits",
        re.compile(
            rf"(?=\d)(?<![\d.])(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{_MONTH})"
            rf"(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    (
        "month d",
        "month",
        re.compile(
            rf"(?=[JFMASOND])\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}){_ORD}(?![\d,]\d)(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    (
        "month",
        "part",
        # Its optional first group otherwise makes the engine try every branch everywhere.
        re.compile(
            rf"(?=[emlbsJFMASOND])(?:{_PART}?\b(?P<m>{_MONTH})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?\b)"
        ),
    ),
    (
        "year-year",
        "digits",
        re.compile(
            rf"(?=[12])(?<![\d$£€.,])(?P<y1>{_YEAR})\s*(?:-|to|until|and)\s*(?P<y2>\d{{2,4}})(?![\d%])"
        ),
    ),
    ("decade", "digits", re.compile(r"(?=[12])(?<![\d$£€.,])(?P<y>(?:1[6-9]|20)\d0)s\b")),
    (
        "year",
        "part",
        # Not a model number: 'M-1955', 'M- 1955', 'T-1990'.
        re.compile(
            rf"(?=[emlbs12])(?:{_PART}?(?<![\d$£€.,])(?<![A-Za-z]-)(?<![A-Za-z]- )(?P<y>{_YEAR})"
            r"(?![\d%]|\s*(?:bn|m|million|billion)\b))"
        ),
    ),
]

_ZONES = "|".join(sorted(TIME_ZONES, key=len, reverse=True))
_CLOCK = re.compile(
    # Opens on a digit, as the date patterns do: most positions are skipped at once.
    rf"(?=\d)(?:(?<![\d.,:$£€])(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:(?:{_ZONES})\b|hours\b|hrs\b|h\b"
    r"|local\s+time\b))"
    r"|(?<=\b[Aa]t )(?:[01]\d|2[0-3])[0-5]\d(?![\d%]|[.,]\d|\s*(?:bn|m|million|billion)\b"
    r"|\s+(?:prices|levels|rates|values|figures|standards|terms|dollars)\b)"
    r"|(?<![\d.,:])(?:[01]?\d|2[0-3])(?:[.:][0-5]\d)?\s*(?:[ap]\.?m\b\.?)"
    r"|(?<![\d.,:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d]))"
)
"""Clock times: '2030 GMT', '1400 hours', 'at 2100', '10.30 pm', '10 p.m.', '14:45'. A
four-digit one is not a year, and no clock time is a figure; 'at 2019 prices' is a year."""


def clock_times(text: str, runs: list[int] | None = None) -> list[tuple[int, int]]:
    """The spans of the clock times in `text` (`runs`: its `digit_runs`, when known)."""
    runs = digit_runs(text) if runs is None else runs
    return [m.span() for m in _matches_at(_CLOCK, text, runs)]  # each opens a run of digits


def digit_runs(text: str) -> list[int]:
    """Where each run of digits in `text` starts."""
    return [m.start() for m in _DIGITS.finditer(text)]


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text)` gives, for a pattern that matches only at one of
    `starts` (in order, and never an empty match): tried there alone, not at every position."""
    end = 0
    for start in starts:
        if start >= end:
            match = pattern.match(text, start)
            if match is not None:
                end = match.end()
                yield match


_RELATIVE = re.compile(
    # The first letters of every branch below, checked once per position before any branch
    # is tried: this halves the time of the search and finds exactly the same matches.
    r"(?=[aeflnopsty\d])(?:"
    r"\b(?:(?P<earlier>earlier|later)\s+(?:this|that|in\s+the)\s+(?P<eunit>year|month))"
    r"|(?P<rel>last|this|next|previous|the\s+previous|the\s+following|past|the\s+same)\s+(?P<unit>year|month|week)\b"
    r"|(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?P<cunit>day|days|week|weeks|month|months|year|years)\s+(?P<dir>later|earlier|ago|after|before)\b"
    r"|(?P<next>the\s+next\s+day|the\s+following\s+day|the\s+day\s+before|the\s+previous\s+day)"
    r"|(?P<deictic>yesterday|today|tomorrow)\b"
    r"|\bon\s+(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r")",
    re.IGNORECASE,
)
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})
_DIGITS = re.compile(r"\d+")
_MONTH_ANY = re.compile(_MONTH)
_YEAR_ANY = re.compile(_YEAR)
_YEAR_KINDS = frozenset({"year-year", "decade", "year"})
_RELATIVE_UNITS = ("day", "year", "month", "week", "tomorrow")
"""Every match of `_RELATIVE` holds one of these words (the weekdays, 'today' and
'yesterday' end in 'day'): a text whose lower case has none holds no relative date.
Its other letters have no look-alike that `re.IGNORECASE` matches and `str.lower`
does not fold (such as 'ſ' for 's'), so the check is exact."""
_MONTH_CUE = re.compile(
    r"(?:\b(?:in|on|since|until|by|from|of|early|mid|late|during|before|after|last|this|next)[-\s]+)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date as the text gives it: a day, a month or a year, possibly a span."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None = None
    day: int | None = None
    year_end: int | None = None
    day_end: int | None = None
    relative: bool = False
    """Worked out from words such as 'last year' and the document's date."""

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def resolved(self) -> bool:
        return self.year is not None

    def label(self) -> str:
        """'14 May 2024', '10–14 May', 'April 2021', '1995–1998'."""
        if self.day:
            days = f"{self.day}–{self.day_end}" if self.day_end else str(self.day)
            tail = f" {self.year}" if self.year else ""
            return f"{days} {MONTH_NAMES[self.month or 0]}{tail}"
        if self.month:
            return (
                f"{MONTH_NAMES[self.month]} {self.year}" if self.year else MONTH_NAMES[self.month]
            )
        if self.year_end:
            return f"{self.year}–{self.year_end}"
        return str(self.year)

    def days(self) -> list[tuple[int, int]]:
        """(month, day) pairs covered, for a day-precise date."""
        if not self.day or not self.month:
            return []
        last = self.day_end or self.day
        return [(self.month, d) for d in range(self.day, min(last, 31) + 1)]

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 0, self.day or 0)


def parse_document_date(value: str) -> dt.date | None:
    """The front matter date: ISO '2024-05-17', '2024-05', or prose '17 May 2024'."""
    value = (value or "").strip()
    iso = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?", value)
    if iso:
        year, month, day = int(iso.group(1)), int(iso.group(2) or 1), int(iso.group(3) or 1)
        return _safe_date(year, month, day)
    mentions = find_dates(value, None)
    for mention in mentions:
        if mention.year:
            return _safe_date(mention.year, mention.month or 1, mention.day or 1)
    return None


def find_dates(
    text: str,
    reference: dt.date | None,
    clocks: list[tuple[int, int]] | None = None,
    runs: list[int] | None = None,
) -> list[DateMention]:
    """Every date in `text`, in order; relative ones resolved when `reference` is known.

    Dates without a year ("14 May", "in July") take the reference's year
    (or the year before, when that would put them well after the reference);
    with no reference they stay year-less, which the linker treats as weaker.
    """
    found: list[DateMention] = []
    # Most of the patterns need a digit or a month name: skip them cheaply when there is none.
    # `runs`: the text's `digit_runs`, when the caller has found them already.
    runs = digit_runs(text) if runs is None else runs
    has_digit = bool(runs)
    # A clock time is no year ('at 10.30 pm local time (2030 GMT)').
    # `clocks`: the text's clock times when the caller has found them already.
    if clocks is None:
        clocks = clock_times(text, runs) if has_digit else []
    taken: list[tuple[int, int]] = list(clocks)
    months = [m.start() for m in _MONTH_ANY.finditer(text)]
    has_month = bool(months)
    # The year patterns (a year, a span of years, a decade) all hold a four-digit year.
    has_year = has_digit and _YEAR_ANY.search(text, runs[0]) is not None
    openings = _openings(text, runs, months)
    for kind, opens, pattern in _PATTERNS:
        if (not has_digit and kind != "month") or (not has_month and "month" in kind):
            continue
        if not has_year and kind in _YEAR_KINDS:
            continue
        if kind == "decade" and "0s" not in text:
            continue  # every decade is written so ('the 1990s')
        for match in _matches_at(pattern, text, openings[opens]):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            mention = _absolute(kind, match, text, reference)
            if mention is not None:
                taken.append((start, end))
                found.append(mention)
    found.sort(key=lambda m: m.start)
    # Most passages have no relative date: one look for its words in C beats trying the
    # pattern (and its case-blind alternatives) at every position.
    lowered = text.lower()
    has_unit = any(unit in lowered for unit in _RELATIVE_UNITS)
    relative_matches = _RELATIVE.finditer(text) if has_unit else ()
    for match in relative_matches:
        if any(match.start() < b and a < match.end() for a, b in taken):
            continue
        # Resolved one by one, so "the next day" can count from "a day later" before it.
        mention = _relative(match, found, reference)
        if mention is not None:
            found.append(mention)
            found.sort(key=lambda m: m.start)
    return found


def _openings(text: str, runs: list[int], months: list[int]) -> dict[str, list[int]]:
    """Where a match of each kind of pattern can start: at a run of digits, at a month's
    name (no name holds another), or at either or a word of `_PART` (which needs no word
    boundary before it: 'amid' holds 'mid')."""
    parts: list[int] = []
    for word in _PART_WORDS:
        at = text.find(word)
        while at >= 0:
            parts.append(at)
            at = text.find(word, at + 1)
    part = sorted({*runs, *months, *parts}) if parts else sorted({*runs, *months})
    return {"digits": runs, "month": months, "part": part}


def _absolute(
    kind: str, match: re.Match[str], text: str, ref: dt.date | None
) -> DateMention | None:
    groups = match.groupdict()
    start, end = match.span()
    year = int(groups["y"]) if groups.get("y") else None
    if kind == "year-year":
        first, last = int(groups["y1"]), groups["y2"]
        second = int(last) if len(last) == 4 else (first // 100) * 100 + int(last)
        if len(last) == 3 or not first < second <= first + 60:
            return None
        return DateMention(start, end, match.group(), first, year_end=second)
    if kind == "decade":
        base = int(groups["y"])
        return DateMention(start, end, match.group(), base, year_end=base + 9)
    if kind == "year":
        return DateMention(start, end, match.group(), year)
    month_word = groups["m"].rstrip(".").lower()
    month = MONTHS.get(month_word)
    if month is None:
        return None
    # "may" and "march" are verbs too; a bare one counts only after a date-ish word.
    if (
        kind == "month"
        and year is None
        and month_word in _AMBIGUOUS_MONTHS
        and not groups.get("part")
        and not _MONTH_CUE.search(text[max(0, start - 12) : start])
    ):
        return None
    day = day_end = None
    if kind in ("d month", "month d"):
        day = int(groups["d"])
    elif kind in ("d-d month", "month d-d"):
        day, day_end = int(groups["d1"]), int(groups["d2"])
        if not day < day_end:
            return None
    if (day is not None and not 1 <= day <= 31) or (day_end is not None and day_end > 31):
        return None
    relative = False
    if year is None and ref is not None:
        year, relative = _year_for(month, day or 1, ref), True
    return DateMention(start, end, match.group(), year, month, day, None, day_end, relative)


def _year_for(month: int, day: int, ref: dt.date) -> int:
    """The year a year-less date most likely means: the reference's, unless that is well ahead."""
    candidate = _safe_date(ref.year, month, day) or dt.date(ref.year, month, 1)
    if (candidate - ref).days > 92:
        return ref.year - 1
    return ref.year


def _relative(
    match: re.Match[str], before: list[DateMention], ref: dt.date | None
) -> DateMention | None:
    groups = match.groupdict()
    start, end = match.span()
    text = match.group()
    if groups["eunit"] or groups["unit"]:
        if ref is None:
            return None
        unit = (groups["eunit"] or groups["unit"]).lower()
        rel = " ".join((groups["rel"] or "this").lower().split())
        if groups["earlier"]:
            rel = "this"
        step = {"last": -1, "previous": -1, "the previous": -1, "past": -1, "this": 0,
                "the same": 0, "next": 1, "the following": 1}[rel]  # fmt: skip
        if unit == "year":
            return DateMention(start, end, text, ref.year + step, relative=True)
        if unit == "month":
            year, month = _add_months(ref.year, ref.month, step)
            return DateMention(start, end, text, year, month, relative=True)
        return None  # a week is too vague to match on
    if groups["count"]:
        count_word = groups["count"].lower()
        count = 1 if count_word in ("a", "an") else NUMBER_WORDS.get(count_word) or int(count_word)
        unit = groups["cunit"].lower().rstrip("s")
        direction = groups["dir"].lower()
        if direction == "ago":
            anchor = _as_mention(ref)
        elif direction in ("later", "earlier"):
            anchor = _anchor(before, start, unit)
        else:
            return None  # "days before the trip" counts from an event, not a date
        if anchor is None:
            return None
        sign = -1 if direction in ("ago", "earlier") else 1
        return _shift(anchor, unit, sign * count, start, end, text)
    if groups["next"]:
        anchor = _anchor(before, start, "day")
        if anchor is None:
            return None
        sign = 1 if ("next" in text or "following" in text) else -1
        return _shift(anchor, "day", sign, start, end, text)
    if groups["deictic"]:
        if ref is None:
            return None
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[groups["deictic"].lower()]
        day = ref + dt.timedelta(days=offset)
        return DateMention(start, end, text, day.year, day.month, day.day, relative=True)
    if groups["weekday"] and ref is not None:
        target = WEEKDAYS.index(groups["weekday"].lower())
        back = (ref.weekday() - target) % 7
        day = ref - dt.timedelta(days=back)
        return DateMention(start, end, text, day.year, day.month, day.day, relative=True)
    return None


def _as_mention(ref: dt.date | None) -> DateMention | None:
    if ref is None:
        return None
    return DateMention(0, 0, "", ref.year, ref.month, ref.day)


def _anchor(before: list[DateMention], position: int, unit: str) -> DateMention | None:
    """The last resolved date before `position` precise enough to count `unit`s from."""
    need = {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
    order = ("year", "month", "day")
    for mention in reversed(before):
        if mention.end > position or not mention.resolved or mention.year_end:
            continue
        if order.index(mention.precision) >= order.index(need):
            return mention
        return None  # the nearest date is too coarse: better unresolved than wrong
    return None


def _shift(
    anchor: DateMention, unit: str, amount: int, start: int, end: int, text: str
) -> DateMention | None:
    assert anchor.year is not None
    if unit == "year":
        return DateMention(start, end, text, anchor.year + amount, relative=True)
    if unit == "month":
        year, month = _add_months(anchor.year, anchor.month or 1, amount)
        return DateMention(start, end, text, year, month, relative=True)
    base = _safe_date(anchor.year, anchor.month or 1, anchor.day_end or anchor.day or 1)
    if base is None:
        return None
    day = base + dt.timedelta(days=amount * (7 if unit == "week" else 1))
    if unit == "week":
        return DateMention(start, end, text, day.year, day.month, relative=True)
    return DateMention(start, end, text, day.year, day.month, day.day, relative=True)


def _add_months(year: int, month: int, amount: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + amount
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    day = min(day, calendar.monthrange(year, month)[1])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
