"""Names as each sentence writes them: the mentions of people, places and organisations."""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from briefing.core.linking.lexicon import (
    HYPHEN_PREFIXES,
    HYPHEN_SUFFIXES,
    MONTHS,
    NAME_CONNECTORS,
    NAME_STOPWORDS,
    ORGANISATION_WORDS,
    PEOPLE_ENDINGS,
    PLACE_PREPOSITIONS,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    SURNAME_PARTICLES,
    TIME_ZONES,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    WEEKDAYS,
)
from briefing.core.linking.tokens import WORD, fold_word

_SPLIT_KEY = re.compile(r"[\s\-‐.]+")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]*[A-Z0-9](?:s)?$")
_BROKEN_HYPHEN = re.compile(r"[-‐] +")
_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&]{1,9})s?\)")
"""An acronym in brackets: opening on the bracket, the pattern skips fast to each one."""
_NAME_BEFORE = re.compile(
    r"((?:[A-Z][\w'’\-]*\s+(?:(?:of|for|the|and)\s+)*){0,5}[A-Z][\w'’\-]*)\s*$"
)
_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS)
_CAPITAL = re.compile(r"[A-Z]")
_WORD_START = re.compile(r"\b[^\W\d_]")
_NO_CAPITALS = str.maketrans("", "", string.ascii_uppercase)
_OPENERS = frozenset("\"'“‘([ ")
_NOT_A_NAME_ALONE = NAME_STOPWORDS | TITLE_HEADS | TITLE_MODIFIERS


class Mention(NamedTuple):
    """One name as it occurs in one sentence of one passage (a tuple: made by the hundred
    thousand in a large briefing, at half a frozen dataclass's cost)."""

    key: str
    """Normalised words of the name ('ana maria lestova'); replaced by the merged key later."""
    text: str
    """The name as written, title and possessive removed ('Ana-Maria Lestova')."""
    sentence: int
    start: int
    """Character offset in the passage's normalised text."""
    initial: bool = False
    """A single word at a sentence start: a name only if the briefing shows it is one."""
    acronym: bool = False
    after_title: bool = False
    after_place_word: bool = False


@dataclass(frozen=True)
class CasingStats:
    """How each word is written across the briefing, to tell names from sentence starts."""

    capital_inside: Counter[str]
    """Times written with a capital inside a sentence (a name, or part of one)."""
    lower: Counter[str]
    held_runs: Counter[str] = field(default_factory=Counter)
    """Capitalised runs that begin with a common word ('the Ever Green' as 'ever green'),
    by how often the briefing writes them so inside a sentence (see `count_held_runs`)."""


_HELD_RUN = re.compile(r"[A-Z][a-z]+ (?=[A-Z])")
"""A capitalised word before another: opens on a capital, so most of the text is skipped fast."""
_REST_OF_WORD = re.compile(r"[\w'’-]*")
_ARTICLES = frozenset({"the", "a", "an"})
_BEFORE_HELD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789,;")


def count_held_runs(text: str, counts: Counter[str]) -> None:
    """Count, into `counts`, the capitalised runs inside a sentence of `text` whose first word
    is a common word ('refloat the Ever Green'): written so again and again, the run is one
    name, common words and all, not the name of its last word."""
    for match in _HELD_RUN.finditer(text):
        start = match.start()
        # Inside a sentence: after a lower-case word, a number or a comma, and a space.
        if start < 2 or text[start - 1] != " " or text[start - 2] not in _BEFORE_HELD:
            continue
        first = text[start : match.end() - 1].lower()
        if first in NAME_STOPWORDS and first not in _ARTICLES:
            second = _REST_OF_WORD.match(text, match.end())
            counts[f"{first} {fold_word(second.group() if second else '')}"] += 1


def _held(run: list[tuple[str, int, int]], stats: CasingStats | None) -> bool:
    """Whether a run begins with a common word that the briefing keeps in this name."""
    if stats is None or len(run) < 2 or not stats.held_runs or not run[0][0][:1].isupper():
        return False
    return stats.held_runs.get(f"{fold_word(run[0][0])} {fold_word(run[1][0])}", 0) >= 2


