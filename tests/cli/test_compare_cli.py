"""`twofold compare`: the JSON contract, the text report, and the errors people see."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from twofold.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def pair(seed_files: list[Path]) -> tuple[str, str]:
    return str(seed_files[0]), str(seed_files[1])


@pytest.fixture(scope="module")
def payload(pair: tuple[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "twofold", "compare", *pair, "--format", "json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


def test_json_has_the_contract_keys(payload: dict) -> None:
    assert payload["schema"] == "twofold/comparison@1"
    assert set(payload) >= {"left", "right", "links", "divergences", "similarity"}
    for side in ("left", "right"):
        article = payload[side]
        assert set(article) >= {"path", "title", "source", "date", "paragraphs", "entities"}
        assert [p["id"] for p in article["paragraphs"]] == list(range(len(article["paragraphs"])))
        assert {p["role"] for p in article["paragraphs"]} <= {"headline", "body"}
    assert 0.0 <= payload["similarity"] <= 1.0


def test_json_links_index_paragraphs_and_ops_cover_them(payload: dict) -> None:
    lparas, rparas = payload["left"]["paragraphs"], payload["right"]["paragraphs"]
    assert payload["links"], "two articles about one event must share passages"
    for link in payload["links"]:
        assert link["kind"] in {"verbatim", "paraphrase", "partial"}
        left, right = lparas[link["left"]]["text"], rparas[link["right"]]["text"]
        lend = rend = 0
        for op in link["ops"]:
            assert op["op"] in {"equal", "replace", "delete", "insert"}
            assert op["left"][0] == lend and op["right"][0] == rend
            lend, rend = op["left"][1], op["right"][1]
        assert (lend, rend) == (len(left), len(right))


def test_json_entity_mentions_lie_inside_paragraphs(payload: dict) -> None:
    for side in ("left", "right"):
        paras = payload[side]["paragraphs"]
        assert payload[side]["entities"], f"the {side} sample article names people and places"
        for entity in payload[side]["entities"]:
            assert set(entity) >= {"key", "label", "name", "forms", "mentions", "shared"}
            assert entity["mentions"]
            for m in entity["mentions"]:
                text = paras[m["paragraph"]]["text"]
                assert 0 <= m["start"] < m["end"] <= len(text)


def test_text_report_names_both_articles_and_marks_changes(
    capsys: pytest.CaptureFixture[str], pair: tuple[str, str]
) -> None:
    code, out, _ = run_cli(capsys, "compare", *pair, "--format", "text", "--color", "never")
    assert code == 0
    assert pair[0] in out and pair[1] in out
    assert "Similarity" in out
    assert "[-" in out and "{+" in out


def test_missing_file_is_one_line_and_exit_3(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pair: tuple[str, str]
) -> None:
    code, out, err = run_cli(capsys, "compare", str(tmp_path / "nope.txt"), pair[0])
    assert code == 3
    assert out == ""
    assert err.count("\n") == 1 and "no longer exists" in err


def test_binary_file_exit_3(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                            pair: tuple[str, str]) -> None:
    bad = tmp_path / "photo.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    code, _, err = run_cli(capsys, "compare", pair[0], str(bad))
    assert code == 3 and "binary" in err


@pytest.mark.parametrize("args", [["compare"], ["compare", "a.txt"],
                                  ["compare", "a.txt", "b.txt", "--format", "xml"]])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2
    assert capsys.readouterr().err.startswith("twofold: ")


def test_without_a_display_the_window_falls_back_to_a_report(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seeds: Path
) -> None:
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    code, out, err = run_cli(capsys, str(seeds))
    assert code == 0
    assert "no display" in err and "--screenshot" in err
    assert "Similarity" in out


def test_window_options_parse_the_same_without_a_display(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seeds: Path
) -> None:
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    code, out, err = run_cli(capsys, "--theme", "dark", str(seeds))
    assert code == 0, err
    assert "Similarity" in out


def test_help_names_the_window_forms_and_the_commands(capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    for form in ("twofold [--theme", "[FOLDER | LEFT RIGHT]", "twofold compare LEFT RIGHT",
                 "twofold overview FOLDER", ".docx", ".pdf"):
        assert form in text


def test_json_engine_block_says_embeddings_were_used(payload: dict) -> None:
    engine = payload["engine"]
    assert engine["version"] and engine["embeddings"] is True
    assert 0 < engine["embedded_sentences"] <= engine["sentences"]
    assert engine["note"] == ""


def test_without_embeddings_the_json_and_text_say_so(
    capsys: pytest.CaptureFixture[str], pair: tuple[str, str]
) -> None:
    code, out, _ = run_cli(capsys, "compare", *pair, "--format", "json", "--no-embeddings")
    assert code == 0
    engine = json.loads(out)["engine"]
    assert engine["embeddings"] is False and engine["embedded_sentences"] == 0
    assert "words alone" in engine["note"]
    code, out, _ = run_cli(capsys, "compare", *pair, "--format", "text", "--color", "never",
                           "--no-embeddings")
    assert "Evidence: sentence embeddings turned off" in out
