"""Unexpected exceptions: logged to a file and shown in a dialog with the details, never fatal."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger("twofold")
_shown: list[QMessageBox] = []  # dialogs without a parent must outlive this call


def log_path() -> Path:
    """Where the app writes its log ($TWOFOLD_LOG, else the user log dir)."""
    override = os.environ.get("TWOFOLD_LOG")
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir("twofold", appauthor=False)) / "twofold.log"


def setup_logging() -> Path:
    """Send warnings and errors to the log file; return its path."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def report(exc: BaseException, parent: QWidget | None = None) -> QMessageBox | None:
    """Log an unexpected exception and show it in a non-blocking dialog."""
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error\n%s", details)
    if QApplication.instance() is None:
        return None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Twofold: unexpected error")
    box.setText("Something went wrong that Twofold did not expect. Your files are untouched.")
    box.setInformativeText(f"{type(exc).__name__}: {exc}\n\nThe details were written to "
                           f"{log_path()}. Please include them if you report the problem.")
    box.setDetailedText(details)
    box.setModal(False)
    _shown.append(box)
    box.finished.connect(lambda _r: _shown.remove(box) if box in _shown else None)
    box.show()
    return box


def install_excepthook() -> None:
    """Route uncaught exceptions to `report` (called by `run`, never by tests)."""
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.__traceback__ = tb
        report(exc, QApplication.activeWindow())

    sys.excepthook = hook
