"""The package's shape: a one-way chain of stage modules (issue #12).

article text -> parse -> infer -> scenario -> rings -> coverage -> outputs

A module may import only modules that come before it in :data:`ORDER`, at
module level or inside a function: no cycle, and no stage reaches forward or
into a later stage. No module imports a sibling's private name.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import rangemap

PKG = Path(rangemap.__file__).resolve().parent
ROOT = PKG.parent

#: Every module of the package, earliest first.
ORDER = [
    "errors", "_text", "models", "_io",
    "geodesy", "geodata", "gazetteer", "catalogue", "reach",
    "_clean", "_numbers", "parse", "infer", "scenario",
    "rings", "measure",
    "report", "static", "export", "render", "brief", "serve",
    "cli", "__main__",
]


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules([str(PKG)]))


def _imports(name: str) -> list[tuple[str, list[str], int]]:
    """(module, imported names, line) for every package-internal import in ``name``."""
    tree = ast.parse((PKG / f"{name}.py").read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                out.append((node.module.split(".")[0], [a.name for a in node.names], node.lineno))
            elif node.level == 1:  # from . import x: a submodule, or a package attribute such as __version__
                out += [(a.name, [], node.lineno) for a in node.names if not a.name.startswith("__")]
            elif node.module and node.module.startswith("rangemap."):
                out.append((node.module.split(".")[1], [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name.split(".")[1], [], node.lineno) for a in node.names if a.name.startswith("rangemap.")]
    return out


def test_order__lists_every_module():
    missing = [m for m in _modules() if m not in ORDER]
    assert missing == [], f"add {missing} to ORDER in tests/test_architecture.py"


@pytest.mark.parametrize("name", [m for m in ORDER if (PKG / f"{m}.py").exists()])
def test_imports__only_earlier_stages_and_no_private_names(name):
    for module, names, line in _imports(name):
        if module in ("data", "seeds", "assets"):
            continue
        assert module in ORDER, f"{name}.py:{line} imports unknown module {module}"
        assert ORDER.index(module) < ORDER.index(name), (
            f"{name}.py:{line} imports {module}, which comes later in the chain (or is itself)")
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        allowed = {"_geod"} if module == "geodesy" else set()
        assert not set(private) - allowed, f"{name}.py:{line} imports private names {private} from {module}"


def test_models__import_no_stage():
    assert {m for m, _, _ in _imports("models")} <= {"errors", "_text"}


@pytest.mark.parametrize("name", [m for m in ORDER if (PKG / f"{m}.py").exists() and m != "__main__"])
def test_doctests__run_and_pass(name):
    module = importlib.import_module(f"rangemap.{name}")
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0


def test_readme__python_block_runs(tmp_path, monkeypatch):
    """The README's Python example runs as written, and prints what it says."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Python\n\n```python\n(.*?)```", text, re.S)
    assert block, "README has a ## Python section with a python code block"
    monkeypatch.chdir(ROOT)
    code = block.group(1)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    # every "# 1234.5..." comment after a call is the value it returns
    for line in code.splitlines():
        m = re.match(r"^(rangemap\.[\w.]+\(.*\))\s+#\s*([\d.,]+)\.\.\.$", line.strip())
        if m:
            value = eval(m.group(1), namespace)
            assert f"{value:.1f}".startswith(m.group(2).replace(",", "")), line


def test_import__loads_no_heavy_library():
    import subprocess
    import sys

    code = ("import sys, rangemap; heavy = {'geopandas', 'folium', 'matplotlib', 'pandas'} & set(sys.modules); "
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_library__leaves_matplotlib_state_alone():
    import matplotlib

    from rangemap import scenario as scenario_io
    from rangemap.static import static_bytes

    backend, rc = matplotlib.get_backend(), dict(matplotlib.rcParams)
    s = scenario_io.load(ROOT / "seeds" / "000_cf37cdb565ddf28d.txt")
    static_bytes(s, "svg", width_px=400, dpi=50)
    static_bytes(s, "png", width_px=400, dpi=50)
    assert matplotlib.get_backend() == backend
    changed = {k for k, v in matplotlib.rcParams.items() if rc.get(k) != v and k != "backend"}
    assert changed == set()
