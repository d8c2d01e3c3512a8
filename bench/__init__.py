"""Benchmarks: generated datasets and the programs that time pages against them."""
