"""A real class on JupyterHub, end to end: the instructor guide's configuration, a hub on
127.0.0.1 (``jupyterhub`` from PyPI, ``configurable-http-proxy`` from npm: .ci/run installs both),
two students who follow the guide's nbgitpuller link to a local clone of the course.

Student A's chapter runs every cell without an error and a slider moves its figure; their journal
is written in their own home folder, readable by its owner only. Student B gets a copy of the
chapters and a journal of their own.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from support.course_pages import ROOT
from support.servers import free_port, wait_until_up
from e2e.test_jupyterlab import NOTEBOOK, press_control, run_all_cells
from e2e.test_lite import run_typed_cell

GUIDE = ROOT / "book" / "instructor_guide.md"
CHAPTER = "chapters/02_relational_cycle.ipynb"
# Where .ci/run installs the proxy when it is not on PATH.
LOCAL_PROXY = ROOT / "_build" / "ci-node" / "node_modules" / ".bin" / "configurable-http-proxy"

pytestmark = pytest.mark.browser


def guide_configuration() -> str:
    """The guide's ``jupyterhub_config.py``: the test runs exactly that, plus where things are here."""
    blocks = re.findall(r"```python\n(# jupyterhub_config\.py.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "the instructor guide shows one jupyterhub_config.py"
    return blocks[0]


def find_proxy() -> str:
    found = shutil.which("configurable-http-proxy") or (str(LOCAL_PROXY) if LOCAL_PROXY.exists() else None)
    if found is None:
        reason = "NO configurable-http-proxy FOUND: the JupyterHub test could not run (npm install configurable-http-proxy)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A running hub with the guide's configuration; yields (URL, homes folder, course clone)."""
    work = tmp_path_factory.mktemp("hub")
    course = work / "hall-of-mirrors"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(course)], check=True)
    subprocess.run(["git", "-C", str(course), "checkout", "--quiet", "-B", "main"], check=True)
    port = free_port()
    bin_dir = Path(sys.executable).parent
    config = guide_configuration() + f'''
# Where things are in this test (not part of the guide's set-up).
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{find_proxy()!r}]
c.JupyterHub.db_url = "sqlite:///{work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{work}/cookie_secret"
c.ConfigurableHTTPProxy.pid_file = "{work}/proxy.pid"
c.SimpleLocalProcessSpawner.home_dir_template = "{work}/homes/{{username}}"
c.Spawner.cmd = ["{bin_dir / 'jupyterhub-singleuser'}"]
c.Spawner.args = {["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []}
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
'''
    (work / "jupyterhub_config.py").write_text(config, encoding="utf-8")
    log = open(work / "hub.log", "w")
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    process = subprocess.Popen([str(bin_dir / "jupyterhub"), "-f", str(work / "jupyterhub_config.py")],
                               cwd=work, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/hub/health", process, work / "hub.log", "JupyterHub", seconds=120)
        yield base, work / "homes", course
    finally:
        os.kill(process.pid, 15)  # stopped by its process id; it stops the servers and proxy it started
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def log_in_and_pull(chromium, base: str, name: str, course: Path):
    """Log in as ``name`` and follow the guide's nbgitpuller link to chapter 2; returns the tab."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.goto(f"{base}/hub/login")
    tab.fill("#username_input", name)
    tab.click("#login_submit")
    tab.wait_for_url(re.compile(rf"/user/{name}/"), timeout=180_000)
    link = (f"{base}/hub/user-redirect/git-pull?repo={quote('file://' + str(course), safe='')}&branch=main"
            f"&urlpath=lab/tree/{course.name}/{CHAPTER}")
    tab.goto(link)
    tab.wait_for_selector(f"{NOTEBOOK} .jp-Cell", timeout=180_000)
    tab.wait_for_function("""() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
                             .some(e => /^Python 3.*\\| Idle$/.test(e.textContent.trim()))""", timeout=180_000)
    return tab


def test_the_guides_link_gives_each_student_a_chapter_that_runs_and_a_journal_of_their_own(hub, chromium):
    base, homes, course = hub
    tab = log_in_and_pull(chromium, base, "student-a", course)
    try:
        assert (homes / "student-a" / course.name / CHAPTER).is_file(), "nbgitpuller did not copy the chapters"
        run_all_cells(tab)
        errors = tab.locator(f"{NOTEBOOK} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
        assert errors.count() == 0, "\n".join(errors.all_inner_texts())[:3000]
        plot = tab.locator(f"{NOTEBOOK} .js-plotly-plot").first
        plot.wait_for(timeout=120_000)
        tab.wait_for_function("plot => plot.data && plot.data.length > 0", arg=plot.element_handle(), timeout=60_000)
        box = plot.locator("xpath=ancestor::*[contains(@class, 'widget-vbox')][1]")
        slider = box.locator(".widget-slider .noUi-handle").first
        at_end = slider.get_attribute("aria-valuenow") == slider.get_attribute("aria-valuemax")
        press_control(tab, slider, "ArrowLeft" if at_end else "ArrowRight", plot.element_handle())
        kept = run_typed_cell(tab, "from widgets import journal; journal.Journal().save_answer('ch02', 'hub', 'mine'); "
                                   "print('RESULT', journal.journal_dir())")
    finally:
        tab.context.close()
    folder = homes / "student-a" / ".local" / "share" / "jupyter" / "hall-of-mirrors"
    assert Path(kept) == folder
    assert (folder.stat().st_mode & 0o777, (folder / "journal.json").stat().st_mode & 0o777) == (0o700, 0o600)

    tab = log_in_and_pull(chromium, base, "student-b", course)
    try:
        assert (homes / "student-b" / course.name / CHAPTER).is_file(), "the second student has no copy"
        theirs = run_typed_cell(tab, "from widgets import journal; print('RESULT', repr(journal.Journal().answer('ch02', 'hub')), "
                                     "journal.journal_dir())")
    finally:
        tab.context.close()
    assert theirs == f"'' {homes / 'student-b' / '.local' / 'share' / 'jupyter' / 'hall-of-mirrors'}"
