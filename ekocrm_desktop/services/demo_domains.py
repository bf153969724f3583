"""Demo data of the domains: the settings lists' defaults and a few teams of collaborators."""

from __future__ import annotations

import datetime as dt

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.domains import TeamKind
from ekocrm_desktop.services.settings_lists import SettingsListService
from ekocrm_desktop.services.teams import TeamDraft, TeamService

#: (name, kind, description) of the demo teams; leaders and members are taken among the staff.
DEMO_TEAMS = (
    ("Lyon Nord", TeamKind.GEOGRAPHY.value, "Clients et prospects de Lyon nord, Villeurbanne, Caluire"),
    ("Formation", TeamKind.PRODUCT.value, "Catalogue de formations inter et intra-entreprise"),
    ("Grands comptes 2026", TeamKind.OBJECTIVE.value, "Signer trois grands comptes avant la fin de l'année"),
)


def generate_domains_demo(db: Database, *, today: dt.date | None = None) -> int:
    """Seed the settings lists and make the demo teams; returns how many teams were made."""
    SettingsListService(db).ensure_defaults()
    day = today or db.clock().astimezone().date()
    teams = TeamService(db, today=lambda: day)
    staff = [c.id for c in teams.collaborators()]
    if len(staff) < 2 or teams.teams():
        return 0
    made = 0
    for index, (name, kind, description) in enumerate(DEMO_TEAMS):
        # Overlapping teams of three or four, each led by a different collaborator.
        start = (index * 2) % len(staff)
        members = tuple(dict.fromkeys(staff[(start + k) % len(staff)] for k in range(min(4, len(staff)) - index % 2)))
        teams.create(TeamDraft(name, kind, description, leader_id=members[0], member_ids=members))
        made += 1
    return made
