"""Names of people, places and organisations, their variants merged across a briefing."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from operator import itemgetter

from briefing.core.linking.lexicon import (
    COMMON_WORDS,
    DEMONYM_ENDINGS,
    DIRECTION_WORDS,
    NAME_CONNECTORS,
    ORGANISATION_WORDS,
    PEOPLE_ENDINGS,
    SPEECH_VERBS,
    STOPWORDS,
    SURNAME_PARTICLES,
)
from briefing.core.linking.mentions import CasingStats, Mention, name_key
from briefing.core.linking.name_kinds import (
    context_votes,
    listed_together,
    mention_end,
    person_shaped,
    word_kind,
)
from briefing.core.linking.tokens import fold_word


@dataclass
class Entity:
    """A name merged over its variants, with where it occurs."""

    key: str
    name: str
    """The display form: the most used full spelling."""
    kind: str = "name"
    """person | place | organisation | name (when the text does not say)."""
    variants: tuple[str, ...] = ()
    passages: dict[str, int] = field(default_factory=dict)
    """Mentions per passage id."""


class Merger:
    """Union of name keys that mean the same entity, with rules that only use the text."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self.parent.get(key, key)
        if parent == key:
            return key
        root = self.find(parent)
        self.parent[key] = root
        return root

    def union(self, keep: str, other: str) -> None:
        a, b = self.find(keep), self.find(other)
        if a != b:
            self.parent[b] = a


def merge_entities(
    mentions: dict[str, list[Mention]],
    doc_of: dict[str, str],
    definitions: list[tuple[str, str]],
    stats: CasingStats,
    texts: dict[str, str] | None = None,
) -> tuple[dict[str, list[Mention]], dict[str, Entity], Merger]:
    """Resolve every mention to a merged key; return the mentions, the entities and the merges.

    Rules, in order: initialisms to their spelled-out names ('WHO' / 'World
    Health Organization', an acronym defined in brackets); demonyms to their base name
    ('South Varoan' → 'South Varo') when the base is a name too; a single word
    to the full name containing it in the same document ('Lestova' → 'Ana
    Lestova', 'Lee' → 'Lee Dal Su' — family name first or last alike), else in
    the whole briefing when one full name clearly dominates.
    """
    keys = {m.key for items in mentions.values() for m in items}
    merger = Merger()

    multi = {k for k in keys if " " in k}
    acronyms = {m.key for items in mentions.values() for m in items if m.acronym}
    for acronym, words in definitions:
        target = name_key(words)
        if acronym in acronyms and (target in keys or " " in target):
            merger.union(target, acronym)
            keys.add(target)
    by_initials: dict[str, list[str]] = defaultdict(list)
    for key in multi:
        initials = "".join(p[0] for p in key.split() if p not in ("of", "the", "and", "for"))
        by_initials[initials].append(key)
    for acronym in acronyms:
        candidates = by_initials.get(acronym, [])
        if len(candidates) == 1:
            merger.union(candidates[0], acronym)
    # 'WHO Executive Board' is 'World Health Organization Executive Board' once 'WHO' is known.
    spelled = {a: merger.find(a) for a in acronyms if " " in merger.find(a)}
    for key in multi:
        parts = key.split()
        if any(p in spelled for p in parts):
            longer = " ".join(spelled.get(p, p) for p in parts)
            if longer in keys:
                merger.union(longer, key)

    demonyms = {}
    for key in sorted(keys):
        base = _demonym_base(key, keys)
        if base:
            demonyms[key] = base
            merger.union(base, key)
    _merge_variants(keys, multi, merger)
    _merge_tails(mentions, multi, merger)
    demonyms.update(_merge_adjectives(mentions, texts, multi, merger))
    inner_only = _inner_only(mentions)

    token_to_full = _name_parts(multi, keys)
    resolved: dict[str, list[Mention]] = {}
    names = {full for fulls in token_to_full.values() for full in fulls}
    doc_first: dict[str, dict[str, int]] = defaultdict(dict)
    doc_fulls: dict[str, Counter[str]] = defaultdict(Counter)
    order = 0
    for pid, items in mentions.items():
        for m in items:
            if m.key in names:
                doc_first[doc_of[pid]].setdefault(m.key, order)
                doc_fulls[doc_of[pid]][m.key] += 1
                order += 1
    global_docs: Counter[str] = Counter()
    for fulls in doc_fulls.values():
        for full in fulls:
            global_docs[full] += 1

    # No more merges from here: each key's merged one is looked up once, not found anew for
    # each mention, and a mention that keeps its key is kept itself (most do).
    roots: dict[str, str] = {}
    dominant: dict[str, str | None] = {}
    for pid, items in mentions.items():
        doc = doc_of[pid]
        out: list[Mention] = []
        for m in items:
            key = m.key
            if key in inner_only:
                continue  # 'Tidal Studies' of 'Harwick Institute for Tidal Studies' only
            if key in token_to_full and not m.acronym and key not in demonyms:
                target = _resolve_single(
                    key, m, items, token_to_full[key], doc_first[doc], global_docs, dominant
                )
                if target:
                    key = target
            root = roots.get(key)
            if root is None:
                root = roots[key] = merger.find(key)
            out.append(m if root == m.key else m._replace(key=root))
        resolved[pid] = out
    return resolved, _entities(resolved, texts), merger


