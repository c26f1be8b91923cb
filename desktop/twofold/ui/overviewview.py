"""The folder overview: a similarity heat map of article pairs, clusters and likely rewrites."""

from __future__ import annotations

import os
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from twofold.engine.library.overview import SAME_EVENT_DAYS
from twofold.engine.model import published_day

from .theme import LIGHT, Colors

if TYPE_CHECKING:
    from twofold.engine.library.overview import Overview

Index = QModelIndex | QPersistentModelIndex
SCORE_ROLE = Qt.ItemDataRole.UserRole + 1
REWRITE_ROLE = Qt.ItemDataRole.UserRole + 2  # on the (rewrite, source) cell: the rewrite score
PAIR_ROLE = Qt.ItemDataRole.UserRole + 3
MEMBERS_ROLE = Qt.ItemDataRole.UserRole + 5  # on a cluster line: its articles' paths
CLUSTER_ROLE = Qt.ItemDataRole.UserRole + 4  # on a relation line: its cluster, or -1 (a rewrite)
_FULL = 0.7  # a similarity this high already reads as "the same story, largely the same words"
_TEXT_CELLS = 30  # above this many articles the cells are small squares without figures
_CELL = 56  # px: the width of a cell with a figure, when there is room
_NAME_CHARS = 18  # row names never narrower than this many average characters


def _dot(color: QColor) -> QIcon:
    pixmap = QPixmap(24, 24)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(QRectF(4, 4, 16, 16))
    painter.end()
    return QIcon(pixmap)


def heat_color(score: float, base: QColor, heat: QColor) -> QColor:
    """The cell colour of a similarity: the view's base colour blended towards the heat colour."""
    t = max(0.0, min(1.0, score / _FULL))
    return QColor.fromRgbF(base.redF() + (heat.redF() - base.redF()) * t,
                           base.greenF() + (heat.greenF() - base.greenF()) * t,
                           base.blueF() + (heat.blueF() - base.blueF()) * t)


