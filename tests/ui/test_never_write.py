"""Twofold never writes into the folder it reads: not the window, not the command line."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from twofold.ui.mainwindow import MainWindow

from .conftest import shown_window

Snapshot = dict[str, tuple[str, int, int] | tuple[str, int]]


def snapshot(folder: Path) -> Snapshot:
    """Every file and folder below `folder`, hidden ones too: bytes hash, size and mtime (ns);
    folders by mtime, which moves when anything is created or removed in them, even briefly."""
    found: Snapshot = {".": ("dir", folder.stat().st_mtime_ns)}
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            path = Path(root, name)
            found[str(path.relative_to(folder))] = ("dir", path.stat().st_mtime_ns)
        for name in files:
            path = Path(root, name)
            st = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[str(path.relative_to(folder))] = (digest, st.st_size, st.st_mtime_ns)
    return found


def _use_the_window(w: MainWindow, qtbot, folder: Path, out: Path) -> None:  # type: ignore[no-untyped-def]
    """Everything a reader does with a folder, exports included (to `out`)."""
    with qtbot.waitSignal(w.comparisonShown, timeout=120_000):
        w.open_folder(str(folder))
    c = w.view.comparison  # the two most alike articles: they differ on some facts
    entity = next(e for e in c.left_entities if e.mentions)
    tree = w.entities.trees["left"]
    item = w.entities.item_for("left", entity.key)
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualItemRect(item).center())
    assert w.view.left.layers.ranges("entity")
    assert c.divergences
    listing = w.divergences.list
    rect = listing.visualItemRect(w.divergences.item_at(0))
    with qtbot.waitSignal(w.divergences.divergenceActivated, timeout=5000):
        QTest.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    w.actions_["find"].trigger()
    qtbot.keyClicks(w.view.findbar.field, "Niger")
    qtbot.keyClick(w.view.findbar.field, Qt.Key.Key_Return)
    assert w.view.left.layers.ranges("find")
    shown = {w.left_path, w.right_path}
    paths = w.articles.paths()
    with qtbot.waitSignal(w.comparisonShown, timeout=120_000):
        w.compare_pair(paths[0], next(p for p in paths[1:] if {paths[0], p} != shown))
    w.actions_["swap"].trigger()
    for _ in range(2):
        w.actions_["follow"].trigger()
    c = w.view.comparison
    for fmt in ("html", "pdf", "json"):
        with qtbot.waitSignal(w.exporter.exported, timeout=120_000):
            assert w.exporter.export_to(c, fmt, str(out / f"report.{fmt}"))
    with qtbot.waitSignal(w.runner.finished, timeout=120_000,
                          check_params_cb=lambda channel, *_: channel == "overview"):
        w.actions_["overview"].trigger()
    assert w.overview.model.overview is not None
    w.centre.show("compare")
    w.close()
    qtbot.waitUntil(lambda: not w.runner.busy and not w.exporter.runner.busy, timeout=60_000)


def _run_the_cli(folder: Path, out: Path, cache: Path) -> None:
    files = sorted(str(p) for p in folder.glob("*.txt"))
    env = {**os.environ, "TWOFOLD_CACHE_DIR": str(cache), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(cache / "config")}
    runs = [["compare", files[0], files[1], "--format", "html", "-o", str(out / "cli.html")],
            ["compare", files[1], files[2], "--format", "pdf", "-o", str(out / "cli.pdf")],
            ["compare", files[2], files[3], "--format", "json", "-o", str(out / "cli.json")],
            ["compare", files[3], files[4], "--format", "text"],
            ["overview", str(folder), "--format", "json"],
            ["overview", str(folder), "--format", "text"]]
    for args in runs:
        done = subprocess.run([sys.executable, "-m", "twofold", *args], env=env, cwd=out,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, (args, done.stderr)
    assert all((out / name).stat().st_size > 0 for name in ("cli.html", "cli.pdf", "cli.json"))


@pytest.mark.e2e
def test_the_folder_read_is_never_written(qtbot, compare_fn, seeds: Path,
                                          tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "articles"
    shutil.copytree(seeds, folder)
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(folder)
    assert len([k for k, v in before.items() if v[0] != "dir"]) == 5
    w = shown_window(qtbot, compare_fn)
    _use_the_window(w, qtbot, folder, out)
    _run_the_cli(folder, out, tmp_path / "cli-cache")
    assert snapshot(folder) == before
    assert {p.name for p in out.iterdir()} >= {"report.html", "report.pdf", "report.json"}
