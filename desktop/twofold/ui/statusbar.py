"""The status bar: pair similarity, paragraph counts, where F7 is, a busy indicator, Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from twofold.engine.model import Comparison

from .divergencepanel import count_text
from .theme import LIGHT, Colors

_SHRINK_TO = 24  # px: a label may be cut this far before the window is made wider for it


class _Label(QLabel):
    """A status label. One that gives way is cut on a narrow window instead of widening it;
    one that keeps its text whole (the similarity, the divergence count, where F7 is: short,
    and what the reader looks for) makes the others give way first."""

    def __init__(self, tip: str = "", keep: bool = False) -> None:
        super().__init__()
        self._keep = keep
        self.setMinimumWidth(_SHRINK_TO)  # an explicit minimum overrides the text's full width
        self.setToolTip(tip)

    def setText(self, text: str) -> None:
        super().setText(text)
        if self._keep:
            self.setMinimumWidth(max(_SHRINK_TO, self.sizeHint().width()) if text else 0)


class CompareStatus(QStatusBar):
    """Shows figures about the comparison on screen and whether work is running."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.similarity_label = _Label(keep=True)
        self.counts_label = _Label(
            "A link joins two paragraphs that report the same thing; one paragraph can link "
            "to several. 'Only' paragraphs have no counterpart in the other article.")
        self.divergences_label = _Label(
            "Facts the two articles state differently: numbers, names, titles, dates, quotes",
            keep=True)
        self.note_label = _Label()
        self.note_label.setObjectName("engineNote")
        self.note_label.hide()
        self.position_label = _Label(keep=True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.setMinimumWidth(40)
        self.busy.setTextVisible(False)
        self.busy_label = _Label()
        self.busy.hide()
        self.busy_label.hide()
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("cancelWork")
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop the work in progress (Esc)")
        self.cancel_button.hide()
        self._running: dict[str, str] = {}  # what runs, by source
        self.colors: Colors = LIGHT
        self.addWidget(self.similarity_label)
        self.addWidget(self.counts_label)
        self.addWidget(self.divergences_label)
        self.addWidget(self.note_label)
        self.addWidget(self.position_label)
        self.addPermanentWidget(self.busy_label)
        self.addPermanentWidget(self.busy)
        self.addPermanentWidget(self.cancel_button)

    def set_colors(self, colors: Colors) -> None:
        """Paint the labels that carry their own colour in another scheme."""
        self.colors = colors
        self.note_label.setStyleSheet(f"color: {colors.warning.name()}; font-weight: bold;")

    def show_comparison(self, c: Comparison) -> None:
        """Show the similarity and paragraph counts of a comparison."""
        s = c.summary()
        self.similarity_label.setText(f"Similarity <b>{s.similarity:.0%}</b>")
        apart = not s.links and s.only_left > 0 and s.only_right > 0
        self.counts_label.setText(
            f"Linked: <b>{s.linked_left}</b> left, <b>{s.linked_right}</b> right ¶ "
            f"({s.links} links, {s.changed_links} reworded) · only left <b>{s.only_left}</b>, "
            f"only right <b>{s.only_right}</b>" + (" · <b>no passage in common</b>" if apart
                                                   else ""))
        self.counts_label.setToolTip(
            "No passage of one article restates one of the other: they seem to report "
            "different stories. Pick another pair in the Articles list, or see the Folder "
            "Overview for the articles about one event." if apart else "")
        self.divergences_label.setText(count_text(s.divergences))
        self.show_note(c.engine.note)

    def show_note(self, note: str) -> None:
        """Say, in the warning colour, what evidence the engine went without (none: hidden)."""
        self.note_label.setText(f"⚠ {note}" if note else "")
        self.note_label.setToolTip(
            f"The comparison had less evidence than usual: {note}.\nLinks and divergences rest "
            "more on shared words; reports say so too." if note else "")
        self.note_label.setVisible(bool(note))

    def show_position(self, text: str) -> None:
        """Say which difference is current."""
        self.position_label.setText(text)

    def set_busy(self, busy: bool, label: str = "", source: str = "work") -> None:
        """Show what runs for `source` (the session's work, an export), or that it ended.

        The indicator stays while any source still runs and names the latest work started.
        """
        if busy:
            self._running[source] = label or self._running.get(source, "")
        else:
            self._running.pop(source, None)
        running = bool(self._running)
        if running:
            self.busy_label.setText(label if busy and label else list(self._running.values())[-1])
        self.busy.setVisible(running)
        self.busy_label.setVisible(running)

    def set_cancellable(self, on: bool) -> None:
        """Offer (or stop offering) the Cancel button for the work that runs."""
        self.cancel_button.setVisible(on)

    def show_cancelling(self) -> None:
        """Say that the work is stopping (threads finish their current step first)."""
        self.busy_label.setText("Cancelling…")
