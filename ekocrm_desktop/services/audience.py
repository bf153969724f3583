"""Who an invitation or a news item goes to: members chosen by dues status and membership type,
and people chosen one by one.

It compiles to one SQL condition on `Party`, so an assembly's invitations or a news item's
recipients are written with one INSERT … SELECT. Groups and segments (issue 3) join here as
two more fields when they land.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from typing import Any

from sqlalchemy import ColumnElement, false, or_

from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services.membership import MEMBER_STATUSES, STATUSES, members_condition


@dataclasses.dataclass(frozen=True)
class Audience:
    """Members with one of `statuses` (and of one of `type_ids`, when given) when `members` is
    set, plus the parties in `party_ids`. Trashed parties are never part of it."""

    members: bool = True
    statuses: tuple[str, ...] = MEMBER_STATUSES
    type_ids: tuple[uuid.UUID, ...] = ()
    party_ids: tuple[uuid.UUID, ...] = ()

    def is_empty(self) -> bool:
        """Whether it can select nobody."""
        return not (self.members and self.statuses) and not self.party_ids

    def to_json(self) -> str:
        """The stored form."""
        return json.dumps(
            {
                "members": self.members,
                "statuses": list(self.statuses),
                "type_ids": [str(t) for t in self.type_ids],
                "party_ids": [str(p) for p in self.party_ids],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Audience:
        """Read the stored form (unknown statuses dropped)."""
        data: dict[str, Any] = json.loads(text or "{}")
        return cls(
            members=bool(data.get("members", False)),
            statuses=tuple(s for s in data.get("statuses", ()) if s in STATUSES),
            type_ids=tuple(uuid.UUID(t) for t in data.get("type_ids", ())),
            party_ids=tuple(uuid.UUID(p) for p in data.get("party_ids", ())),
        )


def audience_condition(audience: Audience, today: dt.date, due_soon_days: int) -> ColumnElement[bool]:
    """The condition on `Party` selecting the audience on `today`."""
    parts: list[ColumnElement[bool]] = []
    if audience.members and audience.statuses:
        parts.append(members_condition(Party.id, today, due_soon_days, audience.statuses, audience.type_ids))
    if audience.party_ids:
        parts.append(Party.id.in_(list(audience.party_ids)))
    if not parts:
        return false()
    return or_(*parts) & Party.deleted_at.is_(None)
