"""The window's state in one place: the open folder, its listing, the pair, and the work on them.

The session runs engine functions in the background (one typed channel per kind of work), keeps
the folder watched, and says by signal what to show; widgets never decide what to compare next.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, Signal

from twofold.engine.library.index import Listing
from twofold.engine.model import Comparison, Divergence

from .dismissals import Dismissals
from .folderwatch import FolderWatch
from .jobs import (
    Channel,
    Check,
    CompareFn,
    FolderListing,
    cancelled_text,
    engine_compare,
    folder_overview,
    folder_story,
    list_files,
    list_folder,
    read_ahead,
)
from .message import Action, Messages
from .worker import JobRunner

log = logging.getLogger(__name__)

_READ_AHEAD = "read-ahead"  # the reader's one channel: background work nobody waits for


class Side(Enum):
    """One of the two articles on screen."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def letter(self) -> str:
        return "L" if self is Side.LEFT else "R"


class _ProgressRelay(QObject):
    """Lives on the GUI thread: a job's progress reaches it queued, tagged with the job."""

    stage = Signal(int, str)  # the session's compare number, the stage
    pairs = Signal(int, int)  # a story's pairs compared, of how many


def _readings(listing: Listing | None) -> set[tuple[str, str]]:
    """What a listing read: each readable article's path and content digest."""
    return {(a.path, a.digest) for a in listing.articles} if listing else set()