def is_acronym(word: str) -> bool:
    return len(word) >= 2 and bool(_ACRONYM.match(word)) and not word.isdigit()


def name_key(text: str) -> str:
    """'Lee Dal-su', 'Lee Dal Su' and 'LEE DAL SU' share the key 'lee dal su'."""
    parts = [fold_word(p) for p in _SPLIT_KEY.split(text) if p]
    return " ".join(p for p in parts if p)


def _acronym_key(word: str) -> str:
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        word = word[:-1]  # "NGOs" is the plural of "NGO"
    return word.lower()


WordShape = tuple[str, int, bool, bool, bool, str, int, bool]
"""A capitalised word's reading: (word without prefix and suffix, letters cut in front,
capitalised, the briefing never writes it in lower case, a name connector, lower case,
for the possessive how it ends: 2 in 's, 1 in s (one if an apostrophe follows), else 0,
whether it has a capital letter at all)."""


SentenceSetting = tuple[bool, bool, str, str]
"""A sentence and what reading its names looks at around it (see `_sentence_setting`)."""


@dataclass
class MentionMemo:
    """What reading names remembers over a briefing, read with one CasingStats throughout:
    a briefing names the same people and places again and again."""

    runs: dict[tuple[tuple[str, ...], bool, bool, bool], list[Mention]] = field(
        default_factory=dict
    )
    """A run's words and setting (at a sentence start, in a headline, after a place word) →
    the names read from it, with `start` as (word number << _SHIFT) + offset in that word."""
    words: dict[str, WordShape] = field(default_factory=dict)
    sentences: dict[SentenceSetting, list[Mention]] = field(default_factory=dict)
    """A sentence in its setting (see `_sentence_setting`) → the names read from it, with
    `start` counted from the sentence's start: news repeats its sentences word for word."""


_SHIFT = 20


def extract_mentions(
    text: str,
    spans: Sequence[tuple[int, int]],
    stats: CasingStats,
    memo: MentionMemo | None = None,
) -> list[Mention]:
    """Names in one passage: runs of capitalised words, split at titles, with sentence starts checked.

    `memo`, kept over a briefing read with the same `stats`, remembers how each capitalised
    word, each run of them and each sentence in its setting read.
    """
    memo = MentionMemo() if memo is None else memo
    mentions: list[Mention] = []
    for index, (start, end) in enumerate(spans):
        if not _CAPITAL.search(text, start, end):
            continue
        setting = _sentence_setting(text, start, end)
        found = memo.sentences.get(setting) if setting else None
        if found is None:
            found = _read_sentence(text, start, end, stats, memo)
            if setting:
                memo.sentences[setting] = found
        for key, surface, _, at, initial, acronym, after_title, after_place_word in found:
            mentions.append(
                Mention(
                    key, surface, index, start + at, initial, acronym, after_title, after_place_word
                )
            )
    return mentions


_SPACES_AND_ONE = re.compile(r"\s*.?", re.DOTALL)
_WORD_CHARACTER = re.compile(r"\w")


def _sentence_setting(text: str, start: int, end: int) -> SentenceSetting | None:
    """All that reading the names of the sentence from `start` to `end` looks at outside it.

    Whether what opens it (quotes, brackets, spaces) follows a sentence's end (its first
    name may be a sentence start), whether a word character is just before it (a word
    starts only after a non-word one), the sentence, and when it ends in a word (which
    may be a name in the possessive or before an adjective), the spaces and the character
    after it. None when a ']' is near: whether a name credits a picture depends on the
    rest of the passage.
    """
    if text.find("]", start, end + 40) >= 0:
        return None
    before = start - 1
    while before >= 0 and text[before] in _OPENERS:
        before -= 1
    opened = before < 0 or text[before] in ".!?:\n"
    after = ""
    if _WORD_CHARACTER.match(text, end - 1):
        after = _SPACES_AND_ONE.match(text, end).group()
    word_before = start > 0 and _WORD_CHARACTER.match(text, start - 1) is not None
    return (opened, word_before, text[start:end], after)


