"""PDFs as typesetters make them: page breaks, running heads, columns, ligatures, hyphens."""

import io
from pathlib import Path

import pypdf
import pytest
from documents import LEAD, SECOND, THIRD, article_pdf, make_pdf, pdf_from_streams

from twofold.engine.errors import ArticleUnreadable
from twofold.engine.load import load_article

HEADLINE = "Niger ends military pact with US"
# the paragraph, whose first line ended page 1 and vanished with the page number
SANGARE = ("Foreign Minister of Niger, Bakary Yaou Sangare, visited Tehran in October 2023 to "
           "explore opportunities for strengthening political and economic ties.")
STORY = [LEAD, SECOND, THIRD, SANGARE,
         "The prime minister of the ruling junta visited Iran in January, the agency said.",
         "Officials in Washington said they were studying the decision and its consequences."]


def body(path: Path) -> list[str]:
    return [p.text for p in load_article(path).paragraphs if p.role == "body"]


def save(tmp_path: Path, data: bytes, name: str = "a.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("lines_per_page", range(3, 11))  # two pages or more
def test_no_line_is_lost_wherever_the_page_breaks(tmp_path: Path, lines_per_page: int) -> None:
    data = article_pdf(HEADLINE, STORY, lines_per_page=lines_per_page, page_numbers=True,
                       running_head="Example News - World")
    assert body(save(tmp_path, data)) == STORY


@pytest.mark.parametrize("lines_per_page", [4, 6, 9])
def test_a_line_painted_again_outside_the_next_page_is_read_once(tmp_path: Path,
                                                                 lines_per_page: int) -> None:
    data = article_pdf(HEADLINE, STORY, lines_per_page=lines_per_page, offpage_copies=True,
                       page_numbers=True)
    assert body(save(tmp_path, data)) == STORY


def test_a_line_repeated_at_another_height_is_text_not_a_running_head(tmp_path: Path) -> None:
    # the same words close both pages, but at different heights: content, not furniture
    same = "The statement was read on national television."
    data = make_pdf([[(LEAD, 11), ("", 11), (same, 11)],
                     [(SECOND, 11), ("", 11), ("", 11), (same, 11)]])
    assert body(save(tmp_path, data)).count(same) == 2


@pytest.mark.parametrize("interleave", [False, True], ids=["column-order", "row-order"])
@pytest.mark.parametrize("lines_per_page", [8, 30])
def test_two_columns_are_read_one_after_the_other(tmp_path: Path, interleave: bool,
                                                  lines_per_page: int) -> None:
    data = article_pdf(HEADLINE, STORY, columns=2, interleave=interleave,
                       lines_per_page=lines_per_page, page_numbers=True)
    assert body(save(tmp_path, data)) == STORY


def test_indented_paragraphs_without_spacing(tmp_path: Path) -> None:
    data = article_pdf(HEADLINE, STORY, indent=True, lines_per_page=4, page_numbers=True)
    assert body(save(tmp_path, data)) == STORY


def test_ligature_glyphs_read_as_letters(tmp_path: Path) -> None:
    words = "The officials said the scientific staff were affluent and baffled by the fly."
    data = article_pdf(HEADLINE, [words, SECOND], ligatures=True)
    raw = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "\ufb03" in raw and "\ufb01" in raw, "the builder really draws ligature glyphs"
    assert body(save(tmp_path, data)) == [words, SECOND]


@pytest.mark.parametrize(
    ("first", "second", "read"),
    [
        ("It ended the coopera-", "tion agreement.", "It ended the cooperation agreement."),
        ("They fought counter-", "terrorism together.", "They fought counter-terrorism together."),
        ("The two are well-", "matched, he said.", "The two are well-matched, he said."),
        ("A sharp pro-", "Russian turn.", "A sharp pro-Russian turn."),
        ("The spokesman Abdra-", "mane spoke.", "The spokesman Abdramane spoke."),
        # the document spells the word without its hyphen elsewhere: that wins
        ("Nigerien counter-", "terrorism, or counterterrorism.",
         "Nigerien counterterrorism, or counterterrorism."),
        ("A soft hyphen: coopera\xad", "tion.", "A soft hyphen: cooperation."),
    ],
)
def test_line_end_hyphens(tmp_path: Path, first: str, second: str, read: str) -> None:
    stream = f"BT /F1 10 Tf 72 700 Td ({first}) Tj 0 -12 Td ({second}) Tj ET".encode("cp1252")
    assert body(save(tmp_path, pdf_from_streams([stream]))) == [read]


def test_a_scan_without_text_says_so(tmp_path: Path) -> None:
    scan = pdf_from_streams([b"0 0 1 rg 72 72 400 600 re f"] * 2)
    with pytest.raises(ArticleUnreadable, match="no text layer: it is a scan") as info:
        load_article(save(tmp_path, scan))
    assert "OCR" in info.value.advice


def _encrypted(user: str, owner: str, algorithm: str = "RC4-128") -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(article_pdf(HEADLINE, [LEAD, SECOND])))
    writer.encrypt(user, owner, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_password_protected_pdf_says_so(tmp_path: Path) -> None:
    with pytest.raises(ArticleUnreadable, match="encrypted and needs a password"):
        load_article(save(tmp_path, _encrypted("secret", "owner")))


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_locked_only_against_editing_opens(tmp_path: Path, algorithm: str) -> None:
    assert body(save(tmp_path, _encrypted("", "owner", algorithm))) == [LEAD, SECOND]


def test_an_aes_pdf_with_a_password_says_so(tmp_path: Path) -> None:
    with pytest.raises(ArticleUnreadable, match="encrypted and needs a password"):
        load_article(save(tmp_path, _encrypted("secret", "owner", "AES-256")))
