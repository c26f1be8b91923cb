"""Today's divergence finder (commit 8760e64), imported from git beside the current one.

The rules of `engine/divergences/` at that commit are read with `git show` into a temporary
package inside `twofold.engine`, so their relative imports reach the current model, entities and
alignment: the baseline is the old rules over the same links, entities and spaCy docs.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import tempfile
import types
from collections.abc import Callable
from pathlib import Path

BASELINE_COMMIT = "8760e64"
_PACKAGE = "twofold.engine._divergences_baseline"
_FILES = ("__init__.py", "finder.py", "pairs.py", "lexicon.py")
_ROOT = Path(__file__).resolve().parent.parent


def baseline_finder() -> tuple[Callable[..., tuple], str] | tuple[None, str]:
    """The old `find_divergences`, or None and the reason it could not be loaded."""
    import twofold.engine  # noqa: F401  (the parent package the baseline hangs under)

    if _PACKAGE + ".finder" in sys.modules:
        return sys.modules[_PACKAGE + ".finder"].find_divergences, BASELINE_COMMIT
    folder = Path(tempfile.mkdtemp(prefix="twofold-baseline-"))
    for name in _FILES:
        try:
            text = subprocess.run(
                ["git", "-C", str(_ROOT), "show",
                 f"{BASELINE_COMMIT}:desktop/twofold/engine/divergences/{name}"],
                check=True, capture_output=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError) as err:
            return None, f"baseline {BASELINE_COMMIT} not readable from git ({err})"
        (folder / name).write_text(text, encoding="utf-8")
    package = types.ModuleType(_PACKAGE)
    package.__path__ = [str(folder)]
    sys.modules[_PACKAGE] = package
    finder = importlib.import_module(_PACKAGE + ".finder")
    return finder.find_divergences, BASELINE_COMMIT