def _demonym_base(key: str, keys: set[str]) -> str | None:
    """'south varoan' → 'south varo', 'vanese' → 'vana', 'lestese' → 'lest',
    'eastmerian' → 'eastmere', 'portlawan' → 'portlaw'."""
    if key.endswith("n") and key[:-1] in keys:
        return key[:-1]
    if key.endswith("ian"):
        for base in (key[:-3] + "e", key[:-3]):
            if base in keys and len(base) > 2:
                return base
    if key.endswith("an") and key[:-2] in keys and len(key) > 5:
        return key[:-2]
    if key.endswith("ese"):
        for base in (key[:-3], key[:-3] + "a"):
            if base in keys:
                return base
    return None


_PREFIX_CONNECTORS = ("of", "for", "on", "de", "del", "della", "da", "di", "du")


def _merge_variants(keys: set[str], multi: set[str], merger: Merger) -> None:
    """Spellings of one name that the words alone do not join.

    'Port-au-Varo' and 'Portau- Varo' (a line-break hyphen) squash to one string; a
    demonym before a name is the same name ('Freedonian Coast Guard' / 'Coast Guard');
    a name is the longer one it begins when that one is unique and goes on with 'of' or
    'for' ('Harwick Institute' / 'Harwick Institute for Tidal Studies').
    """
    squashed: dict[str, str] = {}
    for key in sorted(keys, key=lambda k: (-len(k), k)):
        flat = key.replace(" ", "")
        if len(flat) > 5 and flat in squashed:
            merger.union(squashed[flat], key)
        else:
            squashed.setdefault(flat, key)
    for key in sorted(multi):
        first, _, rest = key.partition(" ")
        if " " in rest and rest in keys and first.endswith(PEOPLE_ENDINGS):
            merger.union(rest, key)
    longer: dict[str, set[str]] = defaultdict(set)
    for key in multi:
        words = key.split()
        for i in range(2, len(words) - 1):
            if words[i] in _PREFIX_CONNECTORS:
                longer[" ".join(words[:i])].add(key)
    for short, fulls in sorted(longer.items()):
        roots = {merger.find(full) for full in fulls}
        if short in keys and len(roots) == 1:
            merger.union(roots.pop(), short)


def _merge_tails(mentions: dict[str, list[Mention]], multi: set[str], merger: Merger) -> None:
    """A name that ends exactly one longer name, when what it lacks is a title-like initialism
    ('Varo Star' / 'MV Varo Star') or it begins with a family name's particle ('El Varo' /
    'Abdel Fattah El Varo'): the same name, as news writes it the second time."""
    # Only a longer name (one of several words) is asked about.
    initialisms = {
        m.key
        for items in mentions.values()
        for m in items
        if " " in m.key and m.text.split()[0].isupper()
    }
    ends: dict[str, set[str]] = defaultdict(set)
    for key in multi:
        words = key.split()
        for i in range(1, len(words) - 1):
            ends[" ".join(words[i:])].add(key)
    for short in sorted(multi):
        longer = ends.get(short)
        if not longer:
            continue
        fits = [
            full
            for full in longer
            if short.split()[0] in SURNAME_PARTICLES
            or (full in initialisms and full.count(" ") == short.count(" ") + 1)
        ]
        roots = {merger.find(full) for full in fits}
        if len(roots) == 1:
            merger.union(roots.pop(), short)


