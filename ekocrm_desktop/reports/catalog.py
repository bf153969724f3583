"""One entry point for every report kind, shared by the window and the command line, so both
write the same PDF for the same request."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO
from uuid import UUID

from ekocrm_desktop.reports.base import Formatter
from ekocrm_desktop.services.reporting import Period, ReportingService, Scope

KINDS = ("activity", "pipeline", "membership", "contact", "campaign")

Progress = Callable[[int, int, str], None]


@dataclasses.dataclass(frozen=True)
class ReportRequest:
    """What to report on: the kind, the period, whose activity, which party (contact sheet) or
    which campaign (campaign report)."""

    kind: str
    period: Period | None = None
    scope: Scope = dataclasses.field(default_factory=Scope)
    party_id: UUID | None = None
    campaign_id: UUID | None = None
    requested_by: str = ""


def build_report(
    service: ReportingService,
    request: ReportRequest,
    target: Path | BinaryIO | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    fmt: Formatter | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> bytes:
    """Query the data and lay the PDF out; returns its bytes (and writes `target` when given)."""
    step = progress or (lambda _d, _t, _x: None)
    everyone = (labels or {}).get("everyone", "Everyone")
    step(0, 3, "query")
    if request.kind == "activity":
        from ekocrm_desktop.reports.activity import activity_pdf

        assert request.period is not None
        data = service.activity_report(
            request.scope, request.period, requested_by=request.requested_by, everyone=everyone, cancelled=cancelled
        )
        step(1, 3, "layout")
        return activity_pdf(data, target, labels=labels, fmt=fmt)
    if request.kind == "pipeline":
        from ekocrm_desktop.reports.pipeline import pipeline_pdf

        assert request.period is not None
        pipeline = service.pipeline_report(
            request.period, scope=request.scope, requested_by=request.requested_by, everyone=everyone
        )
        step(1, 3, "layout")
        return pipeline_pdf(pipeline, target, labels=labels, fmt=fmt)
    if request.kind == "membership":
        from ekocrm_desktop.reports.membership_report import membership_report_pdf

        assert request.period is not None
        members = service.membership_report(request.period, requested_by=request.requested_by)
        step(1, 3, "layout")
        return membership_report_pdf(members, target, labels=labels, fmt=fmt)
    if request.kind == "contact":
        from ekocrm_desktop.reports.contact_sheet import contact_sheet_pdf

        assert request.party_id is not None
        sheet = service.contact_sheet(request.party_id, requested_by=request.requested_by)
        step(1, 3, "layout")
        return contact_sheet_pdf(sheet, target, labels=labels, fmt=fmt)
    if request.kind == "campaign":
        from ekocrm_desktop.reports.campaign_report import campaign_pdf

        assert request.campaign_id is not None
        campaign = service.campaign_report(request.campaign_id, requested_by=request.requested_by)
        step(1, 3, "layout")
        return campaign_pdf(campaign, target, labels=labels, fmt=fmt)
    raise ValueError(f"unknown report kind {request.kind!r}")
