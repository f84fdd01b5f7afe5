"""`python -m bench [scale|cli|screen] [--quick] [--runs N]` from the repository root.

`scale` (the default) builds synthetic briefings of 10, 100 and 500 documents in a
temporary folder and prints one table of load, link, index, search, summary,
check, first screen, key-to-repaint and peak memory, beside the yardsticks.
`cli` and `screen` time one briefing only (`--briefing PATH`, default the bundled one).
"""

from __future__ import annotations

import argparse
import platform
import sys
import time

from bench import cli_times, scale, screen_times


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__.split("\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("what", nargs="?", choices=("scale", "cli", "screen"), default="scale")
    parser.add_argument(
        "--runs", type=int, help="runs of each measurement (default 5; 15 for cli/screen)"
    )
    parser.add_argument("--quick", action="store_true", help="2 runs, one cold run per size")
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[10, 100, 500], help="documents (scale)"
    )
    parser.add_argument(
        "--briefing",
        metavar="PATH",
        help="a briefing folder (cli, screen; default: the bundled one)",
    )
    options = parser.parse_args()
    runs = options.runs or (2 if options.quick else 5 if options.what == "scale" else 15)
    print(
        f"# {platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
        f"{platform.system()}; {runs} runs each",
        flush=True,
    )
    started = time.perf_counter()
    if options.what == "cli":
        print("\nCommand wall time\n" + cli_times.run(runs, options.briefing))
    elif options.what == "screen":
        print("\n" + screen_times.run(runs, options.briefing))
    else:

        def cold_runs(documents: int) -> int:
            if options.quick or documents > 100:
                return 1  # a cold link of 500 documents takes the longest of the whole run
            return min(runs, 3 if documents <= 10 else 2)

        def log(message: str) -> None:
            print(
                f"  [{time.perf_counter() - started:5.0f} s] {message}", file=sys.stderr, flush=True
            )

        print(scale.run(options.sizes, runs, cold_runs, log))
    print(f"\n# {time.perf_counter() - started:.0f} s in all", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
