"""The book's plotly.js bundle (widgets/book/plotly_assets.py): the pinned registry package or nothing;
the icon font subset and the assets a page does not use (widgets/book/icons.py, trim.py)."""
from __future__ import annotations

import base64
import hashlib
import io
import tarfile

import pytest

from widgets.book import icons as book_icons, plotly_assets, trim


def _tarball(script: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in (("package/plotly-cartesian.min.js", script), ("package/LICENSE", b"MIT licence")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _bundle_in(cache, data: bytes, integrity_of: bytes) -> dict:
    bundle = dict(plotly_assets.PLOTLY_BUNDLE)
    bundle["integrity"] = "sha512-" + base64.b64encode(hashlib.sha512(integrity_of).digest()).decode()
    cache.mkdir(parents=True, exist_ok=True)
    (cache / plotly_assets._registry_url(bundle).rsplit("/", 1)[1]).write_bytes(data)
    return bundle


def test_a_cached_tarball_with_the_pinned_hash_gives_its_script_and_licence(tmp_path):
    data = _tarball(b"window.Plotly = {};")
    files = plotly_assets.plotly_bundle(tmp_path, _bundle_in(tmp_path, data, data))
    assert files == {"script": b"window.Plotly = {};", "licence": b"MIT licence"}


def test_a_tarball_with_another_hash_stops_the_build(tmp_path):
    data = _tarball(b"window.Plotly = {evil: true};")
    bundle = _bundle_in(tmp_path, data, b"what was pinned")
    with pytest.raises(RuntimeError, match=r"sha512 is .*, expected .*delete the file to download it again"):
        plotly_assets.plotly_bundle(tmp_path, bundle)


def test_the_bundle_must_match_the_installed_plotly(tmp_path):
    bundle = dict(plotly_assets.PLOTLY_BUNDLE, version="3.0.0")
    with pytest.raises(RuntimeError, match="does not match the installed plotly's plotly.js 4.1.1"):
        plotly_assets.plotly_bundle(tmp_path, bundle)


def test_the_pinned_bundle_is_the_registry_address_of_the_installed_version():
    assert plotly_assets._registry_url(plotly_assets.PLOTLY_BUNDLE) == (
        "https://registry.npmjs.org/plotly.js-cartesian-dist-min/-/plotly.js-cartesian-dist-min-4.1.1.tgz")


CSS = (".fa-sun:before{content:\"\\f185\"}.fa-moon:before,.fa-cloud:before{content:\"\\f186\"}"
       ".fa-xmark::before{content:\"\\f00d\"}.fa-solid,.fas{font-weight:900}"
       "@media (min-width:1px){.admonition-title:after{content:\"\\f05a\"}}:root{--pst-icon-share:\"\ue001\"}")


def test_icons_are_those_the_pages_name_and_those_the_styles_use_directly():
    points = book_icons.used_code_points([CSS], ['<i class="fa-solid fa-moon"></i>', "x.classList='fa-solid'"])
    assert points == {0xF186, 0xF05A, 0xE001}


def test_rules_of_icons_no_page_shows_are_left_out_of_the_theme_stylesheet():
    pruned = book_icons.prune_icon_rules(CSS, {"moon"})
    assert ".fa-sun:before" not in pruned and ".fa-xmark" not in pruned
    assert ".fa-moon:before,.fa-cloud:before{content:\"\\f186\"}" in pruned
    assert ".fa-solid,.fas{font-weight:900}" in pruned and ".admonition-title:after" in pruned


def test_pages_load_the_copy_button_and_tab_scripts_only_where_they_are_used():
    unused = trim.unused_asset
    assert unused("copybutton.js", "<p>prose</p>") and unused("clipboard.min.js", "<p>prose</p>")
    assert not unused("copybutton.js", '<div class="highlight"><pre>code</pre></div>')
    assert unused("design-tabs.js", "<p>prose</p>") and not unused("design-tabs.js", '<div class="sd-tab-set">')
    assert unused("sphinx-thebe.js", "<pre>") and unused(None, "", 'const THEBE_JS_URL = "https://unpkg.com"')
    assert not unused("course.js", "") and not unused("_static/togglebutton.js", "")


def test_each_page_loads_the_smallest_bundle_that_draws_its_figures():
    from widgets.catalog import VIEWS

    assert plotly_assets.bundle_for("<p>no figures</p>") is None
    assert plotly_assets.bundle_for(VIEWS["ch02 push–pull timeline"]().static_html()) == "basic"
    page = VIEWS["ch04 mode sequence"]().static_html() + VIEWS["ch04 evocation heatmap"]().static_html()
    assert plotly_assets.bundle_for(page) == "cartesian"
    unknown = page.replace('"type":"heatmap"', '"type":"scattergl"')
    with pytest.raises(ValueError, match=r"no plotly.js bundle draws the trace types \['bar', 'scatter', 'scattergl'\]|"
                                         r"no plotly.js bundle draws the trace types \['scatter', 'scattergl'\]"):
        plotly_assets.bundle_for(unknown)
