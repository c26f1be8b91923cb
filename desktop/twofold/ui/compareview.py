"""The centre of the window: two aligned panes, the link gutter, overview strips and find bar."""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from twofold.engine.model import Comparison, Divergence, Entity, Span

from .chunkmap import ChunkMap, MarkKind
from .findbar import FindBar
from .highlight import (
    ChangeTag,
    apply_changes,
    apply_divergences,
    change_ranges,
    divergence_spans,
    shows_words,
)
from .layout import (
    Stop,
    anchor_chain,
    difference_stops,
    follow_order,
    pad_to_align,
    reading_order,
)
from .legend import ColourKey
from .linkmap import LinkMap
from .pane import ArticlePane
from .paneheader import PaneHeader
from .scrollsync import ScrollSync
from .theme import LIGHT, Colors

_KIND_NAMES = {"verbatim": "same wording", "paraphrase": "paraphrased", "partial": "partly shared"}
FLASH_TICK_MS = 160
# Realignments faster than this follow each resize at once; slower ones (long pairs) wait until
# the size has held still for REALIGN_SETTLE_MS.
REALIGN_AT_ONCE = 0.05
REALIGN_SETTLE_MS = 200
FLASH_TICKS = 6  # on, off, on, off, on, off: a divergence blinks three times then settles


