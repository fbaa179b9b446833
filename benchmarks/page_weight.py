"""Page weight of the built book: each page's HTML plus its page-specific assets, and the
shared static files (budget: chapter pages <= 300 KB; plotly.js loaded once, locally).

Run after building: .venv/bin/python benchmarks/page_weight.py [_build/html]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from widgets.book.plotly_assets import PLOTLY_BUNDLES

BUDGET = 300_000


# Files every page loads, cached once by the browser: not page-specific.
SHARED = ("_static/", "searchindex.js")
# What a page loads: scripts, images, media and stylesheets (not the targets of plain links,
# such as the notebook download).
LOADED = re.compile(r'<(?:script|img|source|iframe)\b[^>]*\bsrc="([^"#?]+)'
                    r'|<link\b[^>]*\brel="(?:stylesheet|preload)"[^>]*\bhref="([^"#?]+)')


def page_weights(html_dir: Path) -> list[tuple[str, int, int]]:
    """(page, HTML bytes, bytes of the page-specific assets it loads) for every page."""
    rows = []
    for page in sorted(html_dir.glob("**/*.html")):
        if "_static" in page.parts or page.name in ("genindex.html", "search.html"):
            continue
        text = page.read_text(encoding="utf-8")
        own_assets = 0
        for match in LOADED.finditer(text):
            ref = match.group(1) or match.group(2)
            if ref.startswith(("http", "data:")) or any(part in ref for part in SHARED):
                continue
            asset = (page.parent / ref).resolve()
            if asset.is_file():
                own_assets += asset.stat().st_size
        rows.append((str(page.relative_to(html_dir)), page.stat().st_size, own_assets))
    return rows


def main(html_dir: Path):
    print(f"{'page':45} {'HTML KB':>8} {'own assets KB':>14} {'total KB':>9}  budget")
    for name, size, assets in page_weights(html_dir):
        total = size + assets
        print(f"{name:45} {size / 1000:8.1f} {assets / 1000:14.1f} {total / 1000:9.1f}  "
              f"{'ok' if total <= BUDGET else 'OVER'}")
    static = html_dir / "_static"
    shared = sum(f.stat().st_size for f in static.rglob("*") if f.is_file())
    plotly = ", ".join(f"{b['script']} {(static / b['script']).stat().st_size / 1e6:.2f} MB"
                       for b in PLOTLY_BUNDLES.values())
    search = (html_dir / "searchindex.js").stat().st_size
    print(f"\nshared _static: {shared / 1e6:.2f} MB, of which {plotly} (each cached once); "
          f"searchindex.js {search / 1e3:.0f} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html"))
