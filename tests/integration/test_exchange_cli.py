"""`ekocrm import` and `ekocrm export` on a real SQLite workspace: counts, exit codes, round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ekocrm_desktop.cli import main as cli_main
from tests.integration.test_importing import FRENCH


@pytest.fixture
def workspace(tmp_path: Path) -> str:
    assert cli_main(["workspace", "add", "Asso", "--sqlite", str(tmp_path / "asso.sqlite")]) == 0
    return "Asso"


def test_import_dry_run_then_run_then_export(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "contacts.csv"
    source.write_bytes(FRENCH.encode("cp1252"))
    capsys.readouterr()
    assert cli_main(["import", str(source), "--workspace", workspace, "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "encoding cp1252, separator ';'" in out
    assert "8 rows: 3 would be created, 0 would be updated, 0 skipped, 5 in error" in out
    assert "row 3 (line 5): invalid e-mail address: pas-une-adresse" in out
    assert "row 7 (line 9): same key as line 2 of the file" in out

    errors = tmp_path / "errors.csv"
    assert cli_main(["import", str(source), "--workspace", workspace, "--errors", str(errors)]) == 1
    out = capsys.readouterr().out
    assert "8 rows: 3 created, 0 updated, 0 skipped, 5 in error; 2 new organisations" in out
    assert errors.exists()

    # Again, skipping matches: nothing new, no duplicates (the Mairie, without e-mail, matches by name).
    assert cli_main(["import", str(source), "--workspace", workspace, "--on-match", "skip", "--dry-run"]) == 1
    assert "0 would be created, 0 would be updated, 3 skipped" in capsys.readouterr().out

    out_file = tmp_path / "export.csv"
    assert (
        cli_main(["export", "--workspace", workspace, "--format", "csv", "--out", str(out_file), "--search", "lyon"])
        == 0
    )
    assert "contacts written" in capsys.readouterr().out
    text = out_file.read_text(encoding="utf-8-sig")
    assert "Lefèvre" in text and "'+33 6 12 34 56 78" in text and "Müller" not in text


def test_an_export_over_the_xlsx_limit_exits_with_the_reason(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ekocrm_desktop.services import exporting

    source = tmp_path / "contacts.csv"
    source.write_bytes(FRENCH.encode("cp1252"))
    assert cli_main(["import", str(source), "--workspace", workspace]) == 1  # 5 rows in error
    monkeypatch.setattr(exporting, "XLSX_MAX_ROWS", 2)
    capsys.readouterr()
    sheet = tmp_path / "all.xlsx"
    assert cli_main(["export", "--workspace", workspace, "--format", "xlsx", "--out", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert "5 rows: an XLSX sheet holds at most 2 under its header; nothing written" in err
    assert not sheet.exists()


def test_import_with_a_saved_mapping_and_bad_files(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "odd.csv"
    source.write_text("Col A|Col B\nDupont|dupont@example.fr\n", encoding="utf-8")
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"mapping": {"Col A": "last_name", "Col B": "email"}}), encoding="utf-8")
    assert cli_main(["import", str(source), "--workspace", workspace, "--mapping", str(mapping)]) == 0
    assert "1 rows: 1 created" in capsys.readouterr().out
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert cli_main(["import", str(empty), "--workspace", workspace]) == 2
    assert cli_main(["import", str(tmp_path / "missing.csv"), "--workspace", workspace]) == 2
    bad_mapping = tmp_path / "bad.json"
    bad_mapping.write_text("{not json", encoding="utf-8")
    assert cli_main(["import", str(source), "--workspace", workspace, "--mapping", str(bad_mapping)]) == 2


def test_import_members_and_articles_from_the_command_line(
    workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from decimal import Decimal

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.db.migrate import upgrade_sqlite_file
    from ekocrm_desktop.services.articles import ArticleQuery, ArticleService
    from ekocrm_desktop.services.membership import MembershipService, TypeDraft
    from ekocrm_desktop.services.paging import PageRequest
    from tests.integration.test_importing_records import ARTICLES, MEMBERS

    upgrade_sqlite_file(tmp_path / "asso.sqlite")
    db = Database(make_engine(sqlite_url(tmp_path / "asso.sqlite")), actor="tester")
    try:
        MembershipService(db).save_type(TypeDraft(name="Membre actif", category="active", fee=Decimal("30")))
        MembershipService(db).save_type(TypeDraft(name="Bienfaiteur", category="benefactor", fee=Decimal("100")))
        members = tmp_path / "adherents.csv"
        members.write_bytes(MEMBERS.encode("cp1252"))
        assert cli_main(["import", str(members), "--workspace", workspace, "--kind", "members", "--dry-run"]) == 1
        out = capsys.readouterr().out
        assert "11 rows: 2 would be created, 1 would be updated, 0 skipped, 8 in error" in out
        assert "row 5 (line 6): unknown membership type: Platine" in out
        assert "Type d'adhésion → membership_type" in out
        assert cli_main(["import", str(members), "--workspace", workspace, "--kind", "members"]) == 1
        assert "11 rows: 2 created, 1 updated, 0 skipped, 8 in error" in capsys.readouterr().out
        assert len(MembershipService(db).subscriptions_of(_party(db, "Lefèvre"))) == 2

        articles = tmp_path / "articles.csv"
        articles.write_bytes(ARTICLES.encode("cp1252"))
        assert cli_main(["import", str(articles), "--workspace", workspace, "--kind", "articles"]) == 1
        assert "7 rows: 2 created, 0 updated, 0 skipped, 5 in error" in capsys.readouterr().out
        codes = [a.code for a in ArticleService(db).page(ArticleQuery(), "code", False, PageRequest(0, 10, 10))]
        assert codes == ["FORM-1", "LOG2"]
    finally:
        db.dispose()


def _party(db: object, last_name: str) -> object:
    from sqlalchemy import select

    from ekocrm_desktop.models import Party

    with db.session() as session:  # type: ignore[attr-defined]
        return session.scalar(select(Party.id).where(Party.last_name == last_name))
