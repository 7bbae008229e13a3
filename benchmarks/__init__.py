"""Benchmarks: speed targets as ratios against floors measured in the same run."""
