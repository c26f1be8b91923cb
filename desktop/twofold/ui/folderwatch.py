"""Watches the opened folder: files added, changed or removed are reported once they settle."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 300  # editors and downloads write in bursts; one report per burst


class FolderWatch(QObject):
    """A QFileSystemWatcher on one folder and its files, debounced into one `changed` signal."""

    changed = Signal(str)  # the folder

    def __init__(self, parent: QObject | None = None, settle_ms: int = SETTLE_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._poke)
        self._watcher.fileChanged.connect(self._poke)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self._settled)
        self._folder: str | None = None

    @property
    def folder(self) -> str | None:
        """The folder watched, if any."""
        return self._folder

    def paths(self) -> list[str]:
        """Every folder and file watched."""
        return self._watcher.directories() + self._watcher.files()

    def watch(self, folder: str | None) -> None:
        """Watch `folder` (None: stop watching); its files are added with `watch_files`."""
        self._timer.stop()
        watched = self.paths()
        if watched:  # Qt warns about an empty list
            self._watcher.removePaths(watched)
        self._folder = folder
        if folder:
            self._watcher.addPath(folder)

    def watch_files(self, paths: Iterable[str]) -> None:
        """Watch these files for changes too (again after a save replaced one)."""
        if self._folder is None:
            return
        known = set(self._watcher.files())
        fresh = [p for p in paths if p and p not in known]
        if fresh:
            self._watcher.addPaths(fresh)

    def _poke(self, _path: str) -> None:
        self._timer.start()

    def _settled(self) -> None:
        if self._folder is not None:
            self.changed.emit(self._folder)
