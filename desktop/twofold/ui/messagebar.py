"""A non-blocking message bar: errors, warnings and notes stacked above the compare view."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .message import Action, Messages
from .theme import LIGHT, Colors

Level = Literal["error", "warning", "info"]

_GLYPHS = {"error": "✖", "warning": "⚠", "info": "ℹ"}
_INFO_TIMEOUT_MS = 8000
MAX_SHOWN = 4


class Message(QFrame):
    """One message: an icon, the text, a close button."""

    closed = Signal()

    def __init__(self, level: Level, text: str, details: str = "",
                 parent: QWidget | None = None, colors: Colors = LIGHT,
                 action: Action | None = None) -> None:
        super().__init__(parent)
        self.level, self.text = level, text
        self.colors: Colors | None = None
        glyph = _GLYPHS[level]
        self.setObjectName("message")
        self.set_colors(colors)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        icon = QLabel(glyph)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if details:
            label.setToolTip(details)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.setAutoRaise(True)
        close.clicked.connect(self.dismiss)
        row.addWidget(icon)
        row.addWidget(label, 1)
        self.action_button: QToolButton | None = None
        if action is not None:
            button = QToolButton()
            button.setText(action.text)
            button.setObjectName("messageAction")
            button.clicked.connect(lambda: (self.dismiss(), action.run()))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.action_button = button
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)

    @property
    def dark(self) -> bool:
        """Whether the message shows in the dark scheme's colours."""
        return bool(self.colors and self.colors.dark)

    def set_colors(self, colors: Colors) -> None:
        """Use the colours of another scheme."""
        if colors is self.colors:
            return
        self.colors = colors
        tone = colors.messages[self.level]
        bg, fg, border = tone.background.name(), tone.text.name(), tone.border.name()
        self.setStyleSheet(
            f"#message {{ background: {bg}; border: 1px solid {border}; border-radius: 4px; }}"
            f" QLabel {{ color: {fg}; background: transparent; }}"
            f" QToolButton {{ color: {fg}; border: none; background: transparent; }}"
            f" QToolButton#messageAction {{ border: 1px solid {border}; border-radius: 3px;"
            f" padding: 1px 8px; font-weight: bold; }}"
        )

    def dismiss(self) -> None:
        """Remove this message."""
        self.hide()
        self.closed.emit()
        self.deleteLater()


class MessageBar(QWidget):
    """Shows messages without blocking; errors stay until dismissed, notes fade after a while."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 0)
        self._layout.setSpacing(4)
        self._messages: list[Message] = []
        self.colors: Colors = LIGHT
        self.hide()

    def follow(self, messages: Messages) -> None:
        """Show what is said through `messages` (the window's one message path)."""
        messages.shown.connect(self._said)

    def _said(self, level: str, text: str, details: str, action: object) -> None:
        offer = action if isinstance(action, Action) else None
        {"error": self.error, "warning": self.warning}.get(level, self.info)(text, details,
                                                                            offer)

    def set_colors(self, colors: Colors) -> None:
        """Show messages, those shown and those to come, in another colour scheme."""
        self.colors = colors
        for message in self._messages:
            message.set_colors(colors)

    def error(self, text: str, details: str = "", action: Action | None = None) -> Message:
        """Show an error that stays until dismissed."""
        return self._add("error", text, details, action)

    def warning(self, text: str, details: str = "", action: Action | None = None) -> Message:
        """Show a warning that stays until dismissed."""
        return self._add("warning", text, details, action)

    def info(self, text: str, details: str = "", action: Action | None = None) -> Message:
        """Show a note that goes away by itself."""
        message = self._add("info", text, details, action)
        # A note that offers something stays long enough to take up the offer.
        QTimer.singleShot(_INFO_TIMEOUT_MS * (2 if action else 1), message, message.dismiss)
        return message

    def messages(self) -> list[tuple[str, str]]:
        """The (level, text) of every message shown, oldest first."""
        return [(m.level, m.text) for m in self._messages]

    def clear(self) -> None:
        """Dismiss every message."""
        for message in list(self._messages):
            message.dismiss()

    def _add(self, level: Level, text: str, details: str, action: Action | None = None
             ) -> Message:
        for old in list(self._messages):
            if old.text == text:
                old.dismiss()  # the same message again replaces the old one
        while len(self._messages) >= MAX_SHOWN:
            self._messages[0].dismiss()
        message = Message(level, text, details, self, self.colors, action)
        message.closed.connect(lambda m=message: self._forget(m))
        self._messages.append(message)
        self._layout.addWidget(message)
        self.show()
        return message

    def _forget(self, message: Message) -> None:
        if message in self._messages:
            self._messages.remove(message)
        if not self._messages:
            self.hide()
