"""The message bar follows the colour scheme."""

from __future__ import annotations

from twofold.ui.mainwindow import MainWindow


def test_messages_take_dark_colours_in_the_dark_theme(window: MainWindow, qapp) -> None:
    palette = qapp.palette()
    note = window.messages.warning("A warning shown before the theme changes")
    assert note.dark is False
    try:
        window.actions_["theme-dark"].trigger()
        assert note.dark is True
        assert window.messages.info("A note shown in the dark").dark is True
    finally:
        window.set_theme("light", apply=False)
        qapp.setPalette(palette)
    assert note.dark is False
