"""Add a document to a briefing.yaml's `documents:` list without disturbing the rest.

The file is edited as text, not re-dumped, so the author's comments, order and
quoting survive; the result is parsed again to prove it still says what it did.
"""

from __future__ import annotations

import re

from briefing.core.errors import BriefingError
from briefing.core.yamlsrc import YamlList, YamlMap, load_yaml


def add_document(yaml_text: str, doc_path: str, file: str) -> str:
    """Return `yaml_text` with `doc_path` appended to `documents:` (unchanged if present)."""
    data = load_yaml(yaml_text, file) if yaml_text.strip() else YamlMap()
    if not isinstance(data, YamlMap):
        raise BriefingError.at(file, 1, "briefing file is not a mapping: cannot add a document")
    lines = yaml_text.split("\n")
    entry = _quote(doc_path)
    documents = data.get("documents")
    if isinstance(documents, YamlList) and doc_path in documents:
        return yaml_text
    if "documents" not in data:
        text = yaml_text.rstrip("\n") + f"\ndocuments:\n  - {entry}\n"
    elif isinstance(documents, YamlList) and documents:
        last = documents.line_of(len(documents) - 1) - 1
        indent = re.match(r"\s*", lines[last]).group(0)
        if not lines[last].lstrip().startswith("- "):
            raise BriefingError.at(
                file,
                last + 1,
                "'documents:' is written in flow style "
                "([a, b]); write one '- path' per line to let import add to it",
            )
        lines.insert(last + 1, f"{indent}- {entry}")
        text = "\n".join(lines)
    else:
        # `documents:` with nothing, or `documents: []`
        key_line = data.line_of("documents") - 1
        lines[key_line] = re.sub(r"documents:.*$", f"documents:\n  - {entry}", lines[key_line])
        text = "\n".join(lines)
    check = load_yaml(text, file)
    if not isinstance(check, YamlMap) or doc_path not in (check.get("documents") or []):
        raise BriefingError.at(
            file,
            data.line_of("documents"),
            "could not add the document to 'documents:'; add it by hand",
        )
    return text


def _quote(value: str) -> str:
    return value if re.fullmatch(r"[\w./-]+", value) else '"' + value.replace('"', '\\"') + '"'
