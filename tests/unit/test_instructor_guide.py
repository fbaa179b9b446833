"""The instructor guide's deployment sections: what they show is what the tests run and install."""
from __future__ import annotations

import re

import yaml

from support.course_pages import ROOT

GUIDE = (ROOT / "book" / "instructor_guide.md").read_text(encoding="utf-8")


def block(language: str, first_line: str) -> str:
    found = re.findall(rf"```{language}\n({re.escape(first_line)}.*?)```", GUIDE, re.S)
    assert len(found) == 1, f"the guide shows one {first_line!r} block"
    return found[0]


def pins(text: str) -> dict[str, str]:
    return dict(re.findall(r"\b([A-Za-z0-9_-]+)==([0-9][^\s\\]*)", text))


def test_the_zero_to_jupyterhub_config_names_the_course_image_and_nbgitpuller():
    config = yaml.safe_load(block("yaml", "# config.yaml for the Zero to JupyterHub chart"))
    single = config["singleuser"]
    assert "hall-of-mirrors-course" in single["image"]["name"] and single["image"]["tag"]
    command = single["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[0] == "gitpuller" and command[2:] == ["main", "hall-of-mirrors"]
    assert single["memory"]["guarantee"] and single["memory"]["limit"] and single["cpu"]["limit"]
    assert config["cull"]["enabled"] is True
    dockerfile = block("dockerfile", "# Dockerfile")
    assert "pip install --no-cache-dir -r requirements.txt nbgitpuller==" in dockerfile
    assert "python-3.11" in dockerfile  # the Python the pins were tested on (requirements.txt)


def test_the_guides_hub_versions_are_the_ones_the_test_installs():
    guide_pins = pins(block("bash", "pip install -r requirements.txt jupyterhub"))
    dev_pins = pins((ROOT / "requirements-dev.txt").read_text(encoding="utf-8"))
    assert guide_pins == {name: dev_pins[name] for name in ("jupyterhub", "nbgitpuller")}
    assert pins(block("dockerfile", "# Dockerfile"))["nbgitpuller"] == dev_pins["nbgitpuller"]
    proxy = re.search(r"configurable-http-proxy@([0-9.]+)", GUIDE).group(1)
    assert f"configurable-http-proxy@{proxy}" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
