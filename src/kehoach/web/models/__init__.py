"""The web app's tables: the unit tree, people and their roles, the plan library, the audit
log, and the work of issued plans (register, tasks, obligations, reports, reminders)."""

from .audit import AuditEntry
from .notices import Digest, Notification, Reminder, ReminderKind
from .people import ApiToken, Membership, Role
from .plans import Plan, PlanLink, PlanStatus, SourceFile, Upload, UploadStatus
from .reports import Evidence, EvidenceKind, Report, ReportCount, ReportState
from .results import CalendarFeed, Synthesis
from .units import Unit
from .work import (
    Frequency,
    Issuance,
    Obligation,
    ObligationState,
    RegisterStart,
    Task,
    TaskState,
)

__all__ = [
    "ApiToken",
    "AuditEntry",
    "CalendarFeed",
    "Digest",
    "Evidence",
    "EvidenceKind",
    "Frequency",
    "Issuance",
    "Membership",
    "Notification",
    "Obligation",
    "ObligationState",
    "Plan",
    "PlanLink",
    "PlanStatus",
    "RegisterStart",
    "Reminder",
    "ReminderKind",
    "Report",
    "ReportCount",
    "ReportState",
    "Role",
    "SourceFile",
    "Synthesis",
    "Task",
    "TaskState",
    "Unit",
    "Upload",
    "UploadStatus",
]
