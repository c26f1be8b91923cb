"""Render the application icon's PNG sizes from its SVG (run after editing the SVG; commit both).

    .venv/bin/python scripts/render-icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "desktop" / "twofold" / "resources" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int, out: Path) -> None:
    """Draw `svg` into a transparent `size`×`size` PNG at `out`."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render-icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"render-icons: cannot write {out}")


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841  (QPainter on images needs the app's fonts)
    svg = ICONS / "twofold.svg"
    for size in SIZES:
        out = ICONS / f"twofold-{size}.png"
        render(svg, size, out)
        print(out.relative_to(ICONS.parents[3]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