_AFTER_ADJECTIVE = re.compile(r"-[a-z]|\s+([a-z][a-z-]+)")


def _merge_adjectives(
    mentions: dict[str, list[Mention]],
    texts: dict[str, str] | None,
    multi: set[str],
    merger: Merger,
) -> dict[str, str]:
    """A word the briefing uses as an adjective ('Varoese-era debt', 'Varoese loans') is the
    one longer name it begins, if there is one ('Varoese Union'). Returns those merged."""
    if texts is None:
        return {}
    starting: dict[str, set[str]] = defaultdict(set)
    for key in multi:
        starting[key.split(" ", 1)[0]].add(merger.find(key))
    # Only a word whose longer names are all one merged name can join it: how the other
    # words are used is not looked at.
    single = {key for key, roots in starting.items() if len(roots) == 1}
    uses: dict[str, list[bool]] = defaultdict(list)
    for pid, items in mentions.items():
        text = texts[pid]
        for m in items:
            if m.key not in single or m.acronym:
                continue
            end = mention_end(text, m.start, m.text)
            match = _AFTER_ADJECTIVE.match(text, end)
            word = match.group(1) if match else None
            uses[m.key].append(
                bool(match)
                and (
                    word is None
                    or not (word in STOPWORDS or word in SPEECH_VERBS or word.endswith("ed"))
                )
            )
    merged = {}
    for key, adjectival in sorted(uses.items()):
        roots = starting.get(key, set())
        if len(adjectival) >= 2 and sum(adjectival) >= 2 / 3 * len(adjectival) and len(roots) == 1:
            target = roots.pop()
            if merger.find(key) == key:
                merger.union(target, key)
                merged[key] = target
    return merged


def _inner_only(mentions: dict[str, list[Mention]]) -> set[str]:
    """Keys met only inside a longer name of the same passage ('Tidal Studies'), or alone
    only at a sentence start ('Critics like …' beside 'Board of Critics'): no name alone."""
    inside: set[str] = set()
    alone: set[str] = set()
    for items in mentions.values():
        if not _overlapping(items):  # most passages: no name holds another
            alone.update([m.key for m in items if not m.initial])
            continue
        for m, held in zip(items, _held_by_longer(items), strict=True):
            if held:
                inside.add(m.key)
            elif not m.initial:
                alone.add(m.key)
    return inside - alone


def _overlapping(items: list[Mention]) -> bool:
    """Whether a mention may be held by a longer one (see `_held_by_longer`): not when
    each begins at or after where the one before reaches (so all are in order)."""
    reach = -1
    for m in items:
        if m.start < reach:
            return True
        reach = m.start + len(m.text) + 2
    return False


def _held_by_longer(items: list[Mention]) -> list[bool]:
    """For each mention, whether a longer one of the passage holds it (reaching up to two
    characters past its end: a possessive).

    Only the mentions starting at most one longest name before it can: a passage's names
    are not each compared with all the others.
    """
    spans = sorted((m.start, m.start + len(m.text) + 2, len(m.text)) for m in items)
    longest = max((length for _, _, length in spans), default=0)
    starts = [start for start, _, _ in spans]
    held = []
    for m in items:
        length = len(m.text)
        end = m.start + length
        found = False
        j = bisect.bisect_right(starts, m.start) - 1 if length < longest else -1
        while j >= 0 and starts[j] >= end - 2 - longest:
            _, reach, other = spans[j]
            if end <= reach and other > length:
                found = True
                break
            j -= 1
        held.append(found)
    return held


