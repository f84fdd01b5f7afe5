"""The data layer and the plain commands never import textual (checked in fresh interpreters)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import briefing.core

# walk_packages, not iter_modules: the linker and the user's store are subpackages.
CORE_MODULES = sorted(
    info.name for info in pkgutil.walk_packages(briefing.core.__path__, prefix="briefing.core.")
)


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


def test_core_modules_were_found() -> None:
    assert {
        "briefing.core.loader",
        "briefing.core.summary",
        "briefing.core.check",
        "briefing.core.linking.linker",
        "briefing.core.userdata.store",
    } <= set(CORE_MODULES)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] == 'textual'"
        " or m.startswith('briefing.tui'))\n"
        "print(leaked)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("command", ["summary", "check", "export", "links", "notes"])
def test_plain_commands_do_not_import_textual(command: str) -> None:
    code = (
        "import os, sys\n"
        "from briefing.cli import main\n"
        "real = sys.stdout\n"
        "sys.stdout = open(os.devnull, 'w')\n"
        f"code = main([{command!r}])\n"
        "sys.stdout = real\n"
        "print(code, 'textual' in sys.modules, 'briefing.tui' in sys.modules)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "False", "False"]


def test_the_reader_starts_and_summarises_without_numpy() -> None:
    """numpy serves the linker alone, which runs after the first screen (or not at all)."""
    code = (
        "import os, sys\n"
        "import briefing.tui.app\n"
        "from briefing.cli import main\n"
        "real = sys.stdout\n"
        "sys.stdout = open(os.devnull, 'w')\n"
        "code = main(['summary'])\n"
        "sys.stdout = real\n"
        "print(code, 'numpy' in sys.modules)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "False"]
