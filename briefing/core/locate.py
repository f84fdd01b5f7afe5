"""Where a briefing lives: a path given by the user, or the bundled one."""

from __future__ import annotations

from pathlib import Path

from briefing.core.errors import BriefingError, display_path

BRIEFING_FILE = "briefing.yaml"

DOCUMENT_SUFFIXES = (".md", ".markdown")
"""A briefing's documents: a file with one of these is never a briefing.yaml."""


def bundled_briefing() -> Path:
    """The briefing that ships with the package.

    An installed wheel carries it as `briefing/_content`; a source checkout
    (and an editable install) has it in the repository's `content/`.
    """
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_content", package.parent / "content"):
        if (candidate / BRIEFING_FILE).is_file():
            return candidate / BRIEFING_FILE
    raise BriefingError.at(package, 0, "the bundled briefing is missing: reinstall the package")


def resolve_briefing_file(path: str | Path | None) -> Path:
    """The briefing.yaml to open for a user-given path (a folder or the file itself)."""
    if path is None or str(path) == "":
        return bundled_briefing()
    given = Path(path).expanduser()
    if given.is_dir():
        candidate = given / BRIEFING_FILE
        if not candidate.is_file():
            raise BriefingError.at(
                given,
                0,
                f"no {BRIEFING_FILE} in this folder: run 'briefing init {path}' to start a briefing here",
            )
        return candidate
    if not given.exists():
        raise BriefingError.at(given, 0, "no such file or folder")
    if given.suffix.lower() in DOCUMENT_SUFFIXES:
        raise BriefingError.at(given, 0, _not_a_briefing(given))
    return given


def _not_a_briefing(document: Path) -> str:
    """What to give instead of a document: its briefing's folder when one holds it."""
    for folder in list(document.resolve().parents)[:3]:
        if (folder / BRIEFING_FILE).is_file():
            where = display_path(folder)
            return (
                "this is a document, not a briefing: give the briefing's folder "
                f"({where}) or its {BRIEFING_FILE}"
            )
    return f"this is a document, not a briefing: give a briefing's folder or its {BRIEFING_FILE}"
