"""The main window: docks, menus, status bar; starts background jobs and shows their results."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from twofold.engine.errors import ArticleError, ModelMissing, TwofoldError
from twofold.engine.model import Article, Comparison

from . import crash, jobs, settings
from .articlelist import ArticleList
from .cancelling import WorkCanceller
from .compareview import CompareView, stop_summary
from .divergencepanel import DivergencePanel
from .emptystate import EmptyState
from .entitypanel import EntityPanel
from .folderwatch import FolderWatch
from .messagebar import MessageBar
from .overviewview import OverviewView
from .statusbar import CompareStatus
from .theme import ThemeMode, apply_palette, colors_for
from .worker import JobRunner

CompareFn = jobs.CompareFn


def engine_compare(left: Article, right: Article, *,
                   cancelled: Callable[[], bool] | None = None) -> Comparison:
    """The engine's compare, imported late so the window opens before spaCy loads."""
    from twofold.engine.compare import compare

    return compare(left, right, cancelled=cancelled)


class MainWindow(QMainWindow):
    """Twofold's window; engine work runs in the background and arrives by signal."""

    comparisonShown = Signal(object)
    listingShown = Signal(object)
    listingUpdated = Signal(object)  # the open folder listed again after it changed on disk

    def __init__(self, compare_fn: CompareFn | None = None, restore: bool = True) -> None:
        super().__init__()
        self.setWindowTitle("Twofold")
        self.setObjectName("twofoldWindow")
        self.setAcceptDrops(True)
        self._compare_fn: CompareFn = compare_fn or engine_compare
        self._articles: dict[str, Article] = {}
        self.folder: str | None = None
        self.left_path: str | None = None
        self.right_path: str | None = None
        self.theme_mode: ThemeMode = settings.load(settings.THEME)  # type: ignore[assignment]
        self.runner = JobRunner(self)
        self.runner.finished.connect(self._job_done)
        self.runner.failed.connect(self._job_failed)
        self.runner.busyChanged.connect(lambda busy: self.status.set_busy(busy))
        self.messages = MessageBar()
        self.empty = EmptyState()
        self.view = CompareView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        self.overview = OverviewView()
        self.stack.addWidget(self.overview)
        self._overview_folder: str | None = None  # the folder whose overview is shown or due
        self.view_tabs = QTabBar()
        self.view_tabs.setObjectName("viewTabs")
        self.view_tabs.setDocumentMode(True)
        self.view_tabs.setExpanding(False)
        self.view_tabs.addTab("Compare")
        self.view_tabs.addTab("Folder Overview")
        self.view_tabs.setTabToolTip(0, "The two articles side by side")
        self.view_tabs.setTabToolTip(1, "How every article of the folder relates (Ctrl+Shift+M)")
        self.view_tabs.hide()
        self.watch = FolderWatch(self)
        self._reported_gone: set[str] = set()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.messages)
        column.addWidget(self.view_tabs)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.articles = ArticleList()
        self.entities = EntityPanel()
        self.divergences = DivergencePanel()
        self.articles_dock = self._dock("Articles", "articlesDock", self.articles,
                                        Qt.DockWidgetArea.LeftDockWidgetArea)
        self.entities_dock = self._dock("Entities", "entitiesDock", self.entities,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.divergences_dock = self._dock("Divergences", "divergencesDock", self.divergences,
                                           Qt.DockWidgetArea.RightDockWidgetArea)
        self.status = CompareStatus(self)
        self.setStatusBar(self.status)
        self.busy = self.status.busy
        from .menus import build_menus

        self.actions_: dict[str, QAction] = build_menus(self)
        self.canceller = WorkCanceller(self)
        self._wire()
        from .accessibility import name_main_widgets

        name_main_widgets(self)
        self.set_theme(self.theme_mode, apply=False)
        self.view.set_zoom(settings.load(settings.ZOOM))
        follow = settings.load(settings.FOLLOW_LEFT)
        self.actions_["follow"].setChecked(follow)
        self.view.set_follow_left(follow)
        self.refresh_recent()
        self.resize(1280, 800)
        restored = restore and self.restoreGeometry(settings.load(settings.GEOMETRY))
        restored = (restore and self.restoreState(settings.load(settings.WINDOW_STATE))) or restored
        if not restored:
            self.apply_default_layout(self.width())
        # The comparison's docks wait for a comparison; the user's choice to hide one is kept.
        self._waiting_docks = [d for d in (self.entities_dock, self.divergences_dock)
                               if d.isVisibleTo(self) or not restored]
        self.entities_dock.hide()
        self.divergences_dock.hide()

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def apply_default_layout(self, width: int) -> None:
        """Dock sizes for a first start: both docks beside the panes, or tabbed when narrow."""
        if width < 1280:
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.entities_dock)
            self.tabifyDockWidget(self.articles_dock, self.entities_dock)
            self.tabifyDockWidget(self.entities_dock, self.divergences_dock)
            self.articles_dock.raise_()
            self.resizeDocks([self.articles_dock], [max(220, width // 4)],
                             Qt.Orientation.Horizontal)
        else:
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.entities_dock)
            self.splitDockWidget(self.entities_dock, self.divergences_dock,
                                 Qt.Orientation.Vertical)
            self.resizeDocks([self.articles_dock, self.entities_dock],
                             [max(280, width // 5), max(300, width // 5)],
                             Qt.Orientation.Horizontal)
            height = max(600, self.height())
            self.resizeDocks([self.entities_dock, self.divergences_dock],
                             [height * 11 // 20, height * 9 // 20], Qt.Orientation.Vertical)

    def _wire(self) -> None:
        self.empty.openFolder.connect(self.choose_folder)
        self.empty.openFiles.connect(self.choose_files)
        self.empty.openRecent.connect(self.open_folder)
        self.articles.chooseLeft.connect(lambda p: self.compare_pair(p, self.right_path))
        self.articles.chooseRight.connect(lambda p: self.compare_pair(self.left_path, p))
        self.articles.activated.connect(self._activated)
        self.articles.swapRequested.connect(self.swap_sides)
        self.entities.entityActivated.connect(self.view.highlight_entity)
        self.divergences.divergenceActivated.connect(self.view.show_divergence)
        self.view_tabs.currentChanged.connect(lambda index: self.show_overview(index == 1))
        self.overview.pairRequested.connect(self.compare_pair)
        self.overview.retryRequested.connect(self._refresh_overview)
        self.canceller.cancelled.connect(self._work_cancelled)
        self.watch.changed.connect(self._folder_changed)
        self.view.currentChanged.connect(
            lambda index: self.status.show_position(stop_summary(self.view.stops(), index)))

    # -- opening -------------------------------------------------------------------------------

    def choose_folder(self) -> None:
        """Ask for a folder and open it."""
        start = self.folder or (settings.load(settings.RECENT_FOLDERS) or [os.getcwd()])[0]
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of articles", start)
        if folder:
            self.open_folder(folder)

    def choose_files(self) -> None:
        """Ask for two files and compare them."""
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open two articles", self.folder or os.getcwd(),
            "Articles (*.txt *.text *.md *.markdown);;All files (*)")
        if len(paths) == 2:
            self.open_files(paths[0], paths[1])
        elif paths:
            self.messages.warning("Choose exactly two files to compare (hold Ctrl to pick two).")

    def open_folder(self, folder: str) -> None:
        """List a folder in the background; the two most alike articles get compared."""
        folder = os.path.abspath(folder)
        if not os.path.isdir(folder):
            self.messages.error(f"{folder}: the folder does not exist any more.")
            self.refresh_recent(settings.forget_folder(folder))
            return
        self.folder = folder
        self.refresh_recent(settings.remember_folder(folder))
        self.articles.set_folder(folder)
        self.watch.watch(folder)
        self._reported_gone.clear()
        self._overview_folder = None
        self.overview.set_overview(None)
        self.view_tabs.show()
        self.actions_["overview"].setEnabled(True)
        if self.overview_shown():
            self._refresh_overview()
        self._start("scan", f"Reading {os.path.basename(folder)}…", jobs.scan, folder)

    def open_files(self, left: str, right: str) -> None:
        """Compare two files given directly."""
        self.folder = None
        self.watch.watch(None)
        self.show_overview(False)
        self.view_tabs.hide()
        self.actions_["overview"].setEnabled(False)
        self.articles.set_folder(os.path.dirname(os.path.abspath(left)))
        paths = [os.path.abspath(left), os.path.abspath(right)]
        self._start("scan", "Reading the two files…", jobs.read_pair, paths)

    def set_pair(self, left: str | None, right: str | None) -> None:
        """Show `left` and `right` (paths of listed articles); compares when both are set."""
        if left is not None and left == right:
            right = self.left_path if left != self.left_path else self.right_path
            if left == right:
                right = None
        self.left_path, self.right_path = left, right
        self.articles.set_sides(left, right)
        if left and right and left in self._articles and right in self._articles:
            self._start("compare", "Comparing…", self._compare_fn,
                        self._articles[left], self._articles[right])

    def compare_pair(self, left: str | None, right: str | None) -> None:
        """Show the compare view and compare `left` with `right` (the user's choice)."""
        self.show_overview(False)
        self.set_pair(left, right)

    def _activated(self, path: str) -> None:
        if self.left_path is None:
            self.compare_pair(path, self.right_path)
        elif path != self.left_path:
            self.compare_pair(self.left_path, path)

    def swap_sides(self) -> None:
        """Exchange the left and right article."""
        comparison = self.view.comparison
        self.left_path, self.right_path = self.right_path, self.left_path
        self.articles.set_sides(self.left_path, self.right_path)
        if comparison is not None:
            self.runner.cancel("compare")
            self._show_comparison(comparison.swapped())

    # -- jobs ----------------------------------------------------------------------------------

    def _start(self, channel: str, label: str, fn: Callable[..., Any], *args: Any) -> None:
        self.status.set_busy(True, label)
        self.runner.submit(channel, fn, *args, cancellable=True)

    def _work_cancelled(self, channels: list[str]) -> None:
        """After a cancel the sides are those on screen, and the overview can be asked again."""
        c = self.view.comparison
        if "compare" in channels and c is not None and {c.left.path, c.right.path} <= set(
                self._articles):
            self.left_path, self.right_path = c.left.path, c.right.path
            self.articles.set_sides(self.left_path, self.right_path)
        if "overview" in channels:
            self._overview_folder = None
            self.overview.set_cancelled()

    def _job_done(self, channel: str, _job_id: int, result: object) -> None:
        if channel == "scan" and isinstance(result, jobs.Listing):
            self._show_listing(result)
        elif channel == "rescan" and isinstance(result, jobs.Listing):
            self._update_listing(result)
        elif channel == "compare" and isinstance(result, Comparison):
            self._show_comparison(result)
        elif channel == "overview" and result is not None:
            self._show_overview(result)

    def _job_failed(self, channel: str, _job_id: int, error: object) -> None:
        if channel == "overview":
            self._overview_folder = None  # try again next time the overview is shown
            self.overview.set_overview(None)
        if isinstance(error, ArticleError):
            self.messages.error(str(error))
        elif isinstance(error, ModelMissing):
            self.messages.error(f"The language model is missing: {error}")
        elif isinstance(error, TwofoldError):
            self.messages.error(str(error))
        elif isinstance(error, MemoryError):
            self.messages.error("Twofold ran out of memory on these articles; try shorter ones.")
        elif isinstance(error, BaseException):
            crash.report(error, self)

    def _show_listing(self, listing: jobs.Listing) -> None:
        self._articles = {e.path: e.article for e in listing.entries if e.article is not None}
        self.articles.set_entries(listing.entries)
        bad = [e for e in listing.entries if e.article is None]
        if len(bad) == 1:
            self.messages.warning(f"{bad[0].name} cannot be compared: {bad[0].error}")
        elif bad:
            self.messages.warning(
                f"{len(bad)} files cannot be compared (hover them in the list for the reason): "
                + ", ".join(e.name for e in bad[:4]) + ("…" if len(bad) > 4 else ""))
        if not self._articles:
            self.messages.error("No readable articles here: Twofold reads .txt and .md files.")
        elif len(self._articles) == 1:
            self.messages.info("Only one readable article here; add another to compare.")
        self.articles_dock.show()
        self.watch.watch_files(e.path for e in listing.entries)
        if self.overview.model.overview is not None:
            self._show_overview(self.overview.model.overview)  # now with the list's names
        self.listingShown.emit(listing)
        if listing.pair:
            self.articles.select(listing.pair[1])
            self.set_pair(*listing.pair)

    def _show_comparison(self, comparison: Comparison) -> None:
        if not self.overview_shown():
            self.stack.setCurrentWidget(self.view)
        for dock in self._waiting_docks:
            dock.show()
        self._waiting_docks = []
        self.view.set_comparison(comparison)
        self.entities.set_comparison(comparison)
        self.divergences.set_comparison(comparison)
        self.setWindowTitle(f"{comparison.left.display_name} ↔ "
                            f"{comparison.right.display_name} — Twofold")
        self.status.show_comparison(comparison)
        self.status.show_position(stop_summary(self.view.stops(), self.view.current))
        self.comparisonShown.emit(comparison)

    # -- folder overview and watching -----------------------------------------------------------

    def overview_shown(self) -> bool:
        """Whether the folder overview is the view on screen."""
        return self.stack.currentWidget() is self.overview

    def show_overview(self, on: bool) -> None:
        """Switch between the folder overview and the compare view."""
        with QSignalBlocker(self.view_tabs):
            self.view_tabs.setCurrentIndex(1 if on else 0)
        action = self.actions_.get("overview") if hasattr(self, "actions_") else None
        if action is not None:
            action.setChecked(on)
        if on and self.folder is not None:
            self.stack.setCurrentWidget(self.overview)
            self._refresh_overview()
        elif not on and self.overview_shown():
            self.stack.setCurrentWidget(self.view if self.view.comparison else self.empty)

    def _refresh_overview(self) -> None:
        """Compute the overview of the open folder in the background, unless it is current."""
        if self.folder is None or self._overview_folder == self.folder:
            return
        self._overview_folder = self.folder
        self.overview.set_waiting(self.folder)
        self._start("overview", "Relating the folder's articles…", jobs.folder_overview,
                    self.folder)

    def _show_overview(self, overview: Any) -> None:
        if overview.folder != self.folder:
            return
        names = {path: article.display_name for path, article in self._articles.items()}
        self.overview.set_overview(overview, names)

    def _folder_changed(self, folder: str) -> None:
        """Files of the open folder were added, changed or removed: list it again."""
        if folder != self.folder:
            return
        self._overview_folder = None
        if self.overview_shown():
            self._refresh_overview()
        self._start("rescan", "Updating the list…", jobs.rescan, folder, self.articles.entries,
                    self.view.comparison is None)

    def _update_listing(self, listing: jobs.Listing) -> None:
        """Show the folder's files again; compare again when a side changed on disk."""
        if listing.folder != self.folder:
            return
        selected = self.articles.selected_path()
        self._articles = {e.path: e.article for e in listing.entries if e.article is not None}
        self.articles.set_entries(listing.entries)
        if selected:
            self.articles.select(selected)
        self.watch.watch_files(e.path for e in listing.entries)
        self.listingUpdated.emit(listing)
        c = self.view.comparison
        if c is None:
            if listing.pair and not (self.left_path and self.right_path):
                self.set_pair(*listing.pair)  # a second readable article arrived
            return
        shown = {c.left.path: c.left, c.right.path: c.right}
        sides = (("left", self.left_path), ("right", self.right_path))
        if not all(path in shown for _side, path in sides):
            return  # another pair is being compared; it reads the files as listed now
        gone = False
        for side, path in sides:
            assert path is not None
            if path in self._articles:
                self._reported_gone.discard(path)
                continue
            gone = True
            if path not in self._reported_gone:
                self._reported_gone.add(path)
                self.messages.warning(
                    f"{os.path.basename(path)} was removed from the folder or can no longer be "
                    f"read; the {side} pane keeps its last text.")
        changed = [path for _side, path in sides if path in self._articles
                   and not jobs.same_article(self._articles[path], shown[path])]
        if changed and not gone:
            self.messages.info(f"{os.path.basename(changed[0])} changed on disk; compared again.")
            self._start("compare", "Comparing again…", self._compare_fn,
                        self._articles[self.left_path], self._articles[self.right_path])  # type: ignore[index]

    # -- view ----------------------------------------------------------------------------------

    def set_theme(self, mode: ThemeMode, apply: bool = True) -> None:
        """Switch between the system, light and dark schemes."""
        self.theme_mode = mode
        colors = apply_palette(mode) if apply else colors_for(mode)
        self.view.set_colors(colors)
        self.messages.set_dark(colors.dark)
        action = self.actions_.get(f"theme-{mode}")
        if action is not None:
            action.setChecked(True)
        if apply:
            settings.save(settings.THEME, mode)

    def set_follow_left(self, on: bool) -> None:
        """Toggle the right column following the left order."""
        self.view.set_follow_left(on)
        settings.save(settings.FOLLOW_LEFT, on)

    def zoom(self, delta: int | None) -> None:
        """Zoom the text in (+1), out (-1) or back to normal (None)."""
        self.view.set_zoom(0 if delta is None else self.view.zoom + delta)
        settings.save(settings.ZOOM, self.view.zoom)

    def refresh_recent(self, folders: list[str] | None = None) -> None:
        """Rebuild the recent folders menu and the welcome page list."""
        folders = settings.load(settings.RECENT_FOLDERS) if folders is None else folders
        self.empty.set_recent(folders)
        menu: QMenu | None = getattr(self, "recent_menu", None)
        if menu is None:
            return
        menu.clear()
        for n, folder in enumerate(folders):
            action = menu.addAction(f"&{n + 1} {folder}" if n < 9 else folder)
            action.triggered.connect(lambda _=False, f=folder: self.open_folder(f))
        menu.setEnabled(bool(folders))

    # -- drag and drop, closing ----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept a folder or files from the file manager."""
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open a dropped folder, or compare two dropped files."""
        self.open_dropped([u.toLocalFile() for u in event.mimeData().urls()])
        event.acceptProposedAction()

    def open_dropped(self, paths: list[str]) -> None:
        """Open what was dropped: one folder, or two files."""
        if len(paths) == 1 and os.path.isdir(paths[0]):
            self.open_folder(paths[0])
        elif len(paths) == 2 and all(os.path.isfile(p) for p in paths):
            self.open_files(paths[0], paths[1])
        else:
            self.messages.warning("Drop one folder of articles, or exactly two article files.")

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the layout; stop the background work and wait (briefly) for it."""
        for dock in self._waiting_docks:
            dock.show()  # hidden only while empty: remember it as shown
        settings.save(settings.GEOMETRY, self.saveGeometry())
        settings.save(settings.WINDOW_STATE, self.saveState())
        self.watch.watch(None)
        self.canceller.shut_down()
        super().closeEvent(event)
