"""What a name names — person, place, organisation — told by the words around its mentions."""

from __future__ import annotations

import re

from briefing.core.linking.lexicon import (
    DIRECTION_WORDS,
    EVENT_WORDS,
    NAME_CONNECTORS,
    ORGANISATION_WORDS,
    PERSON_ROLES,
    PLACE_WORDS,
    SPEECH_VERBS,
)
from briefing.core.linking.tokens import fold_word

_ROLES = "|".join(sorted(PERSON_ROLES, key=len, reverse=True))
_SPEECH = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
_SPOKE_AFTER = re.compile(
    rf"(?:['’]s)?\s+(?:(?:has|had|have|also|later|then|once|reportedly|recently)\s+)?(?:{_SPEECH})\b"
)
"""'Ana Lestova said', 'Varga has told': the name is the speaker."""
_SPOKE_BEFORE = re.compile(r"\b(?:said|says|told|wrote|according\s+to|by)\s+$", re.IGNORECASE)
"""'said Ana Lestova', 'according to Lee Dal Su', 'By Tom Varga'."""
_WHO_AFTER = re.compile(r"\s*,\s*(?:who|whose)\b")
_APPOSITIVE_AFTER = re.compile(
    rf"\s*,\s+(?:(?:a|an|the|then|now|his|her|its|their|\w+['’]s)\s+(?:[\w'’-]+\s+){{0,5}}?)?"
    rf"(?:{_ROLES})s?\b"
)
"""'Ana Lestova, a harbour board official', 'Lee Dal Su, an analyst at …'."""
_ROLE_BEFORE = re.compile(
    rf"\b(?:{_ROLES})s?,?\s+(?:(?:including|such\s+as|like)\s+)?$", re.IGNORECASE
)
"""'library director Ana Lestova', 'council members Tom Varga': a role before the name."""
_COUNTRY_POSSESSIVE = re.compile(
    r"['’]s\s+(?:[a-z-]+\s+){0,2}?(?:capital|government|president|prime|foreign|economy|border|"
    r"borders|territory|territorial|ally|allies|citizens|regime|embassy|troops|sovereignty|"
    r"neighbours|neighbors|invasion|military|army|navy|defence|defense|parliament)\b"
)
"""'Freedonia's capital', 'Varo's invasion of …': a country's, for a name no person could be."""
_IN_PLACE = frozenset(
    {"in", "at", "near", "across", "inside", "outside", "throughout", "within", "into", "toward"}
    | {"towards"}
)
"""'in Varo', 'at the Varo Province': the word before a place."""
_TOWARD_PLACE = frozenset(
    ["to", "from", "between", "via", "visit", "visits", "visited", "visiting"]
)
"""'to Varo', 'from Varo': also said of people and bodies, so half a vote."""


def person_shaped(words: list[str], *, cased: bool = True) -> bool:
    """Two to four capitalised words, none of an organisation, place, event or direction:
    'Ana Lestova', 'Lee Dal Su', 'Tom Varga' — but not 'Varo Province' or 'Salt War'.
    With `cased` false, `words` are a name's folded key and their case is not checked."""
    if not 2 <= len(words) <= 4:
        return False
    for word in words:
        folded = fold_word(word)
        if (
            (cased and (not word[:1].isupper() or word.isupper()))
            or not word.replace("-", "").replace("'", "").isalpha()
            or folded in ORGANISATION_WORDS
            or folded in PLACE_WORDS
            or folded in EVENT_WORDS
            or folded in DIRECTION_WORDS
            or folded in NAME_CONNECTORS
        ):
            return False
    return True


def word_kind(key: str) -> str | None:
    """The kind a name's own words say: '… Institute' an organisation, '… Province' a place,
    '… War', '… Day' an event (a name, not a place)."""
    words = key.split()
    if any(w in ORGANISATION_WORDS for w in words):
        return "organisation"
    if words and words[-1] in EVENT_WORDS:
        return "name"
    if any(w in PLACE_WORDS for w in words):
        return "place"
    return None


