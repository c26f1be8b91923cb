"""The engine must never import Qt: it runs headless, in workers and in scripts."""

import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "desktop" / "twofold" / "engine"


def _engine_modules() -> list[str]:
    """Every module of the engine, subpackages included, as dotted names."""
    names = []
    for path in sorted(ENGINE.rglob("*.py")):
        parts = path.relative_to(ENGINE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(("twofold", "engine", *parts)))
    return names


def test_importing_every_engine_module_loads_no_qt() -> None:
    modules = _engine_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    rooms = {name.split(".")[2] for name in modules if name.count(".") >= 3}
    assert {"load", "library", "align", "entities", "divergences"} <= rooms
