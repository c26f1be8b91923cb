"""`twofold compare` on bad input: exit 3 and one sentence on stderr, never a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

from twofold.cli import main


@pytest.fixture(scope="module")
def good(seed_files: list[Path]) -> str:
    return str(seed_files[0])


def _truncated_docx() -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("A paragraph of the article.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()[:2000]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.txt", b"", "is empty (0 bytes)"),
        ("blank.md", b"\n  \n\t\n", "holds only spaces and blank lines"),
        ("photo.txt", bytes(range(256)) * 16, "looks like a binary file"),
        ("report.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "is a PDF document"),
        ("broken.docx", _truncated_docx(), "is incomplete or damaged"),
        ("list.json", b"[1, 2]", "holds a list, not one article object"),
        ("missing.txt", None, "no longer exists"),
    ],
)
def test_bad_file_is_one_sentence_and_exit_3(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, good: str,
        name: str, content: bytes | None, says: str) -> None:
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    code = main(["compare", good, str(bad)])
    out, err = capsys.readouterr()
    assert code == 3
    assert out == ""
    assert err.startswith(f"twofold: {bad}: ")
    assert says in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "; " in err, "the sentence says what to do"


def test_a_folder_given_as_an_article(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                      good: str) -> None:
    folder = tmp_path / "articles.txt"
    folder.mkdir()
    code = main(["compare", str(folder), good])
    err = capsys.readouterr().err
    assert code == 3 and "is a folder, not a file" in err and err.count("\n") == 1


def test_a_real_process_prints_no_traceback(tmp_path: Path, good: str) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(_truncated_docx())
    run = subprocess.run([sys.executable, "-m", "twofold", "compare", str(bad), good],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 3
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith(f"twofold: {bad}: is incomplete or damaged; ")


def test_an_overview_of_a_missing_folder(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    code = main(["overview", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert code == 3
    assert err.startswith("twofold: ") and "the folder does not exist" in err
    assert err.count("\n") == 1
