"""Render resources/icons/app.svg into the PNG sizes desktops and installers use.

    python scripts/render_icons.py OUT_DIR

Writes OUT_DIR/hicolor/<N>x<N>/apps/org.integrate.Integrate.png for N in SIZES and
OUT_DIR/hicolor/scalable/apps/org.integrate.Integrate.svg (a copy), plus
OUT_DIR/integrate.ico (Windows) when Qt can write ICO. The SVG stays the one source:
scripts/build-bundle.sh and the CI workflow call this instead of committing PNGs.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from integrate.core.identity import APP_ID  # noqa: E402

SIZES = (16, 32, 48, 64, 128, 256, 512)


def main(out: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = ROOT / "resources" / "icons" / "app.svg"
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        print(f"cannot read {svg}", file=sys.stderr)
        return 1
    scalable = out / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable / f"{APP_ID}.svg")
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        folder = out / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        if not image.save(str(folder / f"{APP_ID}.png"), "PNG"):
            print(f"could not write the {size} px icon", file=sys.stderr)
            return 1
        if size == 256:
            image.save(str(out / "integrate.ico"), "ICO")  # needs the qico plugin
    del app
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(Path(sys.argv[1])))
