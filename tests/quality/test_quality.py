"""Quality gates that run with the tests: lint, formatting, layering, types, translations.

They run the same tools a developer runs, so CI and the README's one test command check
everything (issue 2: "quality gates run by the test command").
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
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


def test_french_translation_has_no_unfinished_entry() -> None:
    missing = i18n.unfinished(i18n.TS_FILES["fr"])
    assert missing == [], f"{len(missing)} unfinished: run tools/i18n.py missing fr"
    assert i18n.unfinished(i18n.TS_FILES["en"]) == []


def test_every_tr_string_is_in_the_translation_files(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh_fr.ts"
    files = [str(p.relative_to(ROOT)) for p in i18n.sources()]
    result = run(tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none", "-ts", str(fresh))
    assert result.returncode == 0, result.stderr

    def messages(path: Path) -> set[tuple[str, str]]:
        root = ET.parse(path).getroot()
        return {
            (context.findtext("name") or "", message.findtext("source") or "")
            for context in root.iter("context")
            for message in context.iter("message")
        }

    new = messages(fresh) - messages(i18n.TS_FILES["fr"])
    assert not new, f"strings missing from ekocrm_fr.ts (run tools/i18n.py update): {sorted(new)[:10]}"


def test_compiled_translations_are_up_to_date(tmp_path: Path) -> None:
    for ts in i18n.TS_FILES.values():
        compiled = tmp_path / ts.with_suffix(".qm").name
        result = run(tool("pyside6-lrelease"), str(ts), "-qm", str(compiled))
        assert result.returncode == 0, result.stderr
        assert compiled.read_bytes() == ts.with_suffix(".qm").read_bytes(), f"run tools/i18n.py release ({ts.name})"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in readme
    assert "test-command" in ci  # .ci/run extracts the command from the README itself
