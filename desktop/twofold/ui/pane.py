"""One article as a read-only, selectable document: a block per paragraph, headline as heading."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QTextEdit, QToolTip, QWidget

from twofold.engine.model import Article

from .highlight import ChangeTag, change_at, change_format, divergence_at, edit_block
from .theme import LIGHT, Colors

UNIQUE_PROPERTY = QTextFormat.Property.UserProperty + 2
PARAGRAPH_PROPERTY = QTextFormat.Property.UserProperty + 3
_BAR_MARGIN = 14.0  # left room in every block for the unique-paragraph bar
_ZOOM_STEP = 1.1
_FILLER_MIN = 36.0  # padding taller than this is hatched; smaller gaps need no explaining
_CHANGE_NAMES = {"delete": "only in this article", "insert": "only in this article",
                 "replace": "worded differently in the other article"}


class ArticlePane(QTextEdit):
    """Shows one article; knows where each paragraph sits, paints marks, never decides them."""

    paragraphClicked = Signal(int)  # a paragraph was clicked without selecting text

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"{side}Pane")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(9)
        self.article: Article | None = None
        self.colors: Colors = LIGHT
        self._order: list[int] = []
        self._index: dict[int, int] = {}
        self._unique: set[int] = set()
        self._tips: dict[int, str] = {}
        self._current: set[int] = set()
        self.layers = SelectionLayers(self)
        self._zoom = 0
        self._pads: list[float] = []
        self._spacing = 0.0
        self._apply_font()

    # -- content -------------------------------------------------------------------------------

    def show_article(self, article: Article | None, order: Sequence[int] | None = None,
                     unique: Sequence[int] = (), tips: dict[int, str] | None = None) -> None:
        """Fill the document with `article`'s paragraphs in `order` (default: its own)."""
        self.article = article
        self._order = list(order) if order is not None else (
            [p.id for p in article.paragraphs] if article else [])
        self._index = {pid: n for n, pid in enumerate(self._order)}
        self._unique, self._tips = set(unique), dict(tips or {})
        self._current.clear()
        self.layers.clear()
        doc = self.document()
        doc.clear()
        if article is None:
            return
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        with edit_block(doc) as cursor:
            paragraphs = {p.id: p for p in article.paragraphs}
            for n, pid in enumerate(self._order):
                para = paragraphs[pid]
                block_fmt = QTextBlockFormat()
                block_fmt.setLeftMargin(_BAR_MARGIN)
                block_fmt.setProperty(PARAGRAPH_PROPERTY, pid)
                block_fmt.setProperty(UNIQUE_PROPERTY, pid in self._unique)
                char_fmt = QTextCharFormat()
                if para.role == "headline":
                    char_fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 2)
                    char_fmt.setFontWeight(QFont.Weight.Bold)
                    char_fmt.setForeground(self.colors.heading)
                    block_fmt.setHeadingLevel(1)
                if n == 0:
                    cursor.setBlockFormat(block_fmt)
                    cursor.setBlockCharFormat(char_fmt)
                else:
                    cursor.insertBlock(block_fmt, char_fmt)
                # A line separator keeps one block per paragraph and every offset unchanged.
                cursor.insertText(para.text.replace("\r", " ").replace("\n", "\u2028"), char_fmt)
        self.verticalScrollBar().setValue(0)

    @property
    def order(self) -> list[int]:
        """Paragraph ids in display order."""
        return list(self._order)

    def block(self, pid: int) -> QTextBlock:
        """The block showing paragraph `pid` (invalid when not shown)."""
        n = self._index.get(pid)
        return self.document().findBlockByNumber(n) if n is not None else QTextBlock()

    def position(self, pid: int, offset: int) -> int:
        """Absolute document position of a character offset in a paragraph."""
        return self.block(pid).position() + offset

    def index_of(self, pid: int) -> int:
        """Display index of a paragraph (-1 when not shown)."""
        return self._index.get(pid, -1)

    def char_top(self, pid: int, offset: int) -> float:
        """Document y of the line holding a character of a paragraph."""
        block = self.block(pid)
        if not block.isValid():
            return 0.0
        top = self.document().documentLayout().blockBoundingRect(block).top()
        line = block.layout().lineForTextPosition(min(offset, max(0, block.length() - 1)))
        return top + (line.y() if line.isValid() else 0.0)

    def is_visible_at(self, doc_y: float) -> bool:
        """Whether a document height is inside the viewport."""
        value = self.verticalScrollBar().value()
        return value <= doc_y <= value + self.viewport().height() - 8

    def is_unique(self, pid: int) -> bool:
        """Whether the paragraph is marked as having no counterpart."""
        return bool(self.block(pid).blockFormat().property(UNIQUE_PROPERTY))

    # -- geometry ------------------------------------------------------------------------------

    def text_top(self, pid: int) -> float:
        """Document y where the paragraph's text starts."""
        block = self.block(pid)
        return self.document().documentLayout().blockBoundingRect(block).top() if (
            block.isValid()) else 0.0

    def text_span(self, pid: int) -> tuple[float, float]:
        """(top, bottom) of the paragraph's text in viewport coordinates."""
        block = self.block(pid)
        if not block.isValid():
            return (0.0, 0.0)
        rect = self.document().documentLayout().blockBoundingRect(block)
        offset = self.verticalScrollBar().value()
        return rect.top() - offset, rect.bottom() - offset

    def natural_tops(self) -> list[float]:
        """Text tops in display order (after `set_pads`)."""
        layout = self.document().documentLayout()
        block, tops = self.document().begin(), []
        while block.isValid():
            tops.append(layout.blockBoundingRect(block).top())
            block = block.next()
        return tops

    def paragraph_at(self, y: float) -> int | None:
        """The paragraph under a viewport y, or the nearest one above it."""
        doc_y = y + self.verticalScrollBar().value()
        found = None
        for pid, top in zip(self._order, self.natural_tops(), strict=False):
            if top > doc_y:
                break
            found = pid
        return found if found is not None else (self._order[0] if self._order else None)

    def set_pads(self, pads: Sequence[float], spacing: float, tail: float = 0.0) -> None:
        """Set each block's extra top margin (display order), the gap before it, a final tail."""
        # The layout collapses adjacent margins (max, not sum), so the whole gap sits on top.
        self._pads, self._spacing = list(pads), spacing
        with edit_block(self.document()) as cursor:
            block = self.document().begin()
            n = 0
            while block.isValid():
                top = (pads[n] if n < len(pads) else 0.0) + (spacing if n else 0.0)
                if block.blockFormat().topMargin() != top:
                    fmt = QTextBlockFormat()
                    fmt.setTopMargin(top)
                    cursor.setPosition(block.position())
                    cursor.mergeBlockFormat(fmt)
                block, n = block.next(), n + 1
        # The tail goes under the root frame: the layout drops the last block's bottom margin,
        # and a shorter side could then not scroll as far as its counterpart.
        root = self.document().rootFrame()
        frame = root.frameFormat()
        bottom = self.document().documentMargin() + tail
        if frame.bottomMargin() != bottom:
            frame.setBottomMargin(bottom)
            root.setFrameFormat(frame)

    def spacing(self) -> float:
        """The gap between paragraphs at the current zoom."""
        return round(QFontMetricsF(self.document().defaultFont()).lineSpacing() * 0.75)

    def scroll_to_paragraph(self, pid: int, fraction: float = 0.25) -> None:
        """Scroll so the paragraph's top sits at `fraction` of the viewport height."""
        top = self.text_top(pid)
        self.verticalScrollBar().setValue(int(top - self.viewport().height() * fraction))

    # -- marks ---------------------------------------------------------------------------------

    def set_colors(self, colors: Colors) -> None:
        """Use another colour scheme for marks painted from now on."""
        self.colors = colors
        self.viewport().update()

    def set_current(self, pids: Sequence[int]) -> None:
        """Frame these paragraphs as the current link or difference."""
        self._current = set(pids)
        self.viewport().update()

    @property
    def current(self) -> set[int]:
        """Paragraphs framed as current."""
        return set(self._current)

    # -- zoom ----------------------------------------------------------------------------------

    def set_zoom(self, step: int) -> None:
        """Scale the text by 10% per step (0 = reading size)."""
        self._zoom = max(-6, min(12, step))
        self._apply_font()

    def _apply_font(self) -> None:
        font = QFont(QApplication.font())
        base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(base * 1.1 * _ZOOM_STEP ** self._zoom)
        self.document().setDefaultFont(font)

    # -- painting and tooltips -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the document, then the unique-paragraph bars and the current-link frame."""
        super().paintEvent(event)
        if not self._order:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        height = self.viewport().height()
        margin = self.document().documentMargin()
        self._paint_fillers(painter, margin)
        for pid in self._unique | self._current:
            top, bottom = self.text_span(pid)
            if bottom < 0 or top > height:
                continue
            if pid in self._unique:
                painter.fillRect(QRectF(margin, top, 5, bottom - top), self.colors.unique)
            if pid in self._current:
                color = QColor(self.colors.current)
                painter.setPen(QPen(color, 2))
                color.setAlpha(22)
                painter.setBrush(color)
                rect = QRectF(margin - 4 + (8 if pid in self._unique else 0), top - 4,
                              self.viewport().width() - 2 * margin + 8
                              - (8 if pid in self._unique else 0), bottom - top + 8)
                painter.drawRoundedRect(rect, 4, 4)
        painter.end()

    def _paint_fillers(self, painter: QPainter, margin: float) -> None:
        """Hatch the space padding adds, so a gap reads as 'the other side has more here'."""
        if not any(pad > _FILLER_MIN for pad in self._pads):
            return
        color = QColor(self.colors.muted)
        color.setAlpha(38)
        brush = QBrush(color, Qt.BrushStyle.BDiagPattern)
        width, height = self.viewport().width(), self.viewport().height()
        for n, pad in enumerate(self._pads):
            if pad <= _FILLER_MIN or n >= len(self._order):
                continue
            top, _ = self.text_span(self._order[n])
            rect = QRectF(margin, top - pad - self._spacing / 2 + 4, width - 2 * margin,
                          pad - 8)
            if rect.bottom() < 0 or rect.top() > height:
                continue
            painter.fillRect(rect, brush)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A plain click in a paragraph selects it (its link becomes current)."""
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        pos = event.position().toPoint()
        pid = self.cursorForPosition(pos).block().blockFormat().property(PARAGRAPH_PROPERTY)
        if pid is not None:
            top, bottom = self.text_span(pid)
            if top <= pos.y() <= bottom:
                self.paragraphClicked.emit(int(pid))

    def viewportEvent(self, event: QEvent) -> bool:
        """Explain paragraphs and changed words on hover."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, pos: QPoint) -> str:
        """The explanation shown when hovering at a viewport position."""
        cursor = self.cursorForPosition(pos)
        pid = cursor.block().blockFormat().property(PARAGRAPH_PROPERTY)
        top, bottom = self.text_span(pid) if pid is not None else (0.0, 0.0)
        if pid is None or not top <= pos.y() <= bottom:
            return ""
        lines = [self._tips.get(pid, "")]
        change = (change_at(self.document(), cursor.position())
                  or self.layers.change_at(cursor.position()))
        if change:
            lines.append(f"Highlighted: {_CHANGE_NAMES[change]}")
        note = divergence_at(self.document(), cursor.position())
        if note:
            lines.append(f"Divergence: {note}")
        return "\n".join(line for line in lines if line)


