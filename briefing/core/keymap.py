"""The user's key overrides: a YAML file of binding id → keys, read before the reader starts."""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from briefing.core.documents import nearest_hint, read_text_file
from briefing.core.errors import BriefingError

KEYMAP_FILE = "keys.yaml"


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
    """
    if not path.is_file():
        return {}
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
        keymap[ident] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return keymap