def _read_sentence(
    text: str, start: int, end: int, stats: CasingStats, memo: MentionMemo
) -> list[Mention]:
    """The names of one sentence, at offsets from its start and with sentence number 0."""
    # A Title Case line (a headline) capitalises every word: trust none of them blindly.
    # Its capitals are counted among its words' first letters, not by a second scan.
    initials = _WORD_START.findall(text, start, end)
    if len(initials) < 4:
        title_case = False
    else:
        letters = "".join(initials)
        capitals = len(letters) - len(letters.translate(_NO_CAPITALS))
        title_case = capitals >= 0.7 * len(initials)
    found: list[Mention] = []
    _scan_sentence(text, start, end, stats, title_case, found, memo)
    return found


def _scan_sentence(
    text: str,
    first: int,
    last: int,
    stats: CasingStats,
    title_case: bool,
    out: list[Mention],
    memo: MentionMemo,
) -> None:
    run: list[tuple[str, int, int]] = []
    prev_end = first  # where the last word ended, looked at only inside a run
    prev_word = ""  # the word before, "" for none
    run_prev_word = ""
    shapes = memo.words
    # Where the last word placed ends. Words are placed (found from here with str.find)
    # only in a run or when they have a capital: the words passed over since hold no
    # capital, so neither they nor the gaps between words (no letters) can hold the
    # placed word's capital, and a word cannot begin before a gap and go on past it: the
    # first place it is found from here is its own.
    cursor = first
    for raw in WORD.findall(text, first, last):
        if not run and raw.islower():
            # The common case, a plain lower-case word outside any name: nothing to do.
            prev_word = raw
            continue
        shape = shapes.get(raw)
        if shape is None:
            shape = shapes[raw] = _word_shape(raw, stats)
        word, cut, capital, never_lower, connector, lowered, ending, upper = shape
        if not run and not upper:
            prev_word = lowered  # a number, say: no name starts with it
            continue
        at = text.find(raw, cursor)
        cursor = at + len(raw)
        start = at + cut
        end = start + len(word)
        if run:
            gap = text[prev_end:start]
            connected = (
                not gap
                or gap.isspace()  # as the pattern's \s sees it
                or (fold_word(run[-1][0]) in TITLE_HEADS and gap.strip() == ".")
                # 'Portau- Varo': a word broken at a line-end hyphen, rejoined with a space.
                or (word[:1].isupper() and _BROKEN_HYPHEN.fullmatch(gap) is not None)
            )
            if not connected:
                _flush(text, run, first, stats, title_case, run_prev_word, out, memo)
                run = []
        if capital:
            if not run:
                run_prev_word = prev_word
            run.append((word, start, end))
            # "Freedonia's High Moors": a name in the possessive ends its run; "Farmers' Union" does not.
            if never_lower and (ending == 2 or (ending and text[end : end + 1] in ("'", "’"))):
                _flush(text, run, first, stats, title_case, run_prev_word, out, memo)
                run = []
        elif run and connector:
            run.append((word, start, end))
        elif run:
            _flush(text, run, first, stats, title_case, run_prev_word, out, memo)
            run = []
        prev_end = end
        prev_word = lowered
    if run:
        _flush(text, run, first, stats, title_case, run_prev_word, out, memo)


def _word_shape(raw: str, stats: CasingStats) -> WordShape:
    """How a word that is not plain lower case reads, worked out once per spelling."""
    word = _drop_prefix(raw)
    cut = len(raw) - len(word)
    word = _drop_suffix(word, stats)
    capital = (word[:1].isupper() or is_acronym(word)) and not _calendar(fold_word(word))
    lowered = word.lower()
    return (
        word,
        cut,
        capital,
        stats.lower[fold_word(word)] == 0,
        lowered in NAME_CONNECTORS,
        lowered,
        2 if raw.endswith(("'s", "’s")) else 1 if raw.endswith("s") else 0,
        any(c.isupper() or c.istitle() for c in raw),
    )


