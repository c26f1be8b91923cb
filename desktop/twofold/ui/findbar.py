"""Find in both panes (Ctrl+F): every match highlighted, Enter steps through them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from .pane import ArticlePane
from .theme import LIGHT, Colors


class FindBar(QWidget):
    """A search field under the panes; highlights matches in both and walks through them."""

    closed = Signal()

    def __init__(self, panes: Sequence[ArticlePane], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panes = list(panes)
        self._matches: list[tuple[ArticlePane, int, int]] = []
        self._at = -1
        self.colors: Colors = LIGHT
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in both articles")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.search)
        self.field.returnPressed.connect(self.next_match)
        self.field.installEventFilter(self)
        self.case = QCheckBox("Match case")
        self.case.toggled.connect(lambda _: self.search(self.field.text()))
        self.count = QLabel()
        prev_button, next_button, close = QToolButton(), QToolButton(), QToolButton()
        prev_button.setText("▲")
        prev_button.setToolTip("Previous match (Shift+Enter)")
        prev_button.clicked.connect(self.previous_match)
        next_button.setText("▼")
        next_button.setToolTip("Next match (Enter)")
        next_button.clicked.connect(self.next_match)
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_bar)
        row.addWidget(QLabel("Find:"))
        row.addWidget(self.field, 1)
        row.addWidget(prev_button)
        row.addWidget(next_button)
        row.addWidget(self.case)
        row.addWidget(self.count)
        row.addWidget(close)
        self.hide()

    def open_bar(self) -> None:
        """Show the bar with its field focused, seeded with the panes' selection."""
        for pane in self._panes:
            selected = pane.textCursor().selectedText()
            if selected and "\u2029" not in selected:
                self.field.setText(selected)
                break
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.search(self.field.text())

    def close_bar(self) -> None:
        """Hide the bar and clear its highlights."""
        self.hide()
        for pane in self._panes:
            pane.layers.set_ranges("find", [], self.colors.find_bg)
        self.closed.emit()

    def search(self, text: str) -> None:
        """Highlight every match of `text` in both panes."""
        self._matches, self._at = [], -1
        flags = QTextDocument.FindFlag(0)
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        for pane in self._panes:
            ranges = []
            if text:
                cursor = pane.document().find(text, 0, flags)
                while not cursor.isNull():
                    ranges.append((cursor.selectionStart(), cursor.selectionEnd()))
                    cursor = pane.document().find(text, cursor, flags)
            pane.layers.set_ranges("find", ranges, self.colors.find_bg, self.colors.find_fg)
            self._matches.extend((pane, s, e) for s, e in ranges)
        self._show_count()

    def matches(self) -> list[tuple[str, int, int]]:
        """(side, start, end) of every match."""
        return [(pane.side, s, e) for pane, s, e in self._matches]

    def next_match(self) -> None:
        """Select the next match."""
        self._step(+1)

    def previous_match(self) -> None:
        """Select the previous match."""
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self._matches:
            return
        self._at = (self._at + delta) % len(self._matches)
        pane, start, end = self._matches[self._at]
        cursor = QTextCursor(pane.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        pane.setTextCursor(cursor)
        pane.ensureCursorVisible()
        self._show_count()

    def _show_count(self) -> None:
        if not self.field.text():
            self.count.setText("")
            return
        per_side = {p.side: sum(1 for q, _, _ in self._matches if q is p) for p in self._panes}
        where = ", ".join(f"{n} {side}" for side, n in per_side.items())
        at = f"{self._at + 1} of {len(self._matches)} · " if self._at >= 0 else ""
        self.count.setText(f"{at}{where}" if self._matches else "No matches")

    def eventFilter(self, watched: object, event: object) -> bool:
        """Esc closes; Shift+Enter goes back."""
        if watched is self.field and isinstance(event, QKeyEvent) and (
                event.type() == QKeyEvent.Type.KeyPress):
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
                self.previous_match()
                return True
        return False
