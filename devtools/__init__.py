"""Helpers for working on BakeOps that tests and benchmarks share; not part of the installed app."""
