"""Loading saved web pages, Word, PDF, RTF, JSON and e-mail files, built here in tmp_path."""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from documents import LEAD, PAGE, SECOND, THIRD, make_docx, make_pdf, pdf_from_streams
from hypothesis import given, settings
from hypothesis import strategies as st

from twofold.engine.cache import Cache
from twofold.engine.errors import (
    ArticleEmpty,
    ArticleError,
    ArticleUnreadable,
    UnsupportedFormat,
)
from twofold.engine.library.folder import is_supported, list_files
from twofold.engine.library.index import SkippedFile, scan
from twofold.engine.load import SUPPORTED_SUFFIXES, load_article
from twofold.engine.load.letters import fold_letters


def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def texts(path: Path) -> list[tuple[str, str]]:
    return [(p.role, p.text) for p in load_article(path).paragraphs]


# ---- per format: headline, paragraphs, metadata ----------------------------------------------

def test_html_keeps_the_article_and_drops_boilerplate(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "page.html", PAGE))
    assert [(p.role, p.text) for p in article.paragraphs] == [
        ("headline", "Niger ends military pact with US"),
        ("body", LEAD), ("body", SECOND), ("body", THIRD)]
    everything = " ".join(p.text for p in article.paragraphs)
    for noise in ("SCRIPTTEXT", "World news menu", "RELATEDLINK", "COMMENTTEXT", "FOOTERTEXT"):
        assert noise not in everything


def test_html_metadata(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "page.htm", PAGE))
    assert (article.title, article.source, article.date, article.url) == (
        "Niger ends military pact with US", "Example News", "2024-03-17",
        "https://news.example.com/world/niger-us")
    assert "Jane Reporter" not in (article.source or ""), "a byline is not an outlet"


def test_html_date_comes_from_markup_not_from_years_in_the_text(tmp_path: Path) -> None:
    page = PAGE.replace('<meta property="article:published_time" content="2024-03-17T10:00:00Z">',
                        "").replace(LEAD, LEAD + " The pact dates from 2012.")
    assert load_article(write(tmp_path, "p.html", page)).date is None


def test_html_tables_in_the_article_are_kept(tmp_path: Path) -> None:
    table = ("<table><tr><th>Base</th><th>Troops</th></tr><tr><td>Agadez drone base</td>"
             "<td>1,000</td></tr></table>")
    article = load_article(write(tmp_path, "t.html", PAGE.replace(f"<p>{SECOND}</p>",
                                                                 f"<p>{SECOND}</p>{table}")))
    text = " ".join(p.text for p in article.paragraphs)
    assert "Agadez drone base" in text and "1,000" in text


def test_a_page_saved_by_a_browser_knows_its_address(tmp_path: Path) -> None:
    page = PAGE.replace('<link rel="canonical" href="https://news.example.com/world/niger-us">',
                        "")
    saved = "<!-- saved from url=(0032)https://news.example.com/a/b -->\n" + page
    assert load_article(write(tmp_path, "s.html", saved)).url == "https://news.example.com/a/b"


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Saturday evening", "Saturday évening – “late”")
    article = load_article(write(tmp_path, "old.html", page.encode("cp1252")))
    assert "Saturday évening – “late”" in article.paragraphs[2].text


def test_html_without_site_name_uses_the_host(tmp_path: Path) -> None:
    page = PAGE.replace('<meta property="og:site_name" content="Example News">', "")
    assert load_article(write(tmp_path, "p.html", page)).source in ("Example News",
                                                                    "news.example.com")


def test_docx_headline_by_style_and_core_properties(tmp_path: Path) -> None:
    data = make_docx([("Niger ends military pact", "Title"), (LEAD, "Normal"),
                      ("", "Normal"), (SECOND, "Normal"), ("Reaction", "Heading 2"),
                      (THIRD, "Normal")],
                     title="Core title", created=datetime(2024, 3, 17, 9, tzinfo=UTC))
    article = load_article(write(tmp_path, "a.docx", data))
    assert [(p.role, p.text) for p in article.paragraphs] == [
        ("headline", "Niger ends military pact"), ("body", LEAD), ("body", SECOND),
        ("body", "Reaction"), ("body", THIRD)]
    assert (article.title, article.date) == ("Core title", "2024-03-17")


