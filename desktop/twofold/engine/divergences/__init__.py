"""Divergences: the factual points two articles state differently."""

from .finder import find_divergences

__all__ = ["find_divergences"]
