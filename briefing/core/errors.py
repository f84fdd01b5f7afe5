"""Problems found in content, the exception type that carries them, and a lost worker."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Problem(NamedTuple):
    """One thing wrong with a file, at a line, with what to do about it; sorts by file and
    line. A named tuple: importing dataclasses slows every command's start (see model)."""

    file: str
    line: int
    severity: Severity
    message: str

    def format(self, within: Path | None = None) -> str:
        """`file:line: severity: message`, the shape editors and grep understand; the file
        as typed from here, or inside the folder `within` when given and it is there."""
        path = _relative_to(self.file, str(within)) if within else display_path(self.file)
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.severity}: {self.message}"


class BriefingError(Exception):
    """Content that cannot be used; carries the problems that say why."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    @classmethod
    def at(cls, file: str | os.PathLike[str], line: int, message: str) -> BriefingError:
        return cls(Problem(str(file), line, "error", message))

    @property
    def first_line(self) -> str:
        return self.problems[0].format() if self.problems else "unknown error"


class NotInBriefing(LookupError):
    """A name asked for (a section, a passage) that the briefing does not hold.

    The asker's mistake, not the file's, so it carries no file and line: the command
    line reports it against the option that gave the name.
    """

    def __init__(self, asked: str, problem: str, hint: str = "") -> None:
        self.asked, self.problem, self.hint = asked, problem, hint
        super().__init__(f"{asked}: {problem}{f' ({hint})' if hint else ''}")


class WorkerLost(RuntimeError):
    """A process the linker forked ended without its results (killed, most likely for want
    of memory): no fault of the content, so it has no file and line."""


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        here = os.getcwd()
    except OSError:  # the working directory was removed
        return str(Path(path))
    return _relative_to(os.fspath(path), here)


@lru_cache(maxsize=4096)
def _relative_to(path: str, here: str) -> str:
    """Worked out once per file and working directory: resolving a path stats each of its
    folders, and `check` of 500 documents names each file in some 30 warnings."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path(here).resolve()))
    except (ValueError, OSError):
        return str(p)
