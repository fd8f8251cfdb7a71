"""Helpers shared by tests and benchmarks (model builders)."""
