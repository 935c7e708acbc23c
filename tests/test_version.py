"""One source for the version: syndication/_version.py. The installed distribution's metadata
(pyproject's dynamic version), the package face, the CLI's --version, the feeds' generator and
the default User-Agent all say the same, and no module imports the package face for it."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import syndication
from syndication import _version
from syndication.config import DEFAULT_USER_AGENT, default_fetch_config

ROOT = Path(__file__).resolve().parents[1]


def test_installed_metadata_is_the_version_module() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", _version.__version__)
    assert importlib.metadata.version("syndication") == _version.__version__
    assert syndication.__version__ == _version.__version__


def test_pyproject_holds_no_version_of_its_own() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "syndication._version.__version__"}


def test_cli_and_default_user_agent_say_it() -> None:
    done = subprocess.run([sys.executable, "-m", "syndication", "--version"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["syndication", _version.__version__]
    assert DEFAULT_USER_AGENT.startswith(f"syndication/{_version.__version__} (+http")
    assert default_fetch_config().user_agent == DEFAULT_USER_AGENT


def test_no_module_imports_the_package_face() -> None:
    """A stage importing a name of ``syndication`` (its __init__) for the version made the one
    import cycle: the face imports the stages' records and config. Importing a sibling module
    (``from . import utc``) is not that."""
    package = ROOT / "syndication"
    submodules = {p.stem for p in package.glob("*.py")} | {p.name for p in package.iterdir()
                                                           if (p / "__init__.py").is_file()}
    offenders = []
    for path in sorted(package.rglob("*.py")):
        if path == package / "__init__.py":
            continue
        depth = len(path.relative_to(package).parts)  # 1: syndication/x.py, 2: a subpackage
        dots = r"\." * depth  # the package face, seen from this module
        face = rf"from syndication import|import syndication\s*$|from {dots} import"
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(rf"\s*(?:{face})\s*\(?\s*([\w, ]*)", line)
            if m and not set(re.findall(r"\w+", m.group(1).split(" as ")[0])) <= submodules:
                offenders.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert offenders == []