@pytest.mark.parametrize(("style", "role"), [("Heading 1", "headline"), ("Normal", "body")])
def test_docx_first_paragraph_role(tmp_path: Path, style: str, role: str) -> None:
    data = make_docx([("This opening line is a sentence.", style), (LEAD, "Normal")])
    assert texts(write(tmp_path, "b.docx", data))[0][0] == role


def test_docx_soft_line_breaks_stay_in_their_paragraph(tmp_path: Path) -> None:
    data = make_docx([("Headline", "Title"), ("First line\nsecond line.", "Normal")])
    assert texts(write(tmp_path, "c.docx", data))[1] == ("body", "First line second line.")


def test_pdf_paragraphs_from_lines(tmp_path: Path) -> None:
    data = make_pdf([[("Niger ends military pact", 20), ("", 11),
                      ("The government of Niger said on Saturday that it had ended the mili-", 11),
                      ("tary agreement with the United States with immediate effect.", 11),
                      ("", 11), (SECOND, 11)]])
    assert texts(write(tmp_path, "a.pdf", data)) == [
        ("headline", "Niger ends military pact"),
        ("body", "The government of Niger said on Saturday that it had ended the military "
                 "agreement with the United States with immediate effect."),
        ("body", SECOND)]


def test_pdf_running_heads_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    head, foot = ("Example News - World", 9), ("", 11)
    data = make_pdf([
        [head, ("Niger ends military pact", 20), foot, (LEAD, 11), foot,
         ("The statement was read by a spokesman of the government on", 11), foot,
         ("Page 1 of 2", 9)],
        [head, ("national television on Saturday evening.", 11), foot, (THIRD, 11), foot,
         ("Page 2 of 2", 9)],
    ])
    paragraphs = texts(write(tmp_path, "b.pdf", data))
    joined = " ".join(text for _, text in paragraphs)
    assert "Example News - World" not in joined and "Page" not in joined
    assert ("body", "The statement was read by a spokesman of the government on national "
                    "television on Saturday evening.") in paragraphs, "continues across pages"
    assert paragraphs[-1] == ("body", THIRD)


def test_pdf_info_title_and_date(tmp_path: Path) -> None:
    data = make_pdf([[("Headline", 20), ("", 11), (LEAD, 11)]],
                    info="<< /Title (Niger pact) /CreationDate (D:20240317093000Z) >>")
    article = load_article(write(tmp_path, "c.pdf", data))
    assert (article.title, article.date) == ("Niger pact", "2024-03-17")


def test_rtf(tmp_path: Path) -> None:
    rtf = (rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times;}}{\b Niger ends military pact}\par\par "
           rb"The government said the deal was over, caf\'e9 owners said.\par "
           rb"\par Second paragraph.\par}")
    assert texts(write(tmp_path, "a.rtf", rtf)) == [
        ("headline", "Niger ends military pact"),
        ("body", "The government said the deal was over, café owners said."),
        ("body", "Second paragraph.")]


def test_json_shape(tmp_path: Path) -> None:
    data = {"title": "Niger ends military pact", "source": "Example Wire",
            "date": "2024-03-17", "url": "https://wire.example/1",
            "text": f"Niger ends military pact\n{LEAD}\n\n{SECOND}"}
    article = load_article(write(tmp_path, "a.json", json.dumps(data)))
    assert [(p.role, p.text) for p in article.paragraphs] == [
        ("headline", "Niger ends military pact"), ("body", LEAD), ("body", SECOND)]
    assert (article.title, article.source, article.date, article.url) == (
        "Niger ends military pact", "Example Wire", "2024-03-17", "https://wire.example/1")


