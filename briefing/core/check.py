"""`briefing check`: every problem in a briefing, as `file:line: severity: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.core.errors import Problem
from briefing.core.loader import inspect_briefing
from briefing.core.model import Briefing


@dataclass(frozen=True)
class CheckReport:
    problems: list[Problem]
    briefing: Briefing | None

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)

    def passed(self, strict: bool = False) -> bool:
        return self.briefing is not None and not self.errors and not (strict and self.warnings)

    def verdict(self) -> str:
        """One closing line: what was checked, or how many problems."""
        if self.problems:
            return f"{_count(self.errors, 'error')}, {_count(self.warnings, 'warning')}"
        b = self.briefing
        assert b is not None
        return (
            f"ok: {_count(len(b.documents), 'document')}, {_count(len(b.passages), 'passage')}, "
            f"{_count(len(b.sections), 'section')}, {_count(len(b.annotations), 'annotation')}, "
            f"{_count(len(b.glossary), 'glossary term')}, {_count(len(b.links), 'link')}"
        )


def check_briefing(path: str | Path | None) -> CheckReport:
    briefing, problems = inspect_briefing(path)
    if briefing is not None:
        problems = problems + coverage_warnings(briefing)
    return CheckReport(problems, briefing)


def coverage_warnings(briefing: Briefing) -> list[Problem]:
    """Passages that no section shows: a reader browsing by section would never see them."""
    warnings: list[Problem] = []
    placed = {pid for section in briefing.sections for pid in section.passages}
    if briefing.sections:
        for document in briefing.documents:
            for passage in document.passages:
                if passage.id not in placed:
                    warnings.append(
                        Problem(
                            str(document.path),
                            passage.line,
                            "warning",
                            f"passage {passage.id} is in no section",
                        )
                    )
    return warnings


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
