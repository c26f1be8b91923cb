"""File > Export comparison as HTML, PDF or JSON, and the story view's export: ask for a file,
write it off the GUI thread."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from twofold.engine.model import Comparison
from twofold.engine.story import Story
from twofold.export import ExportFormat, export_comparison
from twofold.export.files import output_problem
from twofold.export.story import StoryFormat, export_story

from .jobs import Channel
from .message import Messages
from .statusbar import CompareStatus
from .worker import JobRunner

# format -> menu text, shortcut, file dialog filter, suffix
_FORMATS: dict[str, tuple[str, str, str, str]] = {
    "html": ("Export Comparison as &HTML…", "Ctrl+E", "HTML report (*.html *.htm)", ".html"),
    "pdf": ("Export Comparison as &PDF…", "Ctrl+Shift+E", "PDF document (*.pdf)", ".pdf"),
    "json": ("Export Comparison as &JSON…", "Ctrl+Alt+E",
             "Twofold comparison JSON (*.json)", ".json"),
}
_NAMES = {"html": "HTML report", "pdf": "PDF", "json": "JSON file", "csv": "CSV table",
          "text": "text file"}
# story format -> file dialog filter, suffix
_STORY_FORMATS: dict[str, tuple[str, str]] = {
    "html": ("HTML report (*.html *.htm)", ".html"),
    "csv": ("CSV table (*.csv)", ".csv"),
    "json": ("Twofold story JSON (*.json)", ".json"),
    "text": ("Text (*.txt)", ".txt"),
}


def _slug(text: str) -> str:
    words = re.findall(r"\w+", text.lower())
    return "-".join(words)[:40].strip("-") or "article"


def suggested_name(c: Comparison, fmt: ExportFormat) -> str:
    """A file name for the report of `c`: both titles, shortened, safe on every file system."""
    return (f"twofold-{_slug(c.left.display_name)}-vs-{_slug(c.right.display_name)}"
            f"{_FORMATS[fmt][3]}")


def suggested_story_name(story: Story, fmt: StoryFormat) -> str:
    """A file name for a story: its folder's name (else the first title), and the format's
    suffix."""
    what = os.path.basename((story.folder or "").rstrip(os.sep)) or (
        story.articles[0].display_name if story.articles else "")
    return f"twofold-story-{_slug(what)}{_STORY_FORMATS[fmt][1]}"


def _with_suffix(path: str, fmt: str, suffix: str) -> str:
    suffixes = {".htm", ".html"} if fmt == "html" else {suffix}
    return path if Path(path).suffix.lower() in suffixes else path + suffix


def start_folder(last: str | None, articles: tuple[str, ...]) -> str:
    """Where the save dialog opens: the folder exported to last, else the current folder (where
    Twofold was started), else Documents or home; never a folder the articles are read from,
    as the window never writes there unasked."""
    reading = [Path(a).resolve().parent for a in articles]

    def fits(folder: str | None) -> bool:
        if not folder or not os.path.isdir(folder):
            return False
        here = Path(folder).resolve()
        return not any(here == r or r in here.parents for r in reading)

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for folder in (last, os.getcwd(), documents, os.path.expanduser("~")):
        if fits(folder):
            return str(folder)
    return os.path.expanduser("~")


class ComparisonExporter(QObject):
    """Owns the export actions; writes the comparison on screen in the background."""

    exported = Signal(str, str)  # format, path
    failed = Signal(str, str)  # format, message

    def __init__(self, window: QWidget, messages: Messages, status: CompareStatus) -> None:
        super().__init__(window)
        self._window = window
        self._messages, self._status = messages, status
        self.comparison: Comparison | None = None  # the comparison on screen
        self.dismissed: frozenset[str] = frozenset()
        self.runner = JobRunner(self)
        self.runner.finished.connect(self._done)
        self.runner.failed.connect(self._failed)
        self.folder: str | None = None  # last folder exported to, this session
        self.actions: dict[str, QAction] = {}
        for fmt, (text, keys, _filter, _suffix) in _FORMATS.items():
            action = QAction(text, window)
            action.setShortcut(QKeySequence(keys))
            tip = f"Save the comparison on screen as a {_NAMES[fmt]}"
            action.setStatusTip(tip)
            action.setToolTip(tip)
            action.setEnabled(False)
            action.triggered.connect(lambda _=False, f=fmt: self.choose_and_export(f))
            window.addAction(action)
            self.actions[f"export-{fmt}"] = action

    def set_comparison(self, comparison: Comparison | None,
                       dismissed: frozenset[str] = frozenset()) -> None:
        """The comparison the export actions write (None: nothing to export), and the ids of
        the divergences the reader dismissed (left out of every report)."""
        self.comparison = comparison
        self.dismissed = dismissed
        for action in self.actions.values():
            action.setEnabled(comparison is not None)

    def _start_folder(self, comparison: Comparison) -> str:
        return start_folder(self.folder, (comparison.left.path, comparison.right.path))

    def choose_and_export(self, fmt: ExportFormat) -> None:
        """Ask where to save the comparison on screen as `fmt`, then write it."""
        comparison = self.comparison
        if comparison is None:
            self._messages.warning("Nothing to export yet: compare two articles first.")
            return
        start = os.path.join(self._start_folder(comparison), suggested_name(comparison, fmt))
        path, _ = QFileDialog.getSaveFileName(
            self._window, f"Export comparison as {_NAMES[fmt]}", start, _FORMATS[fmt][2])
        if path:
            self.export_to(comparison, fmt, _with_suffix(path, fmt, _FORMATS[fmt][3]))

    def export_to(self, comparison: Comparison, fmt: ExportFormat, path: str,
                  dismissed: frozenset[str] | None = None) -> int | None:
        """Write `comparison` to `path` in the background; return the job id (None if refused).

        `dismissed`: divergence ids left out (default: those dismissed on screen)."""
        left_out = self.dismissed if dismissed is None else dismissed
        # One channel per format: two exports of different formats may run side by side.
        return self._write(path, (comparison.left.path, comparison.right.path), fmt,
                           f"Exporting {_NAMES[fmt]}…", f"{Channel.EXPORT}-{fmt}",
                           lambda target: _export(comparison, fmt, target, left_out))

    def choose_and_export_story(self, story: Story | None, fmt: StoryFormat) -> None:
        """Ask where to save the story on screen as `fmt`, then write it."""
        if story is None:
            self._messages.warning("No story to export yet: work one out first.")
            return
        folder = start_folder(self.folder, tuple(a.path for a in story.articles))
        start = os.path.join(folder, suggested_story_name(story, fmt))
        path, _ = QFileDialog.getSaveFileName(
            self._window, f"Export story as {_NAMES[fmt]}", start, _STORY_FORMATS[fmt][0])
        if path:
            self.export_story_to(story, fmt, _with_suffix(path, fmt, _STORY_FORMATS[fmt][1]))

    def export_story_to(self, story: Story, fmt: StoryFormat, path: str) -> int | None:
        """Write `story` to `path` in the background; return the job id (None if refused)."""
        return self._write(path, [a.path for a in story.articles], fmt,
                           f"Exporting the story as a {_NAMES[fmt]}…",
                           f"{Channel.EXPORT}-story-{fmt}",
                           lambda target: _export_story(story, fmt, target))

    def _write(self, path: str, articles: Sequence[str], fmt: str, label: str, channel: str,
               job: Callable[[str], tuple[str, str]]) -> int | None:
        """Run `job(target)` in the background unless `path` may not be written (refused
        with the reason); return the job id, or None."""
        target = os.path.abspath(path)
        problem = output_problem(target, articles)
        if problem:
            self._refused(fmt, problem)
            return None
        self.folder = os.path.dirname(target)
        self._status.set_busy(True, label, source=Channel.EXPORT)
        return self.runner.submit(channel, job, target)

    def _done(self, _channel: str, _job_id: int, result: object) -> None:
        fmt, path = result  # type: ignore[misc]
        self._idle()
        self._messages.info(f"Saved the {_NAMES.get(fmt, fmt)} as {path}.")
        self.exported.emit(fmt, str(path))

    def _failed(self, channel: str, _job_id: int, error: object) -> None:
        fmt = channel.rsplit("-", 1)[-1]
        self._idle()
        self._refused(fmt, (error.strerror or str(error)) if isinstance(error, OSError)
                      else str(error))

    def _refused(self, fmt: str, reason: str) -> None:
        message = f"Could not export the {_NAMES.get(fmt, fmt)}: {reason}"
        self._messages.error(message)
        self.failed.emit(fmt, message)

    def _idle(self) -> None:
        if not self.runner.busy:
            self._status.set_busy(False, source=Channel.EXPORT)


def _export_story(story: Story, fmt: StoryFormat, path: str) -> tuple[str, str]:
    """The job: write the story's file (on a pool thread); returns its format and path."""
    export_story(story, path, fmt, generated=datetime.now().astimezone())
    return fmt, path


def _export(comparison: Comparison, fmt: ExportFormat, path: str,
            dismissed: frozenset[str]) -> tuple[str, str]:
    """The job: write the file (runs on a pool thread); returns its format and path."""
    export_comparison(comparison, path, fmt, generated=datetime.now().astimezone(),
                      dismissed=dismissed)
    return fmt, path
