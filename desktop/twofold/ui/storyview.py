"""The Story view: claims (rows) against articles (columns) — who reports what, who leaves it out.

A cell shows the article's words for the claim, or a plain "not reported" mark; a row where
articles state a fact differently is marked and its notes are in the tooltip. Filters narrow the
rows to what all report, what one outlet alone reports, what all but one report (omissions) and
where outlets disagree (less certain disagreements count only while the window shows them).
Clicking a cell asks (by signal) for that article to be compared with
another that reports the claim, at that passage. While the story is worked out, the view shows how
many pairs of articles are compared and offers to stop; once shown, it offers to export it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from twofold.engine.model import Span
from twofold.engine.story import Claim, ClaimDivergence, Member, Story

from .theme import LIGHT, Colors

Index = QModelIndex | QPersistentModelIndex
NOT_REPORTED = "— not reported —"
STORY_FORMATS = {"html": "HTML Report…", "csv": "CSV Table (one column per article)…",
                 "json": "JSON…", "text": "Plain Text…"}
_SEVERITY = {2: "high", 1: "medium", 0: "low"}


class StoryFilter(Enum):
    """Which claims the view lists."""

    ALL = "All claims"
    EVERYONE = "Reported by all"
    ONE = "Only one outlet"
    ALL_BUT_ONE = "All but one (omissions)"
    DISAGREE = "Outlets disagree"

    def keeps(self, claim: Claim, articles: int, less_certain: bool = True) -> bool:
        """Whether a claim of a story of `articles` articles passes this filter (its less
        certain disagreements count only when `less_certain`)."""
        reporting = len(claim.articles)
        tests: dict[StoryFilter, Callable[[], bool]] = {
            StoryFilter.ALL: lambda: True,
            StoryFilter.EVERYONE: lambda: reporting == articles,
            StoryFilter.ONE: lambda: reporting == 1,
            StoryFilter.ALL_BUT_ONE: lambda: articles > 2 and reporting == articles - 1,
            StoryFilter.DISAGREE: lambda: bool(shown_divergences(claim, less_certain)),
        }
        return tests[self]()


def shown_divergences(claim: Claim, less_certain: bool) -> tuple[ClaimDivergence, ...]:
    """A claim's disagreements, without the less certain ones unless `less_certain`."""
    return tuple(d for d in claim.divergences if less_certain or not d.less_certain)


def column_title(story: Story, column: int) -> str:
    """'2. Fox News (2019-01-19)': the outlet, else the title (else the file name), then the
    date."""
    a = story.articles[column]
    label = a.source or a.display_name or os.path.basename(a.path)
    return f"{column + 1}. {label}" + (f" ({a.date})" if a.date else "")


