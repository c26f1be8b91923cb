"""The PDF report: written offscreen, paginated, with a text layer holding both headlines."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize

from twofold.engine.model import Comparison
from twofold.export import export_comparison
from twofold.export.pdf import page_size_for, write_pdf


def _text(path: Path) -> str:
    # Word gaps come out as tabs and "ff" as a ligature: compare normalised text.
    raw = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())


@pytest.fixture(scope="module")
def pdf(seed_comparison: Comparison, tmp_path_factory: pytest.TempPathFactory,
        qapp: object) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    pages = write_pdf(seed_comparison, path, page_size=QPageSize(QPageSize.PageSizeId.A4))
    assert pages >= 1
    return path


def test_pdf_has_pages_and_both_headlines(pdf: Path, seed_comparison: Comparison) -> None:
    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 2
    text = _text(pdf)
    for article in (seed_comparison.left, seed_comparison.right):
        headline = article.paragraphs[0]
        assert headline.role == "headline"
        assert " ".join(unicodedata.normalize("NFKC", headline.text).split()) in text


def test_pdf_keeps_unique_marks_and_tables(pdf: Path) -> None:
    text = _text(pdf)
    assert "Only in left" in text and "Only in right" in text
    assert "Entities" in text and "Divergences" in text
    assert "page 1 of" in text


def test_pdf_page_is_a4_when_asked(pdf: Path) -> None:
    box = PdfReader(str(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


@pytest.mark.parametrize(("language", "country", "size"), [
    (QLocale.Language.English, QLocale.Country.UnitedStates, QPageSize.PageSizeId.Letter),
    (QLocale.Language.French, QLocale.Country.Canada, QPageSize.PageSizeId.Letter),
    (QLocale.Language.English, QLocale.Country.UnitedKingdom, QPageSize.PageSizeId.A4),
    (QLocale.Language.German, QLocale.Country.Germany, QPageSize.PageSizeId.A4),
])
def test_page_size_follows_the_locale(language: QLocale.Language, country: QLocale.Country,
                                      size: QPageSize.PageSizeId) -> None:
    assert page_size_for(QLocale(language, country)).id() == size


def test_export_replaces_a_file_whole_and_leaves_no_temporary(
    seed_comparison: Comparison, tmp_path: Path, pdf: Path
) -> None:
    target = tmp_path / "report.pdf"
    target.write_text("old")
    export_comparison(seed_comparison, target, "pdf")
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]
