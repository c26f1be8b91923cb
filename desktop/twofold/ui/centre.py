"""The centre of the window: which view is on screen (the pair, the folder overview, the story),
the tabs and View menu entries that switch it, and a story's passage opened in the pair."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSignalBlocker, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStackedWidget, QTabBar, QWidget

from twofold.engine.model import Comparison, Span

if TYPE_CHECKING:
    from .compareview import CompareView
    from .overviewview import OverviewView
    from .session import Session
    from .storyview import StoryView

# A story of more articles than this is only worked out when asked: every pair is compared.
AUTO_STORY = 12
# The views of the centre, in the order of their tabs.
PAGES = ("compare", "overview", "story")
# page -> tab text, menu text, shortcut, what it shows
_VIEWS = {
    "compare": ("Compare", "", "", "The two articles side by side"),
    # Ctrl+Shift+O already opens two files; M for the matrix.
    "overview": ("Folder Overview", "Folder &Overview", "Ctrl+Shift+M",
                 "How every article of the folder relates"),
    "story": ("Story", "&Story Across Articles", "Ctrl+Shift+Y",
              "Which claims the articles share, which one alone reports, where they disagree"),
}


class Centre(QObject):
    """Switches the centre between its views; the overview and the story need a folder."""

    def __init__(self, window: QWidget, session: Session, stack: QStackedWidget,
                 empty: QWidget, view: CompareView, overview: OverviewView,
                 story: StoryView) -> None:
        super().__init__(window)
        self._session, self._stack = session, stack
        self._empty, self._view, self._overview, self._story = empty, view, overview, story
        self.tabs = _tabs()
        self.tabs.currentChanged.connect(lambda index: self.show(PAGES[index]))
        self.actions: dict[str, QAction] = {}
        for page in ("overview", "story"):
            _tab, text, keys, tip = _VIEWS[page]
            action = QAction(text, window)
            action.setShortcut(QKeySequence(keys))
            action.setStatusTip(tip)
            action.setToolTip(tip)
            action.setCheckable(True)
            action.setEnabled(False)
            action.triggered.connect(lambda on, p=page: self.show(p if on else "compare"))
            window.addAction(action)  # the shortcut works with the menu bar hidden
            self.actions[page] = action
        self.passage: tuple[str, str, Span, Span] | None = None  # to show once compared
        # The articles of the story asked last; None: those about the event of the pair.
        self.story_paths: list[str] | None = None
        story.passageRequested.connect(self.show_passage)
        story.retryRequested.connect(self._story_again)
        story.allRequested.connect(lambda: self.show_story_of(None))
        story.eventRequested.connect(self._story_of_event)
        session.comparisonShown.connect(self._compared)
        session.listingUpdated.connect(lambda _found: self._refresh())

    def current(self) -> str:
        """The view on screen: "compare" (the pair, its progress or the welcome page),
        "overview" or "story"."""
        page = self._stack.currentWidget()
        return ("overview" if page is self._overview else "story" if page is self._story
                else "compare")

    def set_folder_open(self, open_: bool) -> None:
        """Offer the folder's views (a folder is open) or not (two files are compared)."""
        self.tabs.setVisible(open_)
        for action in self.actions.values():
            action.setEnabled(open_)
        self.story_paths = None
        self._story.folder_articles = 0
        if not open_:
            self.show("compare")

    def show(self, page: str) -> None:
        """Show one of the views of `PAGES`, asking the session for its content when due."""
        session = self._session
        if page != "compare" and session.folder is None:
            page = "compare"
        with QSignalBlocker(self.tabs):
            self.tabs.setCurrentIndex(PAGES.index(page))
        for name, action in self.actions.items():
            action.setChecked(name == page)
        if page == "overview":
            self._stack.setCurrentWidget(self._overview)
            session.request_overview()
        elif page == "story":
            self._stack.setCurrentWidget(self._story)
            self._story_due()
        elif self.current() != "compare":
            self._stack.setCurrentWidget(self._view if self._view.comparison else self._empty)

    def show_story_of(self, paths: list[str] | None) -> None:
        """Work out and show the story of some listed articles (None: all of them)."""
        listing = self._session.listing
        if paths is None:
            paths = [a.path for a in listing.articles] if listing else []
        self.story_paths = paths
        self._session.request_story(paths)
        self.show("story")

    def _story_of_event(self) -> None:
        self.story_paths = None
        self._story_again()

    def _story_again(self) -> None:
        self._session.request_story(self.story_paths)
        self.show("story")

    def folder_listed(self) -> None:
        """A folder's articles are known: the story tab on screen gets its story."""
        listing = self._session.listing
        self._story.folder_articles = len(listing.articles) if listing else 0
        if self.current() == "story":
            self._story_due()

    def _story_due(self) -> None:
        """Work out the story on screen if none is shown or due; a large folder's story waits
        until asked (its pairs could take many minutes)."""
        session = self._session
        if session.listing is None:
            return
        shown = self._story.model.story
        if session.story_of is not None and not (
                self.story_paths is None and shown is not None and session.left is not None
                and session.left not in {a.path for a in shown.articles}):
            return  # shown or due; unless it is the event of a pair now about another event
        count = len(session.listing.articles)
        if self.story_paths is None and count > AUTO_STORY:
            self._story.set_prompt(count)
            return
        session.request_story(self.story_paths)

    def _refresh(self) -> None:
        """The folder changed on disk: the folder's view on screen is worked out again."""
        session = self._session
        self._story.folder_articles = len(session.listing.articles) if session.listing else 0
        if self.story_paths is not None:  # a selection keeps the articles still readable
            self.story_paths = [p for p in self.story_paths
                                if session.listing and session.listing.find(p)]
        if self.current() == "overview":
            session.request_overview()
        elif self.current() == "story":
            self._story_due()

    def show_passage(self, left: str, right: str, left_span: Span, right_span: Span) -> None:
        """Compare two articles and show two passages of theirs (a claim's sentences)."""
        self.passage = (left, right, left_span, right_span)
        on_screen = self._view.comparison
        self.show("compare")
        self._session.set_pair(left, right)
        if on_screen is not None and (on_screen.left.path, on_screen.right.path) == (left,
                                                                                    right):
            QTimer.singleShot(0, self._reveal_passage)

    def _compared(self, comparison: Comparison) -> None:
        if self.current() == "story":
            self._story_due()  # a pair about another event has another story
        if self.passage is not None and self.passage[:2] == (comparison.left.path,
                                                             comparison.right.path):
            QTimer.singleShot(0, self._reveal_passage)  # once the view shows it, laid out

    def _reveal_passage(self) -> None:
        c, passage = self._view.comparison, self.passage
        if c is None or passage is None or passage[:2] != (c.left.path, c.right.path):
            return
        self.passage = None
        self._view.show_passage(passage[2], passage[3])


def _tabs() -> QTabBar:
    tabs = QTabBar()
    tabs.setObjectName("viewTabs")
    tabs.setDocumentMode(True)
    tabs.setExpanding(False)
    for n, page in enumerate(PAGES):
        text, _menu, keys, tip = _VIEWS[page]
        tabs.addTab(text)
        tabs.setTabToolTip(n, f"{tip} ({keys})" if keys else tip)
    tabs.hide()
    return tabs
