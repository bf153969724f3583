"""Workspace-wide settings stored in the database (shared by everyone on a team database)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ekocrm_desktop.models.base import Base, UTCDateTime, utcnow


class AppSetting(Base):
    """One setting: a key and a JSON value (the organisation's name, its logo, lists...)."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="null")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(120))
