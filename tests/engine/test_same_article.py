"""One article saved as text, PDF, Word and web page reads the same: every paragraph word for
word, its visible date, no lost line (issue 16's definition of done)."""

import html
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from documents import article_pdf

from twofold.engine.load import load_article

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
DATELINE = "19 March 2024"


def _paragraphs(seed: Path) -> tuple[str, list[str]]:
    """The seed's headline (one is made up when it has none) and body paragraphs."""
    article = load_article(seed)
    texts = [p.text for p in article.paragraphs]
    if article.paragraphs[0].role == "headline":
        return texts[0], texts[1:]
    return "Niger and the United States", texts


def _text_file(folder: Path, headline: str, body: list[str]) -> Path:
    path = folder / "article.txt"
    path.write_text("\n\n".join([headline, DATELINE, *body]) + "\n", encoding="utf-8")
    return path


def _pdf(folder: Path, headline: str, body: list[str]) -> Path:
    path = folder / "article.pdf"
    path.write_bytes(article_pdf(
        headline, body, dateline=DATELINE, lines_per_page=24, running_head="Example News",
        page_numbers=True, ligatures=True, hyphenate=True, offpage_copies=True,
        info="<< /CreationDate (D:20260105093000Z) >>"))  # printed long after: a file date
    return path


def _docx(folder: Path, headline: str, body: list[str]) -> Path:
    document = docx.Document()  # python-docx's template: created 2013-12-23, its stamp
    document.add_paragraph(headline, style="Title")
    document.add_paragraph(DATELINE)
    for text in body:
        document.add_paragraph(text)
    path = folder / "article.docx"
    document.save(str(path))
    return path


def _html(folder: Path, headline: str, body: list[str]) -> Path:
    paragraphs = "".join(f"<p>{html.escape(text)}</p>" for text in body)
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(headline)}"
            f"</title></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{html.escape(headline)}</h1><p class='dateline'>{DATELINE}</p>"
            f"{paragraphs}</article><footer>Copyright Example News</footer></body></html>")
    path = folder / "article.html"
    path.write_text(page, encoding="utf-8")
    return path


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
@pytest.mark.parametrize("save", [_pdf, _docx, _html], ids=["pdf", "docx", "html"])
def test_every_format_reads_as_the_text_version(tmp_path: Path, seed: Path, save) -> None:
    headline, body = _paragraphs(seed)
    text = load_article(_text_file(tmp_path, headline, body))
    other = load_article(save(tmp_path, headline, body))
    assert [(p.role, p.text) for p in other.paragraphs] == \
        [(p.role, p.text) for p in text.paragraphs]
    assert (other.date, other.date_source) == (text.date, text.date_source) == \
        ("2024-03-19", "article")


def test_without_a_dateline_a_pdf_shows_its_file_date_as_such(tmp_path: Path) -> None:
    headline, body = _paragraphs(SEEDS[4])
    path = tmp_path / "a.pdf"
    path.write_bytes(article_pdf(headline, body, info="<< /CreationDate (D:20240320) >>"))
    article = load_article(path)
    assert (article.date, article.date_source) == ("2024-03-20", "file")


def test_a_word_templates_creation_date_is_never_shown(tmp_path: Path) -> None:
    headline, body = _paragraphs(SEEDS[4])
    document = docx.Document()
    document.add_paragraph(headline, style="Title")
    for text in body:
        document.add_paragraph(text)
    document.core_properties.author = "Jane Reporter"  # no longer python-docx's own stamp
    path = tmp_path / "a.docx"
    document.save(str(path))
    assert load_article(path).date is None
    document.core_properties.created = datetime(2024, 3, 18, 8, tzinfo=UTC)
    document.save(str(path))
    article = load_article(path)
    assert (article.date, article.date_source) == ("2024-03-18", "file")
