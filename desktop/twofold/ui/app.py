"""Start the window: `run(args)` opens what the command line asked for and runs Qt."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable, Sequence
from types import FrameType

from PySide6.QtCore import QEventLoop, QSize, QSocketNotifier, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from . import crash, settings
from .mainwindow import MainWindow
from .resources import app_icon, load_stylesheet
from .theme import apply_palette

SCREENSHOT_TIMEOUT_MS = 180_000
log = logging.getLogger(__name__)


def run(args: argparse.Namespace) -> int:
    """Run the window with the parsed command line (see `twofold.cli`); return an exit code."""
    size = QSize(*args.size)
    if args.screenshot and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance()
    owns_app = app is None
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "twofold"])
        app.setOrganizationName(settings.ORGANIZATION)
        app.setApplicationName(settings.APPLICATION)
        app.setApplicationDisplayName("Twofold")
        app.setWindowIcon(app_icon() or QIcon())
        app.setStyleSheet(load_stylesheet())
    if owns_app:
        crash.setup_logging()
        crash.install_excepthook()
    mode = args.theme or settings.load(settings.THEME)
    if owns_app:
        apply_palette(mode)
    window = MainWindow(restore=not args.screenshot)
    if args.theme:
        window.set_theme(args.theme, apply=owns_app)
    if args.screenshot:
        return _screenshot(window, args.paths, args.screenshot, size)
    window.show()
    _open(window, args.paths)
    if not owns_app:
        return 0
    _warm_engine()
    restore = _close_on_signals(app)
    try:
        return int(app.exec())
    finally:
        restore()


def _close_on_signals(app: QApplication) -> Callable[[], None]:
    """Ctrl+C in the terminal (SIGINT) and SIGTERM close the window as File > Quit does.

    Qt's event loop holds the main thread, so Python would run its handlers only at the next
    event: the signal's byte on a socket wakes the loop (`signal.set_wakeup_fd`). Returns a
    function that puts the previous handlers back.
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    try:
        previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    except ValueError:  # not the main thread: leave the signals alone
        reader.close()
        writer.close()
        return lambda: None
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: _drain(reader))

    def close(_signum: int, _frame: FrameType | None) -> None:
        QTimer.singleShot(0, app.closeAllWindows)

    previous = {sig: signal.signal(sig, close) for sig in (signal.SIGINT, signal.SIGTERM)}

    def restore() -> None:
        notifier.setEnabled(False)
        signal.set_wakeup_fd(previous_fd)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        reader.close()
        writer.close()

    return restore


def _drain(reader: socket.socket) -> None:
    with contextlib.suppress(OSError):  # nothing left to read
        reader.recv(512)


def _warm_engine() -> threading.Thread:
    """Load the engine's models on a thread of their own while the window opens (the reader
    picks a folder, or it is listed): the first comparison then finds them loaded. A thread the
    process waits for at exit (at most the ~2 s of loading), never stopped in the middle."""
    def warm() -> None:
        try:
            from twofold.engine.compare import warm_up

            warm_up()
        except Exception as err:  # the first comparison says what is missing, and how to fix it
            log.info("engine not warmed up: %s", err)

    thread = threading.Thread(target=warm, name="twofold-warm-up")
    thread.start()
    return thread


def _open(window: MainWindow, paths: Sequence[str]) -> None:
    if len(paths) == 1:
        window.open_folder(paths[0])
    elif len(paths) == 2:
        window.open_files(paths[0], paths[1])


def _screenshot(window: MainWindow, paths: Sequence[str], out: str, size: QSize) -> int:
    """Show the window at `size`, wait for the comparison (if any), save a PNG."""
    window.resize(size)
    window.apply_default_layout(size.width())
    window.show()
    loop = QEventLoop()
    outcome = {"ok": not paths}

    def done(*_: object) -> None:
        outcome["ok"] = True
        # Let the panes lay out and align at their final size before grabbing.
        QTimer.singleShot(150, loop.quit)
    window.comparisonShown.connect(done)
    window.runner.failed.connect(lambda *_: QTimer.singleShot(150, loop.quit))
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(SCREENSHOT_TIMEOUT_MS if paths else 300)
    # Nothing to compare (fewer than two readable files): shoot the listing as it is.
    window.listingShown.connect(
        lambda listing: None if listing.pair else (outcome.update(ok=True),
                                                   QTimer.singleShot(150, loop.quit)))
    _open(window, paths)
    loop.exec()
    window.view.realign()
    ok = window.grab().save(out, "PNG")
    window.runner.wait(30_000)
    window.close()
    if not ok:
        print(f"twofold: could not write {out}", file=sys.stderr)
        return 1
    if not outcome["ok"]:
        print("twofold: the comparison did not finish; the screenshot shows the window as it was",
              file=sys.stderr)
        return 1
    return 0
