"""briefing: a terminal reader for multi-source briefings."""

__version__ = "0.1.0"