class StoryModel(QAbstractTableModel):
    """The claims of a story that pass a filter: one row per claim, one column per article."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.story: Story | None = None
        self.rows: list[Claim] = []
        self.filter = StoryFilter.ALL
        self.words = ""  # rows must contain these words (any case), in some article
        self.less_certain = True  # less certain disagreements shown (View menu)
        self.colors: Colors = LIGHT

    def set_story(self, story: Story | None, keep: StoryFilter | None = None,
                  words: str | None = None) -> None:
        """Show a story (None: nothing), with the rows `keep` lets through that contain
        `words` (None: the filters as they were)."""
        self.beginResetModel()
        self.story = story
        self.filter = keep or self.filter
        self.words = self.words if words is None else words.strip()
        n = len(story.articles) if story else 0
        self.rows = [c for c in (story.claims if story else ())
                     if self.filter.keeps(c, n, self.less_certain) and _mentions(c, self.words)]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.story is None else len(self.story.articles)

    def divergences(self, claim: Claim) -> tuple[ClaimDivergence, ...]:
        """The disagreements of a claim the view shows."""
        return shown_divergences(claim, self.less_certain)

    def members(self, row: int, column: int) -> list[Member]:
        """The article's sentences for the claim (none when it does not report it)."""
        return [m for m in self.rows[row].members if m.article == column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.story is None:
            return None
        claim, found = self.rows[index.row()], self.members(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return " … ".join(m.text for m in found) if found else NOT_REPORTED
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(claim, index.column(), found)
        if role == Qt.ItemDataRole.ForegroundRole and not found:
            return QBrush(self.colors.muted)
        if role == Qt.ItemDataRole.BackgroundRole and found and any(
                index.column() in (d.left.article, d.right.article)
                for d in self.divergences(claim)):
            return QBrush(self.colors.divergence_bg)  # this article states a fact differently
        if role == Qt.ItemDataRole.FontRole and not found:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignTop | (Qt.AlignmentFlag.AlignLeft if found
                                                    else Qt.AlignmentFlag.AlignHCenter))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.story is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return column_title(self.story, section)
            if role == Qt.ItemDataRole.ToolTipRole:
                a = self.story.articles[section]
                return f"{a.display_name}\n{a.path}"
            return None
        if not 0 <= section < len(self.rows):
            return None
        claim = self.rows[section]
        differs = bool(self.divergences(claim))
        if role == Qt.ItemDataRole.DisplayRole:
            mark = " ≠" if differs else ""
            return f"{len(claim.articles)}/{len(self.story.articles)}{mark}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"Claim {claim.id}: reported by {len(claim.articles)} of "
                    f"{len(self.story.articles)} articles"
                    + ("; the articles state a fact differently" if differs else ""))
        if role == Qt.ItemDataRole.ForegroundRole and differs:
            return QBrush(self.colors.divergence)
        return None

    def _tip(self, claim: Claim, column: int, found: list[Member]) -> str:
        assert self.story is not None
        head = column_title(self.story, column)
        if not found:
            return f"{head} does not report this claim."
        lines = [head, *(m.text for m in found)]
        notes = [f"[{_SEVERITY.get(d.severity, 'medium')}] {d.note}"
                 + (" (less certain)" if d.less_certain else "") for d in self.divergences(claim)
                 if column in (d.left.article, d.right.article)]
        if notes:
            lines += ["", "Differs:", *notes]
        others = [a + 1 for a in claim.articles if a != column]
        if others:
            lines += ["", f"Click to compare with article {others[0]} at this passage."]
        return "\n".join(lines)


def _mentions(claim: Claim, words: str) -> bool:
    """Whether some article's sentences of the claim contain every word of `words`."""
    wanted = words.casefold().split()
    return not wanted or any(all(w in m.text.casefold() for w in wanted) for m in claim.members)


MAX_CELL_LINES = 8  # a story's row is at most this many lines of text tall


def clipped(text: str, font: QFont, width: int, lines: int = MAX_CELL_LINES) -> str:
    """`text` as it wraps at `width`, cut to `lines` lines, the last ending in "…" if cut."""
    layout = QTextLayout(text, font)
    wrap = QTextOption()
    wrap.setWrapMode(QTextOption.WrapMode.WordWrap)  # as the item view's style wraps cells
    layout.setTextOption(wrap)
    starts: list[int] = []
    layout.beginLayout()
    while len(starts) <= lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    if len(starts) <= lines:
        return text
    units = text.encode("utf-16-le")  # Qt counts UTF-16 units
    head = units[:2 * starts[lines - 1]].decode("utf-16-le", errors="ignore")
    rest = text[len(head):]
    return head + QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)