def _calendar(folded: str) -> bool:
    """'March', 'Tuesday', 'Mondays': dates, never names."""
    return folded in _CALENDAR or (folded.endswith("s") and folded[:-1] in WEEKDAYS)


def _drop_prefix(word: str) -> str:
    """'then-President' → 'President', 'anti-Varo' → 'Varo'."""
    if "-" in word:
        head, _, rest = word.partition("-")
        if head.lower() in HYPHEN_PREFIXES and rest[:1].isupper():
            return rest
    return word


def _drop_suffix(word: str, stats: CasingStats) -> str:
    """'Freedonian-era', 'Eastmere-led', 'Varo-based' → the name; 'Jean-Luc', 'Anne-Marie' stay whole."""
    head, _, tail = word.rpartition("-")
    if (
        head
        and head[:1].isupper()
        and tail.islower()
        and len(tail) >= 3
        and (
            tail in HYPHEN_SUFFIXES
            or (tail.endswith("ed") and len(tail) >= 5)
            or stats.lower[tail] > 2
        )
    ):
        return _drop_suffix(head, stats)
    return word


def _flush(
    text: str,
    run: list[tuple[str, int, int]],
    origin: int,
    stats: CasingStats,
    title_case: bool,
    before: str,
    out: list[Mention],
    memo: MentionMemo,
) -> None:
    run = _trim(_drop_trailing_adjective(text, run), stats)
    if not run or _credit(text, run[0][1], run[-1][2]):
        return
    at_start = run[0][1] == 0 or _is_sentence_start(text, run[0][1])
    after_place = before in PLACE_PREPOSITIONS
    key = (tuple([w for w, _, _ in run]), at_start, title_case, after_place)
    found = memo.runs.get(key)
    mask = (1 << _SHIFT) - 1
    if found is None:
        if any(len(w) > mask for w in key[0]):  # no room to say where in the word: read as is
            moved = [(w, at - origin, to - origin) for w, at, to in run]
            _read_run(moved, 0, at_start, stats, title_case, before, out)
            return
        # Read once at positions that say which word each name starts in, and where in it.
        shaped = [(w, i << _SHIFT, (i << _SHIFT) + len(w)) for i, w in enumerate(key[0])]
        found = memo.runs[key] = []
        before = _A_PLACE_WORD if after_place else ""
        _read_run(shaped, 0, at_start, stats, title_case, before, found)
    for name, surface, _, at, initial, acronym, after_title, after_place_word in found:
        start = run[at >> _SHIFT][1] + (at & mask) - origin
        out.append(
            Mention(name, surface, 0, start, initial, acronym, after_title, after_place_word)
        )


_A_PLACE_WORD = min(PLACE_PREPOSITIONS)


def _read_run(
    run: list[tuple[str, int, int]],
    sentence: int,
    at_start: bool,
    stats: CasingStats,
    title_case: bool,
    before: str,
    out: list[Mention],
) -> None:
    """The names in one trimmed run of capitalised words."""
    # Sentence starts and headline words are names only if the briefing writes them so elsewhere.
    titled = False
    while run and (at_start or title_case) and not _known_name(run[0][0], stats):
        if _held(run, stats):
            break
        titled = titled or (
            fold_word(run[0][0]) in TITLE_HEADS
            and not (len(run) > 1 and run[1][0].lower() in NAME_CONNECTORS)
        )
        run = _trim(run[1:], stats)
        at_start = False
    if not run:
        return
    initial = at_start or title_case
    run = _split_hyphenated(run, stats)
    for piece, after_title in _split_titles(run, stats):
        after_title = after_title or (titled and piece[0] is run[0])
        if _one_name_with_and(piece, stats):
            _emit(piece, sentence, before, after_title, False, stats, out)
            continue
        parts = _split_connectors(piece)
        for part in parts:
            _emit(part, sentence, before, after_title, initial and part[0] is run[0], stats, out)
        if len(parts) > 1 and not any(w.lower() in ("and", "on") or w == "" for w, _, _ in piece):
            _emit(piece, sentence, before, after_title, False, stats, out)


