"""Alignment: which paragraphs of two articles report the same thing (many-to-many links)."""

from .aligner import Alignment, align_articles, embeddings_affordable

__all__ = ["Alignment", "align_articles", "embeddings_affordable"]