def _name_parts(multi: set[str], keys: set[str]) -> dict[str, list[str]]:
    """Each word that may stand alone for a full name, with the full names it may stand for.

    A full name qualifies when it has no organisation word and, once the word is
    taken out, what remains is not a name of its own: 'Lestova' may stand for
    'Ana Lestova', but 'Freedonian' not for 'Freedonian High Moors' ('High Moors' is a name).
    """
    parts_of: dict[str, list[str]] = defaultdict(list)
    for full in sorted(multi):
        parts = full.split()
        if len(parts) > 5 or any(
            p in ORGANISATION_WORDS or (p in NAME_CONNECTORS and p not in SURNAME_PARTICLES)
            for p in parts
        ):
            continue  # 'Abdel Varo el Moro' is a person's name; 'Bank of Varo' no one's
        if len([p for p in parts if p not in SURNAME_PARTICLES]) > 4:
            continue
        for i, part in enumerate(parts):
            if part in SURNAME_PARTICLES:
                continue
            others = parts[:i] + parts[i + 1 :]
            rest = " ".join(others)
            if all(o in DIRECTION_WORDS for o in others):
                continue  # 'Freedonia' does not stand for 'Eastern Freedonia'
            # 'the Isthmus' stands for 'the Freedonian Isthmus': the rest only describes it.
            described = i == len(parts) - 1 and all(_demonym_form(o) for o in others)
            if (rest not in keys or described) and len(part) > 1 and not part.isdigit():
                parts_of[part].append(full)
    return parts_of


def _resolve_single(
    token: str,
    mention: Mention,
    siblings: list[Mention],
    candidates: list[str],
    first_in_doc: dict[str, int],
    global_docs: Counter[str],
    dominant: dict[str, str | None],
) -> str | None:
    """The full name a word alone stands for: one its document names, else the one the
    briefing names clearly most (remembered in `dominant` for each word: the same for all
    its mentions)."""
    in_doc = [c for c in candidates if c in first_in_doc]
    if in_doc:
        if len(in_doc) == 1:
            return in_doc[0]
        # The nearest full name earlier in the same passage, else the one the document met first.
        earlier = [m for m in siblings if m.key in in_doc and m.start < mention.start]
        if earlier:
            return earlier[-1].key
        return min(in_doc, key=lambda c: first_in_doc[c])
    if token not in dominant:
        dominant[token] = _dominant(candidates, global_docs)
    return dominant[token]


def _dominant(candidates: list[str], global_docs: Counter[str]) -> str | None:
    """The full name met in at least twice as many documents as any other, if one is."""
    ranked = sorted(candidates, key=lambda c: (-global_docs[c], c))
    if len(ranked) == 1 or global_docs[ranked[0]] >= 2 * global_docs[ranked[1]]:
        return ranked[0]
    return None


_KEY = itemgetter(0)
_KEY_AND_TEXT = itemgetter(0, 1)
"""A Mention's key, and its key and written form (its first two fields)."""
_START = itemgetter(3)
"""A Mention's start."""


def _entities(
    resolved: dict[str, list[Mention]], texts: dict[str, str] | None = None
) -> dict[str, Entity]:
    # How often each name is written each way and met in each passage, counted in C (a
    # Counter of a passage's keys, or of the briefing's (key, form) pairs) rather than by
    # two nested Counter increments per mention. A pair's first use orders the keys and,
    # within a key, its forms, as counting mention by mention does.
    written: Counter[tuple[str, str]] = Counter()
    passages: dict[str, dict[str, int]] = defaultdict(dict)
    for pid, items in resolved.items():
        written.update(map(_KEY_AND_TEXT, items))
        for key, count in Counter(map(_KEY, items)).items():
            passages[key][pid] = count
    surfaces: dict[str, Counter[str]] = {}
    for (key, form), count in written.items():
        forms = surfaces.get(key)
        if forms is None:
            forms = surfaces[key] = Counter()
        forms[form] = count
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    person_keys: dict[str, bool] = {}
    own_kinds: dict[str, str | None] = {}
    person_forms: dict[str, bool] = {}
    for pid, items in resolved.items():
        text = texts.get(pid) if texts is not None else None
        for m in items:
            if m.after_title:
                kinds[m.key]["person"] += 2
            if text is None:
                if m.after_place_word and not m.after_title:
                    kinds[m.key]["place"] += 1
                continue
            if m.key not in own_kinds:
                own_kinds[m.key] = word_kind(m.key)
                person_keys[m.key] = person_shaped(m.key.split(), cased=False)
            if own_kinds[m.key]:
                continue  # '… Institute', '… Province': the words say it, whatever surrounds them
            person_like = person_keys[m.key]
            if person_like:
                shaped = person_forms.get(m.text)
                if shaped is None:
                    shaped = person_forms[m.text] = person_shaped(m.text.split())
                # A surname alone ('Lestova said') speaks for the full name it stands for.
                person_like = shaped or fold_word(m.text) in m.key.split()
            votes = context_votes(text, m.start, m.text, person_like)
            if votes:  # most mentions get none: Counter.update is no small call
                kinds[m.key].update(votes)
    kind_of = {
        key: _kind(key, forms, kinds[key], person_keys.get(key)) for key, forms in surfaces.items()
    }
    if texts is not None:
        _places_by_company(resolved, texts, kind_of)
    entities: dict[str, Entity] = {}
    for key, forms in surfaces.items():
        if _describes(key, forms):
            continue
        entities[key] = Entity(
            key, _display_name(key, forms), kind_of[key], tuple(sorted(forms)), passages[key]
        )
    return entities


