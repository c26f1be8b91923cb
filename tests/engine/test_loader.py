"""Loading articles: encodings, headlines, paragraphs, metadata, and the errors people see."""

from pathlib import Path

import pytest

from twofold.engine.errors import (
    ArticleEmpty,
    ArticleNotFound,
    ArticleTooLarge,
    ArticleUnreadable,
    UnsupportedFormat,
)
from twofold.engine.load import MAX_BYTES, load_article, parse_text

BODY = "The council met on Monday. It approved the budget."


@pytest.mark.parametrize(
    ("text", "roles", "texts"),
    [
        # one paragraph per line, no blank lines (like saved copy-paste)
        ("Short headline\nFirst paragraph here.\nSecond one.",
         ["headline", "body", "body"], ["Short headline", "First paragraph here.", "Second one."]),
        # blank-line separated, one line each
        ("Headline\n\nPara one.\n\nPara two.", ["headline", "body", "body"],
         ["Headline", "Para one.", "Para two."]),
        # a first line ending in a full stop is a lead, not a headline
        ("This is the lead sentence.\nMore text.", ["body", "body"],
         ["This is the lead sentence.", "More text."]),
        # a single line is never a headline of nothing
        ("Just one line", ["body"], ["Just one line"]),
        # CRLF and stray CR line endings
        ("Title\r\nOne.\rTwo.\r\n", ["headline", "body", "body"], ["Title", "One.", "Two."]),
        # runs of spaces and tabs collapse
        ("Title\nA  spaced\ttext.", ["headline", "body"], ["Title", "A spaced text."]),
    ],
)
def test_paragraphs_and_headline(text: str, roles: list[str], texts: list[str]) -> None:
    article = parse_text(text)
    assert [p.role for p in article.paragraphs] == roles
    assert [p.text for p in article.paragraphs] == texts
    assert [p.id for p in article.paragraphs] == list(range(len(texts)))


def test_hard_wrapped_blocks_are_joined() -> None:
    wrapped = (
        "Headline of the story\n\n"
        "The first paragraph is long enough that the author's editor wrapped it at\n"
        "seventy-odd columns, as e-mail and old text editors do, and carried on\n"
        "to a third line.\n\n"
        "A second paragraph, also wrapped by the editor at about seventy columns so\n"
        "it continues here.\n"
    )
    article = parse_text(wrapped)
    assert len(article.paragraphs) == 3
    assert article.paragraphs[1].text.startswith("The first paragraph")
    assert article.paragraphs[1].text.endswith("to a third line.")


def test_markdown_heading_and_front_matter() -> None:
    md = ("---\ntitle: \"Front title\"\nsource: Example Wire\ndate: 2024-03-17\n---\n"
          "# The *big* story\n\nSome **bold** text with a [link](http://x.invalid).\n")
    article = parse_text(md, markdown=True)
    assert article.paragraphs[0].role == "headline"
    assert article.paragraphs[0].text == "The big story"
    assert article.paragraphs[1].text == "Some bold text with a link."
    assert (article.title, article.source, article.date) == ("Front title", "Example Wire",
                                                           "2024-03-17")


def test_metadata_header_lines() -> None:
    text = "Source: Daily Example\nDate: 17 March 2024\nURL: https://example.invalid/a\n\n" \
           "Headline\nBody text."
    article = parse_text(text)
    assert article.source == "Daily Example"
    assert (article.date, article.date_source) == ("2024-03-17", "article")
    assert article.url == "https://example.invalid/a"
    assert article.paragraphs[0].text == "Headline"


def test_a_colon_in_the_first_sentence_is_not_metadata() -> None:
    article = parse_text("Update: the council voted.\nMore.")
    assert article.source is None
    assert article.paragraphs[0].text == "Update: the council voted."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Café déjà vu.\nNaïve text.".encode("utf-16"), "utf-16"),
        ("Café déjà vu.\nNaïve text.".encode("utf-8-sig"), "utf-8"),
        ("Café déjà vu – “quoted” text, naïve façade.\n".encode("cp1252") * 3, None),
        ("Ça a débuté à l'été, déjà.\n".encode("latin-1") * 3, None),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, data: bytes, encoding: str | None
                                           ) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    article = load_article(path)
    text = " ".join(p.text for p in article.paragraphs)
    assert "\ufffd" not in text
    assert "é" in text or "Ç" in text
    if encoding:
        assert article.encoding == encoding


def test_digest_depends_on_text_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\nSame body.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("Title\r\nSame body.\r\n".encode("utf-16"))
    assert load_article(tmp_path / "a.txt").digest == load_article(tmp_path / "b.txt").digest


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("empty.txt", b"", ArticleEmpty),
        ("blank.txt", b"  \n\n\t \n", ArticleEmpty),
        ("binary.txt", bytes(range(256)) * 20, ArticleUnreadable),
        ("picture.png", b"\x89PNG\r\n", UnsupportedFormat),
    ],
)
def test_bad_files_raise_clear_errors(tmp_path: Path, name: str, content: bytes, error: type
                                      ) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as info:
        load_article(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleNotFound, match="no longer exists"):
        load_article(tmp_path / "gone.txt")


def test_too_large_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(ArticleTooLarge, match="MB"):
        load_article(path)


def test_seeds_load_one_paragraph_per_line(seed_files: list[Path]) -> None:
    assert len(seed_files) == 5
    for path in seed_files:
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        assert [p.text for p in load_article(path).paragraphs] == [" ".join(ln.split())
                                                                    for ln in lines]
