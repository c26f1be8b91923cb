"""`twofold entities`: one article's entities without comparing, as JSON or text."""

import json
from pathlib import Path

import pytest

from twofold.cli import COMMANDS, main

STORY = ("Niger's military government ended its defence cooperation agreement with the United "
         "States on Saturday, spokesman Amadou Abdramane said on national television in Niamey. "
         "Abdramane said about 1,000 US troops would leave.")


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as stop:  # argparse's usage errors
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def files(tmp_path: Path) -> list[Path]:
    one, two = tmp_path / "one.txt", tmp_path / "two.md"
    one.write_text("Niger ends pact\n\n" + STORY, encoding="utf-8")
    two.write_text("# Pact ends\n\nThe World Health Organization met in Geneva on Monday.",
                   encoding="utf-8")
    return [one, two]


def test_entities_is_a_subcommand() -> None:
    assert "entities" in COMMANDS


def test_json_is_a_list_of_articles_in_the_comparison_shape(
        capsys: pytest.CaptureFixture[str], files: list[Path]) -> None:
    code, out, err = run_cli(capsys, "entities", *map(str, files), "--format", "json")
    assert (code, err) == (0, "")
    articles = json.loads(out)
    assert [a["path"] for a in articles] == [str(f) for f in files]
    for article in articles:
        assert set(article) >= {"path", "title", "source", "date", "paragraphs", "entities"}
        for entity in article["entities"]:
            assert set(entity) >= {"key", "label", "name", "forms", "mentions", "titles"}
            for m in entity["mentions"]:
                text = article["paragraphs"][m["paragraph"]]["text"][m["start"]:m["end"]]
                assert text in entity["forms"]
    people = {e["name"]: e for e in articles[0]["entities"] if e["label"] == "PERSON"}
    assert people["Amadou Abdramane"]["forms"] == ["Amadou Abdramane", "Abdramane"]
    assert "spokesman" in people["Amadou Abdramane"]["titles"]
    assert {e["name"] for e in articles[1]["entities"]} >= {"World Health Organization",
                                                             "Geneva"}


def test_text_lists_entities_by_type(capsys: pytest.CaptureFixture[str],
                                     files: list[Path]) -> None:
    code, out, _ = run_cli(capsys, "entities", str(files[0]))
    assert code == 0
    for needle in (str(files[0]), "People (1)", "Amadou Abdramane ×2; as Abdramane",
                   "Places", "Niamey", "Figures", "1,000 US troops"):
        assert needle in out


@pytest.mark.parametrize(("args", "code", "needle"), [
    (["entities"], 2, "the following arguments are required: FILE"),
    (["entities", "{one}", "--format", "html"], 2, "invalid choice: 'html'"),
    (["entities", "{one}", "{missing}"], 3, "missing.txt"),
    (["entities", "{folder}"], 3, ""),
])
def test_errors_are_one_line_on_stderr(capsys: pytest.CaptureFixture[str], files: list[Path],
                                       tmp_path: Path, args: list[str], code: int,
                                       needle: str) -> None:
    names = {"one": str(files[0]), "missing": str(tmp_path / "missing.txt"),
             "folder": str(tmp_path)}
    got, out, err = run_cli(capsys, *(a.format(**names) for a in args))
    assert got == code
    assert out == ""
    assert err.startswith("twofold: ") and err.count("\n") == 1 and needle in err
