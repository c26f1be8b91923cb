"""Dates as articles state them; datelines and bylines read, not kept as paragraphs."""

import json
import unicodedata
from pathlib import Path

import pytest
from documents import LEAD, PAGE, SECOND, THIRD, make_docx
from hypothesis import given
from hypothesis import strategies as st

from twofold.engine.load import load_article, parse_text
from twofold.engine.load.dates import front_matter, parse_date
from twofold.engine.load.letters import fold_letters


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("19 March 2024", "2024-03-19"),
        ("Tuesday, March 19, 2024", "2024-03-19"),
        ("Mar. 19, 2024", "2024-03-19"),
        ("19th March, 2024", "2024-03-19"),
        ("2024-03-19T10:00:00Z", "2024-03-19"),
        ("19.03.2024", "2024-03-19"),
        ("19 mars 2024", "2024-03-19"),
        ("19 de marzo de 2024", "2024-03-19"),
        ("03/04/2024", None),  # March 4 or 3 April: not guessed
        ("31 February 2024", None),
        ("the 2024 agreement", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("text", "reference", "iso"),
    [
        ("March 19", "2024-03-20", "2024-03-19"),
        ("30 December", "2024-01-02", "2023-12-30"),  # the dateline before the new year
        ("March 19", None, None),
    ],
)
def test_a_day_without_its_year_takes_the_year_it_was_published(
        text: str, reference: str | None, iso: str | None) -> None:
    assert parse_date(text, reference=reference) == iso


@pytest.mark.parametrize(
    ("line", "date", "source"),
    [
        ("19 March 2024", "2024-03-19", None),
        ("Published: 19 March 2024 10:32 GMT", "2024-03-19", None),
        ("NIAMEY, 19 March 2024", "2024-03-19", None),
        ("By Jane Reporter", None, None),
        ("By Jane Reporter and John Smith for Example News", None, "Example News"),
        ("Jane Reporter | Example News | 19 March 2024", "2024-03-19", None),
        ("Jane Reporter · 5 min read · 19 March 2024", "2024-03-19", None),
        ("Date: 2024-03-19", "2024-03-19", None),
        ("Source: Example Wire", None, "Example Wire"),
    ],
)
def test_furniture_lines_are_read_and_removed(line: str, date: str | None,
                                              source: str | None) -> None:
    found = front_matter(["Niger ends military pact", line, LEAD, SECOND])
    assert (found.date, found.source) == (date, source)
    assert found.blocks == ("Niger ends military pact", LEAD, SECOND)


@pytest.mark.parametrize("line", [
    "By the numbers", "By Monday", "The troops left on 19 March 2024.",
    "Updated at 1:23 p.m.", "March 2024",
])
def test_lines_that_only_look_like_furniture_stay(line: str) -> None:
    blocks = ("Niger ends military pact", line, LEAD, SECOND)
    assert front_matter(list(blocks)).blocks == blocks


def test_a_published_date_wins_over_an_update() -> None:
    found = front_matter(["Updated March 20, 2024", "Published March 19, 2024", LEAD, SECOND])
    assert found.date == "2024-03-19"


def test_a_wire_dateline_gives_the_agency_and_day_and_stays_in_the_lead() -> None:
    lead = "NIAMEY, March 19 (Reuters) - Niger's junta said it ended the pact."
    found = front_matter(["Niger ends military pact", lead, SECOND], reference="2024-03-20")
    assert (found.date, found.source) == ("2024-03-19", "Reuters")
    assert found.blocks[1] == lead


def test_a_date_in_the_text_wins_over_the_metadata() -> None:
    article = parse_text(f"Date: 2024-03-25\n\nNiger ends military pact\n\n19 March 2024\n\n"
                         f"{LEAD}\n\n{SECOND}")
    assert (article.date, article.date_source) == ("2024-03-19", "article")
    assert [p.text for p in article.paragraphs] == ["Niger ends military pact", LEAD, SECOND]


@pytest.mark.parametrize("name", ["a.json", "a.docx", "a.html"])
def test_datelines_leave_the_body_in_every_format(tmp_path: Path, name: str) -> None:
    body = [LEAD, SECOND, THIRD]
    if name.endswith(".json"):
        data: bytes = json.dumps({"title": "Niger ends military pact",
                                  "text": ["By Jane Reporter", "19 March 2024", *body]}).encode()
    elif name.endswith(".docx"):
        data = make_docx([("Niger ends military pact", "Title"), ("By Jane Reporter", "Normal"),
                          ("19 March 2024", "Normal")] + [(t, "Normal") for t in body])
    else:
        data = PAGE.replace('<meta property="article:published_time" '
                            'content="2024-03-17T10:00:00Z">', "").replace(
            f"<p>{LEAD}</p>", f"<p>By Jane Reporter</p><p>19 March 2024</p><p>{LEAD}</p>"
        ).encode()
    (tmp_path / name).write_bytes(data)
    article = load_article(tmp_path / name)
    assert [p.text for p in article.paragraphs if p.role == "body"] == body
    assert (article.date, article.date_source) == ("2024-03-19", "article")


# ---- letters as letters -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("oﬀicials scientiﬁc oﬃce", "officials scientific office"),
        ("ＵＳ troops in ２０２４", "US troops in 2024"),
        ("coopera\u00adtion and zero\u200bwidth", "cooperation and zerowidth"),
        ("ｶﾞｲﾄﾞ", "ガイド"),
        ("𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠 news", "Breaking news"),
        ("½ m² ™ … ①", "½ m² ™ … ①"),  # meaningful symbols stay as written
        ("日本，中国！", "日本，中国！"),  # CJK punctuation beside CJK text stays
        ("ＵＳ（ＡＰ）", "US(AP)"),
    ],
)
def test_fold_letters(text: str, folded: str) -> None:
    assert fold_letters(text) == folded


@given(st.text())
def test_folding_is_idempotent_and_spares_ordinary_text(text: str) -> None:
    once = fold_letters(text)
    assert fold_letters(once) == once
    if unicodedata.is_normalized("NFKC", text) and not any(c in text for c in "\u00ad\u200b\u2060"):
        assert once == text.replace("\ufeff", "")


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.json", "a.docx", "a.html", "a.rtf"])
def test_every_format_folds_letters(tmp_path: Path, name: str) -> None:
    odd = "The oﬃcials of the ＵＳ signed the coopera\u00adtion agreement on Saturday."
    plain = "The officials of the US signed the cooperation agreement on Saturday."
    if name.endswith(".json"):
        data = json.dumps({"text": [odd, SECOND]}).encode()
    elif name.endswith(".docx"):
        data = make_docx([("Headline", "Title"), (odd, "Normal"), (SECOND, "Normal")])
    elif name.endswith(".html"):
        data = PAGE.replace(LEAD, odd).encode()
    elif name.endswith(".rtf"):
        escaped = "".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in odd)
        data = ("{\\rtf1\\ansi Headline\\par\\par " + escaped + "\\par " + SECOND
                + "\\par}").encode()
    else:
        data = f"Headline\n\n{odd}\n\n{SECOND}\n".encode()
    (tmp_path / name).write_bytes(data)
    assert plain in [p.text for p in load_article(tmp_path / name).paragraphs]
