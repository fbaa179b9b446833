"""The book's plotly.js: the smallest pinned registry bundle that draws a page's figures, served
from the book's own ``_static`` folder, checked against its pinned sha512 and kept with its licence."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import tarfile
import urllib.request
from pathlib import Path

from plotly.offline import get_plotlyjs_version

# The book's plotly.js: partial bundles from the npm registry, the smallest with the traces a page
# draws: "basic" (scatter, bar, pie) on most pages, "cartesian" (also heatmap) where a figure is a
# heatmap; pages without figures load none. Their version must equal the plotly.js of the
# installed plotly package (the figures' JSON is written for that version).
PLOTLY_BUNDLES = {
    "basic": {
        "package": "plotly.js-basic-dist-min",
        "version": "4.1.1",
        "integrity": "sha512-1oNF8PeQx2hv/y7tqEVWKD3JGwn/MGEMQ8mL9HUwsaqG9FGy/OU5FHUHvzqbqxN4mnwZGI9abTiE775C4kkjMQ==",
        "script": "plotly-basic.min.js",
        "traces": ("scatter", "bar", "pie"),
    },
    "cartesian": {
        "package": "plotly.js-cartesian-dist-min",
        "version": "4.1.1",
        "integrity": "sha512-o8GrFeusncwBIxbBynRJpY4pkgVB6caM+JLpwrLYbbsO7dZ8FJ+SVN2Fr+L7kiG/Z6w4P5O0Jus/Qr5EefHVeg==",
        "script": "plotly-cartesian.min.js",
        "traces": ("scatter", "bar", "heatmap", "box", "violin", "histogram", "histogram2d",
                   "histogram2dcontour", "contour", "image", "pie", "scatterternary"),
    },
}
PLOTLY_BUNDLE = PLOTLY_BUNDLES["cartesian"]
FIGURE_SPEC = re.compile(r'<script type="application/json" class="course-figure-spec">(.*?)</script>', re.S)


def bundle_for(page_body: str) -> str | None:
    """The name of the smallest bundle that draws every figure of a page, or None without figures."""
    specs = [json.loads(text) for text in FIGURE_SPEC.findall(page_body)]
    if not specs:
        return None
    traces = {trace.get("type", "scatter") for spec in specs for trace in spec["base"]["data"]}
    for name, bundle in PLOTLY_BUNDLES.items():
        if traces <= set(bundle["traces"]):
            return name
    raise ValueError(f"no plotly.js bundle draws the trace types {sorted(traces)}: add one to PLOTLY_BUNDLES")


# V8's explicit compile hint (Chromium 136+): compile the whole file at once, off the main thread,
# instead of each function when it first runs. A comment line before the package's unchanged
# bytes; on a 4x slowed phone it brought the figures about 0.8 s sooner.
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"


def _registry_url(bundle: dict) -> str:
    name = bundle["package"]
    return f"https://registry.npmjs.org/{name}/-/{name}-{bundle['version']}.tgz"


def plotly_bundle(cache: Path, bundle: dict = PLOTLY_BUNDLE) -> dict[str, bytes]:
    """The bundle's script and licence (``{"script": ..., "licence": ...}``), from the npm registry.

    The tarball is kept in ``cache`` after its first download and accepted only when its sha512
    equals the pinned integrity; anything else stops the build with the reason.
    """
    if bundle["version"] != get_plotlyjs_version():
        raise RuntimeError(f"{bundle['package']} {bundle['version']} does not match the installed plotly's "
                           f"plotly.js {get_plotlyjs_version()}: update PLOTLY_BUNDLE in {__file__}")
    url = _registry_url(bundle)
    tarball = cache / url.rsplit("/", 1)[1]
    if not tarball.is_file():
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                data = response.read()
        except OSError as error:
            raise RuntimeError(f"could not download {url} ({error}); place that file in {cache}/ to build "
                               "offline") from error
        cache.mkdir(parents=True, exist_ok=True)
        tarball.write_bytes(data)
    data = tarball.read_bytes()
    algorithm, expected = bundle["integrity"].split("-", 1)
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise RuntimeError(f"{tarball}: {algorithm} is {actual}, expected {expected} (from {url}); "
                           "delete the file to download it again")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        return {"script": archive.extractfile(f"package/{bundle['script']}").read(),
                "licence": archive.extractfile("package/LICENSE").read()}


def fetch_bundles(app):
    """Early, so that a missing or altered bundle stops the build before the notebooks run."""
    if app.builder.format == "html":
        cache = Path(app.srcdir) / ".cache" / "npm"
        app.course_plotly = {name: plotly_bundle(cache, bundle) for name, bundle in PLOTLY_BUNDLES.items()}


def copy_bundles(app, exception):
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        for name, files in app.course_plotly.items():
            script = PLOTLY_BUNDLES[name]["script"]
            (static / script).write_bytes(COMPILE_HINT + files["script"])
            (static / f"{script}.LICENSE.txt").write_bytes(files["licence"])


def add_bundle(app, pagename, templatename, context, doctree):
    """Each page with figures loads the smallest bundle that draws them, deferred (the text shows
    first; course.js, deferred after it, draws the figures)."""
    name = bundle_for(context.get("body", ""))
    if name is not None:
        app.add_js_file(PLOTLY_BUNDLES[name]["script"], priority=200, defer="defer")