_BREAK = ("", -1, -1)


def _one_name_with_and(run: list[tuple[str, int, int]], stats: CasingStats) -> bool:
    """'Harbour and Rail Initiative', 'Office for Seeds and Plant Health': one name with
    'and' inside — an organisation's, joining words the briefing capitalises nowhere else
    (unlike 'Freedonia and Varo')."""
    words = [w for w, _, _ in run]
    if "and" not in words or "" in words:
        return False
    heads = [
        stats.capital_inside[fold_word(w)] for w in words if fold_word(w) in ORGANISATION_WORDS
    ]
    if not heads:
        return False
    for i, word in enumerate(words):
        if word == "and":
            if i == 0 or i == len(words) - 1:
                return False
            for side in (words[i - 1], words[i + 1]):
                # Capitalised no more often than the name's own 'Initiative': only in this name.
                if is_acronym(side) or stats.capital_inside[fold_word(side)] > max(heads):
                    return False
    return True


def _split_hyphenated(
    run: list[tuple[str, int, int]], stats: CasingStats
) -> list[tuple[str, int, int]]:
    """'Freedonia-South Varo', 'Lestova-Okafor': names joined by a hyphen are separate names.

    The halves are split (with a break marker between them) when both are
    capitalised and one is a name the briefing uses on its own; 'Port-Vila' and
    'Dal-Su' stay whole.
    """
    out: list[tuple[str, int, int]] = []
    for word, start, end in run:
        halves = word.split("-")
        if (
            len(halves) > 1
            and all(h[:1].isupper() and len(h) > 1 for h in halves)
            and any(
                _known_name(h, stats) and stats.capital_inside[fold_word(h)] > 1 for h in halves
            )
        ):
            offset, kept = start, 0
            for i, half in enumerate(halves):
                if not _combining_form(halves, i, len(run) == 1, stats):
                    if kept:
                        out.append(_BREAK)
                    out.append((half, offset, offset + len(half)))
                    kept += 1
                offset += len(half) + 1
        else:
            out.append((word, start, end))
    return out


def _combining_form(halves: list[str], i: int, alone: bool, stats: CasingStats) -> bool:
    """The first half of 'Zarbo-Varoan': a people's combining form, told by its shape (it
    ends in 'o' before a hyphen) and by the briefing never writing it alone.

    Such a pair describes: it is a people's word ('Zarbo-Varoan') or a word alone before
    a common noun ('the Zarbo-Freedonia talks'). Inside a longer name ('Castello-Vance
    Bank', 'Mira Castello-Vance') the half is the name's own and is kept.
    """
    half = halves[i]
    if i == len(halves) - 1 or not half.endswith("o") or _known_name(half, stats):
        return False
    return alone or halves[-1].lower().endswith(PEOPLE_ENDINGS)


_LOWER_NEXT = re.compile(r"\s+[a-z]")


