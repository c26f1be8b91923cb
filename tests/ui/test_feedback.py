"""Feedback: what the window says when the same article is picked twice, where exports go,
which files it offers to open."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from twofold.engine.load import SUPPORTED_SUFFIXES
from twofold.ui.emptystate import EmptyState
from twofold.ui.exporting import start_folder
from twofold.ui.mainwindow import MainWindow, open_filter
from twofold.ui.session import Side


def test_choosing_the_right_article_for_the_left_swaps_and_says_so(compared: MainWindow) -> None:
    s = compared.session
    left, right = s.left, s.right
    s.choose(Side.LEFT, right)
    assert (s.left, s.right) == (right, left)
    assert not compared.runner.pending, "the pair on screen mirrored: nothing to compare"
    assert compared.view.comparison.left.path == right
    (_level, text), = [m for m in compared.messages.messages() if "moved" in m[1]]
    assert text == (f"“{s.display_name(right)}” moved to the left, so "
                    f"“{s.display_name(left)}” moved to the right.")


def test_choosing_the_left_article_for_the_right_keeps_the_pair_and_says_so(
        compared: MainWindow) -> None:
    s = compared.session
    left, right = s.left, s.right
    s.choose(Side.RIGHT, left)
    assert (s.left, s.right) == (left, right)
    assert compared.messages.messages()[-1] == (
        "info", f"“{s.display_name(left)}” is already on the left; choose another article for "
        "the right to compare it with.")


def test_the_export_dialog_opens_where_twofold_was_started(tmp_path: Path, monkeypatch) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    pair = (str(articles / "a.txt"), str(articles / "b.txt"))
    monkeypatch.chdir(tmp_path)
    assert start_folder(None, pair) == str(tmp_path)
    last = tmp_path / "reports"
    last.mkdir()
    assert start_folder(str(last), pair) == str(last), "then where the last report went"


@pytest.mark.parametrize("inside", ["", "sub"])
def test_the_export_dialog_never_starts_in_the_articles_folder(tmp_path: Path, monkeypatch,
                                                               inside: str) -> None:
    articles = tmp_path / "articles"
    (articles / "sub").mkdir(parents=True)
    pair = (str(articles / "a.txt"), str(articles / "b.txt"))
    monkeypatch.chdir(articles / inside)
    chosen = Path(start_folder(str(articles), pair)).resolve()
    assert chosen != articles and articles not in chosen.parents
    assert chosen.is_dir() and os.access(chosen, os.W_OK)


def test_open_dialog_and_welcome_text_offer_every_readable_format(qtbot) -> None:
    page = EmptyState()
    qtbot.addWidget(page)
    offered = page.formats.text().split()
    for suffix in SUPPORTED_SUFFIXES:
        assert f"*{suffix}" in open_filter()
        assert suffix in offered
    for kind in ("text", "Markdown", "web pages", "Word", "PDF", "RTF", "e-mail", "JSON"):
        assert kind in page.hint.text()