def context_votes(text: str, start: int, surface: str, person_like: bool) -> dict[str, float]:
    """Votes for what one mention names, from the words just before and after it.

    Speech, 'who' and role appositives count only for a person-shaped name (or a word
    standing for one): countries and ministries 'say' things in the news too. A plain
    dict, for a Counter to add up: made for every mention, and most get no vote.
    """
    votes: dict[str, float] = {}
    end = mention_end(text, start, surface)
    before = text[max(0, start - 40) : start]
    after = text[end : end + 80]
    spaced = before[-1:].isspace()
    if person_like:
        last = _last_letters(before) if spaced else None
        if (
            _SPOKE_AFTER.match(after)
            or (spaced and _ends_with(before, last, _SPOKE_WORDS, _SPOKE_BEFORE))
            or _WHO_AFTER.match(after)
            or _APPOSITIVE_AFTER.match(after)
            or (spaced and _ends_with(before, last, _ROLE_WORDS, _ROLE_BEFORE))
        ):
            votes["person"] = 2
    elif after[1:2] == "s" and _COUNTRY_POSSESSIVE.match(after):
        votes["place"] = 1
    if spaced:
        # Its last two words: split from the end, not the whole forty characters.
        words = before.rsplit(None, 2)[-2:]
        if words and words[-1] == "the":
            words = words[:-1]
        previous = words[-1] if words else ""
        if previous in _IN_PLACE:
            votes["place"] = votes.get("place", 0) + 1
        elif previous in _TOWARD_PLACE:
            votes["place"] = votes.get("place", 0) + 0.5
    return votes


_SPOKE_WORDS = frozenset({"said", "says", "told", "wrote", "to", "by"})
"""The word every match of `_SPOKE_BEFORE` ends in, before its spaces ('according to')."""
_ROLE_WORDS = frozenset(PERSON_ROLES) | {f"{role}s" for role in PERSON_ROLES}
_ROLE_WORDS |= {"including", "as", "like"}
"""The word every match of `_ROLE_BEFORE` ends in, before a comma and spaces ('such as')."""
_LAST_LETTERS = re.compile(r"[a-z]+\Z")


def _last_letters(before: str) -> str | None:
    """The word of plain lower-case letters that ends `before` (which ends in spaces), before
    its spaces and a comma: '' for none, None when the text is not ASCII.

    Worked out once for the patterns of `_ends_with`: on ASCII text, lower case folds
    exactly the letters IGNORECASE matches; other text is left to the patterns.
    """
    if not before.isascii():
        return None
    tail = before.rstrip().lower()
    if tail.endswith(","):
        tail = tail[:-1]
    # Sixteen letters hold the longest word: a longer run of letters is none of them.
    last = _LAST_LETTERS.search(tail, max(0, len(tail) - 16))
    return "" if last is None else last.group()


def _ends_with(
    before: str, last: str | None, words: frozenset[str], pattern: re.Pattern[str]
) -> bool:
    """Whether `pattern`, which ends in spaces at the end of the text, is found in `before`
    (which ends in spaces), its last letters `last` (see `_last_letters`).

    Searching for it tries every position of the text (and a role pattern tries each of
    its roles there) for the sake of its last word: the text's last letters (a word of
    plain lower-case letters that begins at a word boundary is all of them) are looked up
    first.
    """
    if last is not None and last not in words:
        return False
    return pattern.search(before) is not None


def mention_end(text: str, start: int, surface: str) -> int:
    """Where a mention written `surface` from `start` ends in `text` (its words may have
    been joined over a line break or a hyphen)."""
    words = surface.rsplit(None, 1)  # none when it is all spaces
    last = words[-1] if words else surface
    found = text.find(last, start)
    return found + len(last) if found >= 0 else start + len(surface)


_LISTED = re.compile(r"(?:['’]s)?(?:\s*,\s*(?:(?:and|or|nor)\s+)?|\s+(?:and|or|nor)\s+)(?:the\s+)?")
"""'Varo and South Eastmere', 'Portlaw, Varo', 'Varo nor Eastmere': names listed together."""


def listed_together(text: str, first_end: int, second_start: int) -> bool:
    return bool(_LISTED.fullmatch(text, first_end, second_start))