class _ClippedCell(QStyledItemDelegate):
    """Wrapped cell text that ends in "…" where the row's height cuts it."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        style = option.widget.style() if option.widget is not None else None
        margin = (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                    option.widget) + 1) if style is not None else 3
        width = option.rect.width() - 2 * margin
        if width > 0 and option.text:
            option.text = clipped(option.text, option.font, width)


class StoryView(QWidget):
    """Shows a Story; a click on a reported cell asks to compare that passage with another."""

    # left path, right path, left span, right span (paragraph offsets of the two sentences)
    passageRequested = Signal(str, str, object, object)
    retryRequested = Signal()
    allRequested = Signal()  # the story of every article of the folder
    eventRequested = Signal()  # the story of the folder's articles about the pair's event
    cancelRequested = Signal()
    exportRequested = Signal(str)  # "html", "csv", "json" or "text"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storyView")
        self.model = StoryModel(self)
        self.summary = QLabel()
        self.summary.setObjectName("storySummary")
        self.summary.setWordWrap(True)
        links = {"#all": self.allRequested, "#event": self.eventRequested}
        self.summary.linkActivated.connect(
            lambda link: links.get(link, self.retryRequested).emit())
        self.folder_articles = 0  # articles listed in the open folder (0: no folder)
        self.filter = QComboBox()
        self.filter.setObjectName("storyFilter")
        self.filter.setToolTip("Which claims to list")
        for choice in StoryFilter:
            self.filter.addItem(choice.value, choice)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.find = QLineEdit()
        self.find.setObjectName("storyFind")
        self.find.setPlaceholderText("Claims that mention…")
        self.find.setClearButtonEnabled(True)
        self.find.setToolTip("List only the claims whose sentences contain these words "
                             "(a name, a figure, a place)")
        self.find.setMaximumWidth(260)
        # The placeholder says what the field is for: never squeezed shorter than it (with room
        # for the clear button), however narrow the window.
        self.find.setMinimumWidth(
            self.find.fontMetrics().horizontalAdvance(self.find.placeholderText()) + 48)
        self.find.textChanged.connect(
            lambda text: self.model.set_story(self.model.story, words=text))
        self.table = QTableView()
        self.table.setObjectName("storyTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(_ClippedCell(self.table))
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(140)
        # long titles keep their number and first words: "2. Niger's junta has broke…"
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        # A claim several sentences long in a narrow column would fill the screen: rows stop
        # at a few lines (the cell elides, its tooltip has every sentence).
        self.table.verticalHeader().setMaximumSectionSize(
            self.table.fontMetrics().lineSpacing() * MAX_CELL_LINES + 8)
        self.table.clicked.connect(self._cell_clicked)
        self.table.activated.connect(self._cell_clicked)
        self.progress = QProgressBar()
        self.progress.setObjectName("storyProgress")
        self.progress.setFormat("%v of %m pairs compared")
        self.progress.setTextVisible(True)
        self.cancel = QPushButton("Stop")
        self.cancel.setToolTip("Stop working out the story (Esc)")
        self.cancel.clicked.connect(self.cancelRequested)
        # A push button with a menu sizes itself for its text and the menu's arrow (a tool
        # button drew the arrow over "Export…").
        self.export = QPushButton("Export…")
        self.export.setObjectName("storyExport")
        self.export.setToolTip("Save the story as an HTML report, a CSV table, JSON or text")
        menu = QMenu(self.export)
        for fmt, text in STORY_FORMATS.items():
            menu.addAction(text, lambda f=fmt: self.exportRequested.emit(f))
        self.export.setMenu(menu)
        top = QHBoxLayout()
        top.setContentsMargins(10, 8, 10, 4)
        top.addWidget(self.summary, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel)
        top.addWidget(self.find)
        top.addWidget(self.filter)
        top.addWidget(self.export)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        self.set_story(None)

    def set_colors(self, colors: Colors) -> None:
        """Paint with a scheme's colours (muted "not reported", marked disagreements)."""
        self.model.colors = colors
        self.model.set_story(self.model.story)

    def set_waiting(self, what: str) -> None:
        """Say that the story is being worked out (progress follows by `set_progress`)."""
        self.model.set_story(None)
        self._working(True)
        self.progress.setRange(0, 0)  # busy until the first pair is done
        self.summary.setText(f"Comparing every pair of <b>{what}</b> and grouping what they "
                             "report into claims…")

    def set_prompt(self, count: int) -> None:
        """Say that a folder of `count` articles waits to be asked (every pair is compared)."""
        self.set_story(None)
        pairs = count * (count - 1) // 2
        self.summary.setText(
            f"This folder holds <b>{count}</b> articles: their story compares every pair "
            f"(<b>{pairs:,}</b> comparisons, which can take a while the first time). Work out "
            "<a href='#event'>the story of the articles about the event of the pair on "
            "screen</a>; or select the articles about one event in the list (Ctrl+click), then "
            "right-click > Story of the Selected Articles; or right-click a cluster in the "
            f"Folder Overview; or <a href='#all'>work out the story of all {count}</a>.")

    def set_progress(self, done: int, total: int) -> None:
        """How many pairs of articles are compared so far."""
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def set_cancelled(self) -> None:
        """Say that the story was cancelled, with a link to start again."""
        self.set_story(None)
        self.summary.setText("Working out the story was stopped. "
                             "<a href='#again'>Work it out again</a>")

    def _working(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel.setVisible(on)
        for widget in (self.find, self.filter, self.export):
            widget.setVisible(not on)

    def set_story(self, story: Story | None) -> None:
        """Show a story (None: nothing yet)."""
        self.model.set_story(story)
        self._working(False)
        for widget in (self.find, self.filter, self.export):
            widget.setEnabled(story is not None)
        if story is None:
            self.summary.setText("The story relates every article of the open folder, or the "
                                 "articles selected in the list (Ctrl+click to pick several): "
                                 "which claims all report, which one outlet alone reports, and "
                                 "where they disagree.")
            return
        n = len(story.articles)
        claims = story.claims
        shown = self.model.less_certain
        counts = {f: sum(f.keeps(c, n, shown) for c in claims) for f in StoryFilter}
        hidden = sum(StoryFilter.DISAGREE.keeps(c, n) for c in claims) - counts[
            StoryFilter.DISAGREE]
        self.summary.setText(
            f"<b>{len(claims)}</b> claims across <b>{n}</b> articles · "
            f"<b>{counts[StoryFilter.EVERYONE]}</b> reported by all · "
            f"<b>{counts[StoryFilter.ONE]}</b> by one outlet only · "
            f"<b>{counts[StoryFilter.DISAGREE]}</b> where outlets disagree"
            + (f" ({hidden} less certain hidden)" if hidden else "")
            + " — click a passage to compare it with another article")
        if story.folder and 0 < n < self.folder_articles:
            self.summary.setText(
                self.summary.text() + f"<br>The articles about one event (the folder holds "
                f"{self.folder_articles}): <a href='#all'>the story of all "
                f"{self.folder_articles}</a>, or select some in the list.")
        for i, choice in enumerate(StoryFilter):
            self.filter.setItemText(i, f"{choice.value} ({counts[choice]})")

    def set_showing_less_certain(self, on: bool) -> None:
        """Count and mark the less certain disagreements too (View menu), or leave them out."""
        if on != self.model.less_certain:
            self.model.less_certain = on
            if self.model.story is not None:
                self.set_story(self.model.story)

    def _filter_changed(self, _index: int) -> None:
        choice = self.filter.currentData()
        if isinstance(choice, StoryFilter):
            self.model.set_story(self.model.story, choice)

    def _cell_clicked(self, index: QModelIndex) -> None:
        story = self.model.story
        if story is None or not index.isValid():
            return
        row, column = index.row(), index.column()
        own = self.model.members(row, column)
        claim = self.model.rows[row]
        other = next((m for m in claim.members if m.article != column), None)
        if not own or other is None:
            return  # "not reported", or a claim no other article reports: nothing to compare
        mine = own[0]
        self.passageRequested.emit(
            story.articles[column].path, story.articles[other.article].path,
            Span(mine.paragraph, mine.start, mine.end, mine.text),
            Span(other.paragraph, other.start, other.end, other.text))
