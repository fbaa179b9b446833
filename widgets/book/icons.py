"""The theme's icons from a small font: the glyphs the book uses, cut from the theme's own font.

The theme (pydata-sphinx-theme) draws its icons with Font Awesome Free's solid web font
(``fa-solid-900.woff2``, 156 KB), of which the book shows about thirty glyphs: the header's
buttons, the admonitions' symbols, the navigation arrows. After the build, :func:`write_subset`
collects the code points the built pages can show and writes ``_static/course-icons.woff2`` with
only those glyphs (a few KB); ``course.css`` declares it under the theme's font name, after the
theme's own declaration, so the browser fetches it instead of the whole font. The theme's
stylesheet loses the rules of the icons no page shows.

Font Awesome Free's fonts are under the SIL Open Font License 1.1 (icons CC BY 4.0); the licence
is served beside the subset (``course-icons.LICENSE.txt``).
"""
from __future__ import annotations

import re
from pathlib import Path

SUBSET_NAME = "course-icons.woff2"
THEME_FONT = Path("vendor") / "fontawesome" / "webfonts" / "fa-solid-900.woff2"
LICENCE = """Font Awesome Free 6 by @fontawesome - https://fontawesome.com
License - https://fontawesome.com/license/free (Icons: CC BY 4.0, Fonts: SIL OFL 1.1, Code: MIT License)
This file is a subset of the theme's fa-solid-900.woff2 (pydata-sphinx-theme), holding only the
glyphs this book uses.
"""

CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
ICON_CLASS_RULE = re.compile(r"^(?:\.fa-([a-z0-9-]+):{1,2}(?:before|after),?)+$")
ICON_CLASS = re.compile(r"\bfa-([a-z0-9-]+)")
PRIVATE_USE = re.compile(r"\\([ef][0-9a-f]{3})\b|([\ue000-\uf8ff])", re.IGNORECASE)


def _code_points(text: str) -> set[int]:
    return {int(escaped, 16) if escaped else ord(literal) for escaped, literal in PRIVATE_USE.findall(text)}


def used_code_points(css_texts: list[str], page_texts: list[str]) -> set[int]:
    """The icon code points the pages can show.

    Every code point a stylesheet uses outside Font Awesome's own ``.fa-NAME::before`` rules (the
    theme's admonition and navigation symbols), and those of the ``fa-NAME`` classes that the pages
    or scripts (``page_texts``) name.
    """
    names = _icon_names(page_texts)
    points = set()
    for css in css_texts:
        for selector, body in CSS_RULE.findall(css):
            icon = ICON_CLASS_RULE.match(selector.strip())
            if icon is None:
                points |= _code_points(body)
            elif set(ICON_CLASS.findall(selector)) & names:
                points |= _code_points(body)
    return points


def _icon_names(texts: list[str]) -> set[str]:
    names = set()
    for text in texts:
        names.update(ICON_CLASS.findall(text))
    return names


def prune_icon_rules(css: str, names: set[str]) -> str:
    """``css`` without Font Awesome's ``.fa-NAME::before`` rules for icons no page uses (the theme's
    stylesheet carries all 1,800: a third of its size, and work for every style recalculation)."""
    def keep(rule: re.Match) -> str:
        selector = rule.group(1).strip()
        unused = ICON_CLASS_RULE.match(selector) and not set(ICON_CLASS.findall(selector)) & names
        return "" if unused else rule.group(0)
    return CSS_RULE.sub(keep, css)


def write_subset(static: Path, page_texts: list[str]) -> set[int]:
    """Write the subset font and its licence into the built book's ``_static``; return its code
    points. Fails loudly when the theme's font is missing or none of its glyphs are used."""
    from fontTools import subset

    source = static / THEME_FONT
    if not source.is_file():
        raise FileNotFoundError(f"{source}: the theme's icon font is missing (pydata-sphinx-theme changed?)")
    css = [path.read_text(encoding="utf-8") for path in static.rglob("*.css")]
    scripts = [path.read_text(encoding="utf-8") for path in (static / "scripts").glob("*.js")]
    points = used_code_points(css, page_texts + scripts)
    if not points:
        raise ValueError(f"no icon of {source} is used: check widgets/book/icons.py")
    theme_css = static / "styles" / "pydata-sphinx-theme.css"
    theme_css.write_text(prune_icon_rules(theme_css.read_text(encoding="utf-8"), _icon_names(page_texts + scripts)),
                         encoding="utf-8")
    options = subset.Options()
    options.flavor = "woff2"
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(points))
    subsetter.subset(font)
    subset.save_font(font, str(static / SUBSET_NAME), options)
    (static / SUBSET_NAME.replace(".woff2", ".LICENSE.txt")).write_text(LICENCE, encoding="utf-8")
    return points
