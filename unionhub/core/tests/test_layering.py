"""Layering (issue #12): core and its platform apps (``unionhub/core/**``: calendar, KPIs,
to-do, scheduler …) import nothing from the other ``unionhub`` apps, accounts and org
included. They reach the user model through ``get_user_model()``, other models through
``django.apps.apps.get_model`` and the modules' declarations (``unionhub.core.modules``).

Every import is read with ``ast``: module-level ones and those inside functions, relative
ones resolved, ``from unionhub import org``, and ``import_module("unionhub.x…")`` with a
literal name. Not checked:

* ``tests/`` directories (at any depth): tests may build domain records as samples;
* ``management/module_template/``: the ``startmodule`` templates (``*.py.tpl``, not walked
  anyway), which become a *new domain app's* code and so import that app.

``core/testing/`` (helpers for the scope and write matrices) is checked like the rest: it
reaches each app's ``tests/samples.py`` through ``module_configs()`` by a computed name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[1]  # unionhub/core
UNIONHUB = CORE.parent
EXCLUDED_PARTS = {"tests", "__pycache__"}
EXCLUDED_DIRS = {CORE / "management" / "module_template"}


def core_files() -> list[Path]:
    files = []
    for path in sorted(CORE.rglob("*.py")):
        relative = path.relative_to(CORE)
        if EXCLUDED_PARTS & set(relative.parts[:-1]):
            continue
        if any(path.is_relative_to(d) for d in EXCLUDED_DIRS):
            continue
        files.append(path)
    return files


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(UNIONHUB.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imported_modules(
    source: str, module: str, *, is_package: bool = False
) -> list[tuple[int, str]]:
    """(line, dotted name) of every module the source imports, wherever the import is."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(node, module, is_package)
            found.append((node.lineno, target))
            # ``from unionhub import org``: the names are modules too
            if target in ("unionhub", ""):
                found += [(node.lineno, f"{target}.{a.name}".lstrip(".")) for a in node.names]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if (
                name in ("import_module", "__import__")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((node.lineno, node.args[0].value))
    return found


def offending(source: str, module: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """Imports of a ``unionhub`` module outside ``unionhub.core``."""
    bad = []
    for line, name in imported_modules(source, module, is_package=is_package):
        parts = name.split(".")
        if parts[0] == "unionhub" and len(parts) > 1 and parts[1] != "core":
            bad.append((line, name))
    return bad


@pytest.mark.parametrize(
    "source, module, flagged",
    [
        ("from unionhub.org.models import Region", "unionhub.core.scale", True),
        ("import unionhub.accounts.models", "unionhub.core.scale", True),
        ("def f():\n    from unionhub.members import models", "unionhub.core.x", True),
        ("from unionhub import org", "unionhub.core.x", True),
        ("from unionhub import core", "unionhub.core.x", False),
        ("from ...org.models import Region", "unionhub.core.calendar.views", True),
        ("from ..scope import ScopeSpec", "unionhub.core.calendar.views", False),
        ("from . import kinds", "unionhub.core.calendar.views", False),
        ("import_module('unionhub.stations.models')", "unionhub.core.x", True),
        ("importlib.import_module('unionhub.core.scope')", "unionhub.core.x", False),
        ("from unionhub.core.calendar.services import x", "unionhub.core.kpis.y", False),
        ("from django.contrib.auth import get_user_model", "unionhub.core.x", False),
        ("s = 'unionhub.stations.services.tickets.escalate'", "unionhub.core.x", False),
        ("import unionhubx.org", "unionhub.core.x", False),
    ],
)
def test_the_checker(source, module, flagged):
    assert bool(offending(source, module)) is flagged


def test_relative_import_in_a_package_init():
    # ``from .. import x`` in unionhub/core/calendar/__init__.py is unionhub.core.x
    assert offending("from ..org import x", "unionhub.core", is_package=True) == [
        (1, "unionhub.org")
    ]
    assert not offending("from .. import x", "unionhub.core.calendar", is_package=True)


def test_core_imports_no_other_unionhub_app():
    files = core_files()
    names = {p.relative_to(CORE).as_posix() for p in files}
    # the walk really covers core, its platform apps and its commands
    assert {"scope.py", "scale.py", "management/commands/generate_scale.py"} <= names
    assert any(n.startswith("calendar/") for n in names)
    assert not any("/tests/" in f"/{n}" for n in names)
    problems = []
    for path in files:
        module = _module_name(path)
        source = path.read_text(encoding="utf-8")
        for line, name in offending(source, module, is_package=path.name == "__init__.py"):
            problems.append(f"{path.relative_to(UNIONHUB.parent)}:{line} imports {name}")
    assert not problems, (
        "core must not import other unionhub apps (use get_user_model(), "
        "apps.get_model() or a module declaration):\n" + "\n".join(problems)
    )
