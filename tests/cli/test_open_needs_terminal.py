"""`briefing` piped (`briefing | head`) says it needs a terminal instead of drawing into the pipe."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import Run, clean_env

NEEDS_TERMINAL = "briefing: error: the reader needs a terminal; for text use 'briefing summary'"


@pytest.mark.parametrize("args", [(), ("open",)])
def test_the_reader_refuses_a_stdout_that_is_not_a_terminal(run: Run, args: tuple[str, ...]):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [NEEDS_TERMINAL]
    assert result.stdout == ""  # not one escape code in the pipe


def test_a_keymap_that_gives_the_palette_key_to_another_action_is_an_error(
    run: Run, tmp_path: Path
):
    config = tmp_path / "config"
    config.mkdir()
    (config / "keys.yaml").write_text(
        'reader.next-passage: "j,down,ctrl+n"\nreader.search: "slash,ctrl+p"\n', encoding="utf-8"
    )
    result = run("open", env=clean_env(BRIEFING_CONFIG_DIR=str(config)))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "config/keys.yaml:2: error: 'ctrl+p' for 'reader.search' is already the key of"
        " 'app.palette': give one of them another key"
    ]


def test_keys_swapped_in_a_keymap_are_no_clash(run: Run, tmp_path: Path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "keys.yaml").write_text(
        'reader.next-passage: "k"\nreader.previous-passage: "j"\n', encoding="utf-8"
    )
    result = run("open", env=clean_env(BRIEFING_CONFIG_DIR=str(config)))
    assert result.stderr.splitlines() == [NEEDS_TERMINAL]  # got as far as the terminal check


def test_a_key_written_as_its_character_clashes_like_its_name(run: Run, tmp_path: Path):
    # The marks key is declared as `apostrophe`: a keymap saying "'" means the same key.
    config = tmp_path / "config"
    config.mkdir()
    (config / "keys.yaml").write_text('app.help: "\'"\n', encoding="utf-8")
    result = run("open", env=clean_env(BRIEFING_CONFIG_DIR=str(config)))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "config/keys.yaml:1: error: 'apostrophe' for 'app.help' is already the key of"
        " 'reader.bookmarks': give one of them another key"
    ]
