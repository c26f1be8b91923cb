"""UI test setup: offscreen Qt, settings and caches in temporary folders, no blocking dialogs."""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt: no display needed, and never the user's cache.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("TWOFOLD_CACHE_DIR", tempfile.mkdtemp(prefix="twofold-ui-cache-"))
os.environ.setdefault("TWOFOLD_LOG", os.path.join(tempfile.mkdtemp(prefix="twofold-ui-log-"),
                                                  "twofold.log"))

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from twofold.engine.model import Comparison

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def real_compare(left: str, right: str, *, cancelled: Callable[[], bool] | None = None,
                 progress: Callable[[str], None] | None = None) -> Comparison:
    """The engine's real compare (spaCy, embeddings), for end-to-end tests."""
    from twofold.engine.compare import compare

    return compare(left, right, cancelled=cancelled, progress=progress)


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The bundled sample folder."""
    return SEEDS


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test reads and writes settings in a fresh folder."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that would open a modal file dialog fails instead of hanging."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    def refuse(*_a: object, **_k: object) -> object:
        raise AssertionError("a test opened a blocking dialog")

    for name in ("getExistingDirectory", "getOpenFileNames", "getOpenFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(refuse))
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "about", staticmethod(refuse))


@pytest.fixture
def compare_fn(request: pytest.FixtureRequest) -> Callable[..., Comparison]:
    """How the window compares: the fast lexical stand-in, or the real engine for tests
    marked `e2e` (end to end: spaCy, embeddings, entities, divergences)."""
    from .fakes import fake_compare

    return real_compare if request.node.get_closest_marker("e2e") else fake_compare


def shown_window(qtbot, compare_fn):  # type: ignore[no-untyped-def]
    """A main window at a fixed size, shown and exposed, without restored settings."""
    from twofold.ui.mainwindow import MainWindow

    w = MainWindow(compare_fn=compare_fn, restore=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def folder_shown(qtbot, folder: Path, compare_fn):  # type: ignore[no-untyped-def]
    """A shown main window with `folder` open, its first pair compared and all work done."""
    w = shown_window(qtbot, compare_fn)
    with qtbot.waitSignal(w.comparisonShown, timeout=30_000):
        w.open_folder(str(folder))
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=30_000)
    return w


@pytest.fixture
def window(qtbot, compare_fn):  # type: ignore[no-untyped-def]
    """A shown main window using the test compare function."""
    w = shown_window(qtbot, compare_fn)
    yield w
    w.runner.wait(60_000)


@pytest.fixture
def folder_window(qtbot, seeds):  # type: ignore[no-untyped-def]
    """The sample folder open, compared with the lexical stand-in."""
    from .fakes import fake_compare

    w = shown_window(qtbot, fake_compare)
    with qtbot.waitSignal(w.comparisonShown, timeout=60_000):
        w.open_folder(str(seeds))
    yield w
    w.runner.wait(60_000)


@pytest.fixture
def compared(window, qtbot, seeds):  # type: ignore[no-untyped-def]
    """The window after opening the sample folder and showing the preselected pair."""
    with qtbot.waitSignal(window.comparisonShown, timeout=120_000):
        window.open_folder(str(seeds))
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=60_000)
    window.view.realign()
    return window


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Ignore the offscreen platform's own notice; every other Qt warning still fails a test."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(r"This plugin does not support "
                                                      r"propagateSizeHints"))
