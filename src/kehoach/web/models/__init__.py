"""The web app's tables: the unit tree, people and their roles, the plan library, the audit log."""

from .audit import AuditEntry
from .people import ApiToken, Membership, Role
from .plans import Plan, PlanLink, PlanStatus, SourceFile, Upload, UploadStatus
from .units import Unit

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Membership",
    "Plan",
    "PlanLink",
    "PlanStatus",
    "Role",
    "SourceFile",
    "Unit",
    "Upload",
    "UploadStatus",
]