class CompareView(QWidget):
    """Shows one Comparison: panes in step, bands between them, a current difference."""

    currentChanged = Signal(int)  # index into stops(), -1 for none
    realigned = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left, self.right = ArticlePane("left"), ArticlePane("right")
        self.left_strip, self.right_strip = ChunkMap(self.left), ChunkMap(self.right)
        self.linkmap = LinkMap(self.left, self.right)
        self.sync = ScrollSync(self.left, self.right, self)
        self.findbar = FindBar([self.left, self.right])
        self.left_header, self.right_header = PaneHeader("left"), PaneHeader("right")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(0)
        grid.addWidget(self.left_header, 0, 0, 1, 2)
        grid.addWidget(self.right_header, 0, 3, 1, 2)
        for col, widget in enumerate((self.left, self.left_strip, self.linkmap,
                                      self.right, self.right_strip)):
            grid.addWidget(widget, 1, col)
        self.key = ColourKey()
        grid.addWidget(self.key, 2, 0, 1, 5)
        grid.addWidget(self.findbar, 3, 0, 1, 5)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(3, 1)
        self.linkmap.linkClicked.connect(self.set_current_link)
        for pane in (self.left, self.right):
            pane.paragraphClicked.connect(lambda pid, s=pane.side: self.select_paragraph(s, pid))
        self._comparison: Comparison | None = None
        self._follow_left = False
        self._zoom = 0
        self._stops: list[Stop] = []
        self._current = -1
        self._width = -1
        self.colors: Colors = LIGHT
        self._realign_timer = QTimer(self)
        self._realign_timer.setSingleShot(True)
        self._realign_timer.setInterval(0)
        self._realign_timer.timeout.connect(self.realign)
        self._realign_seconds = 0.0  # what the last realignment took
        self._flash_spans: dict[str, tuple[int, int, int]] = {}
        self._flash_left = 0
        self._flash_color = self.colors.flash
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_TICK_MS)
        self._flash_timer.timeout.connect(self._flash_tick)

    # -- content -------------------------------------------------------------------------------

    @property
    def comparison(self) -> Comparison | None:
        """The comparison shown."""
        return self._comparison

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show a comparison (or nothing), from the top, with no current difference."""
        self._comparison = comparison
        self._current = -1
        self._render()
        self.left.verticalScrollBar().setValue(0)
        self.right.verticalScrollBar().setValue(0)

    def update_comparison(self, comparison: Comparison) -> None:
        """Show the same pair again (a dismissed divergence, a corrected type), keeping the
        reader's place and the current difference."""
        self._comparison = comparison
        self._render()

    def _render(self) -> None:
        c = self._comparison
        keep = self._current_stop()
        place = self._reading_place()
        self._flash_timer.stop()
        self._flash_spans = {}
        self.left_header.show_article(c.left if c else None)
        self.right_header.show_article(c.right if c else None, reordered=self._follow_left)
        if c is None:
            self.left.show_article(None)
            self.right.show_article(None)
            self.linkmap.set_links(())
            self._stops = []
            return
        for pane in (self.left, self.right):
            pane.set_colors(self.colors)  # before filling: the headline takes its colour
        self.left.show_article(c.left, None, c.unique_left(), self._tips(c, "left"))
        order = follow_order(c) if self._follow_left else None
        self.right.show_article(c.right, order, c.unique_right(), self._tips(c, "right"))
        for pane, side in ((self.left, "left"), (self.right, "right")):
            apply_changes(pane.document(), pane.block, change_ranges(c, side),  # type: ignore[arg-type]
                          self.colors)
            apply_divergences(pane.document(), pane.block,
                              divergence_spans(c, side), self.colors)  # type: ignore[arg-type]
        self.linkmap.set_links(c.links)
        self._stops = difference_stops(c, self.left.order, self.right.order)
        self.left_strip.set_marks(self._marks(c, "left"))
        self.right_strip.set_marks(self._marks(c, "right"))
        if self.findbar.isVisible():
            self.findbar.search(self.findbar.field.text())
        self.realign()
        if place is not None:
            self._return_to(place)
        if keep is not None and keep in self._stops:
            self._select(self._stops.index(keep), scroll=False)

    def _reading_place(self) -> tuple[int, float] | None:
        """The paragraph at the top of the left pane and how far into it the reader is."""
        pid = self.left.paragraph_at(0) if self.left.order else None
        if pid is None:
            return None
        return pid, self.left.verticalScrollBar().value() - self.left.text_top(pid)

    def _return_to(self, place: tuple[int, float]) -> None:
        """Scroll back to a reading place after the panes were filled again."""
        pid, delta = place
        if self.left.index_of(pid) >= 0:
            self.left.verticalScrollBar().setValue(round(self.left.text_top(pid) + delta))

    @staticmethod
    def _tips(c: Comparison, side: str) -> dict[int, str]:
        tips: dict[int, list[str]] = {}
        for link in c.links:
            mine, theirs = (link.left, link.right) if side == "left" else (link.right, link.left)
            other = "right" if side == "left" else "left"
            tips.setdefault(mine, []).append(
                f"Linked to {other} ¶{theirs}: {_KIND_NAMES.get(link.kind, link.kind)} "
                f"(score {link.score:.2f})")
        unique = c.unique_left() if side == "left" else c.unique_right()
        other_article = c.right if side == "left" else c.left
        for pid in unique:
            tips[pid] = [f"Only in this article: nothing in “{other_article.display_name}” "
                         "reports it"]
        return {pid: "\n".join(lines[:6] + ([f"…and {len(lines) - 6} more links"]
                                            if len(lines) > 6 else []))
                for pid, lines in tips.items()}

    @staticmethod
    def _marks(c: Comparison, side: str) -> list[tuple[int, MarkKind]]:
        kinds: dict[int, MarkKind] = {}
        for link in c.links:
            pid = link.left if side == "left" else link.right
            if link.changed or kinds.get(pid) == "changed":
                kinds[pid] = "changed"
            else:
                kinds[pid] = "same"
        for pid in c.unique_left() if side == "left" else c.unique_right():
            kinds[pid] = "unique"
        return sorted(kinds.items())

    # -- alignment -----------------------------------------------------------------------------

    def realign(self) -> None:
        """Pad paragraphs so the strongest non-crossing chain of links starts level."""
        self._realign_timer.stop()
        c = self._comparison
        if c is None:
            return
        started = time.perf_counter()
        anchor_pid = self.left.paragraph_at(0)
        anchor_delta = self.left.verticalScrollBar().value() - (
            self.left.text_top(anchor_pid) if anchor_pid is not None else 0.0)
        spacing = self.left.spacing()
        self.left.set_pads([], spacing)
        self.right.set_pads([], spacing)
        pairs = [(self.left.index_of(k.left), self.right.index_of(k.right), k.score)
                 for k in c.links]
        chain = anchor_chain([p for p in pairs if p[0] >= 0 and p[1] >= 0])
        pads_l, pads_r = pad_to_align(self.left.natural_tops(), self.right.natural_tops(), chain)
        height_l = self.left.document().size().height() + sum(pads_l)
        height_r = self.right.document().size().height() + sum(pads_r)
        self.left.set_pads(pads_l, spacing, max(0.0, height_r - height_l))
        self.right.set_pads(pads_r, spacing, max(0.0, height_l - height_r))
        lo, ro = self.left.order, self.right.order
        anchors = [(0.0, 0.0)] + [(self.left.text_top(lo[li]), self.right.text_top(ro[ri]))
                                  for li, ri in chain]
        anchors.append((self.left.document().size().height(),
                        self.right.document().size().height()))
        self.sync.set_anchors(anchors)
        if anchor_pid is not None:
            with self.sync.suspended():
                self.left.verticalScrollBar().setValue(
                    round(self.left.text_top(anchor_pid) + anchor_delta))
            self.sync._left_moved(self.left.verticalScrollBar().value())
        self.linkmap.update()
        self.left_strip.update()
        self.right_strip.update()
        self._realign_seconds = time.perf_counter() - started
        self.realigned.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-pad after the text re-wraps to a new width."""
        super().resizeEvent(event)
        if event.size().width() != self._width:
            self._width = event.size().width()
            # A window dragged wider sends a resize event every few milliseconds. Realigning a
            # long pair takes a quarter of a second or more: then wait for the dragging to stop
            # rather than realign at each step (the text re-wraps meanwhile, unpadded).
            slow = self._realign_seconds > REALIGN_AT_ONCE
            self._realign_timer.setInterval(REALIGN_SETTLE_MS if slow else 0)
            self._realign_timer.start()

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        """Align once the panes have their real width."""
        super().showEvent(event)  # type: ignore[arg-type]
        self._realign_timer.start()

    # -- view options --------------------------------------------------------------------------

    @property
    def follow_left(self) -> bool:
        """Whether the right column follows the left article's order."""
        return self._follow_left

    def set_follow_left(self, on: bool) -> None:
        """Rearrange the right column next to its counterparts (or back to its own order)."""
        if on != self._follow_left:
            self._follow_left = on
            self._render()

    def set_colors(self, colors: Colors) -> None:
        """Repaint everything in another colour scheme."""
        self.colors = colors
        for widget in (self.linkmap, self.left_strip, self.right_strip, self.findbar):
            widget.colors = colors
        self.key.set_colors(colors)
        self.left_header.set_colors(colors)
        self.right_header.set_colors(colors)
        self._render()

    @property
    def zoom(self) -> int:
        """Zoom step, 0 for the reading size."""
        return self._zoom

    def set_zoom(self, step: int) -> None:
        """Scale both panes' text and re-align."""
        self._zoom = max(-6, min(12, step))
        self.left.set_zoom(self._zoom)
        self.right.set_zoom(self._zoom)
        self.realign()

    # -- navigation ----------------------------------------------------------------------------

    def stops(self) -> list[Stop]:
        """Differences in reading order: changed links and unique paragraphs."""
        return list(self._stops)

    @property
    def current(self) -> int:
        """Index of the current difference in stops(), -1 for none."""
        return self._current

    def _current_stop(self) -> Stop | None:
        return self._stops[self._current] if 0 <= self._current < len(self._stops) else None

    def next_difference(self) -> None:
        """Make the next difference current (F7); after the last one, the first again."""
        if self._stops:
            self._select((self._current + 1) % len(self._stops))

    def previous_difference(self) -> None:
        """Make the previous difference current (Shift+F7); before the first, the last."""
        if self._stops:
            self._select((self._current - 1) % len(self._stops) if self._current >= 0
                         else len(self._stops) - 1)

    def set_current_link(self, link_index: int) -> None:
        """Make a link current (clicking its band), even an unchanged one."""
        c = self._comparison
        if c is None or not 0 <= link_index < len(c.links):
            return
        link = c.links[link_index]
        stop = Stop(link.left, link.right, link_index)
        if stop not in self._stops:
            self._stops.append(stop)  # an unchanged link joins the tour while it is current
            self._stops.sort(key=reading_order(self.left.order, self.right.order))
        self._select(self._stops.index(stop), scroll=False)

    def select_paragraph(self, side: str, pid: int) -> None:
        """Make a clicked paragraph's strongest link current (its difference if it is unique)."""
        c = self._comparison
        if c is None:
            return
        mine = [(link.score, n) for n, link in enumerate(c.links)
                if (link.left if side == "left" else link.right) == pid]
        if mine:
            self.set_current_link(max(mine)[1])
            return
        stop = Stop(pid, None, None) if side == "left" else Stop(None, pid, None)
        if stop in self._stops:
            self._select(self._stops.index(stop), scroll=False)

    def _select(self, index: int, scroll: bool = True) -> None:
        self._current = index
        stop = self._stops[index]
        self.left.set_current([stop.left] if stop.left is not None else [])
        self.right.set_current([stop.right] if stop.right is not None else [])
        self.linkmap.set_current(stop.link)
        self._show_link_words(stop.link)
        if scroll:
            self._reveal(stop.left, stop.right)
        self.currentChanged.emit(index)

    def _show_link_words(self, link_index: int | None) -> None:
        """Show the word changes of a selected partial link (strong links show them always)."""
        c = self._comparison
        link = c.links[link_index] if c is not None and link_index is not None else None
        for pane, side in ((self.left, "left"), (self.right, "right")):
            ranges: list[tuple[int, int, ChangeTag]] = []
            if link is not None and not shows_words(link):
                pid = link.left if side == "left" else link.right
                spans = change_ranges(c, side, selected={link_index})  # type: ignore[arg-type]
                ranges = [(pane.position(pid, s), pane.position(pid, e), tag)
                          for s, e, tag in spans.get(pid, [])]
            pane.layers.set_changes("link", ranges, self.colors)

    def selected_link_ranges(self, side: str) -> list[tuple[int, int, str]]:
        """Document ranges of the selected partial link's word changes in one pane."""
        pane = self.left if side == "left" else self.right
        return pane.layers.changes("link")

    def _reveal(self, left_pid: int | None, right_pid: int | None,
                left_y: float | None = None, right_y: float | None = None) -> None:
        """Scroll so both places show; the right pane leaves step only when it must."""
        if left_pid is not None:
            y = left_y if left_y is not None else self.left.text_top(left_pid)
            self.left.verticalScrollBar().setValue(round(y - self.left.viewport().height() / 4))
        if right_pid is not None:
            y = right_y if right_y is not None else self.right.text_top(right_pid)
            if left_pid is None:
                self.right.verticalScrollBar().setValue(
                    round(y - self.right.viewport().height() / 4))
            elif not self.right.is_visible_at(y):
                with self.sync.suspended():
                    self.right.verticalScrollBar().setValue(
                        round(y - self.right.viewport().height() / 4))

    # -- divergences --------------------------------------------------------------------------

    def show_divergence(self, divergence: Divergence) -> None:
        """Scroll both panes to a divergence's spans, put the cursors there and flash them."""
        self._pick(divergence.left, divergence.right, self.colors.divergence_bg,
                   self.colors.flash)

    def show_passage(self, left: Span, right: Span) -> None:
        """Scroll both panes to two passages (a claim's sentences from the story view), make
        their link current, put the cursors there and flash them."""
        self.select_paragraph("left", left.paragraph)
        self._pick(left, right, self.colors.passage_bg, self.colors.passage_flash)

    def _pick(self, left: Span, right: Span, tint: QColor, flash: QColor) -> None:
        spans = {"left": left, "right": right}
        self._flash_spans = {side: (s.paragraph, s.start, s.end) for side, s in spans.items()}
        self._flash_color = flash
        for side, pane in (("left", self.left), ("right", self.right)):
            span = spans[side]
            # After the flash the two spans stay tinted, so the eye finds them again.
            pane.layers.set_spans("divergence", [self._flash_spans[side]], tint)
            if not pane.block(span.paragraph).isValid():
                continue
            cursor = pane.textCursor()
            cursor.setPosition(pane.position(span.paragraph, span.start))
            pane.setTextCursor(cursor)  # keyboard selection and find continue from here
        self._reveal(left.paragraph, right.paragraph,
                     self.left.char_top(left.paragraph, left.start),
                     self.right.char_top(right.paragraph, right.start))
        self._flash_left = FLASH_TICKS
        self._flash_tick()
        self._flash_timer.start()

    def _flash_tick(self) -> None:
        on = self._flash_left % 2 == 0 and self._flash_left > 0
        for side, pane in (("left", self.left), ("right", self.right)):
            span = self._flash_spans.get(side)
            pane.layers.set_spans("flash", [span] if on and span else [], self._flash_color)
        self._flash_left -= 1
        if self._flash_left < 0:
            self._flash_timer.stop()

    def is_flashing(self) -> bool:
        """Whether a picked divergence is still blinking."""
        return self._flash_timer.isActive()

    # -- entities ------------------------------------------------------------------------------

    def highlight_entity(self, side: str, entity: Entity | None,
                         counterpart: Entity | None = None) -> None:
        """Highlight an entity's mentions in its pane (and its counterpart's), scroll to both."""
        mine, other = (self.left, self.right) if side == "left" else (self.right, self.left)
        color = self.colors.entity_bg
        spans = [(m.paragraph, m.start, m.end) for m in entity.mentions] if entity else []
        mine.layers.set_spans("entity", spans, color)
        other_spans = ([(m.paragraph, m.start, m.end) for m in counterpart.mentions]
                       if counterpart else [])
        other.layers.set_spans("entity", other_spans, color)
        first = entity.mentions[0] if entity and entity.mentions else None
        first_other = other_spans[0] if other_spans else None
        y_mine = mine.char_top(first.paragraph, first.start) if first else None
        y_other = other.char_top(first_other[0], first_other[1]) if first_other else None
        if side == "left":
            self._reveal(first.paragraph if first else None,
                         first_other[0] if first_other else None, y_mine, y_other)
        else:
            self._reveal(first_other[0] if first_other else None,
                         first.paragraph if first else None, y_other, y_mine)


def stop_summary(stops: Sequence[Stop], current: int) -> str:
    """'Difference 3 of 12' for the status bar; at either end it says where F7 goes next."""
    n = len(stops)
    if current < 0 or not n:
        return f"{n} difference{'s' if n != 1 else ''} · F7 steps through" if n else (
            "No differences")
    if n > 1 and current == n - 1:
        return f"Last difference ({n} of {n}) · F7 goes back to the first"
    if n > 1 and current == 0:
        return f"Difference 1 of {n} · Shift+F7 goes to the last"
    return f"Difference {current + 1} of {n} (F7 / Shift+F7)"
