"""The divergences dock: where the two articles state a fact differently, most important first."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from twofold.engine.model import Comparison, Divergence

from .theme import LIGHT, Colors

DIVERGENCE_ROLE = Qt.ItemDataRole.UserRole + 1
# kind -> (name, badge glyph); the badge colours are theme tokens
KINDS: dict[str, tuple[str, str]] = {
    "number": ("Number", "12"),
    "title": ("Title or role", "Tt"),
    "spelling": ("Spelling", "Ab"),
    "attribution": ("Attribution", "@"),
    "date": ("Date", "31"),
    "quote": ("Quote", "“”"),
    "place": ("Place", "⌂"),
    "other": ("Other", "≠"),
}
SEVERITY = {2: "high", 1: "medium", 0: "low"}
LESS_CERTAIN_TIP = (
    "Less certain divergences come from two sentences that only partly match: they may report "
    "two different facts of one kind (two players' yards, two earthquakes' tolls). "
    "View ▸ Show Less Certain Divergences shows or hides them.")
_QUOTES = "\"'“”‘’«»„"
_BADGE = 30
LESS_CERTAIN_OPACITY = 0.35  # of a less certain row's badge fill
_PAD = 6


def kind_of(divergence: Divergence) -> tuple[str, str]:
    """(name, glyph) of a divergence's kind."""
    return KINDS.get(divergence.kind, KINDS["other"])


def quoted(text: str) -> str:
    """The phrase between one pair of quote marks, whether or not it brought its own."""
    return f"“{text.strip().strip(_QUOTES).strip()}”"


def describe(divergence: Divergence, colors: Colors, colored: bool = True) -> str:
    """The rich text of one row: kind, severity and confidence, the note, both phrases."""
    name, _glyph = kind_of(divergence)
    severity = SEVERITY.get(divergence.severity, SEVERITY[1])

    def tint(color: QColor) -> str:  # on a selected row the highlight colour carries everything
        return f" style='color:{color.name()}'" if colored else ""
    phrases = "".join(
        f"<br><b{tint(color)}>{side}</b>&nbsp; {escape(quoted(span.text))}"
        for side, span, color in (("L", divergence.left, colors.side_left_text),
                                  ("R", divergence.right, colors.side_right_text)))
    sev_color = colors.severity.get(divergence.severity, colors.severity[1])
    sure = f"{divergence.confidence:.0%} sure" + (", less certain" if divergence.less_certain
                                                   else "")
    return (f"<b>{name}</b> <span{tint(sev_color)}>● {severity}</span>"
            f" <span{tint(colors.muted)}>· {sure}</span>"
            f"<br>{escape(divergence.note)}{phrases}")


class DivergenceDelegate(QStyledItemDelegate):
    """Paints a row as a kind badge beside wrapped rich text."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view
        self.colors: Colors = LIGHT

    def _document(self, index: QModelIndex | QPersistentModelIndex, width: float,
                  color: QColor, selected: bool = False) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(self._view.font())
        doc.setDefaultStyleSheet(f"body {{ color: {color.name()}; }}")
        divergence = index.data(DIVERGENCE_ROLE)
        html = (describe(divergence, self.colors, colored=not selected)
                if isinstance(divergence, Divergence)
                else str(index.data(Qt.ItemDataRole.DisplayRole)))
        doc.setHtml(f"<body>{html}</body>")
        doc.setTextWidth(max(60.0, width))
        return doc

    def _text_width(self) -> float:
        return self._view.viewport().width() - _BADGE - 3 * _PAD

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        """Tall enough for the wrapped text at the list's current width."""
        doc = self._document(index, self._text_width(), self.colors.heading)
        return QSize(int(self._view.viewport().width()),
                     int(max(doc.size().height(), _BADGE) + 2 * _PAD))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """The selection background, the badge, then the text."""
        style = self._view.style()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, self._view)
        rect = option.rect  # type: ignore[attr-defined]
        divergence = index.data(DIVERGENCE_ROLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette = option.palette  # type: ignore[attr-defined]
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected
                                   else QPalette.ColorRole.Text)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if isinstance(divergence, Divergence):
            _name, glyph = kind_of(divergence)
            badge = QRectF(rect.left() + _PAD, rect.top() + _PAD, _BADGE, _BADGE)
            painter.setPen(Qt.PenStyle.NoPen)
            # A less certain row's badge is faded, so that group reads apart at a glance;
            # its glyph takes the text colour, which keeps its contrast on the paler fill.
            painter.setOpacity(LESS_CERTAIN_OPACITY if divergence.less_certain else 1.0)
            painter.setBrush(self.colors.kind_color(divergence.kind))
            painter.drawRoundedRect(badge, 6, 6)
            painter.setOpacity(1.0)
            font = QFont(self._view.font())
            font.setBold(True)
            font.setPixelSize(13)
            painter.setFont(font)
            painter.setPen(text_color if divergence.less_certain else self.colors.badge_text)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, glyph)
        doc = self._document(index, self._text_width(), text_color, selected)
        painter.translate(rect.left() + _BADGE + 2 * _PAD, rect.top() + _PAD / 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text_color)
        doc.documentLayout().draw(painter, context)
        painter.restore()


