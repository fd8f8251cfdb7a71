"""Benchmarks run by hand, with the same inputs every time: ``python -m bench.<name>``."""
