"""Quality gates that run with the tests: lint, formatting, layering, types, translations.

They run the same tools a developer runs, so CI and the README's one test command check
everything (issue 2: "quality gates run by the test command").
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHECKED = ["ekocrm_desktop", "tests", "tools", "bench"]
sys.path.insert(0, str(ROOT / "tools"))

import i18n  # noqa: E402 - the project's own translation tool


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else (shutil.which(name) or name)


def test_ruff_lint() -> None:
    result = run(tool("ruff"), "check", *CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = run(tool("ruff"), "format", "--check", *CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_linter_contracts_hold() -> None:
    # The core (models, db, services, reports, sync) never imports Qt; layers point one way.
    result = run(tool("lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


@pytest.mark.slow
def test_mypy_strict_on_the_core() -> None:
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_translations_are_complete_and_the_committed_files_are_fresh(tmp_path: Path) -> None:
    # Rebuild from the sources and the JSON translations into a scratch folder: nothing may be
    # untranslated, and the committed .ts/.qm must be exactly what the build produces.
    left = i18n.build(tmp_path)
    assert left["fr"] == [], f"{len(left['fr'])} strings without French: run tools/i18n.py missing fr"
    assert left["en"] == [], f"{len(left['en'])} plural forms without English: run tools/i18n.py missing en"
    for ts in i18n.TS_FILES.values():
        for suffix in (".ts", ".qm"):
            committed = ts.with_suffix(suffix)
            fresh = tmp_path / committed.name
            assert fresh.read_bytes() == committed.read_bytes(), f"{committed.name} is stale: run tools/i18n.py build"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in readme
    assert "test-command" in ci  # .ci/run extracts the command from the README itself
