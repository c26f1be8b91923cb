"""Typed errors of the engine; each message says what is wrong and what to do."""

from __future__ import annotations

from collections.abc import Callable


class TwofoldError(Exception):
    """Base of every error the engine raises on purpose."""


class ArticleError(TwofoldError):
    """An article cannot be read or used; `str(err)` is one sentence a person can act on."""

    def __init__(self, path: str, problem: str, advice: str = "") -> None:
        self.path = path
        self.problem = problem
        self.advice = advice
        text = f"{path}: {problem}"
        super().__init__(f"{text}; {advice}" if advice else text)


class ArticleNotFound(ArticleError):
    """The file does not exist (any more)."""


class ArticleUnreadable(ArticleError):
    """The file exists but cannot be opened or decoded."""


class ArticleEmpty(ArticleError):
    """The file holds no text."""


class ArticleTooLarge(ArticleError):
    """The file is larger than Twofold reads."""


class UnsupportedFormat(ArticleError):
    """The file type has no loader."""


class ModelMissing(TwofoldError):
    """The spaCy language model is not installed."""


class Cancelled(TwofoldError):
    """The caller asked to stop: the work was abandoned and nothing partial was kept."""

    def __init__(self, what: str = "The work") -> None:
        super().__init__(f"{what} was cancelled")

    @staticmethod
    def check(cancelled: Callable[[], bool] | None, what: str = "The work") -> None:
        """Raise `Cancelled` when the caller's `cancelled()` says to stop."""
        if cancelled is not None and cancelled():
            raise Cancelled(what)
