"""Article files of every format, built in memory: for the format tests and the loader fuzzer."""

import io
import zlib
from collections.abc import Callable
from datetime import datetime

import docx

LEAD = "The government of Niger said on Saturday that it had ended the military agreement."
SECOND = "A spokesman read the statement on national television on Saturday evening."
THIRD = "The United States keeps about a thousand troops at a drone base in the north."


def make_pdf(pages: list[list[tuple[str, float]]], *, leading: float = 14.0,
             info: str = "", compress: bool = False) -> bytes:
    """A valid PDF: each page a list of (line, font size); an empty line adds a paragraph gap."""
    contents = []
    for lines in pages:
        y, ops = 760.0, []
        for text, size in lines:
            if not text:
                y -= leading
                continue
            esc = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"BT /F1 {size:g} Tf 72 {y:g} Td ({esc}) Tj ET")
            y -= max(leading, size * 1.2)
        contents.append("\n".join(ops).encode("latin-1"))
    return pdf_from_streams(contents, info=info, compress=compress)


# Font /F1: Helvetica drawn with every glyph 500/1000 em wide, so a builder can wrap lines exactly
# where a loader measuring the font's widths expects; codes 1-5 are the ligature glyphs that
# typesetters use (a reader sees "ﬁ", text extraction reports U+FB01).
LIGATURES = {"ffi": "\x04", "ffl": "\x05", "ff": "\x03", "fi": "\x01", "fl": "\x02"}
_FONT = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /LastChar 255 "
         b"/Widths [" + b"500 " * 256 + b"] /Encoding << /Type /Encoding /BaseEncoding "
         b"/WinAnsiEncoding /Differences [1 /fi /fl /ff /ffi /ffl] >> >>")


def pdf_from_streams(contents: list[bytes], *, info: str = "", compress: bool = False) -> bytes:
    """A valid PDF whose pages draw the given content streams (Helvetica as font /F1)."""
    n = len(contents)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
            3: _FONT}
    for i, body in enumerate(contents):
        objs[4 + 2 * i] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                           f"<< /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>").encode()
        data, extra = (zlib.compress(body), b" /Filter /FlateDecode") if compress else (body, b"")
        objs[5 + 2 * i] = b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + \
            b"\nendstream"
    info_ref = ""
    if info:
        objs[len(objs) + 1] = info.encode("latin-1")
        info_ref = f" /Info {len(objs)} 0 R"
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for k in sorted(objs):
        out += b"%010d 00000 n \n" % offsets[k]
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R{info_ref} >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)


