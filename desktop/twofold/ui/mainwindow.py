"""The main window: composes the docks, views, menus and status bar, and wires them to a session."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from twofold.engine.load import SUPPORTED_SUFFIXES
from twofold.engine.model import Comparison

from . import crash, settings
from .articlelist import ArticleList
from .cancelling import WorkCanceller
from .centre import Centre
from .compareview import CompareView, stop_summary
from .divergencepanel import DivergencePanel
from .docklayout import DockLayout, make_dock
from .emptystate import EmptyState
from .entitypanel import EntityPanel
from .exporting import ComparisonExporter
from .jobs import CompareFn, FolderListing
from .menus import build_menus
from .messagebar import MessageBar
from .overviewview import OverviewView
from .progresspage import ProgressFlow, ProgressPage
from .session import Session, Side
from .statusbar import CompareStatus
from .storyview import StoryView
from .theme import Colors, ThemeMode, apply_palette, colors_for
from .worker import JobRunner


def open_filter() -> str:
    """The file dialog's filter: every suffix a loader reads, from the loaders' own list."""
    patterns = " ".join(f"*{s}" for s in sorted(SUPPORTED_SUFFIXES))
    return f"Articles ({patterns});;All files (*)"


class MainWindow(QMainWindow):
    """Twofold's window; the session does the work, the window shows what it reports."""

    comparisonShown = Signal(object)
    listingShown = Signal(object)
    listingUpdated = Signal(object)  # the open folder listed again after it changed on disk

    def __init__(self, compare_fn: CompareFn | None = None, restore: bool = True) -> None:
        super().__init__()
        self.setWindowTitle("Twofold")
        self.setObjectName("twofoldWindow")
        self.setAcceptDrops(True)
        self.session = Session(compare_fn, self)
        self.theme_mode: ThemeMode = settings.load(settings.THEME)  # type: ignore[assignment]
        self.colors: Colors = colors_for(self.theme_mode)
        self.messages = MessageBar()
        self.messages.follow(self.session.messages)
        self.empty = EmptyState()
        self.view = CompareView()
        self.overview = OverviewView()
        self.story = StoryView()
        self.progress = ProgressPage()
        self.stack = QStackedWidget()
        for page in (self.empty, self.view, self.overview, self.story, self.progress):
            self.stack.addWidget(page)
        self.progress_flow = ProgressFlow(self.session, self.stack, self.progress, self.view,
                                          self.empty, (self.overview, self.story))
        self.centre = Centre(self, self.session, self.stack, self.empty, self.view,
                             self.overview, self.story)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.messages)
        column.addWidget(self.centre.tabs)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.articles = ArticleList()
        self.entities = EntityPanel()
        self.divergences = DivergencePanel()
        self.articles_dock = make_dock(self, "Articles", "articlesDock", self.articles,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.entities_dock = make_dock(self, "Entities", "entitiesDock", self.entities,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.divergences_dock = make_dock(self, "Divergences", "divergencesDock",
                                          self.divergences, Qt.DockWidgetArea.RightDockWidgetArea)
        self.dock_layout = DockLayout(self, self.articles_dock, self.entities_dock,
                                      self.divergences_dock)
        self.status = CompareStatus(self)
        self.setStatusBar(self.status)
        self.busy = self.status.busy
        self.exporter = ComparisonExporter(self, self.session.messages, self.status)
        self.menus = build_menus(self, view=self.view, session=self.session,
                                 exporter=self.exporter, views=self.centre.actions,
                                 docks=(self.articles_dock, self.entities_dock,
                                        self.divergences_dock))
        self.actions_ = self.menus.actions
        self.canceller = WorkCanceller(self, self.session, self.status, self.exporter.runner)
        self._wire()
        from .accessibility import name_main_widgets

        name_main_widgets(self)
        self.set_theme(self.theme_mode, apply=False)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self.view.set_zoom(settings.load(settings.ZOOM))
        follow = settings.load(settings.FOLLOW_LEFT)
        self.actions_["follow"].setChecked(follow)
        self.view.set_follow_left(follow)
        key = settings.load(settings.COLOUR_KEY)
        self.actions_["colour-key"].setChecked(key)
        self.view.key.setVisible(key)
        ahead = settings.load(settings.READ_AHEAD)
        self.actions_["read-ahead"].setChecked(ahead)
        self.session.set_reading_ahead(ahead)
        less_certain = settings.load(settings.LESS_CERTAIN)
        self.actions_["less-certain"].setChecked(less_certain)
        self.session.set_showing_less_certain(less_certain)
        self.story.set_showing_less_certain(less_certain)
        self.refresh_recent()
        self.resize(1280, 800)
        restored = restore and self.restoreGeometry(settings.load(settings.GEOMETRY))
        restored = (restore and self.restoreState(settings.load(settings.WINDOW_STATE))) or restored
        if not restored:
            self.apply_default_layout(self.width())
        else:
            self.dock_layout.adopt(self.width())
        # The comparison's docks wait for a comparison; the user's choice to hide one is kept.
        self._waiting_docks = [d for d in (self.entities_dock, self.divergences_dock)
                               if d.isVisibleTo(self) or not restored]
        self.entities_dock.hide()
        self.divergences_dock.hide()

    # -- what the session knows ------------------------------------------------------------------

    @property
    def runner(self) -> JobRunner:
        """The session's background jobs."""
        return self.session.runner

    @property
    def folder(self) -> str | None:
        return self.session.folder

    @property
    def left_path(self) -> str | None:
        return self.session.left

    @property
    def right_path(self) -> str | None:
        return self.session.right

    # -- composition -----------------------------------------------------------------------------

    def apply_default_layout(self, width: int) -> None:
        """Dock sizes for a first start: both docks beside the panes, or tabbed when narrow."""
        self.dock_layout.apply(width)

    def _wire(self) -> None:
        s = self.session
        s.listingShown.connect(self._show_listing)
        s.listingUpdated.connect(self._update_listing)
        s.sidesChanged.connect(self.articles.set_sides)
        s.comparisonShown.connect(self._show_comparison)
        s.comparisonUpdated.connect(self._update_comparison)
        self.divergences.dismissRequested.connect(s.dismiss)
        self.divergences.restoreRequested.connect(s.restore_dismissed)
        self.divergences.lessCertainRequested.connect(self.set_showing_less_certain)
        self.entities.typeCorrected.connect(s.correct_entity)
        self.entities.corrections = _reader_types
        s.overviewWaiting.connect(self.overview.set_waiting)
        s.overviewShown.connect(self.overview.set_overview)
        s.overviewCancelled.connect(self.overview.set_cancelled)
        s.storyWaiting.connect(self.story.set_waiting)
        s.storyProgress.connect(self.story.set_progress)
        s.storyShown.connect(self.story.set_story)
        s.storyCancelled.connect(self.story.set_cancelled)
        self.story.cancelRequested.connect(lambda: self.canceller.cancel())
        self.story.exportRequested.connect(
            lambda fmt: self.exporter.choose_and_export_story(self.story.model.story, fmt))
        self.articles.storyRequested.connect(self.centre.show_story_of)
        self.overview.storyRequested.connect(self.centre.show_story_of)
        s.busyChanged.connect(self.status.set_busy)
        self.progress.cancelRequested.connect(lambda: self.canceller.cancel())
        s.failed.connect(lambda error: crash.report(error, self))
        self.empty.openFolder.connect(self.choose_folder)
        self.empty.openFiles.connect(self.choose_files)
        self.empty.openRecent.connect(self.open_folder)
        self.articles.chooseLeft.connect(lambda p: self._choose(Side.LEFT, p))
        self.articles.chooseRight.connect(lambda p: self._choose(Side.RIGHT, p))
        self.articles.activated.connect(self._activated)
        self.articles.swapRequested.connect(self.swap_sides)
        self.entities.entityActivated.connect(self.view.highlight_entity)
        self.divergences.divergenceActivated.connect(self.view.show_divergence)
        self.overview.pairRequested.connect(self.compare_pair)
        self.overview.retryRequested.connect(s.request_overview)
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
            self, "Open two articles", self.folder or os.getcwd(), open_filter())
        if len(paths) == 2:
            self.open_files(paths[0], paths[1])
        elif paths:
            self.session.messages.warning(
                "Choose exactly two files to compare (hold Ctrl to pick two).")

    def open_folder(self, folder: str) -> None:
        """List a folder in the background; the two most alike articles get compared."""
        if not self.session.open_folder(folder):
            self.refresh_recent(settings.forget_folder(os.path.abspath(folder)))
            return
        self.refresh_recent(settings.remember_folder(self.session.folder or folder))
        self.articles.set_folder(self.session.folder)
        self.centre.set_folder_open(True)
        if self.centre.current() == "overview":
            self.session.request_overview()

    def open_files(self, left: str, right: str) -> None:
        """Compare two files given directly."""
        self.centre.set_folder_open(False)
        self.articles.set_folder(os.path.dirname(os.path.abspath(left)))
        self.session.open_files(left, right)

    def set_pair(self, left: str | None, right: str | None) -> None:
        """Show `left` and `right` (paths of listed articles); compares when both are set."""
        self.session.set_pair(left, right)

    def compare_pair(self, left: str | None, right: str | None) -> None:
        """Show the compare view and compare `left` with `right` (the user's choice)."""
        self.centre.show("compare")
        self.session.set_pair(left, right)

    def _choose(self, side: Side, path: str) -> None:
        self.centre.show("compare")
        self.session.choose(side, path)

    def _activated(self, path: str) -> None:
        self.centre.show("compare")
        self.session.activate(path)

    def swap_sides(self) -> None:
        """Exchange the left and right article."""
        self.session.swap()

    # -- showing what the session reports ---------------------------------------------------------

    def _show_listing(self, found: FolderListing) -> None:
        self.articles.set_listing(found.listing)
        self.articles_dock.show()
        self.centre.folder_listed()
        self.listingShown.emit(found)
        if found.pair:
            self.articles.select(found.pair[1])

    def _update_listing(self, found: FolderListing) -> None:
        selected = self.articles.selected_path()
        self.articles.set_listing(found.listing)
        if selected:
            self.articles.select(selected)
        self.listingUpdated.emit(found)

    def _show_comparison(self, comparison: Comparison) -> None:
        if self.centre.current() == "compare":
            self.stack.setCurrentWidget(self.view)
        for dock in self._waiting_docks:
            dock.show()
        self._waiting_docks = []
        on_screen = self.view.comparison
        if on_screen is not None and (on_screen.left.path, on_screen.right.path) == (
                comparison.left.path, comparison.right.path):
            self.view.update_comparison(comparison)  # the same pair again: keep the place
        else:
            self.view.set_comparison(comparison)
        self.setWindowTitle(f"{comparison.left.display_name} ↔ "
                            f"{comparison.right.display_name} — Twofold")
        self._show_judgements(comparison)
        self.comparisonShown.emit(comparison)

    def _show_judgements(self, comparison: Comparison) -> None:
        """Docks, status and exports after the comparison or the reader's view of it changed."""
        dismissals = self.session.dismissals
        self.entities.set_comparison(comparison)
        self.divergences.set_comparison(comparison, dismissed=len(dismissals.ids),
                                        less_certain=self.session.less_certain(),
                                        showing_less_certain=self.session.shows_less_certain)
        self.status.show_comparison(comparison)
        self.status.show_position(stop_summary(self.view.stops(), self.view.current))
        self.exporter.set_comparison(self.session.comparison, dismissals.ids)
        self.actions_["undo-dismiss"].setEnabled(dismissals.can_undo())

    def _update_comparison(self, comparison: Comparison) -> None:
        """The reader dismissed a divergence or corrected a type: show it, keep the place."""
        self.view.update_comparison(comparison)
        self._show_judgements(comparison)

    # -- view ----------------------------------------------------------------------------------

    def set_theme(self, mode: ThemeMode, apply: bool = True) -> None:
        """Switch between the system, light and dark schemes."""
        self.theme_mode = mode
        colors = apply_palette(mode) if apply else colors_for(mode)
        self.colors = colors
        self.view.set_colors(colors)
        self.messages.set_colors(colors)
        for widget in (self.articles, self.entities, self.divergences, self.overview,
                       self.story, self.status, self.progress):
            widget.set_colors(colors)
        self.actions_[f"theme-{mode}"].setChecked(True)
        if apply:
            settings.save(settings.THEME, mode)

    def _system_scheme_changed(self, _scheme: object) -> None:
        if self.theme_mode == "system":
            self.set_theme("system")

    def set_follow_left(self, on: bool) -> None:
        """Toggle the right column following the left order."""
        self.view.set_follow_left(on)
        settings.save(settings.FOLLOW_LEFT, on)

    def show_colour_key(self, on: bool) -> None:
        """Show or hide the colour key under the panes."""
        self.view.key.setVisible(on)
        settings.save(settings.COLOUR_KEY, on)

    def set_reading_ahead(self, on: bool) -> None:
        """Turn reading similar articles ahead on or off."""
        self.session.set_reading_ahead(on)
        settings.save(settings.READ_AHEAD, on)

    def set_showing_less_certain(self, on: bool) -> None:
        """List the less certain divergences too (and mark them in the panes), or hide them."""
        self.actions_["less-certain"].setChecked(on)
        self.session.set_showing_less_certain(on)
        self.story.set_showing_less_certain(on)
        settings.save(settings.LESS_CERTAIN, on)

    def zoom(self, delta: int | None) -> None:
        """Zoom the text in (+1), out (-1) or back to normal (None)."""
        self.view.set_zoom(0 if delta is None else self.view.zoom + delta)
        settings.save(settings.ZOOM, self.view.zoom)

    def refresh_recent(self, folders: list[str] | None = None) -> None:
        """Rebuild the recent folders menu and the welcome page list."""
        folders = settings.load(settings.RECENT_FOLDERS) if folders is None else folders
        self.empty.set_recent(folders)
        menu = self.menus.recent
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
            self.session.messages.warning(
                "Drop one folder of articles, or exactly two article files.")

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the layout; stop the background work and wait (briefly) for it."""
        for dock in self._waiting_docks:
            dock.show()  # hidden only while empty: remember it as shown
        settings.save(settings.GEOMETRY, self.saveGeometry())
        settings.save(settings.WINDOW_STATE, self.saveState())
        self.canceller.shut_down()
        super().closeEvent(event)


def _reader_types() -> dict[str, str]:
    """The types the reader gave entities, by entity key (the engine's store, read when asked)."""
    from twofold.engine.entities.corrections import corrections

    return dict(corrections())
