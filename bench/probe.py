"""One fresh process timing the data layer on a briefing: load, link, index, search, peak memory.

Run by bench/scale.py, once per sample, so that every cold figure really is cold
(nothing imported, nothing memoised) and the peak memory is this work's alone:

    python -m bench.probe BRIEFING [--links] [--earlier]     (prints one JSON object)
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time

SEARCH_REPEATS = 5


def queries(texts: list[str]) -> list[str]:
    """Three searches a reader might type, taken from the middle passage: any topic works."""
    words = [w.strip(".,;:()“”\"'’") for w in texts[len(texts) // 2].split()]
    words = [w for w in words if w.isalpha()] or ["the"]
    longest = max(words, key=len)
    middle = len(words) // 2
    return [longest, " ".join(words[middle : middle + 2]), f'"{" ".join(words[1:4])}"']


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.probe")
    parser.add_argument("briefing")
    parser.add_argument("--links", action="store_true", help="also time the automatic links")
    parser.add_argument(
        "--earlier",
        action="store_true",
        help="also time reading back the links found before an edit (see derived.earlier_links)",
    )
    options = parser.parse_args(argv)

    start = time.perf_counter()
    from briefing.core.loader import load_briefing

    briefing = load_briefing(options.briefing)
    result = {"load": time.perf_counter() - start, "passages": len(briefing.passages)}
    if options.links:
        start = time.perf_counter()
        from briefing.core.linking import auto_links

        result["links"] = len(auto_links(briefing))
        result["link"] = time.perf_counter() - start
    if options.earlier:
        start = time.perf_counter()
        from briefing.core.linking.derived import earlier_links

        result["earlier_links"] = len(earlier_links(briefing))
        result["earlier"] = time.perf_counter() - start
    start = time.perf_counter()
    from briefing.core.search import SearchIndex

    index = SearchIndex(briefing)
    result["index"] = time.perf_counter() - start
    samples = []
    for query in queries([p.text for p in briefing.passages.values()]):
        for _ in range(SEARCH_REPEATS):
            start = time.perf_counter()
            index.search(query)
            samples.append(time.perf_counter() - start)
    result["search"] = statistics.median(samples)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
