"""`twofold story`: the twofold/story@1 contract, the other formats, and the errors people see."""

import csv
import io
import json
from pathlib import Path

import pytest

from twofold.cli import COMMANDS, main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def story_json(seeds: Path) -> dict:
    import contextlib

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["story", str(seeds), "--format", "json"]) == 0
    return json.loads(buffer.getvalue())


def test_story_is_a_command() -> None:
    assert "story" in COMMANDS


def test_json_follows_the_contract(story_json: dict) -> None:
    assert story_json["schema"] == "twofold/story@1"
    articles = story_json["articles"]
    assert len(articles) == 5
    assert story_json["claims"], "five articles about one event share claims"
    for claim in story_json["claims"]:
        assert set(claim) >= {"id", "members", "divergences"}
        assert claim["members"]
        for m in claim["members"]:
            paragraph = articles[m["article"]]["paragraphs"][m["paragraph"]]["text"]
            assert m["text"] in paragraph and paragraph[m["start"]:m["end"]] == m["text"]
    reported = [len({m["article"] for m in c["members"]}) for c in story_json["claims"]]
    assert reported == sorted(reported, reverse=True) and reported[0] == 5


def test_csv_has_a_row_per_claim_and_a_column_per_article(
        capsys: pytest.CaptureFixture[str], seeds: Path, story_json: dict) -> None:
    code, out, _ = run_cli(capsys, "story", str(seeds), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0
    assert len(rows[0]) == 3 + 5 and len(rows) == 1 + len(story_json["claims"])


def test_html_is_one_self_contained_page(tmp_path: Path, seeds: Path) -> None:
    target = tmp_path / "story.html"
    assert main(["story", str(seeds), "--format", "html", "--output", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "not reported" in page
    assert "<script" not in page and "http" not in page.split("<footer>")[0]


def test_output_never_overwrites_an_article(capsys: pytest.CaptureFixture[str],
                                            seeds: Path) -> None:
    article = sorted(seeds.glob("*.txt"))[0]
    before = article.read_bytes()
    code, _, err = run_cli(capsys, "story", str(seeds), "--output", str(article))
    assert code == 2 and "one of the articles" in err and err.count("\n") == 1
    assert article.read_bytes() == before


def test_a_folder_with_one_article_is_one_line_and_exit_3(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\nOnly one article here.\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "story", str(tmp_path))
    assert (code, out) == (3, "") and "fewer than two readable articles" in err
