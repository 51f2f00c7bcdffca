"""Benchmarks: what the reader costs to build and to use, at growing sizes."""
