"""Benchmarks of the project (scripts that print figures), and the synthetic-graph generator
(benchmarks.generate) that the tests import too."""
