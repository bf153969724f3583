"""The History tab of a record on a local (SQLite) workspace: the session records the changes,
the owner of the file may revert one (issue 4 point 6, on SQLite as well)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from ekocrm_desktop.services.contacts import EmailEntry, PartyDraft
from ekocrm_desktop.ui.main_window import MainWindow

from .conftest import type_text


def test_history_tab_and_revert_on_a_local_file(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None and session.db.is_sqlite
    created = session.contacts.create(
        PartyDraft(first_name="Locale", last_name="Fiche", emails=(EmailEntry("l@x.fr"),))
    )
    editor = window.edit_party(created.id)
    assert editor is not None and editor.history is not None
    type_text(editor.job_title, "Secrétaire")
    editor.emails.set_values(())
    assert editor.save()
    qtbot.waitUntil(lambda: not editor.isVisible())

    editor = window.edit_party(created.id)
    assert editor is not None and editor.history is not None
    editor.tabs.setCurrentWidget(editor.history)
    view = editor.history
    assert [c.created for c in view.changes] == [False, True]
    top = view.tree.topLevelItem(0)
    fields = {top.child(i).text(0): (top.child(i).text(1), top.child(i).text(2)) for i in range(top.childCount())}
    assert fields["Job title"] == ("—", "Secrétaire")
    assert fields["E-mail"][0].startswith("− l@x.fr")
    view.select_tx(view.changes[0].tx)
    qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.job_title.text() == "")
    current = session.contacts.get(created.id)
    assert current.draft.emails == (EmailEntry("l@x.fr"),) and current.draft.job_title == ""
    assert len(view.changes) == 3 and view.changes[0].reverted_tx == view.changes[1].tx
    assert dataclasses.replace(current.draft) == current.draft
