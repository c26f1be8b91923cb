"""The articles dock: every file of the opened folder, readable or not, to pick left and right."""

from __future__ import annotations

import os

from PySide6.QtCore import QItemSelectionModel, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QFont,
    QIcon,
    QKeySequence,
    QPainter,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from twofold.engine.library.index import Listing, SkippedFile

from .paneheader import date_text
from .theme import LIGHT, Colors

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_SHARE = 0.45  # of the list's width kept for the titles before other columns show


def side_badge(letter: str, colors: Colors) -> QIcon:
    """The "L" or "R" badge of a side ("" for an empty slot of the same size)."""
    pixmap = QPixmap(36, 36)
    pixmap.fill(Qt.GlobalColor.transparent)
    if letter:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(colors.side_left if letter == "L" else colors.side_right)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(QRectF(2, 2, 32, 32), 7, 7)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(22)
        painter.setFont(font)
        painter.setPen(colors.badge_text)
        painter.drawText(QRectF(2, 2, 32, 32), Qt.AlignmentFlag.AlignCenter, letter)
        painter.end()
    return QIcon(pixmap)


class ArticleList(QWidget):
    """Lists a folder's files; asks (by signal) for one to become the left or right article."""

    chooseLeft = Signal(str)
    chooseRight = Signal(str)
    activated = Signal(str)
    swapRequested = Signal()
    storyRequested = Signal(object)  # the paths selected (two or more), or None: the whole folder

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colors: Colors = LIGHT
        self._badges = {letter: side_badge(letter, self.colors) for letter in ("", "L", "R")}
        self.listing: Listing | None = None
        self.folder_label = QLabel("No folder open")
        self.folder_label.setObjectName("folderLabel")
        self.folder_label.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Article", "Source", "Date", "Words"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(False)  # one line a title, elided: a wrapped one showed one word
        # Ctrl+click or Shift+click picks several articles for a story; Left and Right take the
        # current one.
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.itemActivated.connect(self._activated)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)  # see _fit_columns
        for col in (2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.left_action = QAction("Set as &Left", self)
        self.left_action.setShortcut(QKeySequence("Ctrl+1"))
        self.left_action.triggered.connect(lambda: self._emit(self.chooseLeft))
        self.right_action = QAction("Set as &Right", self)
        self.right_action.setShortcut(QKeySequence("Ctrl+2"))
        self.right_action.triggered.connect(lambda: self._emit(self.chooseRight))
        self.story_action = QAction("&Story of the Selected Articles", self)
        self.story_action.setToolTip("Which claims the selected articles share, which one "
                                     "alone reports, where they disagree")
        self.story_action.triggered.connect(
            lambda: self.storyRequested.emit(self.selected_paths()))
        self.folder_story_action = QAction("Story of &All Articles", self)
        self.folder_story_action.triggered.connect(lambda: self.storyRequested.emit(None))
        for action in (self.left_action, self.right_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.left_button = QPushButton(self._badges["L"], "Left")
        self.left_button.setToolTip("Show the selected article on the left (Ctrl+1)")
        self.left_button.clicked.connect(self.left_action.trigger)
        self.right_button = QPushButton(self._badges["R"], "Right")
        self.right_button.setToolTip("Show the selected article on the right (Ctrl+2)")
        self.right_button.clicked.connect(self.right_action.trigger)
        self.summary = QLabel()
        self.summary.setObjectName("listSummary")
        buttons = QHBoxLayout()
        buttons.addWidget(self.left_button)
        buttons.addWidget(self.right_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.folder_label)
        column.addWidget(self.tree, 1)
        column.addLayout(buttons)
        column.addWidget(self.summary)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self._sides: tuple[str | None, str | None] = (None, None)
        self._update_buttons()

    def set_folder(self, folder: str | None) -> None:
        """Show which folder is listed (None: nothing open)."""
        if folder:
            self.folder_label.setText(f"<b>{os.path.basename(folder.rstrip(os.sep)) or folder}</b>")
            self.folder_label.setToolTip(folder)
        else:
            self.folder_label.setText("No folder open")
            self.folder_label.setToolTip("")

    def set_listing(self, listing: Listing) -> None:
        """List a folder's files in name order; unreadable ones greyed with the reason."""
        self.listing = listing
        self.tree.clear()
        grey = QBrush(self.colors.muted)
        for entry in listing.entries:
            item = QTreeWidgetItem()
            item.setData(0, PATH_ROLE, entry.path)
            if isinstance(entry, SkippedFile):
                item.setText(0, f"{entry.name}\n{entry.reason}")
                item.setToolTip(0, f"{entry.path}\nCannot be compared: {entry.reason}")
                for col in range(4):
                    item.setForeground(col, grey)
                item.setIcon(0, self._badges[""])
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setText(0, entry.name)
                item.setText(1, entry.source or "")
                item.setText(2, date_text(entry.date, entry.date_source))
                if entry.date_source == "file":  # when the file was made, not published
                    item.setForeground(2, grey)
                    item.setToolTip(2, "No date in the article: this is the file's own date, "
                                       "when it was saved or made, not when it was published")
                item.setText(3, f"{entry.words:,}")
                item.setTextAlignment(
                    3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(0, "\n".join(
                    x for x in (entry.name, entry.source, entry.path) if x))
            self.tree.addTopLevelItem(item)
            if isinstance(entry, SkippedFile):
                self.tree.setFirstColumnSpanned(self.tree.indexOfTopLevelItem(item),
                                                self.tree.rootIndex(), True)
        articles = listing.articles
        # Columns nobody fills (plain-text files carry no outlet or date) only take room.
        self.tree.setColumnHidden(2, not any(a.date for a in articles))
        self._fit_columns()
        readable, bad = len(articles), len(listing.skipped)
        text = f"{readable} article{'s' if readable != 1 else ''}"
        self.summary.setText(text + (f" · {bad} unreadable" if bad else ""))
        self.set_sides(*self._sides)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrow list gives the outlets' and word counts' room to the titles."""
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The titles, which tell the articles apart, keep TITLE_SHARE of the width; the date
        comes next, then the outlet (elided, hidden below six letters), then the word count."""
        tree, articles = self.tree, self.listing.articles if self.listing else []
        width = tree.viewport().width() - int(tree.viewport().width() * TITLE_SHARE)
        if any(a.date for a in articles):
            width -= tree.sizeHintForColumn(2)
        source = min(tree.sizeHintForColumn(1), width)
        show_source = any(a.source for a in articles) and (
            source >= tree.fontMetrics().averageCharWidth() * 6)
        tree.setColumnHidden(1, not show_source)
        if show_source:
            tree.setColumnWidth(1, source)
            width -= source
        tree.setColumnHidden(3, width < tree.sizeHintForColumn(3))

    def set_colors(self, colors: Colors) -> None:
        """Repaint the side badges and greyed rows in another colour scheme."""
        self.colors = colors
        self._badges = {letter: side_badge(letter, colors) for letter in ("", "L", "R")}
        self.left_button.setIcon(self._badges["L"])
        self.right_button.setIcon(self._badges["R"])
        if self.listing is not None:
            selected = self.selected_path()
            self.set_listing(self.listing)
            if selected:
                self.select(selected)

    def paths(self, readable_only: bool = True) -> list[str]:
        """Paths listed, in order."""
        out = []
        for n in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(n)
            if not readable_only or item.flags() & Qt.ItemFlag.ItemIsSelectable:
                out.append(str(item.data(0, PATH_ROLE)))
        return out

    def item_for(self, path: str) -> QTreeWidgetItem | None:
        """The row of a path."""
        for n in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(n)
            if item.data(0, PATH_ROLE) == path:
                return item
        return None

    def set_sides(self, left: str | None, right: str | None) -> None:
        """Mark which articles are shown on the left and on the right."""
        self._sides = (left, right)
        for n in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(n)
            path = item.data(0, PATH_ROLE)
            letter = "L" if path == left else "R" if path == right else ""
            item.setIcon(0, self._badges[letter])
            font = item.font(0)
            font.setBold(bool(letter))
            item.setFont(0, font)

    def select(self, path: str) -> None:
        """Make a path the selected row."""
        item = self.item_for(path)
        if item is not None:
            self.tree.setCurrentItem(item)

    def selected_path(self) -> str | None:
        """The selected readable article, if any."""
        item = self.tree.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsSelectable:
            return None
        return str(item.data(0, PATH_ROLE))

    def selected_paths(self) -> list[str]:
        """The readable articles selected, in list order."""
        items = (self.tree.topLevelItem(n) for n in range(self.tree.topLevelItemCount()))
        return [str(item.data(0, PATH_ROLE)) for item in items
                if item.isSelected() and item.flags() & Qt.ItemFlag.ItemIsSelectable]

    def _emit(self, signal: Signal) -> None:  # type: ignore[type-arg]
        path = self.selected_path()
        if path:
            signal.emit(path)  # type: ignore[attr-defined]

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsSelectable:
            self.activated.emit(str(item.data(0, PATH_ROLE)))

    def _update_buttons(self) -> None:
        ok = self.selected_path() is not None
        for widget in (self.left_button, self.right_button, self.left_action, self.right_action):
            widget.setEnabled(ok)

    def _menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsSelectable:
            return
        if not item.isSelected():
            self.tree.setCurrentItem(item)  # a right click outside the selection picks that row
        else:  # inside it keeps the selection, and makes the row the current one
            self.tree.selectionModel().setCurrentIndex(
                self.tree.indexFromItem(item), QItemSelectionModel.SelectionFlag.NoUpdate)
        menu = QMenu(self)
        menu.addAction(self.left_action)
        menu.addAction(self.right_action)
        menu.addSeparator()
        menu.addAction("Swap Left and Right", self.swapRequested.emit)
        menu.addSeparator()
        selected = len(self.selected_paths())
        self.story_action.setText(f"&Story of the {selected} Selected Articles" if selected > 1
                                  else "&Story of the Selected Articles (select two or more)")
        self.story_action.setEnabled(selected > 1)
        menu.addAction(self.story_action)
        menu.addAction(self.folder_story_action)
        menu.popup(self.tree.viewport().mapToGlobal(pos))
