"""Background work, run by the task worker (``kehoach serve`` starts one)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.exceptions import TaskResultDoesNotExist

from kehoach.document import KehoachError

from .models import Upload, UploadStatus

log = logging.getLogger("kehoach.tasks")


@task()
def read_upload(upload_id: str) -> int | None:
    """Parse and check an upload into a plan awaiting review; on failure keep nothing but
    the message the user will read."""
    from .library import ingest

    upload = Upload.objects.filter(pk=upload_id).first()
    if upload is None or upload.status == UploadStatus.DONE:
        return upload.plan_id if upload else None
    Upload.objects.filter(pk=upload_id).update(status=UploadStatus.RUNNING)
    try:
        plan = ingest(upload)
    except KehoachError as exc:
        _fail(upload, f"Không đọc được tệp: {exc.message}.")
        return None
    except Exception:
        log.exception("reading upload %s failed", upload_id)
        _fail(upload, "Lỗi không mong muốn khi đọc tệp; tệp chưa được lưu. Hãy báo quản trị.")
        return None
    return plan.pk


def task_status(upload: Upload) -> str | None:
    """The background task's own status (READY, RUNNING, SUCCESSFUL, FAILED), if known."""
    if not upload.task_id:
        return None
    try:
        return str(read_upload.get_result(upload.task_id).status)
    except (TaskResultDoesNotExist, ValueError):
        return None


def _fail(upload: Upload, message: str) -> None:
    with transaction.atomic():
        Upload.objects.filter(pk=upload.pk).update(
            status=UploadStatus.FAILED, error=message, content=b""
        )


@task()
def send_due_notices() -> dict[str, int]:
    """Reminders and weekly digests due today (local date, ``settings.TIME_ZONE``). Safe to
    run any number of times a day: what was sent is recorded and never sent again."""
    from .digest import send_digests
    from .reminders import send_reminders

    today = timezone.localdate()
    reminders = send_reminders(today)
    digests = send_digests(today)
    return {"reminders": len(reminders.sent), "digests": len(digests.sent)}


def enqueue_due_notices() -> bool:
    """Queue ``send_due_notices`` unless a run is already waiting for the worker (a stopped
    worker must not find a pile of identical runs); True when one was queued."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready().filter(task_path=send_due_notices.module_path)
    if waiting.exists():
        return False
    send_due_notices.enqueue()
    return True


@task()
def refresh_progress(plan_id: int) -> bool:
    """Add up a large plan's progress (columns, units, series, sums) into the cache after a
    report changed, so the department's next view does not wait for it. False when there is
    nothing to do (the plan is gone, or small enough to add up at each view)."""
    from django.utils import timezone

    from . import progress
    from .models import Plan

    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None or not progress.is_large(plan):
        return False
    progress.warm(plan, timezone.localdate())
    return True
