"""`python -m bench [cli|screen|all] [--runs N] [--briefing PATH]` from the repository root."""

from __future__ import annotations

import argparse
import platform
import sys

from bench import cli_times, screen_times


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("what", nargs="?", choices=("cli", "screen", "all"), default="all")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--briefing", metavar="PATH", help="a briefing folder (default: the bundled one)"
    )
    options = parser.parse_args()
    print(
        f"# {platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
        f"{platform.system()}; {options.runs} runs each"
    )
    if options.what in ("cli", "all"):
        print("\nCommand wall time\n" + cli_times.run(options.runs, options.briefing))
    if options.what in ("screen", "all"):
        print("\n" + screen_times.run(options.runs, options.briefing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
