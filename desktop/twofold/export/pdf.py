"""A comparison as a PDF: the report's print flavour laid out by QTextDocument into QPdfWriter.

Works without a display (the offscreen platform) and off the GUI thread: QTextDocument and
QPdfWriter only paint, they never touch a window.
"""

from __future__ import annotations

import os
from datetime import datetime

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from twofold.engine.model import Comparison

from .. import __version__
from .html import render_html

# Countries that print on US Letter rather than A4 (the brief names the US and Canada; the
# other Letter users in the Americas are listed too).
_LETTER = {
    QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
    QLocale.Country.Chile, QLocale.Country.Colombia, QLocale.Country.Venezuela,
    QLocale.Country.Philippines, QLocale.Country.PuertoRico,
}
MARGIN_MM = 12.0
BODY_POINTS = 8.5


def page_size_for(locale: QLocale | None = None) -> QPageSize:
    """Letter for the US, Canada and other Letter countries, A4 everywhere else."""
    territory = (locale or QLocale()).territory()
    size = QPageSize.PageSizeId.Letter if territory in _LETTER else QPageSize.PageSizeId.A4
    return QPageSize(size)


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new offscreen one for headless rendering (the CLI)."""
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(["twofold", "-platform", "offscreen"])
    return app  # type: ignore[return-value]


def write_pdf(c: Comparison, path: str | os.PathLike[str], *, page_size: QPageSize | None = None,
              generated: datetime | None = None) -> int:
    """Render the report of `c` into a PDF file at `path`; return its page count."""
    ensure_gui_application()
    writer = QPdfWriter(os.fspath(path))
    writer.setTitle(f"{c.left.display_name} ↔ {c.right.display_name}")
    writer.setCreator(f"Twofold {__version__}")
    writer.setResolution(300)
    layout = QPageLayout(page_size or page_size_for(), QPageLayout.Orientation.Portrait,
                         QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                         QPageLayout.Unit.Millimeter)
    writer.setPageLayout(layout)
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    font = QFont()
    font.setPointSizeF(BODY_POINTS)
    # No ligatures: with them "off" is stored as "o" + "ﬀ", which searches and copies badly.
    font.setFeature(QFont.Tag("liga"), 0)
    doc.setDefaultFont(font)
    doc.setHtml(render_html(c, generated=generated, flavour="print"))
    # Measure fonts at the writer's resolution and lay out on its printable area, keeping a strip
    # at the bottom of each page for the page number.
    doc.documentLayout().setPaintDevice(writer)
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    footer = QFontMetricsF(font, writer).height() * 2
    page = QSizeF(area.width(), area.height() - footer)
    doc.setPageSize(page)
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {os.fspath(path)}")
    try:
        painter.setFont(font)
        for n in range(pages):
            if n:
                writer.newPage()
            painter.save()
            painter.translate(0, -n * page.height())
            doc.drawContents(painter, QRectF(0, n * page.height(), page.width(), page.height()))
            painter.restore()
            painter.setPen(QColor("#59636e"))
            painter.drawText(QRectF(0, page.height(), page.width(), footer),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                             f"Twofold {__version__} · page {n + 1} of {pages}")
    finally:
        painter.end()
    return pages