def test_json_text_may_be_a_list_of_paragraphs(tmp_path: Path) -> None:
    path = write(tmp_path, "b.json", json.dumps({"text": [LEAD, SECOND]}))
    assert texts(path) == [("body", LEAD), ("body", SECOND)]


def test_eml_plain_text(tmp_path: Path) -> None:
    mail = (f"From: Daily Example <news@example.com>\r\nSubject: Niger ends military pact\r\n"
            f"Date: Sun, 17 Mar 2024 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8"
            f"\r\n\r\n{LEAD}\r\n\r\n{SECOND}\r\n").encode()
    article = load_article(write(tmp_path, "a.eml", mail))
    assert [(p.role, p.text) for p in article.paragraphs] == [
        ("headline", "Niger ends military pact"), ("body", LEAD), ("body", SECOND)]
    assert (article.source, article.date) == ("Daily Example", "2024-03-17")


def test_mht_web_archive(tmp_path: Path) -> None:
    html = PAGE.replace("=", "=3D")
    mht = ("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example.com/a\r\n"
           "Subject: Niger ends military pact with US\r\nMIME-Version: 1.0\r\nContent-Type: "
           "multipart/related; type=\"text/html\"; boundary=\"XX\"\r\n\r\n--XX\r\n"
           "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: "
           f"quoted-printable\r\n\r\n{html}\r\n--XX--\r\n").encode()
    article = load_article(write(tmp_path, "a.mht", mht))
    assert article.paragraphs[0].text == "Niger ends military pact with US"
    assert [p.text for p in article.paragraphs[1:]] == [LEAD, SECOND, THIRD]
    assert article.source == "Example News"


# ---- one digest for one text, whatever the format ---------------------------------------------

def test_the_same_article_has_the_same_digest_in_every_format(tmp_path: Path) -> None:
    headline = "Niger ends military pact"
    files = [
        write(tmp_path, "a.txt", f"{headline}\n{LEAD}\n{SECOND}\n"),
        write(tmp_path, "a.json", json.dumps({"title": headline, "text": f"{LEAD}\n{SECOND}"})),
        write(tmp_path, "a.docx", make_docx([(headline, "Title"), (LEAD, "Normal"),
                                             (SECOND, "Normal")])),
        write(tmp_path, "a.rtf", f"{{\\rtf1\\ansi {headline}\\par\\par {LEAD}\\par {SECOND}"
                                 "\\par}"),
        write(tmp_path, "a.pdf", make_pdf([[(headline, 20), ("", 11), (LEAD, 10),
                                            ("", 11), (SECOND, 10)]])),
    ]
    assert len({load_article(f).digest for f in files}) == 1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")),
                        min_size=1, max_size=60).filter(lambda t: t.strip()),
                min_size=1, max_size=6))
def test_json_paragraphs_round_trip(tmp_path_factory: pytest.TempPathFactory,
                                    paragraphs: list[str]) -> None:
    path = tmp_path_factory.mktemp("j") / "p.json"
    path.write_text(json.dumps({"title": "Headline", "text": paragraphs}), encoding="utf-8")
    body = [p.text for p in load_article(path).paragraphs if p.role == "body"]
    # the text survives as written, bar collapsed spaces and folded compatibility letters
    expected = [" ".join(fold_letters(p).split()) for p in paragraphs]
    assert body == [p for p in expected if p]


# ---- malformed, binary and unknown files: one clear sentence, never a traceback --------------

def _valid_docx() -> bytes:
    return make_docx([("Headline", "Title"), (LEAD, "Normal")])


def _valid_pdf() -> bytes:
    return make_pdf([[("Headline", 20), ("", 11), (LEAD, 11)]])


