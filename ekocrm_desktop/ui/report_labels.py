"""The reports' texts in the user's language: the report layer has no translations of its own,
so the window and the command line both build its labels here (the same PDF from both)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from ekocrm_desktop.models.activities import ActivityType, TaskStatus
from ekocrm_desktop.models.campaigns import CAMPAIGN_STATUSES, CHANNELS
from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.models.membership import DuesStatus, MembershipCategory, PaymentMethod
from ekocrm_desktop.services.campaigns import RESPONSES
from ekocrm_desktop.ui.actions_labels import activity_type_name, task_status_name
from ekocrm_desktop.ui.association_labels import category_name, dues_status_name, payment_method_name
from ekocrm_desktop.ui.labels import contact_label_name, kind_name, role_name
from ekocrm_desktop.ui.pages.campaigns_page import channel_label, response_label, status_label


def report_labels(lost_reasons: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """Every label the report builders use, translated (`lost_reasons`: the settings list's codes and labels)."""
    labels = {
        "page": QCoreApplication.translate("Reports", "Page %1 of %2"),
        "activity.title": QCoreApplication.translate("Reports", "Activity report"),
        "pipeline.title": QCoreApplication.translate("Reports", "Pipeline report"),
        "membership.title": QCoreApplication.translate("Reports", "Membership report"),
        "contact.title": QCoreApplication.translate("Reports", "Contact sheet"),
        "period": QCoreApplication.translate("Reports", "Period"),
        "period.value": QCoreApplication.translate("Reports", "From %1 to %2"),
        "previous.value": QCoreApplication.translate("Reports", "Compared with %1 to %2"),
        "scope": QCoreApplication.translate("Reports", "Concerning"),
        "requested_by": QCoreApplication.translate("Reports", "Requested by"),
        "generated": QCoreApplication.translate("Reports", "Generated on"),
        "everyone": QCoreApplication.translate("Reports", "Everyone"),
        "type": QCoreApplication.translate("Reports", "Type"),
        "count": QCoreApplication.translate("Reports", "Count"),
        "previous": QCoreApplication.translate("Reports", "Previous period"),
        "change": QCoreApplication.translate("Reports", "Change"),
        "change_pct": QCoreApplication.translate("Reports", "Change (%)"),
        "total": QCoreApplication.translate("Reports", "Total"),
        "totals_by_type": QCoreApplication.translate("Reports", "Activities by type"),
        "by_collaborator": QCoreApplication.translate("Reports", "Activities by collaborator"),
        "collaborator": QCoreApplication.translate("Reports", "Collaborator"),
        "unassigned": QCoreApplication.translate("Reports", "Unassigned"),
        "per_week": QCoreApplication.translate("Reports", "Activities per week"),
        "week_of": QCoreApplication.translate("Reports", "Week of %1"),
        "activities_by_day": QCoreApplication.translate("Reports", "Activities by day"),
        "time": QCoreApplication.translate("Reports", "Time"),
        "subject": QCoreApplication.translate("Reports", "Subject"),
        "people": QCoreApplication.translate("Reports", "People"),
        "deals": QCoreApplication.translate("Reports", "Deals"),
        "no_activity": QCoreApplication.translate("Reports", "No activity in this period."),
        "tasks": QCoreApplication.translate("Reports", "Tasks"),
        "tasks.completed": QCoreApplication.translate("Reports", "Completed in the period"),
        "tasks.overdue": QCoreApplication.translate("Reports", "Overdue at the end of the period"),
        "tasks.open": QCoreApplication.translate("Reports", "Open"),
        "deals_won": QCoreApplication.translate("Reports", "Deals won"),
        "deals_moved": QCoreApplication.translate("Reports", "Deals moved to another stage"),
        "deal": QCoreApplication.translate("Reports", "Deal"),
        "client": QCoreApplication.translate("Reports", "Client"),
        "owner": QCoreApplication.translate("Reports", "Owner"),
        "stage": QCoreApplication.translate("Reports", "Stage"),
        "amount": QCoreApplication.translate("Reports", "Amount"),
        "date": QCoreApplication.translate("Reports", "Date"),
        "none": QCoreApplication.translate("Reports", "None."),
        "by_stage": QCoreApplication.translate("Reports", "Open deals by stage"),
        "by_owner": QCoreApplication.translate("Reports", "Open deals by owner"),
        "deals_count": QCoreApplication.translate("Reports", "Deals"),
        "weighted": QCoreApplication.translate("Reports", "Weighted forecast"),
        "won": QCoreApplication.translate("Reports", "Won in the period"),
        "lost": QCoreApplication.translate("Reports", "Lost in the period"),
        "lost_reasons": QCoreApplication.translate("Reports", "Lost deals by reason"),
        "reason": QCoreApplication.translate("Reports", "Reason"),
        "no_reason": QCoreApplication.translate("Reports", "(no reason given)"),
        "members_grid": QCoreApplication.translate("Reports", "Members by category and dues status"),
        "category": QCoreApplication.translate("Reports", "Category"),
        "no_category": QCoreApplication.translate("Reports", "(no membership type)"),
        "status": QCoreApplication.translate("Reports", "Status"),
        "statuses_on": QCoreApplication.translate("Reports", "Dues status on %1"),
        "receipts": QCoreApplication.translate("Reports", "Receipts in the period"),
        "receipt_no": QCoreApplication.translate("Reports", "Receipt"),
        "member": QCoreApplication.translate("Reports", "Member"),
        "membership_type": QCoreApplication.translate("Reports", "Membership type"),
        "paid_on": QCoreApplication.translate("Reports", "Paid on"),
        "method": QCoreApplication.translate("Reports", "Method"),
        "by_method": QCoreApplication.translate("Reports", "Receipts by payment method"),
        "identity": QCoreApplication.translate("Reports", "Identity"),
        "kind.person": QCoreApplication.translate("Reports", "Person"),
        "kind.organisation": QCoreApplication.translate("Reports", "Organisation"),
        "job_title": QCoreApplication.translate("Reports", "Job title"),
        "birth_date": QCoreApplication.translate("Reports", "Birth date"),
        "website": QCoreApplication.translate("Reports", "Website"),
        "notes": QCoreApplication.translate("Reports", "Notes"),
        "contact_points": QCoreApplication.translate("Reports", "Contact points"),
        "email": QCoreApplication.translate("Reports", "E-mail"),
        "phone": QCoreApplication.translate("Reports", "Phone"),
        "address": QCoreApplication.translate("Reports", "Address"),
        "roles": QCoreApplication.translate("Reports", "Roles"),
        "role": QCoreApplication.translate("Reports", "Role"),
        "since": QCoreApplication.translate("Reports", "Since"),
        "until": QCoreApplication.translate("Reports", "Until"),
        "organisations": QCoreApplication.translate("Reports", "Organisations"),
        "function": QCoreApplication.translate("Reports", "Function"),
        "members_of_org": QCoreApplication.translate("Reports", "People"),
        "activities": QCoreApplication.translate("Reports", "Latest activities"),
        "due": QCoreApplication.translate("Reports", "Due"),
        "membership": QCoreApplication.translate("Reports", "Membership"),
        "paid_until": QCoreApplication.translate("Reports", "Paid until"),
        "groups": QCoreApplication.translate("Reports", "Groups"),
        "campaign.title": QCoreApplication.translate("Reports", "Campaign report"),
        "channel": QCoreApplication.translate("Reports", "Channel"),
        "campaign_status": QCoreApplication.translate("Reports", "Status"),
        "objective": QCoreApplication.translate("Reports", "Objective"),
        "results": QCoreApplication.translate("Reports", "Results"),
        "figure": QCoreApplication.translate("Reports", "Figure"),
        "rate": QCoreApplication.translate("Reports", "Rate"),
        "recipients": QCoreApplication.translate("Reports", "Recipients"),
        "sent": QCoreApplication.translate("Reports", "Sent"),
        "failed": QCoreApplication.translate("Reports", "Failed"),
        "bounced": QCoreApplication.translate("Reports", "Bounced"),
        "skipped": QCoreApplication.translate("Reports", "Skipped"),
        "to_check": QCoreApplication.translate("Reports", "Interrupted, to check"),
        "responded": QCoreApplication.translate("Reports", "People who responded"),
        "responses_by_type": QCoreApplication.translate("Reports", "Responses by type"),
        "response": QCoreApplication.translate("Reports", "Response"),
        "people_count": QCoreApplication.translate("Reports", "People"),
        "share": QCoreApplication.translate("Reports", "Share"),
        "no_response": QCoreApplication.translate("Reports", "No response recorded yet."),
        "costs": QCoreApplication.translate("Reports", "Costs and budget"),
        "budget": QCoreApplication.translate("Reports", "Budget"),
        "actual_cost": QCoreApplication.translate("Reports", "Actual cost"),
        "budget_left": QCoreApplication.translate("Reports", "Budget left"),
        "over_budget": QCoreApplication.translate("Reports", "Over budget by"),
        "budget_used": QCoreApplication.translate("Reports", "Budget used"),
        "cost_per_response": QCoreApplication.translate("Reports", "Cost per response"),
        "revenue": QCoreApplication.translate("Reports", "Revenue (deals won)"),
        "net": QCoreApplication.translate("Reports", "Revenue minus cost"),
        "steps": QCoreApplication.translate("Reports", "Sends and follow-ups"),
        "send": QCoreApplication.translate("Reports", "Send"),
        "first_send": QCoreApplication.translate("Reports", "First send"),
        "follow_up_n": QCoreApplication.translate("Reports", "Follow-up %1"),
        "audience": QCoreApplication.translate("Reports", "Sent to"),
        "sent_on": QCoreApplication.translate("Reports", "Sent on"),
        "waiting": QCoreApplication.translate("Reports", "Waiting"),
        "responses": QCoreApplication.translate("Reports", "Responses"),
        "not_sent": QCoreApplication.translate("Reports", "The campaign has not been sent yet."),
        "campaign_deals": QCoreApplication.translate("Reports", "Deals won from the campaign"),
    }
    labels.update({f"type.{t.value}": activity_type_name(t.value) for t in ActivityType})
    labels.update({f"task_status.{s.value}": task_status_name(s.value) for s in TaskStatus})
    labels.update({f"status.{s.value}": dues_status_name(s.value) for s in DuesStatus})
    labels.update({f"category.{c.value}": category_name(c.value) for c in MembershipCategory})
    labels.update({f"method.{m.value}": payment_method_name(m.value) for m in PaymentMethod})
    labels.update({f"role.{r.value}": role_name(r.value) for r in RoleKind})
    labels.update({f"kind.{k}": kind_name(k) for k in ("person", "organisation")})
    labels.update({f"label.{c}": contact_label_name(c) for c in ("work", "home", "mobile", "fax", "other")})
    labels.update({f"lost_reason.{code}": label for code, label in lost_reasons})
    labels.update({f"channel.{c}": channel_label(c) for c in CHANNELS})
    labels.update({f"campaign_status.{c}": status_label(c) for c in CAMPAIGN_STATUSES})
    labels.update({f"response.{c}": response_label(c) for c in RESPONSES})
    labels.update(
        {
            "audience.all": QCoreApplication.translate("Reports", "Everyone targeted"),
            "audience.no_response": QCoreApplication.translate("Reports", "Those who did not respond"),
            "audience.not_paid": QCoreApplication.translate("Reports", "Those who did not pay"),
        }
    )
    return labels
