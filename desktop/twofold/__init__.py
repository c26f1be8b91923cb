"""Twofold: compare how two outlets covered the same story."""

__version__ = "0.1.0"
