"""The window's menus and shortcuts, declared in one place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow, QMenu, QWidget

if TYPE_CHECKING:
    from .compareview import CompareView
    from .exporting import ComparisonExporter
    from .session import Session
    from .theme import ThemeMode


class MenuTarget(Protocol):
    """What the window does when a menu asks (the window's own slots)."""

    def choose_folder(self) -> None: ...
    def choose_files(self) -> None: ...
    def set_follow_left(self, on: bool) -> None: ...
    def show_colour_key(self, on: bool) -> None: ...
    def set_reading_ahead(self, on: bool) -> None: ...
    def set_showing_less_certain(self, on: bool) -> None: ...
    def zoom(self, delta: int | None) -> None: ...
    def set_theme(self, mode: ThemeMode, apply: bool = True) -> None: ...


@dataclass(frozen=True, slots=True)
class Menus:
    """The menu bar's actions by name, and the recent folders menu the window refills."""

    actions: dict[str, QAction]
    recent: QMenu


def _action(window: QWidget, text: str, slot: object, *keys: str | QKeySequence.StandardKey,
            tip: str = "") -> QAction:
    action = QAction(text, window)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(slot)  # type: ignore[arg-type]
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_menus(w: QMainWindow, *, view: CompareView, session: Session,
                exporter: ComparisonExporter, views: dict[str, QAction],
                docks: Sequence[QDockWidget]) -> Menus:
    """Create the menu bar of `w` (whose slots the menus call); return its actions."""
    target: MenuTarget = w  # type: ignore[assignment]
    a: dict[str, QAction] = {}
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    a["open-folder"] = _action(w, "Open &Folder…", target.choose_folder,
                               QKeySequence.StandardKey.Open, tip="List every article of a folder")
    a["open-files"] = _action(w, "Open &Two Files…", target.choose_files, "Ctrl+Shift+O",
                              tip="Compare two article files")
    file_menu.addAction(a["open-folder"])
    file_menu.addAction(a["open-files"])
    recent = file_menu.addMenu("Open &Recent")
    file_menu.addSeparator()
    for name, action in exporter.actions.items():
        a[name] = action
        file_menu.addAction(action)
    file_menu.addSeparator()
    a["quit"] = _action(w, "&Quit", w.close, QKeySequence.StandardKey.Quit)
    file_menu.addAction(a["quit"])

    edit_menu = bar.addMenu("&Edit")
    a["undo-dismiss"] = _action(w, "&Undo Dismiss", session.undo_dismiss,
                                QKeySequence.StandardKey.Undo,
                                tip="Show the divergence dismissed last again")
    a["undo-dismiss"].setEnabled(False)
    edit_menu.addAction(a["undo-dismiss"])
    edit_menu.addSeparator()
    a["find"] = _action(w, "&Find…", view.findbar.open_bar, QKeySequence.StandardKey.Find,
                        tip="Find text in both articles")
    a["find-next"] = _action(w, "Find &Next", view.findbar.next_match,
                             QKeySequence.StandardKey.FindNext)
    a["find-prev"] = _action(w, "Find Pre&vious", view.findbar.previous_match,
                             QKeySequence.StandardKey.FindPrevious)
    for name in ("find", "find-next", "find-prev"):
        edit_menu.addAction(a[name])

    go_menu = bar.addMenu("&Go")
    a["next"] = _action(w, "&Next Difference", view.next_difference, "F7", "Alt+Down",
                        tip="Go to the next changed or unique paragraph")
    a["prev"] = _action(w, "&Previous Difference", view.previous_difference, "Shift+F7",
                        "Alt+Up", tip="Go to the previous changed or unique paragraph")
    a["swap"] = _action(w, "&Swap Sides", session.swap, "Ctrl+Shift+S",
                        tip="Exchange the left and right article")
    for name in ("next", "prev", "swap"):
        go_menu.addAction(a[name])

    view_menu = bar.addMenu("&View")
    a["follow"] = _action(w, "&Follow Left Order", lambda on: target.set_follow_left(bool(on)),
                          "Ctrl+L", tip="Rearrange the right article next to its counterparts")
    a["follow"].setCheckable(True)
    view_menu.addAction(a["follow"])
    a["colour-key"] = _action(w, "Colour &Key", lambda on: target.show_colour_key(bool(on)),
                              tip="What each highlight, band and mark means")
    a["colour-key"].setCheckable(True)
    view_menu.addAction(a["colour-key"])
    a["read-ahead"] = _action(
        w, "&Read Similar Articles Ahead", lambda on: target.set_reading_ahead(bool(on)),
        tip="While a pair is on screen, analyse the folder's articles most like it, so "
            "comparing them next takes a fraction of the time")
    a["read-ahead"].setCheckable(True)
    view_menu.addAction(a["read-ahead"])
    a["less-certain"] = _action(
        w, "Show &Less Certain Divergences",
        lambda on: target.set_showing_less_certain(bool(on)),
        tip="Also list divergences from sentences that only partly match; they may report two "
            "different facts of one kind")
    a["less-certain"].setCheckable(True)
    view_menu.addAction(a["less-certain"])
    for name, action in views.items():  # the folder's views: the centre owns them
        a[name] = action
        view_menu.addAction(action)
    view_menu.addSeparator()
    a["zoom-in"] = _action(w, "Zoom &In", lambda: target.zoom(+1), "Ctrl+=", "Ctrl++")
    a["zoom-out"] = _action(w, "Zoom &Out", lambda: target.zoom(-1), "Ctrl+-")
    a["zoom-reset"] = _action(w, "&Normal Size", lambda: target.zoom(None), "Ctrl+0")
    for name in ("zoom-in", "zoom-out", "zoom-reset"):
        view_menu.addAction(a[name])
    view_menu.addSeparator()
    theme_menu = view_menu.addMenu("&Theme")
    group = QActionGroup(w)
    for mode, label in (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark")):
        action = _action(w, label, lambda _=False, m=mode: target.set_theme(m))  # type: ignore[misc]
        action.setCheckable(True)
        group.addAction(action)
        theme_menu.addAction(action)
        a[f"theme-{mode}"] = action
    view_menu.addSeparator()
    for dock in docks:
        view_menu.addAction(dock.toggleViewAction())

    help_menu = bar.addMenu("&Help")
    a["shortcuts"] = _action(w, "&Keyboard Shortcuts", lambda: shortcuts(w), "Ctrl+F1",
                             tip="List every keyboard shortcut")
    help_menu.addAction(a["shortcuts"])
    a["about"] = _action(w, "&About Twofold", lambda: about(w))
    help_menu.addAction(a["about"])
    return Menus(a, recent)


def about(parent: QWidget) -> QDialog:
    """Show what Twofold is: version, licence, models."""
    from .aboutdialog import AboutDialog

    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def shortcuts(window: QMainWindow) -> QDialog:
    """Show every keyboard shortcut of `window`."""
    from .shortcutsdialog import ShortcutsDialog

    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
