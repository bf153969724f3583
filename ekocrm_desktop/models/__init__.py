"""SQLAlchemy entities. Importing this package registers every table on `Base.metadata`."""

from ekocrm_desktop.models.access import AccessConfig, RecordHistory, SaveReceipt, UserAccount
from ekocrm_desktop.models.assemblies import AgendaItem, Assembly, Invitation
from ekocrm_desktop.models.base import NAMING_CONVENTION, Base, utcnow
from ekocrm_desktop.models.domains import (
    Article,
    ChoiceItem,
    ChoiceListKey,
    Deal,
    DealContact,
    DealLine,
    DealStatus,
    DuplicateDismissal,
    GroupMember,
    MergeRecord,
    PartyGroup,
    PipelineStage,
    Segment,
    Team,
    TeamKind,
    TeamMember,
)
from ekocrm_desktop.models.enums import ContactLabel, PartyKind, RoleKind
from ekocrm_desktop.models.exchange import ImportBatch, ImportBatchItem
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.membership import (
    MembershipType,
    ReceiptCounter,
    ReminderRule,
    ReminderSent,
    Subscription,
)
from ekocrm_desktop.models.news import NewsAttachment, NewsItem, NewsRead, NewsRecipient
from ekocrm_desktop.models.party import (
    Affiliation,
    Party,
    PartyAddress,
    PartyEmail,
    PartyPhone,
    PartyRole,
    Tag,
    party_tag,
)
from ekocrm_desktop.models.settings import AppSetting

__all__ = [
    "NAMING_CONVENTION",
    "AccessConfig",
    "Affiliation",
    "AgendaItem",
    "AppSetting",
    "Article",
    "Assembly",
    "Base",
    "ChoiceItem",
    "ChoiceListKey",
    "ContactLabel",
    "Deal",
    "DealContact",
    "DealLine",
    "DealStatus",
    "DuplicateDismissal",
    "GroupMember",
    "ImportBatch",
    "ImportBatchItem",
    "Invitation",
    "MembershipType",
    "MergeRecord",
    "NewsAttachment",
    "NewsItem",
    "NewsRead",
    "NewsRecipient",
    "Party",
    "PartyAddress",
    "PartyEmail",
    "PartyGroup",
    "PartyKind",
    "PartyPhone",
    "PartyRole",
    "PipelineStage",
    "ReceiptCounter",
    "RecordHistory",
    "ReminderRule",
    "ReminderSent",
    "RoleKind",
    "SaveReceipt",
    "Segment",
    "Subscription",
    "Tag",
    "Team",
    "TeamKind",
    "TeamMember",
    "UserAccount",
    "party_tag",
    "utcnow",
    "uuid7",
]
