"""Starting the app, settings, drag and drop, the articles list and error reporting."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from twofold.cli import parse
from twofold.engine.errors import ModelMissing
from twofold.ui import app, crash, settings
from twofold.ui.mainwindow import MainWindow


def test_screenshot_of_the_sample_folder(qapp, seeds, tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    assert app.run(parse(["--screenshot", str(out), "--size", "1024x700", str(seeds)])) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)


def test_screenshot_of_the_empty_window(qapp, tmp_path: Path) -> None:
    out = tmp_path / "empty.png"
    assert app.run(parse(["--screenshot", str(out)])) == 0
    assert out.stat().st_size > 0


@pytest.mark.parametrize("argv", [["a", "b", "c"], ["/no/such/folder"], ["--size", "big"],
                                  ["--theme", "purple"]])
def test_bad_arguments_are_usage_errors(argv: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse(argv)
    assert exit_info.value.code == 2
    assert "twofold" in capsys.readouterr().err


def test_recent_folders_are_remembered(window: MainWindow, qtbot, seeds) -> None:
    with qtbot.waitSignal(window.listingShown, timeout=30_000):
        window.open_folder(str(seeds))
    assert settings.load(settings.RECENT_FOLDERS)[0] == str(seeds)
    assert any(str(seeds) in a.text() for a in window.menus.recent.actions())


def test_geometry_and_docks_are_restored(qtbot, compare_fn) -> None:
    first = MainWindow(compare_fn=compare_fn)
    qtbot.addWidget(first)
    first.resize(780, 560)
    first.show()
    first.entities_dock.hide()
    first.close()
    second = MainWindow(compare_fn=compare_fn)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (780, 560)
    assert not second.entities_dock.isVisible()


def test_dropping_two_files_compares_them(window: MainWindow, qtbot, seeds) -> None:
    files = sorted(str(p) for p in seeds.glob("*.txt"))[:2]
    with qtbot.waitSignal(window.comparisonShown, timeout=120_000) as blocker:
        window.open_dropped(files)
    c = blocker.args[0]
    assert (c.left.path, c.right.path) == (files[0], files[1])


def test_dropping_one_file_explains_what_to_drop(window: MainWindow, seeds) -> None:
    window.open_dropped([str(next(seeds.glob("*.txt")))])
    assert window.messages.messages()[-1][0] == "warning"


def test_unreadable_file_is_listed_grey_with_its_reason(window, qtbot, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("A headline\n\nSome text about a thing.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 500)
    with qtbot.waitSignal(window.listingShown, timeout=30_000):
        window.open_folder(str(tmp_path))
    item = window.articles.item_for(str(tmp_path / "bad.txt"))
    assert item is not None
    assert "\n" in item.text(0)  # file name, then the reason
    assert "Cannot be compared" in item.toolTip(0)
    assert not item.flags() & Qt.ItemFlag.ItemIsSelectable
    assert any(level == "info" for level, _ in window.messages.messages())  # only one readable


def test_keyboard_and_context_menu_choose_sides(window, qtbot, seeds) -> None:
    with qtbot.waitSignal(window.comparisonShown, timeout=120_000):
        window.open_folder(str(seeds))
    paths = window.articles.paths()
    window.articles.select(paths[4])
    window.articles.tree.setFocus()
    with qtbot.waitSignal(window.comparisonShown, timeout=120_000):
        qtbot.keyClick(window.articles.tree, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.left_path == paths[4]
    actions = [a.text() for a in (window.articles.left_action, window.articles.right_action)]
    assert actions == ["Set as &Left", "Set as &Right"]


def test_double_click_sets_the_right_article(window, qtbot, seeds) -> None:
    with qtbot.waitSignal(window.comparisonShown, timeout=120_000):
        window.open_folder(str(seeds))
    target = next(p for p in window.articles.paths()
                  if p not in (window.left_path, window.right_path))
    tree = window.articles.tree
    rect = tree.visualItemRect(window.articles.item_for(target))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.comparisonShown, timeout=30_000):
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.right_path == target


def test_missing_model_is_a_message_not_a_dialog(qtbot, seeds) -> None:
    def no_model(*_args: object, **_kwargs: object) -> None:
        raise ModelMissing("The English language model is not installed; run 'make install'")

    window = MainWindow(compare_fn=no_model, restore=False)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.runner.failed, timeout=30_000):
        window.open_folder(str(seeds))
    level, text = window.messages.messages()[-1]
    assert level == "error" and "make install" in text
    window.runner.wait()


def test_unexpected_error_opens_a_dialog_with_the_log_path(qtbot, seeds, monkeypatch) -> None:
    shown: list[QMessageBox] = []
    original = crash.report

    def spy(exc: BaseException, parent=None):  # type: ignore[no-untyped-def]
        box = original(exc, parent)
        shown.append(box)
        return box

    monkeypatch.setattr(crash, "report", spy)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("engine bug")

    window = MainWindow(compare_fn=broken, restore=False)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.runner.failed, timeout=30_000):
        window.open_folder(str(seeds))
    assert shown and str(crash.log_path()) in shown[0].informativeText()
    assert "RuntimeError" in shown[0].detailedText()
    shown[0].close()
    window.runner.wait()


def test_message_bar_dismisses(window: MainWindow, qtbot) -> None:
    message = window.messages.error("Something failed")
    assert window.messages.isVisible()
    message.dismiss()
    assert window.messages.messages() == []
    qtbot.waitUntil(lambda: not window.messages.isVisible())


def test_empty_state_lists_recent_folders(qtbot, seeds) -> None:
    settings.remember_folder(str(seeds))
    window = MainWindow(restore=False)
    qtbot.addWidget(window)
    assert window.empty.recent_title.isVisibleTo(window.empty)
    button = window.empty._recent_buttons[0]
    with qtbot.waitSignal(window.listingShown, timeout=30_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    window.runner.wait(60_000)


@pytest.mark.parametrize("fails", [False, True])
def test_the_engine_warms_up_beside_the_window(fails: bool, monkeypatch: pytest.MonkeyPatch,
                                               caplog: pytest.LogCaptureFixture) -> None:
    from twofold.engine import compare

    calls: list[int] = []

    def warm_up() -> None:
        calls.append(1)
        if fails:
            raise ModelMissing("The English language model is not installed")

    monkeypatch.setattr(compare, "warm_up", warm_up)
    with caplog.at_level("INFO", logger="twofold"):
        thread = app._warm_engine()
        thread.join(30)
    assert calls == [1] and not thread.is_alive() and not thread.daemon
    assert ("not warmed up" in caplog.text) is fails  # told to the log, never raised