def make_docx(paragraphs: list[tuple[str, str]], *, title: str = "",
              created: datetime | None = None) -> bytes:
    """A .docx of (text, style) paragraphs with optional core properties."""
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    document.core_properties.title = title
    document.core_properties.author = "Test"
    if created is not None:
        document.core_properties.created = created
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Niger ends military pact with US | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Niger ends military pact with US">
<meta name="author" content="Jane Reporter">
<link rel="canonical" href="https://news.example.com/world/niger-us">
<meta property="article:published_time" content="2024-03-17T10:00:00Z">
<script>document.write("SCRIPTTEXT")</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li></ul></nav>
<article><h1>Niger ends military pact with US</h1><p>{LEAD}</p><p>{SECOND}</p><p>{THIRD}</p>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/x">RELATEDLINK story</a></li>
</ul></aside><div id="comments"><p>COMMENTTEXT first!</p></div>
<footer>Copyright 2024 Example News. FOOTERTEXT All rights reserved.</footer></body></html>"""


# ---- a whole article typeset as a PDF ------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT, MARGIN, GUTTER = 612.0, 792.0, 72.0, 24.0


def article_pdf(headline: str, paragraphs: list[str], *, dateline: str = "", size: float = 10.0,
                columns: int = 1, interleave: bool = False, lines_per_page: int = 50,
                running_head: str = "", page_numbers: bool = False, ligatures: bool = False,
                hyphenate: bool = False, indent: bool = False, offpage_copies: bool = False,
                info: str = "") -> bytes:
    """An article set in Helvetica: headline, optional dateline, paragraphs wrapped to the
    column width, over as many pages and columns as needed.

    `hyphenate` breaks long lowercase words (and hyphenated ones at their hyphen) at line ends;
    `indent` marks paragraphs by a first-line indent instead of a blank line; `interleave` draws
    two columns row by row, as some layout programs do; `offpage_copies` repeats each page's
    last line above the top of the next page, outside what a viewer shows, as Qt does.
    """
    width = (PAGE_WIDTH - 2 * MARGIN - (columns - 1) * GUTTER) / columns
    chars = int(width // (0.5 * size))
    rows: list[tuple[str, float, float]] = []  # (text, size, indent); "" is a paragraph gap
    for k, paragraph in enumerate(paragraphs):
        if k and not indent:
            rows.append(("", size, 0.0))
        lead = 4 if indent and k else 0
        measure = (lambda t: len(_ligated(t))) if ligatures else len
        for n, line in enumerate(wrap(paragraph, chars, first=chars - lead, hyphenate=hyphenate,
                                      measure=measure)):
            rows.append((line, size, 0.5 * size * lead if n == 0 else 0.0))
    leading = 1.2 * size
    pages: list[list[tuple[float, float, str, float]]] = []  # (x, y, text, size) per page
    top = PAGE_HEIGHT - MARGIN
    head = [(MARGIN, top, headline, 2 * size)] + (
        [(MARGIN, top - 3 * size, dateline, size)] if dateline else [])
    body_top = top - (5 if dateline else 3) * size
    slot = 0
    for text, fsize, shift in rows:
        column, line = divmod(slot, lines_per_page)
        page, column = divmod(column, columns)
        while len(pages) <= page:
            pages.append(list(head) if not pages else [])
        y0 = body_top if page == 0 else top
        if text:
            x = MARGIN + column * (width + GUTTER) + shift
            pages[page].append((x, y0 - line * leading, text, fsize))
        elif line == 0:
            continue  # a paragraph gap at the top of a column is not drawn
        slot += 1
    streams = []
    for p, items in enumerate(pages):
        if interleave:
            items = sorted(items, key=lambda item: (-item[1], item[0]))
        drawn = list(items)
        if offpage_copies and p:
            last = pages[p - 1][-1]
            drawn.insert(0, (last[0], PAGE_HEIGHT + 40, last[2], last[3]))
        if running_head:
            drawn.insert(0, (MARGIN, PAGE_HEIGHT - 40, running_head, 8))
        if page_numbers:
            drawn.append((PAGE_WIDTH / 2, 40, f"Page {p + 1} of {len(pages)}", 8))
        streams.append("\n".join(_show(x, y, text, fs, ligatures) for x, y, text, fs in drawn)
                       .encode("cp1252"))
    return pdf_from_streams(streams, info=info)


def wrap(text: str, chars: int, *, first: int | None = None, hyphenate: bool = False,
         measure: Callable[[str], int] = len) -> list[str]:
    """`text` in lines of at most `chars` glyphs (the first of `first`), greedily."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        room = (first if not lines and first is not None else chars) - measure(line) - bool(line)
        if measure(word) <= room:
            line = f"{line} {word}" if line else word
            continue
        broken = _hyphen_break(word, room) if hyphenate else None
        if broken:
            line = f"{line} {broken[0]}" if line else broken[0]
            word = broken[1]
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def _hyphen_break(word: str, room: int) -> tuple[str, str] | None:
    """`word` broken at a line end with `room` characters left: after its own hyphen, or inside
    a long lowercase word with 4 letters kept on each side; None when it cannot break."""
    if "-" in word[1:-1]:
        cut = word.index("-", 1) + 1
        return (word[:cut], word[cut:]) if cut <= room else None
    if len(word) >= 9 and word.isalpha() and word.islower():
        cut = min(room - 1, len(word) - 4)
        if cut >= 4:
            return word[:cut] + "-", word[cut:]
    return None


def _ligated(text: str) -> str:
    for letters, code in LIGATURES.items():
        text = text.replace(letters, code)
    return text


def _show(x: float, y: float, text: str, size: float, ligatures: bool) -> str:
    if ligatures:
        text = _ligated(text)
    esc = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT /F1 {size:g} Tf {x:.2f} {y:.2f} Td ({esc}) Tj ET"
