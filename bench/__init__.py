"""Benchmarks, run by hand: `python -m bench` (see README)."""
