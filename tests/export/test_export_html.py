"""The HTML report: self-contained, complete, escaped, with the word highlights of each link."""

from __future__ import annotations

import html
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from twofold import __version__
from twofold.engine.model import (
    Article,
    Comparison,
    Divergence,
    Entity,
    Link,
    Mention,
    Op,
    Paragraph,
    Span,
)
from twofold.export.html import render_html
from twofold.export.rows import aligned_rows

VOID = {"meta", "br", "link", "img", "hr", "input"}


class _Page(HTMLParser):
    """Collects the text of every table cell and checks that tags nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.starts: list[str] = []
        self.cells: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append(tag)
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "td":
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "td" in self.stack:
            self.cells[-1] += data


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


@pytest.fixture(scope="module")
def page(seed_comparison: Comparison) -> str:
    return render_html(seed_comparison)


def test_page_parses_and_holds_every_paragraph_of_both_articles(
    page: str, seed_comparison: Comparison
) -> None:
    cells = parse(page).cells
    assert cells
    for article in (seed_comparison.left, seed_comparison.right):
        assert len(article.paragraphs) > 5
        for para in article.paragraphs:
            assert any(para.text in cell for cell in cells), para.text[:60]


def _first_changed(c: Comparison, side: str) -> tuple[Link, str]:
    for link in c.links:
        para = (c.left if side == "left" else c.right).paragraphs[
            link.left if side == "left" else link.right]
        for op in link.ops:
            start, end = op.left if side == "left" else op.right
            if op.tag != "equal" and para.text[start:end].strip():
                return link, para.text[start:end].strip()
    raise AssertionError(f"no changed words on the {side}")


@pytest.mark.parametrize(("side", "tag"), [("left", "del"), ("right", "ins")])
def test_a_changed_word_from_the_ops_is_marked(
    page: str, seed_comparison: Comparison, side: str, tag: str
) -> None:
    _link, words = _first_changed(seed_comparison, side)
    assert f"<{tag}>{html.escape(words)}</{tag}>" in page


def test_page_names_sources_similarity_options_and_version(
    page: str, seed_comparison: Comparison
) -> None:
    for article in (seed_comparison.left, seed_comparison.right):
        assert html.escape(article.path) in page
        assert html.escape(article.display_name) in page
    assert f"{seed_comparison.similarity:.0%}" in page
    assert "sentence embeddings on" in page
    assert f"Twofold {__version__}" in page


def test_page_is_self_contained(page: str) -> None:
    lowered = page.lower()
    for needle in ("<script", "<link", "src=", "@import", "url(", "http://", "https://"):
        assert needle not in lowered


def test_rows_show_every_paragraph_and_mark_the_unique_ones(seed_comparison: Comparison) -> None:
    rows = aligned_rows(seed_comparison)
    assert {r.left for r in rows if r.left is not None} == {
        p.id for p in seed_comparison.left.paragraphs}
    assert {r.right for r in rows if r.right is not None} == {
        p.id for p in seed_comparison.right.paragraphs}
    assert [r.left for r in rows if r.unique_side == "left"] == seed_comparison.unique_left()
    assert sorted(r.right for r in rows if r.unique_side == "right") == \
        seed_comparison.unique_right()
    lefts = [r.left for r in rows if r.left is not None]
    assert lefts == sorted(lefts), "rows follow the left article's order"


MARKUP = "<script>alert('x')</script> and <b>bold</b> & more"


def _hostile() -> Comparison:
    left = Article("a<b>.txt", f"Head {MARKUP}", "<i>Outlet</i>", "2024-03-17",
                   (Paragraph(0, "headline", f"Head {MARKUP}"),
                    Paragraph(1, "body", f"Body one {MARKUP}"),
                    Paragraph(2, "body", f"Only left {MARKUP}")))
    right = Article("b.txt", "Other <b>head</b>", None, None,
                    (Paragraph(0, "headline", "Other <b>head</b>"),
                     Paragraph(1, "body", f"Body two {MARKUP}")))
    body_l, body_r = left.paragraphs[1].text, right.paragraphs[1].text
    link = Link(1, 1, 0.9, "paraphrase", (
        Op("replace", (0, 8), (0, 8)), Op("equal", (8, len(body_l)), (8, len(body_r)))))
    entity = Entity("k", "PERSON", "<b>Name</b>", ("<b>Name</b>",), (Mention(1, 0, 4),), True,
                    ("<script>x</script>",))
    divergence = Divergence("number", Span(1, 0, 8, "<b>1,000</b>"),
                            Span(1, 0, 8, "<script>650</script>"), "<b>note</b>")
    return Comparison(left, right, (link,), (entity,), (entity,), (divergence,), 0.5)


def test_markup_in_article_text_is_escaped_not_injected() -> None:
    page = render_html(_hostile())
    parser = parse(page)
    assert "script" not in parser.starts
    assert "b" not in parser.starts and "i" not in parser.starts
    assert "<script>" not in page and "<b>" not in page
    assert html.escape("<script>alert('x')</script>") in page
    assert any(MARKUP in cell for cell in parser.cells), "the markup shows as text"


def test_unique_paragraphs_entities_and_divergences_are_listed() -> None:
    page = render_html(_hostile())
    cells = parse(page).cells
    assert any(c.startswith("Only in left") and "Only left" in c for c in cells)
    assert "<del>Body one</del>" in page and "<ins>Body two</ins>" in page
    assert any("<script>650</script>" in c for c in cells), "divergence phrases"
    assert any("spelled differently there" in c for c in cells), "entity table"


def test_the_print_flavour_uses_classes_qt_understands() -> None:
    page = render_html(_hostile(), flavour="print")
    parse(page)
    assert '<span class="del">Body one</span>' in page
    assert "var(--" not in page and "@media" not in page


def test_the_html_report_imports_no_qt() -> None:
    code = ("import sys, twofold.export.html, twofold.export\n"
            "print(','.join(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
