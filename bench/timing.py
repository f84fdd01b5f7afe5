"""Repeated measurement and the plain table the benchmarks print."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    samples: list[float]
    """Seconds."""
    note: str = ""

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples) * 1000

    @property
    def min_ms(self) -> float:
        return min(self.samples) * 1000


def repeat(measure: Callable[[], float], runs: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        measure()
    return [measure() for _ in range(runs)]


def wall_time(argv: Sequence[str], cwd: str | None = None) -> float:
    """Seconds for a command to run to completion, output discarded."""
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def table(results: list[Result], baseline: str | None = None) -> str:
    """Name, median, min, and the difference to the baseline's median."""
    base = next((r.median_ms for r in results if r.name == baseline), None)
    width = max(len(r.name) for r in results)
    lines = [
        f"{'':{width}}  {'median':>9}  {'min':>9}  {'vs ' + baseline if baseline else '':>14}  runs"
    ]
    for r in results:
        delta = f"{r.median_ms - base:+9.1f} ms" if base is not None and r.name != baseline else ""
        lines.append(
            f"{r.name:{width}}  {r.median_ms:7.1f}ms  {r.min_ms:7.1f}ms  {delta:>14}  {len(r.samples)}"
            + (f"  {r.note}" if r.note else "")
        )
    return "\n".join(lines)
