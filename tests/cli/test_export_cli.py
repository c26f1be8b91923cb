"""`twofold compare --format html|pdf|json|text --output FILE`: files written headless, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from twofold.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LEFT, RIGHT = str(SEEDS / "000_7d6b5b0c9a6b4410.txt"), str(SEEDS / "002_a80ea5b9d18b3025.txt")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in a fresh process, with no display (as on a server)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "twofold", *args], capture_output=True,
                          text=True, env=env, timeout=600)


def test_html_output_is_written_and_parses(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    done = run("compare", LEFT, RIGHT, "--format", "html", "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    page = out.read_text(encoding="utf-8")
    HTMLParser().feed(page)
    assert page.startswith("<!DOCTYPE html>") and "Niger Breaks Off" in page


def test_pdf_output_is_written_without_a_display(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    done = run("compare", LEFT, RIGHT, "--format", "pdf", "-o", str(out))
    assert done.returncode == 0, done.stderr
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 1
    text = " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())
    assert "Niger Junta Cancels Military Cooperation" in text


def test_json_and_text_accept_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", LEFT, RIGHT, "--format", "json", "-o", str(tmp_path / "c.json")]) == 0
    assert main(["compare", LEFT, RIGHT, "--format", "text", "-o", str(tmp_path / "c.txt")]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads((tmp_path / "c.json").read_text("utf-8"))["schema"] == \
        "twofold/comparison@1"
    assert "Similarity" in (tmp_path / "c.txt").read_text("utf-8")


def test_html_without_output_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", LEFT, RIGHT, "--format", "html"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(("extra", "says"), [
    (["--format", "pdf"], "needs --output"),
    (["--format", "html", "-o", "/nonexistent-folder/r.html"], "does not exist"),
    (["--format", "html", "-o", "."], "is a folder"),
])
def test_output_errors_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], extra: list[str], says: str
) -> None:
    assert main(["compare", LEFT, RIGHT, *extra]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1


def test_an_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["compare", LEFT, RIGHT, "--format", "xml"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_output_never_overwrites_an_article(capsys: pytest.CaptureFixture[str]) -> None:
    before = Path(RIGHT).read_bytes()
    assert main(["compare", LEFT, RIGHT, "--format", "html", "-o", RIGHT]) == 2
    assert "one of the articles" in capsys.readouterr().err
    assert Path(RIGHT).read_bytes() == before


def test_unreadable_input_exits_3_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.html"
    assert main(["compare", LEFT, str(tmp_path / "missing.txt"), "--format", "html",
                 "-o", str(out)]) == 3
    assert capsys.readouterr().err.startswith("twofold: ")
    assert list(tmp_path.iterdir()) == []
