"""The data layer and the plain commands never import textual (checked in fresh interpreters)."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import briefing.core

# walk_packages, not iter_modules: the linker and the user's store are subpackages.
CORE_MODULES = sorted(
    info.name for info in pkgutil.walk_packages(briefing.core.__path__, prefix="briefing.core.")
)


def run_python(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
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


# What `briefing summary` read from a warm cache has no use for; each cost milliseconds of
# a start that must stay under a tenth of a second.
NOT_FOR_A_WARM_SUMMARY = (
    "platformdirs",  # the cache folder follows the XDG rule on Linux without it
    "tempfile",  # only a cache write needs it
    "difflib",  # only the hint for an unknown section
    "briefing.core.documents",
    "briefing.core.resolve",
    "yaml",
    "markdown_it",
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is for Linux")
def test_a_warm_summary_loads_only_what_it_uses(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_CACHE_DIR"}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    code = (
        "import os, sys\n"
        "from briefing.cli import main\n"
        "real = sys.stdout\n"
        "sys.stdout = open(os.devnull, 'w')\n"
        "code = main(['summary'])\n"
        "sys.stdout = real\n"
        f"print(code, [m for m in {NOT_FOR_A_WARM_SUMMARY!r} if m in sys.modules])\n"
    )
    cold = run_python(code, env)
    assert cold.returncode == 0, cold.stderr
    assert list((tmp_path / "briefing" / "briefing").glob("*.jsonl")), "no entry in XDG_CACHE_HOME"
    warm = run_python(code, env)
    assert warm.returncode == 0, warm.stderr
    assert warm.stdout.strip() == "0 []"
