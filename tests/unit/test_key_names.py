"""Keys in a keymap may be written as characters; bindings know them by their terminal names."""

from __future__ import annotations

import string

import pytest
from textual.keys import _character_to_key

from briefing.core.keymap import key_name


@pytest.mark.parametrize("character", [c for c in string.punctuation if c != ","])
def test_a_punctuation_character_gets_the_name_the_terminal_gives_its_key(character: str):
    assert key_name(character) == _character_to_key(character)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("j", "j"),
        ("G", "G"),
        ("question_mark", "question_mark"),
        ("ctrl+p", "ctrl+p"),
        ("ctrl+/", "ctrl+slash"),
        ("+", "plus"),
        ("ctrl++", "ctrl+plus"),
        ("é", "é"),
    ],
)
def test_names_and_modifiers_are_kept(written: str, name: str):
    assert key_name(written) == name
