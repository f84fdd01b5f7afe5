"""The linker tells how far it has got, to a listener of the thread it runs in only."""

from __future__ import annotations

import threading

import pytest

from briefing.core import progress
from briefing.core.linking import analyse, compute_links
from briefing.core.loader import load_briefing
from briefing.core.model import Briefing


@pytest.fixture(scope="module")
def bundled() -> Briefing:
    return load_briefing()


def stages(briefing: Briefing) -> list[tuple[str, int, int]]:
    heard: list[tuple[str, int, int]] = []
    with progress.reported_to(lambda *said: heard.append(said)):
        compute_links(briefing, analysis=analyse(briefing))
    return heard


def test_the_linker_reports_its_stages_in_order_and_reading_to_the_end(bundled: Briefing):
    heard = stages(bundled)
    order = list(dict.fromkeys(stage for stage, _, _ in heard))
    assert order == ["reading the sources", "comparing the passages", "describing the links"]
    reading = [(done, total) for stage, done, total in heard if stage == "reading the sources"]
    assert reading[0] == (0, 3 * len(bundled.passages))
    assert reading[-1] == (reading[-1][1], reading[-1][1])  # done, all of it
    assert [done for done, _ in reading] == sorted(done for done, _ in reading)


def test_work_in_another_thread_is_not_heard(bundled: Briefing):
    heard: list[tuple[str, int, int]] = []
    with progress.reported_to(lambda *said: heard.append(said)):
        worker = threading.Thread(target=lambda: compute_links(bundled))
        worker.start()
        worker.join()
    assert heard == []
