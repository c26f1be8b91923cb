"""`twofold overview`: the JSON contract, the text report, and the errors people see."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from twofold.cli import COMMANDS, main

STORY = ("Niger's military government ended its defence cooperation agreement with the United "
         "States on Saturday, its spokesman said on national television in Niamey.")


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "folder"
    root.mkdir()
    (root / "one.txt").write_text("Niger ends pact\n" + STORY, encoding="utf-8")
    (root / "two.json").write_text(json.dumps({"title": "Junta ends accord", "source": "Wire",
                                               "text": STORY + " Officials gave no detail."}))
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    return root


def test_overview_is_a_subcommand() -> None:
    assert "overview" in COMMANDS


def test_json_contract(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, err = run_cli(capsys, "overview", str(folder), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["schema"] == "twofold/overview@1" and data["folder"] == str(folder)
    assert [Path(a["path"]).name for a in data["articles"]] == ["one.txt", "two.json"]
    assert data["articles"][1]["source"] == "Wire"
    assert [Path(s["path"]).name for s in data["skipped"]] == ["photo.jpg"]
    assert data["similarity"][0][0] == 1.0 and data["similarity"][0][1] > 0.5
    assert data["clusters"] == [[0, 1]]
    [rewrite] = data["rewrites"]
    assert (rewrite["article"], rewrite["source"]) == (0, 1) and rewrite["score"] > 0.9


def test_text_report(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, _ = run_cli(capsys, "overview", str(folder))
    assert code == 0
    for needle in ("2 articles, 1 skipped", "Niger ends pact", "photo.jpg", "Similarity",
                   "Clusters", "1 rewrites 2  similarity"):
        assert needle in out
    # numbered from 1, as the window numbers the articles; the JSON's indices count from 0
    table = out.split("Title / file\n", 1)[1].splitlines()
    assert table[0].split()[0] == "1" and table[1].split()[0] == "2"
    assert "\n  1, 2\n" in out


def test_sample_folder_through_the_installed_command(seeds: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "twofold", "overview", str(seeds),
                          "--format", "json"], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert len(data["articles"]) == 5 and len(data["similarity"]) == 5


@pytest.mark.parametrize("target", ["missing", "one.txt"])
def test_unreadable_folder_is_one_line_and_exit_3(capsys: pytest.CaptureFixture[str],
                                                  folder: Path, target: str) -> None:
    code, out, err = run_cli(capsys, "overview", str(folder / target))
    assert code == 3 and out == ""
    assert err.startswith("twofold: ") and err.count("\n") == 1


@pytest.mark.parametrize("args", [["overview"], ["overview", ".", "--format", "xml"]])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2
    assert capsys.readouterr().err.startswith("twofold: ")


def test_empty_folder_is_not_an_error(capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, "overview", str(tmp_path), "--format", "json")
    assert code == 0
    assert json.loads(out)["articles"] == []
