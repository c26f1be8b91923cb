"""Article files of every format, built in memory: for the format tests and the loader fuzzer."""

import io
import zlib
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


def pdf_from_streams(contents: list[bytes], *, info: str = "", compress: bool = False) -> bytes:
    """A valid PDF whose pages draw the given content streams (Helvetica as font /F1)."""
    n = len(contents)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
            3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>"}
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
