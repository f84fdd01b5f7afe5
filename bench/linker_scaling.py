"""Time compute_links on synthetic briefings of 10, 100 and 500 documents: the curve should be linear.

Run by hand from the repository root:  python -m bench.linker_scaling [--sizes 10 100 500]

"of which reading" is the CPU time of analyse() (names, dates, figures, words), the rest
scoring and describing the links. "peak MB" is the process's peak resident memory once a size is analysed and linked (sizes
run smallest first, so it is that size's peak); it is read before the candidate pairs are
counted, which builds vectors of its own.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import build
from briefing.core.linking import analyse, compute_links
from briefing.core.linking.index import FeatureIndex, candidate_count
from briefing.core.loader import load_briefing


def measure(documents: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = build(Path(folder), documents)
        briefing = load_briefing(path)
        samples, analysis_times, cpu_times = [], [], []
        for _ in range(runs):
            start, cpu = time.perf_counter(), time.process_time()
            analysis = analyse(briefing)
            middle_cpu = time.process_time()
            links = compute_links(briefing, analysis=analysis)
            end = time.perf_counter()
            cpu_times.append(time.process_time() - cpu)
            samples.append(end - start)
            analysis_times.append(middle_cpu - cpu)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        vectors = [
            {f: w * analysis.idf[f] for f, w in fact.features.items()}
            for fact in analysis.passages.values()
        ]
        groups = [hash(fact.doc) for fact in analysis.passages.values()]
        candidates = candidate_count(FeatureIndex(vectors, groups))
    best = min(samples)
    return {
        "documents": documents,
        "passages": len(briefing.passages),
        "seconds": best,
        # On a shared machine wall time swells with others' work; CPU time is this work alone.
        "cpu": min(cpu_times),
        "analysis": min(analysis_times),
        "candidates": candidates,
        "links": len(links),
        "peak": peak,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.linker_scaling", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 500])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args(argv)
    print(
        f"{'documents':>9} {'passages':>9} {'seconds':>8} {'cpu s':>7} {'of which reading':>17} "
        f"{'cpu µs/passage':>15} {'candidate pairs':>16} {'pairs/passage':>14} {'links':>7}"
        f" {'peak MB':>8}"
    )
    for size in options.sizes:
        m = measure(size, options.runs if size <= 100 else 1)
        per = m["cpu"] / m["passages"] * 1e6
        print(
            f"{m['documents']:9d} {m['passages']:9d} {m['seconds']:8.2f} {m['cpu']:7.2f}"
            f" {m['analysis']:17.2f} {per:15.0f} {m['candidates']:16d}"
            f" {m['candidates'] / m['passages']:14.1f} {m['links']:7d} {m['peak']:8.0f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