class SimilarityModel(QAbstractTableModel):
    """An n×n table of an Overview's similarity matrix; row and column i are article i."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._overview: Overview | None = None
        self._names: list[str] = []
        self._cluster_of: dict[int, int] = {}
        self._rewrites: dict[tuple[int, int], float] = {}
        self._published: list[date | None] = []
        self.colors: Colors = LIGHT
        self._icons = [_dot(c) for c in self.colors.clusters]

    def set_colors(self, colors: Colors) -> None:
        """Paint cluster dots in another colour scheme."""
        self.colors = colors
        self._icons = [_dot(c) for c in colors.clusters]
        if self._overview is not None:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.rowCount() - 1)

    def set_overview(self, overview: Overview | None) -> None:
        """Show an overview (None: nothing yet)."""
        self.beginResetModel()
        self._overview = overview
        articles = overview.articles if overview else ()
        self._names = [a.name or a.title or os.path.basename(a.path) for a in articles]
        self._cluster_of = {i: n for n, group in enumerate(overview.clusters if overview else ())
                            for i in group}
        self._rewrites = {(r.article, r.source): r.score
                          for r in (overview.rewrites if overview else ())}
        self._published = [published_day(a.date, a.date_source) for a in articles]
        self.endResetModel()

    @property
    def overview(self) -> Overview | None:
        """The overview shown."""
        return self._overview

    def name(self, i: int) -> str:
        """Display name of article i."""
        return self._names[i]

    def cluster_of(self, i: int) -> int | None:
        """The cluster number of article i, if it belongs to one."""
        return self._cluster_of.get(i)

    def small_cells(self) -> bool:
        """Whether the matrix is too large for figures in its cells (and dots on its columns)."""
        return self.rowCount() > _TEXT_CELLS

    def cluster_icon(self, cluster: int) -> QIcon:
        """The coloured dot of a cluster."""
        return self._icons[cluster % len(self._icons)]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of articles."""
        return 0 if parent.isValid() or self._overview is None else len(self._overview.articles)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of articles."""
        return self.rowCount(parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The score as text, a number, a tooltip, or the rewrite score of the cell."""
        if self._overview is None or not index.isValid():
            return None
        i, j = index.row(), index.column()
        score = float(self._overview.similarity[i, j])
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if i == j else f"{score:.2f}"
        if role == SCORE_ROLE:
            return score
        if role == REWRITE_ROLE:
            return self._rewrites.get((i, j))
        if role == Qt.ItemDataRole.ToolTipRole:
            if i == j:
                return self._names[i]
            lines = [f"{self._names[i]}\n↔ {self._names[j]}", f"Similarity {score:.2f}"]
            if (i, j) in self._rewrites:
                lines.append(f"Likely rewrite: the row article reuses "
                             f"{self._rewrites[i, j]:.0%} of its phrasing from the column one")
            if (j, i) in self._rewrites:
                lines.append(f"Likely rewrite: the column article reuses "
                             f"{self._rewrites[j, i]:.0%} of its phrasing from the row one")
            if self._cluster_of.get(i) is not None and self._cluster_of.get(i) == (
                    self._cluster_of.get(j)):
                lines.append(f"Same cluster ({self._cluster_of[i] + 1})")
            first, second = self._published[i], self._published[j]
            if first is not None and second is not None and (
                    gap := abs((first - second).days)) > SAME_EVENT_DAYS:
                lines.append(f"Published {gap} days apart, so less likely to report one event")
            lines.append("Click to compare them")
            return "\n".join(lines)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Rows: number and name; columns: the number; both: the cluster dot and a tooltip."""
        if self._overview is None or not 0 <= section < len(self._names):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            name = self._names[section]
            if orientation == Qt.Orientation.Horizontal:
                return str(section + 1)
            return f"{section + 1}  {name if len(name) <= 48 else name[:47] + '…'}"
        cluster = self._cluster_of.get(section)
        if role == Qt.ItemDataRole.DecorationRole and cluster is not None and (
                orientation == Qt.Orientation.Vertical or not self.small_cells()):
            return self.cluster_icon(cluster)  # small columns keep their room for the number
        if role == Qt.ItemDataRole.ToolTipRole:
            article = self._overview.articles[section]
            bits = [f"{section + 1}. {self._names[section]}", article.path]
            bits += [b for b in (article.source, article.date) if b]
            bits.append(f"{article.words:,} words")
            if cluster is not None:
                bits.append(f"Cluster {cluster + 1}")
            return "\n".join(bits)
        return None


class HeatDelegate(QStyledItemDelegate):
    """Paints a cell as its heat colour, its figure, and a corner mark for a likely rewrite."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colors: Colors = LIGHT

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Fill, figure, rewrite mark."""
        rect = QRectF(option.rect).adjusted(1, 1, -1, -1)  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = palette.color(QPalette.ColorRole.Base)
        if index.row() == index.column():
            muted = QColor(palette.color(QPalette.ColorRole.Mid))
            painter.fillRect(rect, QBrush(muted, Qt.BrushStyle.BDiagPattern))
        else:
            score = float(index.data(SCORE_ROLE) or 0.0)
            fill = heat_color(score, base, self.colors.heat)
            painter.fillRect(rect, fill)
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            if text and rect.width() >= 30:
                dark_fill = fill.lightnessF() < 0.55
                painter.setPen(self.colors.heat_text if dark_fill else palette.color(
                    QPalette.ColorRole.Text))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        rewrite = index.data(REWRITE_ROLE)
        if rewrite is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colors.rewrite)
            size = min(rect.width(), rect.height()) * 0.4
            painter.drawPolygon(QPolygonF([rect.topRight(),
                                           QPointF(rect.right() - size, rect.top()),
                                           QPointF(rect.right(), rect.top() + size)]))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(self.colors.rewrite)
            painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """Square cells."""
        return QSize(56, 40)


class OverviewView(QWidget):
    """Shows a folder's Overview; clicking a pair asks (by signal) for it to be compared."""

    pairRequested = Signal(str, str)  # left path, right path
    retryRequested = Signal()  # relate the articles again after a cancel
    storyRequested = Signal(object)  # the paths of a cluster's articles

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewView")
        self.model = SimilarityModel(self)
        self.summary = QLabel()
        self.summary.setObjectName("overviewSummary")
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(10, 8, 10, 4)
        self.summary.linkActivated.connect(lambda _link: self.retryRequested.emit())
        self.table = QTableView()
        self.table.setObjectName("similarityMatrix")
        self.table.setModel(self.model)
        self.delegate = HeatDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setShowGrid(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMouseTracking(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.clicked.connect(self._cell_clicked)
        self.table.activated.connect(self._cell_clicked)
        self.relations = QListWidget()
        self.relations.setObjectName("overviewRelations")
        self.relations.setWordWrap(True)
        self.relations.itemClicked.connect(self._relation_clicked)
        self.relations.itemActivated.connect(self._relation_clicked)
        self.relations.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.relations.customContextMenuRequested.connect(self._relation_menu)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        self.legend = QLabel()
        self.legend.setObjectName("emptyHint")
        self.legend.setWordWrap(True)
        side.addWidget(self.legend)
        side.addWidget(self.relations, 1)
        row = QHBoxLayout()
        row.setContentsMargins(6, 0, 6, 6)
        row.addWidget(self.table, 3)
        row.addLayout(side, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addLayout(row, 1)
        self.set_colors(LIGHT)
        self.set_overview(None)

    def set_colors(self, colors: Colors) -> None:
        """Repaint cells, dots, rewrite marks and lines in another colour scheme."""
        self.model.set_colors(colors)
        self.delegate.colors = colors
        mark = f"<span style='color:{colors.rewrite.name()}'>◥</span>"
        self.legend.setText(f"Darker cells: more alike. {mark} the row article reads as a "
                            "rewrite of the column one. Dots mark clusters of articles about "
                            "one event.")
        for n in range(self.relations.count()):
            item = self.relations.item(n)
            cluster = item.data(CLUSTER_ROLE)
            if cluster == -1:
                item.setForeground(colors.rewrite)
            elif cluster is not None:
                item.setIcon(self.model.cluster_icon(cluster))
        self.table.viewport().update()

    def set_waiting(self, folder: str) -> None:
        """Say that the overview of a folder is being computed."""
        self.summary.setText(f"Relating the articles of <b>{os.path.basename(folder)}</b>…")

    def set_cancelled(self) -> None:
        """Say that relating the articles was cancelled, with a link to start again."""
        self.set_overview(None)
        self.summary.setText("Relating the articles was cancelled. "
                             "<a href='#again'>Relate them again</a>")

    def set_overview(self, overview: Overview | None) -> None:
        """Show an overview (None: nothing yet)."""
        self.model.set_overview(overview)
        n = self.model.rowCount()
        # Small square cells above _TEXT_CELLS articles, but never narrower than the widest
        # column label: numbers that overlap cannot be read.
        header = self.table.horizontalHeader()
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
        label = header.fontMetrics().horizontalAdvance(str(max(n, 1))) + 2 * margin + 2
        cell = max(16, label) if self.model.small_cells() else _CELL
        header.setMinimumSectionSize(min(cell, label))
        header.setDefaultSectionSize(cell)
        self.table.verticalHeader().setDefaultSectionSize(
            cell if self.model.small_cells() else cell * 5 // 7)
        self._fit_names()
        self.relations.clear()
        if overview is None:
            self.summary.setText("Open a folder to see how its articles relate.")
            return
        clusters, rewrites = overview.clusters, overview.rewrites
        self.summary.setText(
            f"<b>{n}</b> article{'s' if n != 1 else ''} · <b>{len(clusters)}</b> "
            f"cluster{'s' if len(clusters) != 1 else ''} · <b>{len(rewrites)}</b> likely "
            f"rewrite{'s' if len(rewrites) != 1 else ''}"
            + (f" · {len(overview.skipped)} unreadable" if overview.skipped else "")
            + " — click a cell to compare that pair")
        paths = [a.path for a in overview.articles]
        for rewrite in rewrites:
            item = QListWidgetItem(rewrite_text(
                self.model, rewrite.article, rewrite.source,
                float(overview.similarity[rewrite.article, rewrite.source]), rewrite.score))
            item.setForeground(self.model.colors.rewrite)
            item.setData(CLUSTER_ROLE, -1)
            item.setData(PAIR_ROLE, (paths[rewrite.article], paths[rewrite.source]))
            item.setToolTip("Click to compare the rewrite (left) with its likely source (right)")
            self.relations.addItem(item)
        for number, group in enumerate(clusters):
            names_ = ", ".join(str(i + 1) for i in group[:12]) + (
                f" and {len(group) - 12} more" if len(group) > 12 else "")
            item = QListWidgetItem(self.model.cluster_icon(number),
                                   f"Cluster {number + 1}: articles {names_}")
            item.setToolTip("\n".join(f"{i + 1}. {self.model.name(i)}" for i in group)
                            + "\n\nClick to compare its two most alike articles; right-click "
                            "for the story of the cluster.")
            item.setData(CLUSTER_ROLE, number)
            item.setData(MEMBERS_ROLE, [paths[i] for i in group])
            if len(group) >= 2:
                item.setData(PAIR_ROLE, _closest_pair(overview, group))
            self.relations.addItem(item)
        if not rewrites and not clusters:
            self.relations.addItem("No clusters or likely rewrites in this folder.")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrower view gives less room to the row names, never to the cells."""
        super().resizeEvent(event)
        self._fit_names()

    def _fit_names(self) -> None:
        """Row names take the width the cells leave (elided), down to a readable minimum, and
        cells with figures narrow to their figure's width before the matrix scrolls sideways."""
        header, columns = self.table.verticalHeader(), self.table.horizontalHeader()
        n = self.model.columnCount()
        scroll = self.table.verticalScrollBar()
        width = self.table.width() - 2 * self.table.frameWidth() - (
            scroll.sizeHint().width() if scroll.isVisible() else 0)
        least = header.fontMetrics().averageCharWidth() * _NAME_CHARS
        if n and not self.model.small_cells():
            figure = columns.fontMetrics().horizontalAdvance("0.00") + 16
            columns.setDefaultSectionSize(max(figure, min(_CELL, (width - least) // n)))
        header.setMaximumWidth(max(least, width - n * columns.defaultSectionSize()))

    def cell_rect(self, row: int, column: int) -> QRectF:
        """Viewport rectangle of a cell (for tests and tooltips)."""
        return QRectF(self.table.visualRect(self.model.index(row, column)))

    def _cell_clicked(self, index: QModelIndex) -> None:
        overview = self.model.overview
        if overview is None or not index.isValid() or index.row() == index.column():
            return
        self.pairRequested.emit(overview.articles[index.row()].path,
                                overview.articles[index.column()].path)

    def _relation_clicked(self, item: QListWidgetItem) -> None:
        pair = item.data(PAIR_ROLE)
        if pair:
            self.pairRequested.emit(*pair)


    def relation_menu(self, item: QListWidgetItem | None) -> QMenu | None:
        """The context menu of a relation line: a cluster offers its story (None: no menu)."""
        members = item.data(MEMBERS_ROLE) if item is not None else None
        if item is None or not members or len(members) < 2:
            return None
        menu = QMenu(self)
        menu.addAction("&Compare the Two Most Alike", lambda: self._relation_clicked(item))
        menu.addAction(f"&Story of This Cluster ({len(members)} articles)",
                       lambda: self.storyRequested.emit(list(members)))
        return menu

    def _relation_menu(self, pos: QPoint) -> None:
        menu = self.relation_menu(self.relations.itemAt(pos))
        if menu is not None:
            menu.popup(self.relations.viewport().mapToGlobal(pos))


def rewrite_text(model: SimilarityModel, article: int, source: int, similarity: float,
                 phrasing: float) -> str:
    """'3. A / rewrites 1. B · similarity 0.83 (91 % of its phrasing)': the figure of its cell."""
    return (f"{article + 1}. {model.name(article)}\n   rewrites {source + 1}. "
            f"{model.name(source)} · similarity {similarity:.2f} ({phrasing:.0%} of its "
            "phrasing)")


def _closest_pair(overview: Overview, group: tuple[int, ...]) -> tuple[str, str]:
    import numpy as np

    members = np.asarray(group)
    sub = np.array(overview.similarity[np.ix_(members, members)], dtype=np.float64)
    np.fill_diagonal(sub, -np.inf)
    a, b = np.unravel_index(int(np.argmax(sub)), sub.shape)
    return overview.articles[group[int(a)]].path, overview.articles[group[int(b)]].path
