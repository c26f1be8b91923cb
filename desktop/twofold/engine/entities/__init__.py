"""Entities: the people, organisations, places, dates and figures an article names."""

from .extract import article_entities, extract_entities

__all__ = ["article_entities", "extract_entities"]
