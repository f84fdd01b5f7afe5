"""Command line: argparse front for every surface. The reader is imported only by `open`."""

from __future__ import annotations

import argparse
import gc
import os
import shlex
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from briefing import __version__
from briefing.cli_progress import shown_on
from briefing.core.errors import (
    BriefingError,
    NotInBriefing,
    Problem,
    WorkerLost,
    display_path,
)
from briefing.core.locate import DOCUMENT_SUFFIXES

if TYPE_CHECKING:
    from briefing.core.ingest import PlannedImport
    from briefing.core.model import Briefing
    from briefing.core.userdata.store import AnchoredBookmark, AnchoredNote


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # `briefing` alone or `briefing PATH` opens the reader, like `less FILE`.
    if not args or (args[0] not in COMMANDS and not args[0].startswith("-")):
        if args and not_a_path(args[0]):
            build_parser(only="").error(unknown_command_message(args[0]))
        args.insert(0, "open")
    parser = build_parser(only=args[0] if args[0] in COMMANDS else None)
    options, extra = parser.parse_known_args(args)
    if extra:
        # Blamed on the command they were given to, with its usage: argparse leaves the
        # subcommand's leftovers to the top-level parser, whose usage names no option.
        getattr(options, "command_parser", parser).error(
            f"unrecognized arguments: {' '.join(extra)}"
        )
    try:
        code = _run(options)
        # Flush here, inside the try: left to interpreter exit, a closed pipe would print
        # "Exception ignored ... BrokenPipeError" and exit with status 120.
        sys.stdout.flush()
        return code
    except BriefingError as exc:
        print_problems(exc.problems, options)
        return 1
    except KeyboardInterrupt:
        return 130
    except WorkerLost as exc:  # says what to do itself
        print(f"briefing: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader of our output (`| head`) has had enough; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        # A target that cannot be written (a file where a folder should be, a read-only
        # folder): one line that names it, not a traceback.
        where = display_path(exc.filename) if exc.filename else "briefing"
        print(f"{where}: error: {exc.strerror or exc}", file=sys.stderr)
        return 1


PATH_ENDINGS = (".yaml", ".yml", *DOCUMENT_SUFFIXES)
"""A first word ending so names a file, mistyped or not: the loader reports it."""


def not_a_path(word: str) -> bool:
    """A first word that names no file or folder and does not read as a path: a mistyped
    command, most likely, or a briefing folder that is not here."""
    if not word or os.sep in word or "/" in word or word.endswith(PATH_ENDINGS):
        return False  # reads as a path: the loader says it is missing, and where
    return not os.path.lexists(os.path.expanduser(word))


def unknown_command_message(word: str) -> str:
    """`no command or briefing named 'sumary' (did you mean 'summary'?)`."""
    import difflib

    close = difflib.get_close_matches(word, list(COMMANDS), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else f" (commands: {', '.join(COMMANDS)})"
    return f"no command or briefing named '{word}'{hint}"


def _run(options: argparse.Namespace) -> int:
    if options.run is run_open:
        return run_open(options)  # the reader shows its own progress on its own screen
    with shown_on(sys.stderr):
        return options.run(options)


SHOWN_PROBLEMS = 5
"""Errors printed by a command that could not load a briefing; `check` prints them all."""


def print_problems(problems: Sequence[Problem], options: argparse.Namespace) -> None:
    """The first few problems, then where to see the rest: the first is usually the cause."""
    for problem in problems[:SHOWN_PROBLEMS]:
        print(problem.format(), file=sys.stderr)
    hidden = len(problems) - SHOWN_PROBLEMS
    if hidden > 0:
        path = getattr(options, "path", None)
        where = f" {shlex.quote(path)}" if path else ""
        print(
            f"briefing: {hidden} more problem{'s' if hidden > 1 else ''}: "
            f"run 'briefing check{where}' for all",
            file=sys.stderr,
        )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only`, the same parser holding that one command.

    Each command costs its share of the start (argparse looks up every help string's
    translation, reading the locale folders): `briefing summary` builds only `summary`.
    Help and errors read the same either way: the top-level usage names no command,
    and the list of commands is shown only by top-level help, which builds them all.
    """
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Read, check and summarise multi-source briefings.",
        epilog="With no command, opens the reader on PATH (default: the bundled briefing).",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name, command in COMMANDS.items():
        if only in (None, name):
            sub = commands.add_parser(name, help=command.help, description=command.help)
            sub.set_defaults(run=command.run, command_parser=sub)
            command.add_arguments(sub)
    return parser


class Command(NamedTuple):
    """A command of the line: what runs it, its help line, and what declares its arguments."""

    run: Callable[[argparse.Namespace], int]
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]


PATH_HELP = "a briefing folder or its briefing.yaml (default: the bundled briefing)"
WIDTH_HELP = "wrap at N columns (default: terminal width up to 100; 80 when piped)"


def add_open_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("path", nargs="?", metavar="PATH", help=PATH_HELP)


def add_summary_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("path", nargs="?", metavar="PATH", help=PATH_HELP)
    sub.add_argument("--width", type=int, metavar="N", help=WIDTH_HELP)
    sub.add_argument("--section", metavar="ID", help="only this section")
    sub.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="plain text to paste anywhere (default), or Markdown",
    )
    sub.add_argument(
        "--with-notes", action="store_true", help="add your own notes and bookmarks at the end"
    )


def add_check_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("path", nargs="?", metavar="PATH", help=PATH_HELP)
    sub.add_argument("--strict", action="store_true", help="treat warnings as errors")
    sub.add_argument(
        "--suggest",
        action="store_true",
        help="print, as YAML to paste, a section for each passage no section lists "
        "(the check's own lines then go to stderr)",
    )


def add_export_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("path", nargs="?", metavar="PATH", help=PATH_HELP)
    sub.add_argument(
        "--format", choices=("json",), default="json", help="JSON, the only format (default)"
    )


def add_links_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("path", nargs="?", metavar="PATH", help=PATH_HELP)
    sub.add_argument(
        "--passage",
        metavar="DOC:N",
        help="only the links of this passage: a document id and a passage number (e.g. doc:12)",
    )
    sub.add_argument(
        "--auto-only",
        action="store_true",
        help="only what the automatic linker finds by itself, as if the YAML curated no links",
    )
    sub.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text to read (default), or JSON for scripts",
    )
    sub.add_argument("--width", type=int, metavar="N", help=WIDTH_HELP)


def add_notes_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("path", nargs="?", metavar="PATH", help=PATH_HELP)
    sub.add_argument(
        "--format",
        choices=("markdown", "json"),
        default="markdown",
        help="Markdown to read or paste (default), or JSON for scripts",
    )


def add_import_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "files", nargs="+", metavar="FILE", type=Path, help="raw article text (.txt, .md, ...)"
    )
    sub.add_argument(
        "--into",
        metavar="DIR",
        type=Path,
        default=Path("."),
        help="the briefing folder (default: here); documents go to DIR/docs/",
    )
    sub.add_argument(
        "--id", dest="doc_id", metavar="ID", help="document id (default: from publisher or title)"
    )
    for field in ("title", "publisher", "author", "date", "url", "kind"):
        sub.add_argument(
            f"--{field}", metavar=field.upper(), help=f"set the {field} in the front matter"
        )
    sub.add_argument(
        "--label",
        metavar="TEXT",
        help="the short name the reader shows for the source (default: the publisher, if short)",
    )
    sub.add_argument("--force", action="store_true", help="overwrite a document imported before")


def add_init_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "folder", metavar="DIR", type=Path, help="the folder to create the briefing in"
    )
    sub.add_argument("--title", help="the briefing's title")
    sub.add_argument("--force", action="store_true", help="replace an existing briefing.yaml")


def run_open(options: argparse.Namespace) -> int:
    from briefing.core.loader import load_briefing_to_read

    briefing, problems = load_briefing_to_read(options.path)
    if not briefing.documents:  # nothing to read: say how to add something, as `init` does
        folder = display_path(briefing.root)
        print(
            f"briefing: error: {folder} has no sources yet;"
            f" add articles with 'briefing import ARTICLE.txt --into {folder}'",
            file=sys.stderr,
        )
        return 1
    # Textual repaints on a frame timer (60 per second by default), so a key waits up to
    # 17 ms before anything is drawn. Our repaints are small: a faster frame rate cuts that
    # wait without busy work, since the timer only runs while something needs drawing.
    os.environ.setdefault("TEXTUAL_FPS", "240")
    # No cycle collection from here to the first screen (the reader turns it back on
    # then): importing textual and the reader and building the first screen allocate
    # much and little of it is garbage, yet set off ~110 collections, 15-20 ms in all
    # on the bundled briefing. After the load: on a cold cache it allocates far more.
    gc.disable()
    # Deferred: textual costs about 150 ms to import, and only the reader needs it.
    from briefing.core.keymap import keymap_path, load_keymap
    from briefing.tui.app import run_reader
    from briefing.tui.keys import binding_ids

    keymap = load_keymap(keymap_path(), binding_ids())
    # After the checks above, so that bad content or keys are reported even when piped.
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        if problems:  # no reader to show them in: a script gets them, and a failure
            raise BriefingError(problems)
        # A full-screen app would write escape codes into the pipe or file.
        print(
            "briefing: error: the reader needs a terminal; for text use 'briefing summary'",
            file=sys.stderr,
        )
        return 2
    check = f"briefing check{f' {shlex.quote(options.path)}' if options.path else ''}"
    # On screen, a file is named inside the briefing's folder: a long path broke the
    # notice's line between the file and its line number.
    shown = [p.format(within=briefing.root) for p in problems]
    status = run_reader(briefing, keymap, shown, check)
    if problems:  # they were on screen only for a moment: leave them in the terminal
        print_problems(problems, options)
    return status


def run_summary(options: argparse.Namespace) -> int:
    from briefing.core.loader import load_briefing
    from briefing.core.summary import render_summary

    width = chosen_width(options, "summary")
    if width is None:
        return 2
    briefing = load_briefing(options.path)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR") and options.format == "text"
    try:
        summary = render_summary(
            briefing, width=width, section_id=options.section, fmt=options.format, color=color
        )
    except NotInBriefing as exc:
        return option_error("summary", "--section", exc)
    if options.with_notes:
        from briefing.core.userdata.export import render_notes_appendix

        mine = read_user_notes(briefing, "summary")
        if mine is None:
            return 1
        passages = set(briefing.section(options.section).passages) if options.section else None
        bold = ("\x1b[1m", "\x1b[0m") if color else ("", "")
        appendix = render_notes_appendix(
            briefing, *mine, width=width, fmt=options.format, passages=passages, bold=bold
        )
        summary = f"{summary}\n{appendix}"
    sys.stdout.write(summary)
    return 0


def run_notes(options: argparse.Namespace) -> int:
    from briefing.core.loader import load_briefing
    from briefing.core.userdata.export import render_notes_json, render_notes_markdown

    briefing = load_briefing(options.path)
    mine = read_user_notes(briefing, "notes")
    if mine is None:
        return 1
    render = render_notes_json if options.format == "json" else render_notes_markdown
    sys.stdout.write(render(briefing, *mine))
    return 0


def read_user_notes(
    briefing: Briefing, command: str
) -> tuple[list[AnchoredNote], list[AnchoredBookmark]] | None:
    """The reader's notes and bookmarks on a briefing, or None after saying why not."""
    from briefing.core.userdata.store import UserDataError, UserStore

    # Read-only: an export never creates the data folder nor repairs the database;
    # the reader does that when it opens.
    store, warnings = UserStore.open(read_only=True)
    for warning in warnings:
        print(f"briefing {command}: warning: {warning}", file=sys.stderr)
    try:
        with store:
            return store.notes(briefing), store.bookmarks(briefing)
    except UserDataError as exc:
        print(f"briefing {command}: error: {exc}", file=sys.stderr)
        return None


def chosen_width(options: argparse.Namespace, command: str) -> int | None:
    """--width, else the terminal's; None (and one line on stderr) when out of range."""
    from briefing.core.summary import MAX_WIDTH, MIN_WIDTH

    width = default_width() if options.width is None else options.width
    if MIN_WIDTH <= width <= MAX_WIDTH:
        return width
    print(
        f"briefing {command}: error: --width must be between {MIN_WIDTH} and {MAX_WIDTH}",
        file=sys.stderr,
    )
    return None


def option_error(command: str, option: str, exc: NotInBriefing) -> int:
    """A name given on the command line that the briefing lacks: the option is at fault,
    not the briefing's file, so the line names the command and the option."""
    print(f"briefing {command}: error: {option} {exc}", file=sys.stderr)
    return 2


def default_width() -> int:
    if not sys.stdout.isatty():
        return 80
    return max(40, min(100, shutil.get_terminal_size((80, 24)).columns))


def run_check(options: argparse.Namespace) -> int:
    from briefing.core.check import check_briefing

    report = check_briefing(options.path)
    # With --suggest, stdout is only YAML (so it can be redirected to a file); the check's
    # own lines, unchanged, go to stderr.
    out = sys.stderr if options.suggest else sys.stdout
    for problem in report.problems:
        print(problem.format(), file=out)
    print(report.verdict(), file=sys.stderr if report.problems else out)
    if options.suggest and report.briefing is not None:
        from briefing.core.check import render_suggestions

        sys.stderr.flush()
        sys.stdout.write(render_suggestions(report.briefing))
    return 0 if report.passed(strict=options.strict) else 1


def run_export(options: argparse.Namespace) -> int:
    from briefing.core.export import export_json
    from briefing.core.loader import load_briefing

    sys.stdout.write(export_json(load_briefing(options.path)))
    return 0


def run_links(options: argparse.Namespace) -> int:
    from briefing.core.links_report import render_links_json, render_links_text, select_links
    from briefing.core.loader import load_briefing

    width = chosen_width(options, "links")
    if width is None:
        return 2
    briefing = load_briefing(options.path)
    try:
        links = select_links(briefing, passage_id=options.passage, auto_only=options.auto_only)
    except NotInBriefing as exc:
        return option_error("links", "--passage", exc)
    if options.format == "json":
        sys.stdout.write(render_links_json(briefing, links))
        return 0
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    sys.stdout.write(
        render_links_text(briefing, links, width=width, color=color, passage_id=options.passage)
    )
    return 0


def run_import(options: argparse.Namespace) -> int:
    from briefing.core.ingest import Overrides, plan_imports, require_briefing, write_imports

    overrides = Overrides(
        doc_id=options.doc_id,
        title=options.title,
        publisher=options.publisher,
        author=options.author,
        date=options.date,
        url=options.url,
        kind=options.kind,
        label=options.label,
    )
    plans = plan_imports(options.files, options.into, overrides, force=options.force)
    # After the files are read (their own errors come first), before anything is written.
    require_briefing(options.into)
    registered = write_imports(plans, options.into)
    for plan in plans:
        fields = plan.article.fields
        verb = "replaced" if plan.replaces else "imported"
        print(f"{verb} {display_path(plan.source)} → {display_path(plan.target)}")
        known = ", ".join(
            f"{k}: {fields[k]}" for k in ("title", "publisher", "author", "date") if fields.get(k)
        )
        print(f"  {known}")
        unknown = [k for k in ("title", "publisher", "author", "date") if not fields.get(k)]
        if unknown:
            options_named = ", ".join(f"--{k}" for k in unknown)
            them = "them" if len(unknown) > 1 else "it"
            print(
                f"  not in the text: {', '.join(unknown)} "
                f"(left empty; set with {options_named} if you know {them})"
            )
        print(f"  {_label_report(plan, given=options.label is not None)}")
        for removal in plan.article.removed:
            print(f'  removed {removal.reason}, {removal.lines}: "{_snip(removal.text)}"')
        for note in plan.article.found:
            if not note.startswith(("title", "date", "author", "publisher")):
                print(f"  {note}")
        print(f"  original kept as {display_path(plan.original)}")
    if registered:
        print(f"registered in {display_path(options.into / 'briefing.yaml')}")
    return 0


def run_init(options: argparse.Namespace) -> int:
    from briefing.core.scaffold import init_briefing

    target = init_briefing(options.folder, options.title, force=options.force)
    folder = display_path(options.folder)
    print(f"created {display_path(target)}")
    print(f"next: briefing import ARTICLE.txt --into {folder}, then briefing open {folder}")
    return 0


def _label_report(plan: PlannedImport, *, given: bool) -> str:
    """What the reader will call the imported source, and where that name comes from."""
    from briefing.core.model import Document
    from briefing.core.short_names import SHORT_NAME_LIMIT

    fields = plan.article.fields
    if fields.get("label") and given:
        return f"label: {fields['label']} (from --label)"
    document = Document(
        plan.doc_id,
        0,
        plan.target,
        title=fields.get("title", ""),
        publisher=fields.get("publisher", ""),
    )
    if len(document.publisher) > SHORT_NAME_LIMIT:
        origin = "its publisher, long for a badge; --label sets a shorter name"
    elif document.publisher:
        origin = "its publisher; --label sets another name"
    elif document.title:
        origin = "the title's first words; --label sets a name"
    else:
        origin = "its id; --label sets a name"
    return f'no label: the reader calls it "{document.short_name}" ({origin})'


def _snip(text: str, limit: int = 60) -> str:
    from briefing.core.text import snippet

    return snippet(text, limit)


COMMANDS: dict[str, Command] = {
    "open": Command(run_open, "open the reader", add_open_arguments),
    "summary": Command(
        run_summary, "print a plain-text summary with citations", add_summary_arguments
    ),
    "check": Command(
        run_check, "validate a briefing; errors as file:line: message", add_check_arguments
    ),
    "export": Command(run_export, "print the resolved briefing as JSON", add_export_arguments),
    "links": Command(
        run_links, "print the links between passages, with their reasons", add_links_arguments
    ),
    "notes": Command(
        run_notes, "print your own notes and bookmarks on a briefing", add_notes_arguments
    ),
    "import": Command(
        run_import, "turn raw article text into clean documents of a briefing", add_import_arguments
    ),
    "init": Command(run_init, "start a new briefing in a folder", add_init_arguments),
}
"""Every command, in the order help lists them."""