class DivergencePanel(QWidget):
    """Lists a comparison's divergences; clicking one asks (by signal) to show it in the panes."""

    divergenceActivated = Signal(object)  # Divergence
    dismissRequested = Signal(object)  # Divergence: the reader says it is not one
    restoreRequested = Signal()  # show every dismissed divergence of the pair again
    lessCertainRequested = Signal(bool)  # show (True) or hide the less certain ones

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("listSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.linkActivated.connect(self._link)
        self.list = QListWidget()
        self.list.setObjectName("divergenceList")
        self.delegate = DivergenceDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setUniformItemSizes(False)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.itemClicked.connect(self._picked)
        self.list.itemActivated.connect(self._picked)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.dismiss_action = QAction("&Not a Divergence", self)
        self.dismiss_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete),
                                          QKeySequence("Backspace")])
        self.dismiss_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.dismiss_action.setToolTip("Dismiss the selected divergence for this pair (Del); "
                                       "Ctrl+Z brings it back")
        self.dismiss_action.triggered.connect(self.dismiss_selected)
        self.list.addAction(self.dismiss_action)
        self.empty = QLabel()
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(6, 6, 6, 6)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.summary)
        column.addWidget(self.list, 1)
        column.addWidget(self.empty, 1)
        self._divergences: tuple[Divergence, ...] = ()
        self._showing_less_certain = False
        self.set_comparison(None)

    def set_comparison(self, comparison: Comparison | None, dismissed: int = 0,
                       less_certain: int = 0, showing_less_certain: bool = False) -> None:
        """List a comparison's divergences, most important first (severity, then confidence),
        the less certain ones last; `dismissed`: how many the reader dismissed for this pair
        (not listed); `less_certain`: how many are less certain, listed only when
        `showing_less_certain`."""
        row = self.list.currentRow()
        found = comparison.divergences if comparison else ()
        self._showing_less_certain = showing_less_certain
        # The engine's order already; a stable sort keeps it and guards the promise.
        self._divergences = tuple(sorted(
            found, key=lambda d: (d.less_certain, -d.severity, -d.confidence)))
        self.list.clear()
        for divergence in self._divergences:
            item = QListWidgetItem(kind_of(divergence)[0])
            item.setData(DIVERGENCE_ROLE, divergence)
            name = kind_of(divergence)[0]
            item.setToolTip(f"{name}: {divergence.note}\nLeft ¶{divergence.left.paragraph}: "
                            f"{quoted(divergence.left.text)}\nRight ¶{divergence.right.paragraph}"
                            f": {quoted(divergence.right.text)}\nConfidence "
                            f"{divergence.confidence:.0%}: how surely both sentences state the "
                            "same fact" + ("; less certain: the two sentences only partly "
                                           "match" if divergence.less_certain else "")
                            + "\nClick to show both places")
            self.list.addItem(item)
        n = len(self._divergences)
        certain = n - less_certain if showing_less_certain else n
        text = (count_text(certain) if certain or not less_certain
                else "no certain divergences") + (" · most important first" if certain > 1 else "")
        if less_certain and showing_less_certain:
            text += (f" · {less_certain} less certain, listed last "
                     "(<a href='#less-certain'>hide</a>)")
        elif less_certain:
            text += f" · {less_certain} less certain hidden (<a href='#less-certain'>show</a>)"
        if dismissed:
            text += f" · {dismissed} dismissed (<a href='#restore'>show again</a>)"
        self.summary.setText(text)
        self.summary.setToolTip(LESS_CERTAIN_TIP if less_certain else "")
        self.summary.setVisible(comparison is not None)
        if n and row >= 0:
            self.list.setCurrentRow(min(row, n - 1))
        if comparison is None:
            self.empty.setText("Nothing compared yet.")
        elif less_certain and not showing_less_certain:
            self.empty.setText(f"No certain divergences. {LESS_CERTAIN_TIP}")
        else:
            self.empty.setText("No divergences: Twofold found no fact (number, name, title, "
                               "date, quote or attribution) that the two articles state "
                               "differently.")
        self.list.setVisible(n > 0)
        self.empty.setVisible(n == 0)

    def set_colors(self, colors: Colors) -> None:
        """Paint the badges and tints in another colour scheme."""
        self.delegate.colors = colors
        self.list.viewport().update()

    def divergences(self) -> tuple[Divergence, ...]:
        """The divergences listed, in order."""
        return self._divergences

    def item_at(self, row: int) -> QListWidgetItem | None:
        """The row showing a divergence, by its position in the list."""
        return self.list.item(row)

    def dismiss_selected(self) -> None:
        """Ask for the selected divergence to be dismissed as not a divergence."""
        item = self.list.currentItem()
        divergence = item.data(DIVERGENCE_ROLE) if item is not None else None
        if isinstance(divergence, Divergence):
            self.dismissRequested.emit(divergence)

    def _menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        self.list.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self.dismiss_action)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def _link(self, link: str) -> None:
        if link == "#less-certain":
            self.lessCertainRequested.emit(not self._showing_less_certain)
        else:
            self.restoreRequested.emit()

    def _picked(self, item: QListWidgetItem) -> None:
        divergence = item.data(DIVERGENCE_ROLE)
        if isinstance(divergence, Divergence):
            self.divergenceActivated.emit(divergence)


def count_text(n: int) -> str:
    """'3 divergences', '1 divergence', 'no divergences'."""
    return f"{n} divergence{'s' if n != 1 else ''}" if n else "no divergences"
