"""`briefing check`: every problem in a briefing, as `file:line: severity: message`."""

from __future__ import annotations

import textwrap
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

from briefing.core.errors import Problem
from briefing.core.loader import inspect_briefing
from briefing.core.model import Briefing, Passage
from briefing.core.text import fold_for_match, strip_controls


class CheckReport(NamedTuple):
    """What `check` found, and the briefing when it could be loaded."""

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
        errors = any(p.severity == "error" for p in problems)
        problems = problems + coverage_warnings(briefing, sections_expected=not errors)
    return CheckReport(problems, briefing)


def coverage_warnings(briefing: Briefing, *, sections_expected: bool = True) -> list[Problem]:
    """Passages that no section shows: a reader browsing by section would never see them.

    One warning per run of such passages in a row, at the first: a desk's briefing of 500
    documents may leave most passages to their sources, and 14,000 lines would bury the rest.
    A briefing with no sections is one warning, unless `sections_expected` is False (the
    file has errors already: a mistyped `sections:` key is one, and says so itself).
    """
    if not briefing.sections:
        if not briefing.passages or not sections_expected:
            return []
        return [
            Problem(
                str(briefing.file),
                _key_line(briefing.file, "sections"),
                "warning",
                f"no sections: its {_count(len(briefing.passages), 'passage')} can be read"
                " by source only; add sections, and 'briefing check --suggest' offers"
                " passages for them",
            )
        ]
    placed = {pid for section in briefing.sections for pid in section.passages}
    warnings: list[Problem] = []
    for document in briefing.documents:
        for unplaced, passages in groupby(document.passages, lambda p: p.id not in placed):
            if unplaced:
                run = list(passages)
                warnings.append(Problem(str(document.path), run[0].line, "warning", _unplaced(run)))
    return warnings


def _key_line(file: Path, key: str) -> int:
    """The line of a top-level `key:` in a YAML file, else 1 (the file itself)."""
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 1)


def _unplaced(run: list[Passage]) -> str:
    if len(run) == 1:
        return f"passage {run[0].id} is in no section"
    return f"passages {run[0].id} to {run[-1].id} ({len(run)}) are in no section"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


QUOTE_WORDS = (4, 6, 8, 12, 16)
"""Quote lengths tried, in words: the shortest that matches one passage reads best in YAML."""
QUOTE_CHARS = 70
COMMENT_WIDTH = 88


def render_suggestions(briefing: Briefing) -> str:
    """Sections for the passages no section lists, as YAML to paste into briefing.yaml.

    Grouped under each section id, one quote selector per passage (the shortest
    exact quote that matches that passage alone), each after a comment giving
    why it fits and how well. Deterministic.
    """
    placed = {pid for section in briefing.sections for pid in section.passages}
    unplaced = [pid for pid in briefing.passages if pid not in placed]
    if not unplaced:
        return f"# every passage is in a section: nothing to suggest ({_count(len(placed), 'passage')})\n"
    if not briefing.sections:
        return "# no sections to suggest: add sections to briefing.yaml first\n"
    # Deferred: the linking package costs ~65 ms to import; only --suggest needs it.
    from briefing.core.linking.derived import section_suggestions

    suggestions = section_suggestions(briefing)
    lines = [
        f"# Sections suggested for {_count(len(unplaced), 'passage')} that no section lists.",
        "# Paste each entry at the end of that section's `passages:` in briefing.yaml.",
    ]
    for section in briefing.sections:
        chosen = [
            pid
            for pid in unplaced
            if pid in suggestions and suggestions[pid].section_id == section.id
        ]
        if not chosen:
            continue
        lines.append(f"{section.id}:")
        for pid in chosen:
            suggestion = suggestions[pid]
            reason = "; ".join(strip_controls(r) for r in suggestion.reasons)
            comment = f"{pid} {briefing.citation(pid)}, fit {suggestion.score:.2f}: {reason}"
            lines += textwrap.wrap(
                " ".join(comment.split()),
                COMMENT_WIDTH,
                initial_indent="  # ",
                subsequent_indent="  #   ",
                break_on_hyphens=False,
            )
            lines.append(f"  - {quote_selector(briefing, pid)}")
    unfit = [pid for pid in unplaced if pid not in suggestions]
    if unfit:
        lines.append("# No section fits these; place them by hand or start a new section:")
        lines += [
            f"#   {pid} {briefing.citation(pid)} {quote_selector(briefing, pid)}" for pid in unfit
        ]
    return "\n".join(lines) + "\n"


def quote_selector(briefing: Briefing, passage_id: str) -> str:
    """`{doc: d, quote: "exact words"}` with the shortest quote that matches only this passage."""
    passage = briefing.passages[passage_id]
    others = [
        fold_for_match(p.text)
        for p in briefing.document(passage.doc).passages
        if p.id != passage_id
    ]
    words = fold_for_match(passage.text).split(" ")
    quote = " ".join(words)
    for size in QUOTE_WORDS:
        found = _unique_window(words, size, others)
        if found:
            quote = found
            break
    return f"{{doc: {passage.doc}, quote: {_yaml_string(quote)}}}"


def _unique_window(words: list[str], size: int, others: list[str]) -> str | None:
    """The first run of `size` words, not too long and free of quote marks, found in no other passage."""
    if size > len(words):
        size = len(words)
    for start in range(0, len(words) - size + 1):
        candidate = " ".join(words[start : start + size]).strip(" ,;:")
        if len(candidate) > QUOTE_CHARS or '"' in candidate or "\\" in candidate:
            continue
        if candidate and not any(candidate in text for text in others):
            return candidate
    return None


def _yaml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
