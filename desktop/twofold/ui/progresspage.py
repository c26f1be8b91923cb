"""The centre while a pair is compared: which pair, which stage, a way to stop; after a cancel,
a way to compare it again."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .jobs import Channel
from .theme import LIGHT, Colors

if TYPE_CHECKING:
    from .compareview import CompareView
    from .session import Session

PROGRESS_AFTER_MS = 250  # a comparison that takes longer shows its progress in the centre

# The engine's stages (twofold.engine.compare.STAGES), as a reader would name them.
STAGE_TEXT: dict[str, str] = {
    "reading": "Reading both articles",
    "analysing": "Analysing sentences and names",
    "aligning": "Lining up paragraphs that report the same thing",
    "entities": "Finding people, organisations, places, dates and figures",
    "divergences": "Checking facts the two state differently",
}
_DONE, _NOW, _TODO = "✓", "▸", "·"


class ProgressPage(QWidget):
    """Shows one pair's comparison as it runs, stage by stage; asks by signal to stop or redo."""

    cancelRequested = Signal()
    compareAgain = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressPage")
        self.colors: Colors = LIGHT
        self.title = QLabel()
        self.title.setObjectName("progressTitle")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.pair = QLabel()
        self.pair.setWordWrap(True)
        self.pair.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pair.setObjectName("emptyHint")
        self.bar = QProgressBar()
        self.bar.setRange(0, len(STAGE_TEXT))
        self.bar.setTextVisible(False)
        self.stage_labels: dict[str, QLabel] = {}
        stages = QVBoxLayout()
        for stage in STAGE_TEXT:
            label = QLabel()
            self.stage_labels[stage] = label
            stages.addWidget(label)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop comparing (Esc)")
        self.cancel_button.clicked.connect(self.cancelRequested.emit)
        self.again_button = QPushButton("Compare Again")
        self.again_button.setToolTip("Compare the pair that was cancelled")
        self.again_button.clicked.connect(self.compareAgain.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        card = QWidget()
        card.setMaximumWidth(560)
        column = QVBoxLayout(card)
        column.addStretch(2)
        column.addWidget(self.title)
        column.addWidget(self.pair)
        column.addSpacing(12)
        column.addWidget(self.bar)
        column.addSpacing(8)
        column.addLayout(stages)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addStretch(3)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 4)
        outer.addStretch(1)
        self._stage: str | None = None
        self.show_pair("", "")

    def set_colors(self, colors: Colors) -> None:
        """Mark the stages in another colour scheme."""
        self.colors = colors
        self._paint_stages()

    def show_pair(self, left: str, right: str, names: tuple[str, str] | None = None) -> None:
        """Start showing the comparison of `left` with `right` (paths; `names` to show)."""
        shown = names or (os.path.basename(left), os.path.basename(right))
        self.title.setText("Comparing…")
        self.pair.setText(f"“{shown[0]}”\nwith “{shown[1]}”" if left else "")
        self.cancel_button.show()
        self.again_button.hide()
        self.bar.show()
        self._stage = None
        self._paint_stages()

    def show_stage(self, stage: str) -> None:
        """Mark `stage` as running and those before it as done."""
        if stage in STAGE_TEXT:
            self._stage = stage
            self._paint_stages()

    def show_cancelled(self) -> None:
        """Say the comparison was stopped, and offer to run it again."""
        self.title.setText("Comparison cancelled")
        self.cancel_button.hide()
        self.again_button.show()
        self.bar.hide()

    def stage(self) -> str | None:
        """The stage shown as running."""
        return self._stage

    def _paint_stages(self) -> None:
        order = list(STAGE_TEXT)
        now = order.index(self._stage) if self._stage in order else -1
        self.bar.setValue(max(0, now))
        for n, (stage, text) in enumerate(STAGE_TEXT.items()):
            mark, color = ((_DONE, self.colors.muted) if n < now else
                           (_NOW, None) if n == now else (_TODO, self.colors.muted))
            label = self.stage_labels[stage]
            label.setText(f"{mark}  {text}" + ("…" if n == now else ""))
            label.setStyleSheet(f"color: {color.name()};" if color is not None
                                else "font-weight: bold;")


class ProgressFlow(QObject):
    """Puts a pair's progress in the centre while it is compared, and takes it away after."""

    def __init__(self, session: Session, stack: QStackedWidget, page: ProgressPage,
                 view: CompareView, empty: QWidget, views: Sequence[QWidget]) -> None:
        """`views`: the centre's other views (overview, story), which stay on screen while a
        pair is compared."""
        super().__init__(stack)
        self._session, self._stack, self._page = session, stack, page
        self._view, self._empty, self._others = view, empty, tuple(views)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PROGRESS_AFTER_MS)
        self._timer.timeout.connect(self._show)
        session.compareStarted.connect(self._started)
        session.compareProgress.connect(lambda _l, _r, stage: page.show_stage(stage))
        session.compareStopped.connect(self._stopped)
        page.compareAgain.connect(session.compare_again)

    def _started(self, left: str, right: str) -> None:
        c = self._view.comparison
        self._page.show_pair(left, right, (self._session.display_name(left),
                                           self._session.display_name(right)))
        if c is not None and (c.left.path, c.right.path) == (left, right):
            return  # the same pair again (changed on disk): its text stays while it runs
        if self._stack.currentWidget() in self._others:
            return
        if c is None:
            self._stack.setCurrentWidget(self._page)  # rather than the welcome page
            return
        self._timer.start()  # a cached pair arrives first and nothing flickers

    def _show(self) -> None:
        running = Channel.COMPARE in self._session.runner.pending_channels()
        if running and self._stack.currentWidget() not in self._others:
            self._stack.setCurrentWidget(self._page)

    def _stopped(self, _left: str, _right: str, cancelled: bool) -> None:
        self._timer.stop()
        if self._stack.currentWidget() is not self._page:
            return
        if cancelled and self._view.comparison is None:
            self._page.show_cancelled()  # nothing to go back to: offer to compare again
        else:
            self._stack.setCurrentWidget(self._view if self._view.comparison else self._empty)
