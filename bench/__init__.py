"""Benchmarks: python bench/run.py prints JSON figures (see README.md here)."""