# Layers paint in this order, each over the ones before: a find match shows over everything.
_LAYER_ORDER = ("link", "divergence", "entity", "find", "flash")


class SelectionLayers:
    """Named sets of extra selections on a pane (find matches, entity mentions), shown together."""

    def __init__(self, pane: ArticlePane) -> None:
        self._pane = pane
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._tags: dict[str, list[str]] = {}  # per layer of changes, the tag of each range

    def set_spans(self, name: str, spans: Sequence[tuple[int, int, int]], color: QColor,
                  text: QColor | None = None) -> None:
        """Highlight (paragraph, start, end) spans in a named layer (`text`: their colour)."""
        pane = self._pane
        self.set_ranges(name, [(pane.position(p, s), pane.position(p, e)) for p, s, e in spans
                               if pane.block(p).isValid()], color, text)

    def set_ranges(self, name: str, ranges: Sequence[tuple[int, int]], color: QColor,
                   text: QColor | None = None) -> None:
        """Highlight absolute (start, end) document ranges in a named layer."""
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        if text is not None:
            fmt.setForeground(text)
        self._set(name, [(start, end, fmt) for start, end in ranges])

    def set_changes(self, name: str, ranges: Sequence[tuple[int, int, ChangeTag]],
                    colors: Colors) -> None:
        """Show word changes (absolute ranges with their tag) as the document's own are shown."""
        self._tags[name] = [tag for _s, _e, tag in ranges]
        self._set(name, [(s, e, change_format(tag, colors)) for s, e, tag in ranges])

    def _set(self, name: str, ranges: Sequence[tuple[int, int, QTextCharFormat]]) -> None:
        selections = []
        for start, end, fmt in ranges:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self._pane.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor, sel.format = cursor, fmt
            selections.append(sel)
        self._layers[name] = selections
        order = sorted(self._layers, key=lambda n: (
            _LAYER_ORDER.index(n) if n in _LAYER_ORDER else len(_LAYER_ORDER)))
        self._pane.setExtraSelections([s for n in order for s in self._layers[n]])

    def ranges(self, name: str) -> list[tuple[int, int]]:
        """Absolute (start, end) document ranges highlighted in a layer."""
        return [(s.cursor.selectionStart(), s.cursor.selectionEnd())
                for s in self._layers.get(name, [])]

    def changes(self, name: str) -> list[tuple[int, int, str]]:
        """Absolute (start, end, tag) ranges of a layer of word changes."""
        return [(s, e, tag) for (s, e), tag in zip(self.ranges(name), self._tags.get(name, []),
                                                   strict=True)]

    def change_at(self, position: int) -> str | None:
        """The tag of a layered word change over a document position, if any."""
        return next((tag for name in self._tags for s, e, tag in self.changes(name)
                     if s <= position < e), None)

    def clear(self) -> None:
        """Drop every layer."""
        self._layers.clear()
        self._tags.clear()
        self._pane.setExtraSelections([])
