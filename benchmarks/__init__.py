"""Benchmark scripts: each prints a table and how it was run (see docs/benchmarks.md)."""
