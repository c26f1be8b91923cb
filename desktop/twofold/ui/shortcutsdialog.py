"""Help > Keyboard Shortcuts: every shortcut, read from the window's actions, never stale."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class Shortcut:
    """One action and the key sequences that trigger it."""

    group: str  # the menu path ("View > Theme"), or "Other" for actions outside the menus
    name: str
    keys: tuple[str, ...]  # as the platform writes them ("Ctrl+F")


def _clean(text: str) -> str:
    """A menu text without its mnemonic marker and trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _keys(action: QAction) -> tuple[str, ...]:
    return tuple(s.toString(QKeySequence.SequenceFormat.NativeText)
                 for s in action.shortcuts() if not s.isEmpty())


def collect_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every action of `window` that has a shortcut: the menus in order, then the rest."""
    found: list[Shortcut] = []
    seen: set[int] = set()

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} > {_clean(sub.title())}")
                continue
            seen.add(id(action))
            if keys := _keys(action):
                found.append(Shortcut(path, _clean(action.text()), keys))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _clean(menu.title()))
    for action in window.findChildren(QAction):
        if id(action) in seen or not (keys := _keys(action)):
            continue
        seen.add(id(action))
        name = _clean(action.text()) or action.toolTip() or action.objectName()
        if name:
            found.append(Shortcut(_panel_of(action), name, keys))
    return found


def _panel_of(action: QAction) -> str:
    """The title of the dock (panel) an action belongs to, else "Other"."""
    widget = action.parent()
    while widget is not None:
        if isinstance(widget, QDockWidget):
            return _clean(widget.windowTitle()) or "Other"
        widget = widget.parent()
    return "Other"


class ShortcutsDialog(QDialog):
    """A read-only list of shortcuts grouped by menu."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard Shortcuts — Twofold")
        self.setObjectName("shortcutsDialog")
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutsList")
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setHeaderLabels(["Action", "Shortcut"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for shortcut in collect_shortcuts(window):
            group = groups.get(shortcut.group)
            if group is None:
                group = QTreeWidgetItem(self.tree, [shortcut.group])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                groups[shortcut.group] = group
            QTreeWidgetItem(group, [shortcut.name, ",  ".join(shortcut.keys)])
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hint = QLabel("Every menu is also reachable with Alt and its underlined letter; "
                      "Tab moves between the article list, the two panes and the side panels.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.tree, 1)
        column.addWidget(hint)
        column.addWidget(buttons)
        self.resize(520, 560)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, action, shortcut) for every listed shortcut, in order (for tests)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                item = group.child(j)
                out.append((group.text(0), item.text(0), item.text(1)))
        return out
