"""Every key of the reader, declared once. Ids let users remap keys (see README).

`description` is the short label of the footer; `tooltip` says in full what the
key does, for the help screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.binding import Binding

FOLLOW = Binding.Group("Follow a link", compact=True)

# fmt: off
# A table reads better than the formatter's one-argument-per-line layout.
READER_BINDINGS: list[Binding] = [
    Binding("j,down", "next_passage", "Move", key_display="j/k", tooltip="Next passage", id="reader.next-passage"),
    Binding("k,up", "previous_passage", "Previous", show=False, tooltip="Previous passage", id="reader.previous-passage"),
    Binding("space,pagedown,ctrl+f", "page_down", "Page down", show=False, tooltip="Page down", id="reader.page-down"),
    Binding("b,pageup,ctrl+b", "page_up", "Page up", show=False, tooltip="Page up", id="reader.page-up"),
    Binding("ctrl+d", "half_page(1)", "Half page down", show=False, tooltip="Half a page down", id="reader.half-page-down"),
    Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, tooltip="Half a page up", id="reader.half-page-up"),
    Binding("g,home", "first_passage", "First", show=False, tooltip="First passage of the view", id="reader.first"),
    Binding("G,end", "last_passage", "Last", show=False, tooltip="Last passage of the view", id="reader.last"),
    Binding("n,right_square_bracket", "next_section", "Section", key_display="n", tooltip="Next section (or source, when reading one)", id="reader.next-section"),
    Binding("p,left_square_bracket", "previous_section", "Previous section", show=False, tooltip="Previous section (or source)", id="reader.previous-section"),
    *(
        Binding(str(n), f"follow({n})", "Link", show=n == 1, group=FOLLOW, key_display="1-9" if n == 1 else None,
                tooltip=f"Follow link {n}", id=f"reader.follow-{n}")
        for n in range(1, 10)
    ),
    Binding("enter", "activate", "Open", show=False, tooltip="Follow link 1; in a list, open the entry", id="reader.activate"),
    Binding("backspace,left", "back", "Back", key_display="⌫", tooltip="Back to the place before", id="reader.back"),
    Binding("right", "forward", "Forward", show=False, tooltip="Forward again", id="reader.forward"),
    Binding("o", "open_in_source", "Source", tooltip="Show the passage inside its whole source", id="reader.open-in-source"),
    # priority: run at once, before the keys typed after it, which must reach the search line.
    Binding("slash", "search", "Search", key_display="/", priority=True, tooltip="Search all sources", id="reader.search"),
    # n and N step through search results while there are some; otherwise n is next section.
    Binding("n", "next_match", "Match", tooltip="Next match of the search (while one is active), wrapping at the end", id="reader.next-match"),
    Binding("N", "previous_match", "Previous match", show=False, tooltip="Previous match of the search", id="reader.previous-match"),
    Binding("escape", "leave_view", "Leave", show=False, key_display="Esc", tooltip="Leave a list view, back to reading; end the search", id="reader.leave-search"),
    Binding("T", "show_timeline", "Timeline", tooltip="Timeline: the dates all sources give, in order", id="reader.timeline"),
    Binding("P", "show_people", "People", tooltip="People & places: every name, its mentions per source", id="reader.people"),
    Binding("C", "show_coverage", "Coverage", tooltip="Coverage: passages per section and source", id="reader.coverage"),
    Binding("L", "show_links", "Links", show=False, tooltip="Every link of the passage, listed: Enter or 1-9 follows one", id="reader.links"),
    Binding("a", "add_note", "Note", show=False, tooltip="Write a note of your own on the passage", id="reader.add-note"),
    Binding("e", "edit_note", "Edit note", show=False, tooltip="Edit (or delete) your note on the passage", id="reader.edit-note"),
    Binding("c", "copy_note", "Copy note", show=False, tooltip="Copy a note kept with another briefing on these sources into your notes here", id="reader.copy-note"),
    Binding("m", "toggle_bookmark", "Bookmark", show=False, tooltip="Bookmark the passage, or remove its bookmark", id="reader.bookmark"),
    Binding("apostrophe", "show_mine", "Marks", key_display="'", show=False, tooltip="Your bookmarks and notes, to jump from", id="reader.bookmarks"),
    Binding("t", "toggle_sections", "Sections", show=False, tooltip="Show or hide the sections pane", id="reader.toggle-sections"),
    Binding("i", "toggle_notes", "Notes", show=False, tooltip="Show or hide the notes pane", id="reader.toggle-notes"),
    Binding("J", "scroll_notes(1)", "Scroll notes", show=False, tooltip="Scroll the notes pane down (half a pane)", id="reader.notes-down"),
    Binding("K", "scroll_notes(-1)", "Scroll notes up", show=False, tooltip="Scroll the notes pane up", id="reader.notes-up"),
]
"""The reading screen's keys, following less, vim and info habits."""

APP_BINDINGS: list[Binding] = [
    Binding("question_mark", "help", "Help", key_display="?", tooltip="This list of keys", id="app.help"),
    Binding("q", "quit", "Quit", tooltip="Quit", id="app.quit"),
    Binding("ctrl+p", "command_palette", "Find", show=False, tooltip="Find a section, source, view, name, passage or term", id="app.palette"),
]
# fmt: on

DEFAULT_KEYS: dict[str, str] = {b.id: b.key for b in (*READER_BINDINGS, *APP_BINDINGS) if b.id}
"""The keys of every binding id before the user's keymap."""

FOOTER_ORDER: dict[str, int] = {ident: i for i, ident in enumerate(DEFAULT_KEYS)}
"""The footer lists keys in the order declared here, whatever a keymap did to it."""

FOOTER_PAIRS = {"reader.next-passage": "reader.previous-passage"}
"""Keys the footer shows as one pair, `j/k`: the first key of each, as the keymap has them."""

HELP_EXTRA = [
    ("tab", "Move between the sections pane and the text (in the pane: j/k, g/G, Enter)"),
    ("mouse", "Click a passage to focus it, a section to open it, a link to follow it"),
]
"""Things that are not bindings of ours but that a reader should know."""


def binding_ids() -> dict[str, str]:
    """Every id a user may remap in keys.yaml, with its default keys (to find clashes)."""
    return dict(DEFAULT_KEYS)


def help_rows(
    bindings: Iterable[Binding], keymap: dict[str, str], key_display: Callable[[str], str]
) -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen, with the user's keymap applied.

    The bindings of a group (the link digits) are shown as one row.
    """
    rows: list[tuple[str, str]] = []
    seen_groups: set[str] = set()
    for binding in bindings:
        keys = keymap.get(binding.id or "", binding.key)
        if binding.group is not None and binding.id not in keymap:
            if binding.group.description not in seen_groups:
                seen_groups.add(binding.group.description)
                rows.append(
                    (
                        "1-9",
                        f"{binding.group.description} by its number in the notes pane"
                        " (in the links list: by its row)",
                    )
                )
            continue
        shown = " ".join(key_display(key.strip()) for key in keys.split(","))
        rows.append((shown, binding.tooltip or binding.description))
    return rows
