"""Where the docks sit: beside the panes on a wide window, one tabbed column on a narrow one,
so each pane keeps about 45 characters a line."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QWidget

COMPACT_BELOW = 1520  # px: narrower windows fold the docks into one tabbed column


def compact_dock_width(width: int) -> int:
    """Width of the tabbed dock column of a narrow window."""
    return max(200, min(240, width // 5 - 24))


def make_dock(window: QMainWindow, title: str, name: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
    """A movable, closable, floatable dock holding `widget`, added to `window`."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                     | QDockWidget.DockWidgetFeature.DockWidgetClosable
                     | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
    window.addDockWidget(area, dock)
    return dock


class DockLayout(QObject):
    """Arranges the articles, entities and divergences docks for the window's width, and
    arranges them again when a resize crosses `COMPACT_BELOW`."""

    def __init__(self, window: QMainWindow, articles: QDockWidget, entities: QDockWidget,
                 divergences: QDockWidget) -> None:
        super().__init__(window)
        self._window = window
        self._articles, self._entities, self._divergences = articles, entities, divergences
        self.compact: bool | None = None  # the arrangement in place, once one was applied
        window.installEventFilter(self)

    def apply(self, width: int) -> None:
        """Both side docks beside the panes, or all three tabbed in one column when narrow."""
        w, left = self._window, Qt.DockWidgetArea.LeftDockWidgetArea
        self.compact = width < COMPACT_BELOW
        if self.compact:
            for dock in (self._articles, self._entities, self._divergences):
                w.addDockWidget(left, dock)
            w.tabifyDockWidget(self._articles, self._entities)
            w.tabifyDockWidget(self._entities, self._divergences)
            self._articles.raise_()
            for bar in w.findChildren(QTabBar):
                if bar.parent() is w:  # the tabs of tabbed docks: whole words, not "A…"
                    bar.setElideMode(Qt.TextElideMode.ElideNone)
            w.resizeDocks([self._articles], [compact_dock_width(width)],
                          Qt.Orientation.Horizontal)
            return
        right = Qt.DockWidgetArea.RightDockWidgetArea
        w.addDockWidget(left, self._articles)
        w.addDockWidget(right, self._entities)
        w.addDockWidget(right, self._divergences)
        w.splitDockWidget(self._entities, self._divergences, Qt.Orientation.Vertical)
        w.resizeDocks([self._articles, self._entities], [max(280, width // 5),
                                                         max(300, width // 5)],
                      Qt.Orientation.Horizontal)
        height = max(600, w.height())
        w.resizeDocks([self._entities, self._divergences],
                      [height * 11 // 20, height * 9 // 20], Qt.Orientation.Vertical)

    def adopt(self, width: int) -> None:
        """Take a restored arrangement as the one in place for this width."""
        self.compact = width < COMPACT_BELOW

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fold or unfold the docks when a resize crosses the width; narrow the column.

        Also when the window shows: it may have been sized (by its caller or the window
        manager) after the first arrangement and before it became visible.
        """
        if watched is not self._window or self.compact is None:
            return False
        width = None
        if isinstance(event, QResizeEvent) and self._window.isVisible():
            width = event.size().width()
        elif event.type() == QEvent.Type.Show:
            width = self._window.width()
        if width is not None:
            if (width < COMPACT_BELOW) != self.compact:
                self.apply(width)
            elif self.compact and self._articles.width() > compact_dock_width(width):
                # A narrower window takes its width from the docks, not from the panes' lines.
                self._window.resizeDocks([self._articles], [compact_dock_width(width)],
                                         Qt.Orientation.Horizontal)
        return False
