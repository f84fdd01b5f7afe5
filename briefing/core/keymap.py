"""The user's key overrides: a YAML file of binding id → keys, read before the reader starts."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Collection, Mapping
from itertools import combinations
from pathlib import Path

from briefing.core.errors import BriefingError

KEYMAP_FILE = "keys.yaml"

_NAME_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
"""Where a terminal's key name is shorter than the character's Unicode name."""


def key_name(key: str) -> str:
    """The key as the terminal names it: `'` is `apostrophe`, `ctrl+?` is `ctrl+question_mark`.

    Bindings match key names, not characters, so a keymap that says `'` must mean the key
    named `apostrophe` — or it would never fire, and a clash with a default written by name
    would go unseen. Letters, digits and names pass through unchanged.
    """
    modifiers, plus, last = key.rpartition("+")
    if plus and not last:  # "ctrl++": the key itself is the plus sign
        modifiers, last = modifiers.removesuffix("+"), "+"
    if len(last) == 1 and not last.isalnum():
        try:
            name = unicodedata.name(last).lower().replace("-", "_").replace(" ", "_")
        except ValueError:  # a control character: leave it for the terminal to name
            name = last
        last = _NAME_REPLACEMENTS.get(name, name)
    return f"{modifiers}+{last}" if modifiers else last


def keymap_path() -> Path:
    """`$BRIEFING_CONFIG_DIR/keys.yaml`, else the platform's config folder (XDG on Linux)."""
    folder = os.environ.get("BRIEFING_CONFIG_DIR")
    if folder:
        return Path(folder) / KEYMAP_FILE
    import platformdirs  # deferred: only the reader needs it

    return Path(platformdirs.user_config_dir("briefing")) / KEYMAP_FILE


def load_keymap(path: Path, known_ids: Collection[str]) -> dict[str, str]:
    """Overrides from `path` (none if it does not exist), checked against the binding ids.

    The file maps ids to comma-separated keys, e.g. `reader.next-passage: "j,down,ctrl+n"`.
    Given the default keys (`known_ids` a mapping of id to keys), a key the file gives
    to two actions at once is an error too: one of them would silently stop working.
    """
    if not path.is_file():
        return {}
    # Deferred: with no keymap file, the reader's start needs neither (the document reader
    # brings difflib and the Markdown parser: ~3 ms of every `open`).
    from briefing.core.documents import nearest_hint, read_text_file
    from briefing.core.yamlsrc import YamlMap, load_yaml

    data = load_yaml(read_text_file(path), str(path))
    if data is None:
        return {}
    if not isinstance(data, YamlMap):
        raise BriefingError.at(path, 1, "keys.yaml must be 'binding-id: keys' lines")
    keymap: dict[str, str] = {}
    for ident, keys in data.items():
        if ident not in known_ids:
            raise BriefingError.at(
                path,
                data.line_of(ident),
                f"unknown binding id '{ident}': {nearest_hint(ident, sorted(known_ids), 'ids')}",
            )
        if not isinstance(keys, str) or not keys.strip():
            raise BriefingError.at(
                path, data.line_of(ident), f"'{ident}' needs keys as text, such as \"j,down\""
            )
        keymap[ident] = ",".join(key_name(k.strip()) for k in keys.split(",") if k.strip())
    if isinstance(known_ids, Mapping):
        clash = first_clash(keymap, known_ids)
        if clash is not None:
            key, mine, other = clash
            raise BriefingError.at(
                path,
                data.line_of(mine),
                f"'{key}' for '{mine}' is already the key of '{other}':"
                f" give one of them another key",
            )
    return keymap


def first_clash(
    keymap: Mapping[str, str], defaults: Mapping[str, str]
) -> tuple[str, str, str] | None:
    """(key, an overridden id, the other id) for a key two actions would share, if any.

    Keys the defaults already share on purpose (n: next match while searching, else next
    section) are not a clash.
    """

    def keys(bindings: Mapping[str, str], ident: str) -> set[str]:
        return {k.strip() for k in bindings[ident].split(",") if k.strip()}

    shared = {
        frozenset(pair)
        for pair in combinations(defaults, 2)
        if keys(defaults, pair[0]) & keys(defaults, pair[1])
    }
    effective = {**defaults, **keymap}
    for mine in keymap:
        for other in effective:
            if other == mine or frozenset((mine, other)) in shared:
                continue
            common = keys(effective, mine) & keys(effective, other)
            if common:
                return sorted(common)[0], mine, other
    return None
