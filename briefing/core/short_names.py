"""A source's short name when its author gave none: the first words of its title."""

from __future__ import annotations

from functools import lru_cache

SHORT_NAME_LIMIT = 16
"""Characters a source's name may take on a badge or a column head: a label or a
publisher longer than this is the author's choice, a name drawn from a title is cut to it."""

# Words a cut title must not end on ("Five Lessons From" reads as a fragment); English only,
# as a title in another language is still cut at a word, only without this tidying.
_DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "and",
        "or",
        "nor",
        "but",
        "with",
        "by",
        "about",
        "between",
        "as",
        "into",
        "over",
        "after",
        "before",
        "under",
        "than",
        "vs",
    ]
)


@lru_cache(maxsize=4096)
def title_opening(title: str, limit: int = SHORT_NAME_LIMIT) -> str:
    """A title's first words that fit in `limit` characters, cut at a word, not ending on
    'of' or 'the' nor on a colon: `Five Lessons From the Ferry Strike` → `Five Lessons`.

    A title that fits is kept whole. A leading 'A'/'The' goes when the opening says as much
    without it (`A Strike in Marrow Bay Ends` → `Strike in Marrow`, not `A Strike`; `The
    Harbourmaster's Year` → `Harbourmaster's`); a first word longer than the limit is cut
    with `…`.
    """
    words = title.split()
    if len(" ".join(words)) <= limit:
        return " ".join(words)
    opening = _opening(words, limit)
    if len(words) > 1 and words[0].casefold() in ("a", "an", "the"):
        later = _opening(words[1:], limit)
        if _weight(later) >= max(1, _weight(opening)):  # as telling without it: it goes
            # Now the name's first word: capitalised, as the article before it was.
            opening = [later[0][:1].upper() + later[0][1:], *later[1:]]
    return " ".join(opening)


def _opening(words: list[str], limit: int) -> list[str]:
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > limit:
            break
        kept.append(word)
    if not kept:
        return [words[0][: limit - 1] + "…"]
    tidy = list(kept)
    while len(tidy) > 1 and tidy[-1].casefold().strip(",:;–—-") in _DANGLING:
        tidy.pop()
    tidy[-1] = tidy[-1].rstrip(",:;–—-") or tidy[-1]
    return tidy


def _weight(words: list[str]) -> int:
    """How many words of an opening say something (not 'of', 'the')."""
    return sum(w.casefold() not in _DANGLING for w in words)