@pytest.mark.parametrize(
    ("name", "content", "error", "says"),
    [
        ("truncated.docx", _valid_docx()[:1500], ArticleUnreadable, "damaged"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ArticleUnreadable,
         "Word 97-2003"),
        ("text.docx", b"just some text, not a zip", ArticleUnreadable, "not a Word document"),
        ("truncated.pdf", _valid_pdf()[:300], ArticleUnreadable, "damaged"),
        ("garbage.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8, ArticleUnreadable, "damaged"),
        ("notpdf.pdf", b"<html>not a pdf</html>", ArticleUnreadable, "not a PDF"),
        ("scan.pdf", pdf_from_streams([b"0 0 1 rg 72 72 400 600 re f"]), ArticleUnreadable,
         "no text layer"),
        ("binary.html", bytes(range(256)) * 20, ArticleUnreadable, "binary"),
        ("empty-page.html", "<html><head><title>x</title></head><body></body></html>",
         ArticleUnreadable, "no article text"),
        ("tags.html", "<<<<>>>>" * 50, ArticleUnreadable, "no article text"),
        ("plain.rtf", "not rich text at all", ArticleUnreadable, "not an RTF"),
        ("bad.json", '{"title": "x", "text": "unterminated', ArticleUnreadable, "not valid JSON"),
        ("list.json", "[1, 2, 3]", ArticleUnreadable, "holds a list"),
        ("notext.json", '{"title": "only a title"}', ArticleUnreadable, '"text"'),
        ("blank.json", '{"text": "   "}', ArticleEmpty, "empty"),
        ("binary.eml", bytes(range(256)) * 20, ArticleUnreadable, "binary"),
        ("zero.pdf", b"", ArticleEmpty, "empty"),
        ("zero.docx", b"", ArticleEmpty, "empty"),
        ("picture.png", b"\x89PNG\r\n\x1a\n", UnsupportedFormat, "not an article"),
        ("letter.doc", b"\xd0\xcf\x11\xe0", UnsupportedFormat, "Word 97-2003"),
        ("notes.xyz", b"hello", UnsupportedFormat, "cannot read '.xyz'"),
    ],
)
def test_bad_files_raise_one_clear_sentence(tmp_path: Path, name: str, content: bytes | str,
                                            error: type[ArticleError], says: str) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(error) as info:
        load_article(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert says in message
    assert "\n" not in message and "Traceback" not in message


def test_doc_files_are_advised_to_be_saved_as_docx(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat) as info:
        load_article(write(tmp_path, "letter.doc", b"\xd0\xcf\x11\xe0"))
    assert ".docx" in info.value.advice


# ---- folders --------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".rtf",
                                    ".json", ".eml", ".mht", ".PDF", ".Docx"])
def test_new_suffixes_are_supported(suffix: str) -> None:
    assert is_supported(f"article{suffix}")
    assert suffix.lower() in SUPPORTED_SUFFIXES


@pytest.mark.parametrize("folder", ["story_files", "story-Dateien", "story_fichiers"])
def test_a_saved_complete_page_lists_only_its_html(tmp_path: Path, folder: str) -> None:
    write(tmp_path, "story.html", PAGE)
    assets = tmp_path / folder
    assets.mkdir()
    (assets / "app.js").write_text("alert(1)")
    (assets / "photo.png").write_bytes(b"\x89PNG")
    (assets / "saved_resource.html").write_text(PAGE)  # an embedded frame, saved as a page
    (assets / "style.css").write_text("body {}")
    assert [p.name for p in list_files(tmp_path)] == ["story.html"]
    listing = scan(tmp_path, cache=Cache(None))
    assert [a.path for a in listing.articles] == [str(tmp_path / "story.html")]
    assert not listing.skipped


def test_loading_never_writes_into_the_folder(tmp_path: Path) -> None:
    write(tmp_path, "a.html", PAGE)
    write(tmp_path, "b.docx", _valid_docx())
    write(tmp_path, "c.pdf", _valid_pdf())
    write(tmp_path, "d.json", json.dumps({"text": LEAD}))
    write(tmp_path, "e.rtf", r"{\rtf1 Hello\par}")
    write(tmp_path, "f.pdf", b"%PDF-1.4\n broken")
    for path in tmp_path.iterdir():
        os.chmod(path, 0o444)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    entries = scan(tmp_path, cache=Cache(None)).entries
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before
    assert [not isinstance(e, SkippedFile) for e in entries] == [True] * 5 + [False]