class Session(QObject):
    """Owns the folder, the pair and the jobs; emits what the window should show."""

    listingShown = Signal(object)  # FolderListing: a folder or two files opened
    listingUpdated = Signal(object)  # FolderListing: the open folder listed again after a change
    sidesChanged = Signal(object, object)  # left path, right path (either may be None)
    comparisonShown = Signal(object)  # Comparison: a new pair, or the pair swapped
    comparisonUpdated = Signal(object)  # Comparison: the same pair after the reader's changes
    overviewWaiting = Signal(str)  # folder whose overview is being computed
    overviewShown = Signal(object)  # Overview, or None when it was reset
    overviewCancelled = Signal()
    storyWaiting = Signal(str)  # what the story is of
    storyShown = Signal(object)  # Story, or None when it was reset
    storyCancelled = Signal()
    storyProgress = Signal(int, int)  # pairs of articles compared so far, of how many
    compareStarted = Signal(str, str)  # left, right: a pair is being compared
    compareProgress = Signal(str, str, str)  # left, right, the engine stage that started
    compareStopped = Signal(str, str, bool)  # left, right, whether cancelled (else it failed)
    busyChanged = Signal(bool, str)  # whether work runs, and what it is
    failed = Signal(object)  # an unexpected exception (a bug): the window reports it

    def __init__(self, compare_fn: CompareFn | None = None, parent: QObject | None = None,
                 *, reads_ahead: bool | None = None) -> None:
        super().__init__(parent)
        self.compare_fn: CompareFn = compare_fn or engine_compare
        # While a pair is on screen, the articles nearest it are analysed in the background
        # (the engine's compare only: a stand-in has nothing to gain from it). Foreground work
        # stops it; each comparison shown starts it again.
        self._can_read_ahead = compare_fn is None if reads_ahead is None else reads_ahead
        self.reads_ahead = self._can_read_ahead
        self.reader = JobRunner(self)
        self.reader.failed.connect(
            lambda _c, _id, err: log.warning("reading ahead failed: %r", err))
        self.reader.finished.connect(
            lambda _c, _id, n: log.info("read %s articles ahead", n))
        self.messages = Messages(self)
        self.runner = JobRunner(self)
        self.runner.finished.connect(self._job_done)
        self.runner.failed.connect(self._job_failed)
        self.runner.busyChanged.connect(lambda busy: busy or self.busyChanged.emit(False, ""))
        self.watch = FolderWatch(self)
        self.watch.changed.connect(self._folder_changed)
        self.folder: str | None = None
        self.listing: Listing | None = None
        self.left: str | None = None
        self.right: str | None = None
        self.comparison: Comparison | None = None  # as the engine gave it
        self.dismissals = Dismissals()
        # Divergences from two sentences that only partly match: shown, marked, unless the
        # reader hides them (on sport or disaster news most are two facts of one kind; on the
        # political development events most are real, the sample's troop count among them).
        self.shows_less_certain = True
        self._overview_folder: str | None = None  # the folder whose overview is shown or due
        self._story_of: tuple[str, ...] | None = None  # the articles whose story is shown or due
        self._story_event: str | None = None  # of those, the event of this article's only
        self._reported_gone: set[str] = set()
        self._comparing: tuple[int, str, str] | None = None  # number, left, right of the job
        self._compares = 0
        self.cancelled_pair: tuple[str, str] | None = None  # the last pair the user stopped
        self._relay = _ProgressRelay(self)
        self._relay.stage.connect(self._stage)
        self._relay.pairs.connect(self.storyProgress)

    # -- opening -------------------------------------------------------------------------------

    def open_folder(self, folder: str) -> bool:
        """List a folder in the background (the two most alike get compared); False if gone."""
        folder = os.path.abspath(folder)
        if not os.path.isdir(folder):
            self.messages.error(f"{folder}: the folder does not exist any more.")
            return False
        self.folder = folder
        self.watch.watch(folder)
        self._reported_gone.clear()
        self._overview_folder = None
        self._story_of = None
        self.overviewShown.emit(None)
        self.storyShown.emit(None)
        self._start(Channel.SCAN, f"Reading {os.path.basename(folder)}…", list_folder, folder,
                    True)
        return True

    def open_files(self, left: str, right: str) -> None:
        """Compare two files given directly (no folder is open then)."""
        self.folder = None
        self.watch.watch(None)
        paths = [os.path.abspath(left), os.path.abspath(right)]
        self._start(Channel.SCAN, "Reading the two files…", list_files, paths)

    # -- the pair ------------------------------------------------------------------------------

    def set_pair(self, left: str | None, right: str | None) -> None:
        """Show `left` and `right` (paths of listed articles); compares when both are set.

        Choosing the article already on the other side moves it: the sides never show one
        article twice, and the messages say so.
        """
        if left is not None and left == right:
            moved = left != self.left  # it was on the right and now goes left: swap
            right = self.left if moved else self.right
            if left == right:
                right = None
            self.messages.info(self._same_article_text(left, moved, right))
        c = self.comparison
        if c is not None and (self.left, self.right) == (c.left.path, c.right.path) and (
                left, right) == (c.right.path, c.left.path):
            self.swap()  # the pair on screen, mirrored: nothing to compare
            return
        self.left, self.right = left, right
        self.sidesChanged.emit(left, right)
        if left and right and self._readable(left) and self._readable(right):
            self._compare(left, right, "Comparing…")

    def _same_article_text(self, path: str, moved_left: bool, other: str | None) -> str:
        name = self.display_name(path)
        if not moved_left:
            return (f"“{name}” is already on the left; choose another article for the right "
                    "to compare it with.")
        if other is None:
            return f"“{name}” moved to the left; choose an article for the right."
        return f"“{name}” moved to the left, so “{self.display_name(other)}” moved to the right."

    def display_name(self, path: str) -> str:
        """How the list names the article at `path` (its title, else its opening words)."""
        summary = self.listing.find(path) if self.listing is not None else None
        name = summary.name if summary is not None and summary.name else os.path.basename(path)
        return name if len(name) <= 60 else name[:59].rstrip() + "…"

    def _compare(self, left: str, right: str, label: str) -> None:
        """Compare a pair in the background, relaying the engine's stages as it goes."""
        self._compares += 1
        number, compare_fn, relay = self._compares, self.compare_fn, self._relay
        self._comparing = (number, left, right)

        def job(left: str, right: str, *, cancelled: Check) -> Comparison:
            return compare_fn(left, right, cancelled=cancelled,
                              progress=lambda stage: relay.stage.emit(number, stage))
        self.compareStarted.emit(left, right)
        self._start(Channel.COMPARE, label, job, left, right)

    def _stage(self, number: int, stage: str) -> None:
        if self._comparing is not None and self._comparing[0] == number:
            self.compareProgress.emit(self._comparing[1], self._comparing[2], stage)

    def compare_again(self) -> None:
        """Compare the pair whose comparison the user cancelled last."""
        if self.cancelled_pair is not None:
            self.set_pair(*self.cancelled_pair)

    def choose(self, side: Side, path: str) -> None:
        """Put the article at `path` on one side."""
        if side is Side.LEFT:
            self.set_pair(path, self.right)
        else:
            self.set_pair(self.left, path)

    def activate(self, path: str) -> None:
        """An article was opened from the list: it fills the left side first, then the right."""
        if self.left is None:
            self.set_pair(path, self.right)
        elif path != self.left:
            self.set_pair(self.left, path)

    def swap(self) -> None:
        """Exchange the left and right article (the comparison shown is mirrored, not redone)."""
        self.left, self.right = self.right, self.left
        self.sidesChanged.emit(self.left, self.right)
        if self.comparison is not None:
            self.runner.cancel(Channel.COMPARE)
            self._comparing = None
            self._show(self.comparison.swapped())

    def _readable(self, path: str) -> bool:
        return self.listing is not None and self.listing.find(path) is not None

    # -- overview ------------------------------------------------------------------------------

    def request_overview(self) -> None:
        """Compute the open folder's overview in the background, unless it is current."""
        if self.folder is None or self._overview_folder == self.folder:
            return
        self._overview_folder = self.folder
        self.overviewWaiting.emit(self.folder)
        self._start(Channel.OVERVIEW, "Relating the folder's articles…", folder_overview,
                    self.folder)

    # -- story ---------------------------------------------------------------------------------

    @property
    def story_of(self) -> tuple[str, ...] | None:
        """The articles whose story is shown or being worked out (None: no story)."""
        return self._story_of

    def request_story(self, paths: Sequence[str] | None = None) -> None:
        """Work out the story of `paths` (default: the listed articles about the event of the
        pair on screen), unless it is shown or due."""
        listed = [a.path for a in self.listing.articles] if self.listing else []
        chosen = tuple(listed if paths is None else paths)
        if len(chosen) < 2:
            self.messages.info("A story needs at least two readable articles: select two or "
                               "more in the Articles list, or open a folder that holds them.")
            return
        event_of = self.left if paths is None and self.folder and len(chosen) > 2 else None
        if (chosen, event_of) == (self._story_of, self._story_event):
            return
        self._story_of, self._story_event = chosen, event_of
        if event_of is not None:
            what = (f"the articles of {os.path.basename(str(self.folder))} about the event of "
                    f"“{self.display_name(event_of)}”")
        elif chosen == tuple(listed) and self.folder:
            what = f"all {len(chosen)} articles of {os.path.basename(self.folder)}"
        else:
            what = f"{len(chosen)} selected articles"
        self.storyWaiting.emit(what)
        relay = self._relay
        self._start(Channel.STORY, "Working out the story…", folder_story, chosen, self.folder,
                    self.compare_fn, lambda done, total: relay.pairs.emit(done, total), event_of)

    # -- work ----------------------------------------------------------------------------------

    def _start(self, channel: Channel, label: str, fn: Callable[..., Any], *args: Any) -> None:
        self.reader.cancel_all()  # the foreground job gets the processor
        self.busyChanged.emit(True, label)
        self.runner.submit(channel, fn, *args, cancellable=True)

    def cancel(self) -> list[Channel]:
        """Stop the work in progress; the sides go back to the pair on screen."""
        channels = [Channel(c) for c in self.runner.cancel_all()]
        if not channels:
            return []
        stopped = self._comparing if Channel.COMPARE in channels else None
        self._comparing = None
        c = self.comparison
        if Channel.COMPARE in channels and c is not None and all(
                self._readable(p) for p in (c.left.path, c.right.path)):
            self.left, self.right = c.left.path, c.right.path
            self.sidesChanged.emit(self.left, self.right)
        if Channel.OVERVIEW in channels:
            self._overview_folder = None
            self.overviewCancelled.emit()
        if Channel.STORY in channels:
            self._story_of = None
            self.storyCancelled.emit()
        again = None
        if stopped is not None:
            self.cancelled_pair = stopped[1:]
            again = Action("Compare Again", self.compare_again)
            self.compareStopped.emit(stopped[1], stopped[2], True)
        self.messages.info(cancelled_text(channels), action=again)
        log.info("cancelled by the user: %s", ", ".join(channels))
        return channels

    def _job_done(self, channel: str, _job_id: int, result: object) -> None:
        if channel == Channel.SCAN and isinstance(result, FolderListing):
            self._listed(result)
        elif channel == Channel.RESCAN and isinstance(result, FolderListing):
            self._relisted(result)
        elif channel == Channel.COMPARE and isinstance(result, Comparison):
            self._comparing = None
            self._show(result)
            self._read_ahead()
        elif channel == Channel.OVERVIEW and getattr(result, "folder", None) == self.folder:
            self.overviewShown.emit(result)
        elif channel == Channel.STORY and result is not None:
            self.storyShown.emit(result)

    def _job_failed(self, channel: str, _job_id: int, error: object) -> None:
        if channel == Channel.COMPARE and self._comparing is not None:
            _number, left, right = self._comparing
            self._comparing = None
            self.compareStopped.emit(left, right, False)
        if channel == Channel.OVERVIEW:
            self._overview_folder = None  # try again next time the overview is shown
            self.overviewShown.emit(None)
        if channel == Channel.STORY:
            self._story_of = None
            self.storyShown.emit(None)
        if isinstance(error, BaseException) and not self.messages.report(error):
            self.failed.emit(error)

    def set_reading_ahead(self, on: bool) -> None:
        """Turn reading ahead on (it starts for the pair on screen) or off (what is being read
        stops)."""
        self.reads_ahead = on and self._can_read_ahead
        if self.reads_ahead:
            self._read_ahead()
        else:
            self.reader.cancel_all()

    def _read_ahead(self) -> None:
        """Analyse the articles nearest the pair on screen while nothing else runs."""
        if (self.reads_ahead and self.folder is not None and self.listing is not None
                and self.left and self.right and not self.runner.pending):
            self.reader.submit(_READ_AHEAD, read_ahead, self.listing, (self.left, self.right),
                               cancellable=True)

    def _show(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.dismissals.load(comparison)
        self.comparisonShown.emit(self.shown())

    def shown(self) -> Comparison | None:
        """The comparison on screen: without the divergences the reader dismissed, nor the less
        certain ones unless they are asked for."""
        from twofold.engine.divergences.dismissed import without_dismissed

        c = self.comparison
        if c is None:
            return None
        c = without_dismissed(c, self.dismissals.ids)
        if self.shows_less_certain:
            return c
        return dataclasses.replace(
            c, divergences=tuple(d for d in c.divergences if not d.less_certain))

    def less_certain(self) -> int:
        """How many divergences of the pair (not dismissed) are less certain, shown or not."""
        from twofold.engine.divergences.dismissed import without_dismissed

        if self.comparison is None:
            return 0
        kept = without_dismissed(self.comparison, self.dismissals.ids).divergences
        return sum(d.less_certain for d in kept)

    def set_showing_less_certain(self, on: bool) -> None:
        """Show or hide the less certain divergences (see `Divergence.less_certain`)."""
        if on == self.shows_less_certain:
            return
        self.shows_less_certain = on
        if self.comparison is not None:
            self.comparisonUpdated.emit(self.shown())

    # -- the reader's judgements ---------------------------------------------------------------

    def dismiss(self, divergence: Divergence) -> None:
        """Leave a divergence out for this pair ("not a divergence"); the message offers Undo."""
        if self.comparison is None:
            return
        try:
            self.dismissals.dismiss(divergence)
        except OSError as err:
            self.messages.report(err, "Could not remember the dismissal: ")
            return
        self.comparisonUpdated.emit(self.shown())
        self.messages.info(f"Dismissed “{divergence.note}” as not a divergence for this pair.",
                           action=Action("Undo", self.undo_dismiss))

    def undo_dismiss(self) -> None:
        """Show the divergence dismissed last again."""
        if self.dismissals.undo():
            self.comparisonUpdated.emit(self.shown())

    def restore_dismissed(self) -> None:
        """Show every dismissed divergence of the pair again."""
        self.dismissals.restore_all()
        self.comparisonUpdated.emit(self.shown())

    def correct_entity(self, key: str, label: str | None) -> None:
        """Give the entity `key` the type `label` (None: the engine's own) and show it."""
        from twofold.engine.entities import corrections

        if self.comparison is None:
            return
        if label is None:
            corrections.clear_correction(key)
            # The engine's own type is in its cached comparison: read it again (no new work).
            self._compare(self.comparison.left.path, self.comparison.right.path,
                          "Showing Twofold's type…")
            return
        corrections.set_correction(key, label)  # type: ignore[arg-type]
        self.comparison = corrections.corrected(self.comparison)
        self.comparisonUpdated.emit(self.shown())

    def _listed(self, found: FolderListing) -> None:
        self.listing = found.listing
        skipped = found.listing.skipped
        if len(skipped) == 1:
            self.messages.warning(f"{skipped[0].name} cannot be compared: {skipped[0].reason}")
        elif skipped:
            self.messages.warning(
                f"{len(skipped)} files cannot be compared (hover them in the list for the "
                "reason): " + ", ".join(s.name for s in skipped[:4])
                + ("…" if len(skipped) > 4 else ""))
        if not found.listing.articles:
            self.messages.error("No readable articles here: Twofold reads text, Markdown, web "
                                "pages, Word, PDF, RTF, e-mail and JSON files.")
        elif len(found.listing.articles) == 1:
            self.messages.info("Only one readable article here; add another to compare.")
        self._watch_files()
        self.listingShown.emit(found)
        if found.pair:
            self.set_pair(*found.pair)

    # -- watching the folder --------------------------------------------------------------------

    def _watch_files(self) -> None:
        if self.listing is not None:
            self.watch.watch_files([a.path for a in self.listing.articles]
                                   + [s.path for s in self.listing.skipped])

    def _folder_changed(self, folder: str) -> None:
        """Files of the open folder were added, changed or removed: list it again."""
        if folder != self.folder:
            return
        if self._overview_folder == folder:
            self._overview_folder = None
            self.request_overview()
        self._start(Channel.RESCAN, "Updating the list…", list_folder, folder,
                    self.comparison is None)

    def _relisted(self, found: FolderListing) -> None:
        """Show the folder's files again; compare again when a side changed on disk."""
        if found.listing.folder != self.folder:
            return
        before = _readings(self.listing)
        self.listing = found.listing
        self._watch_files()
        if _readings(found.listing) != before:
            self._folder_views_stale()
        self.listingUpdated.emit(found)
        c = self.comparison
        if c is None:
            if found.pair and not (self.left and self.right):
                self.set_pair(*found.pair)  # a second readable article arrived
            return
        shown = {c.left.path: c.left, c.right.path: c.right}
        sides = ((Side.LEFT, self.left), (Side.RIGHT, self.right))
        if not all(path in shown for _side, path in sides):
            return  # another pair is being compared; it reads the files as listed now
        gone, changed = False, []
        for side, path in sides:
            assert path is not None
            summary = found.listing.find(path)
            if summary is None:
                gone = True
                if path not in self._reported_gone:
                    self._reported_gone.add(path)
                    self.messages.warning(
                        f"{os.path.basename(path)} was removed from the folder or can no longer "
                        f"be read; the {side.value} pane keeps its last text.")
                continue
            self._reported_gone.discard(path)
            if not summary.describes(shown[path]):
                changed.append(path)
        if changed and not gone:
            self.messages.info(f"{os.path.basename(changed[0])} changed on disk; compared again.")
            assert self.left is not None and self.right is not None
            self._compare(self.left, self.right, "Comparing again…")

    def _folder_views_stale(self) -> None:
        """Articles came, went or changed: the overview and the story are worked out again
        when next shown (the window asks at once for the one on screen)."""
        if self._overview_folder is not None:
            self.runner.cancel(Channel.OVERVIEW)
            self._overview_folder = None
            self.overviewShown.emit(None)
        if self._story_of is not None:
            self.runner.cancel(Channel.STORY)
            self._story_of = None
            self.storyShown.emit(None)

    def shut_down(self) -> list[str]:
        """Stop watching and cancel every job; return the channels stopped."""
        self.watch.watch(None)
        self.reader.cancel_all()
        return self.runner.cancel_all()
