"""What an install needs: package data found by the window, launcher and AppStream metadata."""

from __future__ import annotations

import configparser
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from twofold import __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "desktop" / "twofold"


def test_runtime_resources_are_package_data() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["twofold"]
    files = {p.relative_to(PACKAGE) for pattern in patterns for p in PACKAGE.glob(pattern)}
    assert Path("resources/twofold.qss") in files
    assert Path("resources/icons/twofold.svg") in files
    assert {Path(f"resources/icons/twofold-{s}.png") for s in (16, 32, 48, 256, 512)} <= files


def test_version_comes_from_one_place() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert data["project"]["dynamic"] == ["version"]
    assert data["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "twofold.__version__"}
    metainfo = ET.parse(ROOT / "resources" / "io.github.twofold.Twofold.metainfo.xml")
    assert metainfo.getroot().find("releases/release").get("version") == __version__


def test_launcher_names_an_installed_icon_and_the_command() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(ROOT / "resources" / "twofold.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"].split()[0] == "twofold"
    assert (PACKAGE / "resources" / "icons" / f"{entry['Icon']}.svg").is_file()
    metainfo = ET.parse(ROOT / "resources" / "io.github.twofold.Twofold.metainfo.xml")
    assert metainfo.getroot().findtext("launchable") == "twofold.desktop"
    assert metainfo.getroot().findtext("project_license") == "GPL-3.0-or-later"