def _places_by_company(
    resolved: dict[str, list[Mention]], texts: dict[str, str], kind_of: dict[str, str]
) -> None:
    """A name of no known kind listed with places ('Varo and South Eastmere', 'Portlaw,
    Varo') is a place when at least two such listings, or half its mentions, say so."""
    company: dict[str, Counter[str]] = defaultdict(Counter)
    for pid, items in resolved.items():
        text = texts[pid]
        for first, second in pairwise(sorted(items, key=_START)):
            if first.key == second.key or first.acronym or second.acronym:
                continue
            if kind_of.get(first.key) != "name" and kind_of.get(second.key) != "name":
                continue  # only a name of no known kind is told by its company
            if listed_together(text, mention_end(text, first.start, first.text), second.start):
                company[first.key][kind_of.get(second.key, "name")] += 1
                company[second.key][kind_of.get(first.key, "name")] += 1
    for key, kinds in company.items():
        if kind_of.get(key) != "name" or person_shaped(key.split(), cased=False):
            continue
        places = kinds["place"]
        if places >= 2 or (places and places >= kinds["person"] + kinds["organisation"]):
            kind_of[key] = "place"


def _display_name(key: str, forms: Counter[str]) -> str:
    """The most used spelling of the full name (several words if any), never the word for
    its people merged into it ('Freedonia', not 'Freedonian')."""
    plain = [f for f in forms if name_key(f) == key or not _demonym_form(f)] or list(forms)
    full = [f for f in plain if " " in f or "-" in f] or plain
    return max(full, key=lambda f: (forms[f], "-" in f, f))


def _demonym_form(form: str) -> bool:
    return " " not in form and form.lower().endswith(PEOPLE_ENDINGS)


def _describes(key: str, forms: Counter[str]) -> bool:
    """A word for a people or a direction standing alone and merged with no name of its own
    ('Western', 'Southern', 'Varoese'): it describes, it names nothing to list."""
    words = key.split()
    return (
        len(words) <= 2
        and words[-1].endswith(DEMONYM_ENDINGS)
        and all(w in DIRECTION_WORDS for w in words[:-1])
        and all(name_key(f) == key for f in forms)
    )


_COMMON_LOWER = STOPWORDS | COMMON_WORDS
"""Words of ordinary English: one alone ('Bright', 'Ever') is no surname standing for a person."""


def _kind(key: str, forms: Counter[str], votes: Counter[str], person_key: bool | None) -> str:
    """The kind the name's own words say, else the one its mentions' surroundings vote for.

    A person-shaped full name also used by one of its words alone ('Lestova' after 'Ana
    Lestova', 'Lee' after 'Lee Dal Su') is how news writes about people.
    """
    own = word_kind(key)
    if own:
        return own
    votes = Counter(votes)
    words = key.split()
    if person_key and any(
        " " not in form
        and fold_word(form) in (words[0], words[-1])
        and fold_word(form) not in _COMMON_LOWER
        for form in forms
    ):
        votes["person"] += 1.5
    if not votes:
        return "name"
    kind, weight = max(votes.items(), key=lambda item: (item[1], item[0]))
    return kind if weight >= 1 else "name"