def _drop_trailing_adjective(
    text: str, run: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """'the Coast Guard of the Freedonian navy': the demonym qualifies the word after the
    run, so the name ends before 'of the Freedonian'."""
    if (
        len(run) > 2
        and run[-1][0].lower().endswith(PEOPLE_ENDINGS)
        and _LOWER_NEXT.match(text, run[-1][2])
    ):
        cut = len(run) - 1
        while cut and run[cut - 1][0].lower() in NAME_CONNECTORS:
            cut -= 1
        if cut < len(run) - 1:
            return run[:cut]
    return run


def _credit(text: str, start: int, end: int) -> bool:
    """'… could be to blame [Varo Images]': a name in square brackets that end the passage
    credits a picture; it is no name the article speaks of."""
    close = text.find("]", end, end + 40)
    if close < 0 or text[close + 1 :].strip():
        return False
    opening = text.rfind("[", max(0, start - 40), start)
    return opening >= 0 and "]" not in text[opening:start]


def _is_sentence_start(text: str, start: int) -> bool:
    # Stepping back over quotes, brackets and spaces; no copy of the text before.
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in ".!?:\n"


def _known_name(word: str, stats: CasingStats) -> bool:
    if is_acronym(word):
        return True  # "WHO" is a name even though "who" is a stopword
    folded = fold_word(word)
    if folded in NAME_STOPWORDS or (folded in TITLE_MODIFIERS and folded not in TITLE_HEADS):
        return False
    return stats.capital_inside[folded] > 0 and stats.capital_inside[folded] >= stats.lower[folded]


def _trim(
    run: list[tuple[str, int, int]], stats: CasingStats | None = None
) -> list[tuple[str, int, int]]:
    while run and (
        (run[0][0].lower() in NAME_CONNECTORS and not _particle_first(run))
        or (
            fold_word(run[0][0]) in NAME_STOPWORDS
            and not is_acronym(run[0][0])
            and not _held(run, stats)
        )
    ):
        run = run[1:]
    while run and run[-1][0].lower() in NAME_CONNECTORS:
        run = run[:-1]
    return run


def _particle_first(run: list[tuple[str, int, int]]) -> bool:
    """'El Moro', 'Van Varo': a capitalised particle that begins a family name."""
    word = run[0][0]
    return (
        len(run) > 1
        and word[:1].isupper()
        and word.lower() in SURNAME_PARTICLES
        and run[1][0][:1].isupper()
    )


def _split_titles(
    run: list[tuple[str, int, int]], stats: CasingStats | None = None
) -> list[tuple[list[tuple[str, int, int]], bool]]:
    """'Freedonian Defence Minister Ana Lestova' → ('Freedonian', False), ('Ana Lestova', True).

    A newsroom role ends a piece and is dropped with it ('Staff Writer PORTLAW' →
    'PORTLAW'), and so does a Title Case word before an ALL-CAPS one: a byline's
    dateline is a name of its own, not the end of the name before it.
    """
    pieces: list[tuple[list[tuple[str, int, int]], bool]] = []
    current: list[tuple[str, int, int]] = []
    after_title = False
    for i, token in enumerate(run):
        folded = fold_word(token[0])
        rest = run[i + 1 :]
        at_end_of_organisation = bool(rest) and fold_word(rest[-1][0]) in ORGANISATION_WORDS
        if folded in ROLE_NOUNS and not at_end_of_organisation:
            while current and fold_word(current[-1][0]) in ROLE_MODIFIERS | TITLE_MODIFIERS:
                current.pop()
            current = _trim(current, stats)
            if current:
                pieces.append((current, after_title))
            current, after_title = [], False
            continue
        if current and _title_then_capitals(current[-1][0], token[0]):
            pieces.append((current, after_title))
            current, after_title = [], False
        is_title = folded in TITLE_HEADS and not at_end_of_organisation
        if is_title:
            while current and fold_word(current[-1][0]) in TITLE_MODIFIERS:
                current.pop()
            current = _trim(current, stats)
            if current:
                pieces.append((current, after_title))
            current = []
            # 'President Ana Lestova' is a person; 'President of Freedonia', 'Leaders of Varo' not.
            after_title = not (rest and rest[0][0].lower() in NAME_CONNECTORS)
            continue
        current.append(token)
    current = _trim(current, stats)
    if current:
        pieces.append((current, after_title))
    return pieces


def _title_then_capitals(before: str, word: str) -> bool:
    """'Writer' then 'PORTLAW' (a byline's dateline); not 'EU' then 'Council'."""
    return (
        len(word) >= 3
        and word.isupper()
        and word.isalpha()
        and before[:1].isupper()
        and any(c.islower() for c in before)
    )


def _split_connectors(run: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    parts: list[list[tuple[str, int, int]]] = [[]]
    for token in run:
        if token is _BREAK or (token[0].lower() in NAME_CONNECTORS and token[0][0].islower()):
            parts.append([])
        else:
            parts[-1].append(token)
    return [p for p in parts if p]


def _emit(
    part: list[tuple[str, int, int]],
    sentence: int,
    before: str,
    after_title: bool,
    initial: bool,
    stats: CasingStats,
    out: list[Mention],
) -> None:
    words = [w for w, _, _ in part]
    if len(words) == 1 and not is_acronym(words[0]) and _not_a_name_alone(words[0], initial, stats):
        return
    start = part[0][1]
    # "Lestova-Okafor talks", "Varo-Eastmere trade": two names joined by a hyphen are two names.
    if len(words) == 1 and "-" in words[0]:
        halves = words[0].split("-")
        if all(h[:1].isupper() and len(h) > 1 for h in halves) and any(
            _known_name(h, stats) and stats.capital_inside[fold_word(h)] > 1 for h in halves
        ):
            offset = start
            for half in halves:
                _emit(
                    [(half, offset, offset + len(half))],
                    sentence,
                    before,
                    after_title,
                    initial,
                    stats,
                    out,
                )
                offset += len(half) + 1
            return
    acronym = len(words) == 1 and is_acronym(words[0])
    if acronym and words[0] in TIME_ZONES:
        return  # '10 pm ET', '2030 GMT': a time zone, not a name
    key = _acronym_key(words[0]) if acronym else name_key(" ".join(words))
    if len(key) < 2 or key.isdigit():
        return
    surface = " ".join(words)
    if surface.endswith(("'s", "’s")):
        surface = surface[:-2]
    out.append(
        Mention(
            key,
            surface,
            sentence,
            start,
            initial=initial and len(words) == 1,
            acronym=acronym,
            after_title=after_title,
            after_place_word=before in PLACE_PREPOSITIONS,
        )
    )


def _not_a_name_alone(word: str, initial: bool, stats: CasingStats) -> bool:
    """Words that are no name on their own: a title, 'School' or 'Panel' alone, and a word
    capitalised mid-sentence that the briefing mostly writes in lower case ('see Figure 1',
    'to Export grain')."""
    folded = fold_word(word)
    if folded in _NOT_A_NAME_ALONE or folded in ORGANISATION_WORDS:
        return True
    lower = stats.lower[folded]
    return lower > 0 and (initial or lower >= stats.capital_inside[folded])


def acronym_definitions(text: str) -> list[tuple[str, str]]:
    """'Coastal Trade Forum (CTF)', 'non-governmental organisations (NGOs)' → (acronym, words)."""
    found: list[tuple[str, str]] = []
    taken = 0  # where the last acronym ended
    for match in _PAREN_ACRONYM.finditer(text):
        # The words before end where the spaces before the bracket begin (after the last).
        start = match.start()
        while start > taken and text[start - 1].isspace():
            start -= 1
        taken = match.end()
        acronym = _acronym_key(match.group(1))
        before = text[max(0, start - 120) : start]
        words = WORD.findall(before.rsplit(",", 1)[-1].rsplit(";", 1)[-1])
        spelled = _spelled_by(acronym, words)
        if spelled:
            found.append((acronym, spelled))
            continue
        # "Freedonia (FRD)": the name right before the brackets, whatever its initials.
        name = _NAME_BEFORE.search(before)
        if name:
            found.append((acronym, name.group(1)))
    return found


def _spelled_by(acronym: str, words: list[str]) -> str | None:
    """The words ending `words` whose initials spell `acronym` ('intercity' gives I and C)."""
    need = acronym
    taken: list[str] = []
    for word in reversed(words):
        lowered = word.lower()
        if lowered in ("of", "the", "and", "for") and taken:
            taken.append(word)
            continue
        # The phrase's first word may carry several letters: 'InterCity' → I, C.
        if lowered[:1] == need[:1] and _subsequence(list(need[1:]), lowered[1:]):
            taken.append(word)
            need = ""
            break
        if lowered[:1] != need[-1:]:
            break
        taken.append(word)
        need = need[:-1]
    if need or not taken:
        return None
    return " ".join(reversed(taken))


def _subsequence(letters: list[str], word: str) -> bool:
    position = 0
    for letter in letters:
        position = word.find(letter, position) + 1
        if position == 0:
            return False
    return True
