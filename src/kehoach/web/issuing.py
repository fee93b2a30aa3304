"""Issuing a plan: the outgoing register ("sổ văn bản đi") and the work a plan hands out.

Issuing gives a plan the next number of its issuer's register for its document type and
year, and turns its implementation section into tasks (one per duty per unit) and report
obligations (one per period per unit). Pages and the API both go through ``propose`` (what
would happen, no writes) and ``issue_plan`` (all of it, in one transaction).

The register never hands one number out twice: ``Issuance`` has a unique constraint on
(issuer, type, year, number). When two people issue at the same moment and take the same
next number, the second insert fails inside a savepoint and is retried with the number
after; a number typed by hand that is already taken is refused.
"""

from __future__ import annotations

import datetime
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.document.text import fold, nfc
from kehoach.orgtree import OrgTree
from kehoach.tracking import schedule
from kehoach.tracking.matching import Match, match_assignments

from . import access, library
from .audit import acting_as, log_created
from .models import (
    Frequency,
    Issuance,
    Obligation,
    Plan,
    PlanStatus,
    RegisterStart,
    Task,
    Unit,
)
from .notify import notify, people_for_units
from .units_io import export_tree

log = logging.getLogger("kehoach.issuing")

# Type codes of the number line (Party §3.4; State and Union use the same codes for the
# types a propaganda office issues).
DOC_CODES: dict[str, str] = {
    "KẾ HOẠCH": "KH",
    "HƯỚNG DẪN": "HD",
    "QUYẾT ĐỊNH": "QĐ",
    "QUY ĐỊNH": "QĐi",
    "CHỈ THỊ": "CT",
    "KẾT LUẬN": "KL",
    "BÁO CÁO": "BC",
    "THÔNG BÁO": "TB",
    "QUY CHẾ": "QC",
    "NGHỊ QUYẾT": "NQ",
    "CHƯƠNG TRÌNH": "CTr",
    "TỜ TRÌNH": "TTr",
    "THÔNG TRI": "TT",
    "ĐỀ CƯƠNG": "ĐC",
    "CÔNG VĂN": "CV",
}
_CODES_BY_FOLD = {fold(code): code for code in DOC_CODES.values()}
_DOC_TYPES_BY_FOLD = {fold(name): code for name, code in DOC_CODES.items()}
_PARTY_KINDS = ("party_committee", "party_cell", "party_department", "party_office")

# When k people issue at the same moment the last of them collides up to k - 1 times; this
# covers a whole office pressing the button together (each attempt is one short insert).
NUMBER_ATTEMPTS = 25
DEFAULT_DUE_DAY = 15


def method_labels() -> dict[str, str]:
    """How each way of matching an addressee reads on the issuing page."""
    return {
        "exact": _("khớp đúng tên"),
        "alias": _("khớp tên gọi khác"),
        "group": _("nhóm đơn vị"),
        "fuzzy": _("gần đúng, cần xác nhận"),
        "none": _("không tìm thấy trong cây tổ chức"),
    }


# --- errors --------------------------------------------------------------------------------


class IssueError(Exception):
    """Issuing refused; ``message`` is shown to the user as it is (Vietnamese)."""

    status = 422

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AlreadyIssued(IssueError):
    status = 409


class NumberTaken(IssueError):
    status = 409


class UnconfirmedMatches(IssueError):
    """Some assignments' units were guessed (fuzzy) or not found; ``indices`` names them."""

    def __init__(self, message: str, indices: list[int]) -> None:
        super().__init__(message)
        self.indices = indices


# --- the register --------------------------------------------------------------------------


def doc_code(plan: Plan) -> str:
    """The type code of the plan's number line: "KH" for a KẾ HOẠCH, from the symbol
    ("KH/QU", "KH-UBND") when it carries a known code, else from the document type."""
    head = _symbol_parts(plan.symbol)[0] if plan.symbol else ""
    if head and fold(head) in _CODES_BY_FOLD:
        return _CODES_BY_FOLD[fold(head)]
    known = _DOC_TYPES_BY_FOLD.get(fold(plan.doc_type or ""))
    if known:
        return known
    # An unusual type: its initials without tone marks, as clerks abbreviate ("ĐỀ ÁN" → "ĐA").
    initials = "".join(_base_letter(word[0]) for word in (plan.doc_type or "").split())
    return initials.upper()[:16] or "KH"


def _base_letter(char: str) -> str:
    """ "Á" → "A", "Ề" → "E"; "Đ" stays (it is a letter of its own, not a D with a mark)."""
    bare = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return bare if bare.isalpha() else ""


def _symbol_parts(symbol: str | None) -> list[str]:
    return [p for p in re.split(r"\s*[/\-–]\s*", nfc(symbol or "").strip()) if p]


def issuing_unit(plan: Plan) -> Unit:
    """Whose register the plan's number comes from: the library's unit, or the body of
    its subtree that the symbol names ("KH/BTGQU" in the Quận ủy's library is the
    propaganda department's)."""
    owner = plan.owner
    parts = _symbol_parts(plan.symbol)
    body = fold("".join(parts[1:])) if len(parts) > 1 else ""
    if not body or fold(owner.symbol) == body:
        return owner
    for unit in owner.subtree().exclude(symbol="").order_by("path"):
        if fold(unit.symbol) == body:
            return unit
    return owner


def issued_symbol(plan: Plan, issuer: Unit, code: str) -> str:
    """The symbol the issued plan carries: its own when it names the issuer, else the
    issuer's ("KH/QU" for the Party, "KH-UBND" for the State and the unions)."""
    parts = _symbol_parts(plan.symbol)
    if not issuer.symbol:
        return plan.symbol or code
    if len(parts) > 1 and fold("".join(parts[1:])) == fold(issuer.symbol):
        return plan.symbol
    joiner = "/" if issuer.kind in _PARTY_KINDS else "-"
    return f"{code}{joiner}{issuer.symbol}"


def format_number(number: int) -> str:
    """Numbers under 10 are written with a leading zero ("05-KH/QU")."""
    return f"{number:02d}"


def register_start(issuer: Unit, code: str, year: int) -> int:
    row = RegisterStart.objects.filter(issuer=issuer, doc_code=code, year=year).first()
    return row.start if row else 1


def highest_issued(issuer: Unit, code: str, year: int) -> int | None:
    found = Issuance.objects.filter(issuer=issuer, doc_code=code, year=year).aggregate(
        top=Max("number")
    )
    return found["top"]


def next_number(issuer: Unit, doc_code: str, year: int) -> int:
    """The register's next number: one after the highest issued, never below the start
    an administrator set for the year (a register kept on paper until mid-year)."""
    top = highest_issued(issuer, doc_code, year)
    start = register_start(issuer, doc_code, year)
    return max(start, (top or 0) + 1)


def set_register_start(issuer: Unit, doc_code: str, year: int, start: int) -> RegisterStart:
    """Where the numbering of ``doc_code`` for ``year`` starts. A start at or below a number
    already issued would change nothing and is refused."""
    code = nfc(doc_code).strip()
    if not code or len(code) > 16:
        raise IssueError(_("Loại văn bản (viết tắt) cần từ 1 đến 16 ký tự, ví dụ KH."))
    if not 1900 <= year <= 2999:
        raise IssueError(_("Năm không hợp lệ: %(year)s.") % {"year": year})
    if start < 1:
        raise IssueError(_("Số bắt đầu phải từ 1 trở lên."))
    top = highest_issued(issuer, code, year)
    if top is not None and start <= top:
        raise IssueError(
            _(
                "Sổ văn bản đi %(code)s năm %(year)s của %(unit)s đã cấp đến số %(top)s; "
                "số bắt đầu phải lớn hơn %(top)s."
            )
            % {"code": code, "year": year, "unit": issuer.name, "top": top}
        )
    with transaction.atomic():
        row, _created = RegisterStart.objects.get_or_create(
            issuer=issuer, doc_code=code, year=year, defaults={"start": start}
        )
        if row.start != start:
            row.start = start
            row.save()
    return row


def register(
    issuers: QuerySet[Unit] | Iterable[Unit],
    *,
    year: int | None = None,
    code: str = "",
) -> QuerySet[Issuance]:
    """Issued numbers of ``issuers``, newest first. A queryset of issuers stays a subquery:
    a national scope is tens of thousands of units."""
    chosen = issuers if isinstance(issuers, QuerySet) else [u.pk for u in issuers]
    rows = Issuance.objects.filter(issuer__in=chosen).select_related("plan", "issuer", "issued_by")
    if year:
        rows = rows.filter(year=year)
    if code:
        rows = rows.filter(doc_code=code)
    return rows.order_by("-year", "issuer__path", "doc_code", "-number")


# --- the proposal --------------------------------------------------------------------------


@dataclass(frozen=True)
class DutyProposal:
    index: int
    text: str
    due: datetime.date | None


@dataclass(frozen=True)
class AssignmentProposal:
    """One addressee of the implementation section and the units it resolves to."""

    index: int
    name: str  # as printed: "Các tổ chức cơ sở đảng"
    line: int | None
    match: Match
    matched: tuple[Unit, ...]  # the matcher's units
    candidates: tuple[Unit, ...]  # what a fuzzy match offers to confirm
    duties: tuple[DutyProposal, ...]
    # The units tasks go to: the confirmed choice when there is one, else the match.
    units: tuple[Unit, ...]
    confirmed: bool  # a choice was given (an empty one skips the assignment)

    @property
    def method(self) -> str:
        return self.match.method

    @property
    def method_label(self) -> str:
        return method_labels().get(self.match.method, self.match.method)

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.match.needs_confirmation) and not self.confirmed

    @property
    def skipped(self) -> bool:
        return self.confirmed and not self.units

    @property
    def task_count(self) -> int:
        return len(self.duties) * len(self.units)

    @property
    def options(self) -> tuple[Unit, ...]:
        """What a person confirming a guess chooses from: the guess first, then the rest."""
        return _dedupe((*self.matched, *self.candidates))


@dataclass(frozen=True)
class ObligationProposal:
    """A report owed for one period (or by one deadline), by each of ``units``."""

    frequency: str
    label: str
    start: datetime.date
    end: datetime.date
    due: datetime.date
    line: int | None
    units: tuple[Unit, ...]

    @property
    def frequency_label(self) -> str:
        return str(Frequency(self.frequency).label)


@dataclass(frozen=True)
class Proposal:
    plan: Plan
    issuer: Unit
    doc_code: str
    year: int
    number: int  # the register's next number (or the one asked for)
    issued_on: datetime.date
    runs_until: datetime.date
    due_day: int
    symbol: str  # the symbol the issued plan will carry
    assignments: tuple[AssignmentProposal, ...]
    obligations: tuple[ObligationProposal, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def reference(self) -> str:
        joiner = "-" if "/" in self.symbol else "/"
        return f"{format_number(self.number)}{joiner}{self.symbol}"

    @property
    def unconfirmed(self) -> list[AssignmentProposal]:
        return [a for a in self.assignments if a.needs_confirmation]

    @property
    def task_count(self) -> int:
        return sum(a.task_count for a in self.assignments)

    @property
    def obligation_count(self) -> int:
        return sum(len(o.units) for o in self.obligations)

    @property
    def units(self) -> list[Unit]:
        """Every unit given work, in tree order."""
        seen: dict[int, Unit] = {}
        for a in self.assignments:
            for unit in a.units:
                seen.setdefault(unit.pk, unit)
        for o in self.obligations:
            for unit in o.units:
                seen.setdefault(unit.pk, unit)
        return sorted(seen.values(), key=lambda u: u.path)


def matching_tree(owner: Unit) -> OrgTree:
    """The units a plan of ``owner``'s library can address: what ``deriving.tree_for``
    gives (the owner's subtree, its ancestors and their children), and the bodies at the
    owner's place and level that sit in another line with their subtrees — the district's
    trade union sits under the city's, yet "MTTQ và các đoàn thể" of the district's plan
    includes it."""
    ancestor_ids = [int(part) for part in owner.path.strip("/").split("/") if part]
    wanted = Q(path__startswith=owner.path) | Q(pk__in=ancestor_ids) | Q(parent_id__in=ancestor_ids)
    if owner.area:
        peers = Unit.objects.filter(level=owner.level, area=owner.area).exclude(
            path__startswith=owner.path
        )
        for path in peers.values_list("path", flat=True):
            wanted |= Q(path__startswith=path) | Q(pk__in=_ids_on(path))
    return export_tree(list(Unit.objects.filter(wanted).select_related("parent").order_by("path")))


def _ids_on(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def _units_by_code(codes: Iterable[str]) -> dict[str, Unit]:
    wanted = set(codes)
    return {u.code: u for u in Unit.objects.filter(code__in=wanted)} if wanted else {}


def _chosen_units(
    index: int,
    name: str,
    ids: Sequence[int],
    allowed: dict[int, Unit],
) -> tuple[Unit, ...]:
    out: list[Unit] = []
    for pk in ids:
        unit = allowed.get(int(pk))
        if unit is None:
            raise IssueError(
                _("Đơn vị chọn cho phân công “%(name)s” (mục %(n)s) không hợp lệ.")
                % {"name": name, "n": index + 1}
            )
        if unit not in out:
            out.append(unit)
    return tuple(out)


def propose(
    plan: Plan,
    *,
    issued_on: datetime.date | None = None,
    runs_until: datetime.date | None = None,
    due_day: int = DEFAULT_DUE_DAY,
    choices: Mapping[int, Sequence[int]] | None = None,
    number: int | None = None,
    user: Any = None,
) -> Proposal:
    """What issuing ``plan`` would do: its number, the units each assignment resolves to,
    each duty's due date and every report obligation. Reads only.

    ``choices`` (assignment index → unit ids; empty skips the assignment) replace the
    matcher's units; ids must be among the match's units and candidates, or units
    ``user`` sees.
    """
    if not 1 <= due_day <= 28:
        raise IssueError(_("Ngày hạn nộp báo cáo trong tháng phải từ 1 đến 28."))
    data: dict[str, Any] = plan.data or {}
    issued_on = issued_on or timezone.localdate()
    until = runs_until or schedule.plan_end(data, issued_on)
    if until < issued_on:
        raise IssueError(
            _("Ngày kết thúc thực hiện (%(end)s) không được trước ngày ban hành (%(start)s).")
            % {"end": until.strftime("%d/%m/%Y"), "start": issued_on.strftime("%d/%m/%Y")}
        )
    issuer = issuing_unit(plan)
    code = doc_code(plan)
    year = issued_on.year
    assignments_data: list[dict[str, Any]] = list(data.get("assignments") or [])
    matches = match_assignments(assignments_data, matching_tree(plan.owner), issuer.code)
    units = _units_by_code(
        code for m in matches for code in (*m.units, *m.candidates) if code is not None
    )
    choices = dict(choices or {})
    visible = {u.pk: u for u in access.visible_units(user)} if user is not None and choices else {}
    dues = schedule.duty_due_dates(data)
    assignments: list[AssignmentProposal] = []
    for index, (item, match) in enumerate(zip(assignments_data, matches, strict=True)):
        name = nfc(str(item.get("unit") or match.name or "")).strip()
        matched = tuple(units[c] for c in match.units if c in units)
        candidates = tuple(units[c] for c in match.candidates if c in units)
        confirmed = index in choices
        if confirmed:
            allowed = {**visible, **{u.pk: u for u in (*matched, *candidates)}}
            chosen = _chosen_units(index, name, choices[index], allowed)
        else:
            chosen = () if match.needs_confirmation else matched
        duties = tuple(
            DutyProposal(d, nfc(str(text)).strip(), dues.get((index, d)) or until)
            for d, text in enumerate(item.get("duties") or [])
            if str(text).strip()
        )
        assignments.append(
            AssignmentProposal(
                index=index,
                name=name,
                line=item.get("line"),
                match=match,
                matched=matched,
                candidates=candidates,
                duties=duties,
                units=chosen,
                confirmed=confirmed,
            )
        )
    obligations = _obligations(data, assignments, issued_on, until, due_day)
    notes = []
    symbol = issued_symbol(plan, issuer, code)
    if plan.symbol and symbol != plan.symbol:
        notes.append(
            _("Ký hiệu “%(old)s” không phải của %(unit)s; khi ban hành sẽ ghi “%(new)s”.")
            % {"old": plan.symbol, "unit": issuer.name, "new": symbol}
        )
    if plan.status == PlanStatus.REVIEW:
        notes.append(_("Kế hoạch chưa được rà soát; nên rà soát và lưu trước khi ban hành."))
    return Proposal(
        plan=plan,
        issuer=issuer,
        doc_code=code,
        year=year,
        number=number if number is not None else next_number(issuer, code, year),
        issued_on=issued_on,
        runs_until=until,
        due_day=due_day,
        symbol=symbol,
        assignments=tuple(assignments),
        obligations=tuple(obligations),
        notes=tuple(notes),
    )


def _obligations(
    data: Mapping[str, Any],
    assignments: Sequence[AssignmentProposal],
    issued_on: datetime.date,
    until: datetime.date,
    due_day: int,
) -> list[ObligationProposal]:
    """Recurring reports per period until the plan's end, then the reports due by a date.

    A unit reports once per period however many assignments name it. Reports due by a
    date cover the time since the unit's previous one (from the issue date for the first),
    so each has its own period and two deadlines on one day are one report.
    """
    everyone = _dedupe(u for a in assignments for u in a.units)
    out: list[ObligationProposal] = []
    for frequency, indices in schedule.recurring_reporters(data).items():
        if frequency not in Frequency.values or frequency == Frequency.ONCE:
            continue
        reporters = (
            everyone
            if indices is None
            else _dedupe(u for i in indices if i < len(assignments) for u in assignments[i].units)
        )
        if not reporters:
            continue
        line = _first_line(assignments, indices)
        for period in schedule.report_periods(frequency, issued_on, until, due_day=due_day):
            out.append(
                ObligationProposal(
                    frequency=frequency,
                    label=nfc(period.label)[:120],
                    start=period.start,
                    end=period.end,
                    due=period.due,
                    line=line,
                    units=reporters,
                )
            )
    once: dict[datetime.date, tuple[list[Unit], int | None]] = {}
    for deadline in schedule.report_deadlines(data):
        index = deadline.assignment_index
        owing = (
            everyone
            if index is None
            else (assignments[index].units if index < len(assignments) else ())
        )
        if not owing:
            continue
        held, _line = once.setdefault(deadline.date, ([], deadline.line))
        held.extend(u for u in owing if u not in held)
    # Each unit's once-reports follow each other: the period of one starts the day after
    # the unit's previous deadline (the first starts on the issue date).
    previous: dict[int, datetime.date] = {}
    grouped: dict[tuple[datetime.date, datetime.date], list[Unit]] = defaultdict(list)
    lines: dict[tuple[datetime.date, datetime.date], int | None] = {}
    for due in sorted(once):
        held, line = once[due]
        for unit in held:
            start = min(previous.get(unit.pk, issued_on), due)
            previous[unit.pk] = due + datetime.timedelta(days=1)
            grouped[(start, due)].append(unit)
            lines.setdefault((start, due), line)
    for (start, due), reporters_by_date in sorted(
        grouped.items(), key=lambda kv: (kv[0][1], kv[0][0])
    ):
        (period,) = schedule.report_periods(Frequency.ONCE, start, due, due_day=due_day)
        out.append(
            ObligationProposal(
                frequency=Frequency.ONCE,
                label=nfc(period.label)[:120],
                start=period.start,
                end=period.end,
                due=period.due,
                line=lines[(start, due)],
                units=tuple(reporters_by_date),
            )
        )
    out.sort(key=lambda o: (o.due, o.end - o.start, o.frequency))  # shorter periods first
    return out


def _dedupe(units: Iterable[Unit]) -> tuple[Unit, ...]:
    seen: dict[int, Unit] = {}
    for unit in units:
        seen.setdefault(unit.pk, unit)
    return tuple(seen.values())


def _first_line(assignments: Sequence[AssignmentProposal], indices: list[int] | None) -> int | None:
    pool = assignments if indices is None else [a for a in assignments if a.index in indices]
    for a in pool:
        if a.units and a.line is not None:
            return int(a.line)
    return None


# --- issuing -------------------------------------------------------------------------------


def issue_plan(
    plan: Plan,
    user: Any,
    *,
    number: int | None = None,
    issued_on: datetime.date | None = None,
    runs_until: datetime.date | None = None,
    choices: Mapping[int, Sequence[int]] | None = None,
    due_day: int = DEFAULT_DUE_DAY,
) -> Issuance:
    """Issue ``plan``: number it, mark it issued, create its tasks and report obligations
    and tell the units' people — all or nothing.

    ``number`` overrides the register's next number (refused when taken). ``choices``
    confirm the units of assignments the matcher only guessed (assignment index → unit
    ids; an empty list skips the assignment); issuing with a guessed or missing unit
    left unconfirmed is refused. The caller checks that ``user`` may write the plan.
    """
    if number is not None and number < 1:
        raise IssueError(_("Số văn bản phải là số nguyên dương."))
    with acting_as(user), transaction.atomic():
        # One issuing per plan at a time: the second waits here, then sees it issued.
        # Only the plan's row: locking its library's unit too would queue every issuing
        # of the unit behind this one; the register's constraint settles numbers.
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        if locked.status == PlanStatus.ISSUED or Issuance.objects.filter(plan=locked).exists():
            raise AlreadyIssued(
                _("Kế hoạch này đã được ban hành (%(ref)s); không ban hành lại.")
                % {"ref": locked.reference or f"#{locked.pk}"}
            )
        proposal = propose(
            locked,
            issued_on=issued_on,
            runs_until=runs_until,
            due_day=due_day,
            choices=choices,
            number=number,
            user=user,
        )
        if proposal.unconfirmed:
            item = _("mục")
            names = "; ".join(f"“{a.name}” ({item} {a.index + 1})" for a in proposal.unconfirmed)
            raise UnconfirmedMatches(
                _(
                    "Chưa xác nhận đơn vị cho phân công: %(names)s. Hãy chọn đơn vị "
                    "hoặc bỏ qua phân công đó."
                )
                % {"names": names},
                [a.index for a in proposal.unconfirmed],
            )
        issuance = _take_number(proposal, user, manual=number is not None)
        _mark_issued(locked, proposal, issuance.number)
        tasks, obligations = _create_work(locked, proposal)
        _tell_units(locked, proposal, issuance, tasks, obligations)
    plan.refresh_from_db()
    return issuance


def _take_number(proposal: Proposal, user: Any, *, manual: bool) -> Issuance:
    issuer, code, year = proposal.issuer, proposal.doc_code, proposal.year
    number = proposal.number
    for _attempt in range(NUMBER_ATTEMPTS):
        if (
            manual
            and Issuance.objects.filter(
                issuer=issuer, doc_code=code, year=year, number=number
            ).exists()
        ):
            raise _taken(proposal, number)
        try:
            with transaction.atomic():
                return Issuance.objects.create(
                    plan=proposal.plan,
                    issuer=issuer,
                    doc_code=code,
                    year=year,
                    number=number,
                    issued_on=proposal.issued_on,
                    runs_until=proposal.runs_until,
                    issued_by=user if getattr(user, "pk", None) else None,
                )
        except IntegrityError:
            if Issuance.objects.filter(plan=proposal.plan).exists():
                raise AlreadyIssued(_("Kế hoạch này vừa được người khác ban hành.")) from None
            if manual:
                raise _taken(proposal, number) from None
            # Someone else took this number a moment ago: the next one is ours to try.
            log.info("number %s-%s/%s of %s taken meanwhile", number, code, year, issuer.code)
            number = next_number(issuer, code, year)
    raise NumberTaken(_("Sổ văn bản đi đang bận; vui lòng bấm ban hành lại."))


def _taken(proposal: Proposal, number: int) -> NumberTaken:
    return NumberTaken(
        _(
            "Số %(number)s đã được cấp cho văn bản %(code)s khác của %(unit)s trong năm "
            "%(year)s; số tiếp theo còn trống là %(next)s."
        )
        % {
            "number": number,
            "code": proposal.doc_code,
            "unit": proposal.issuer.name,
            "year": proposal.year,
            "next": next_number(proposal.issuer, proposal.doc_code, proposal.year),
        }
    )


def _mark_issued(plan: Plan, proposal: Proposal, number: int) -> None:
    """The number and date go into the structured plan and its columns alike."""
    library.correct(
        plan,
        {
            "number": format_number(number),
            "symbol": proposal.symbol,
            "date": proposal.issued_on,
        },
        status=PlanStatus.ISSUED,
    )


def _create_work(plan: Plan, proposal: Proposal) -> tuple[list[Task], list[Obligation]]:
    tasks = [
        Task(
            plan=plan,
            unit=unit,
            assigned_name=a.name[:255],
            assignment_index=a.index,
            duty_index=duty.index,
            source_line=a.line,
            text=duty.text,
            due_date=duty.due,
        )
        for a in proposal.assignments
        for unit in a.units
        for duty in a.duties
    ]
    obligations = [
        Obligation(
            plan=plan,
            unit=unit,
            frequency=o.frequency,
            label=o.label,
            period_start=o.start,
            period_end=o.end,
            due_date=o.due,
            source_line=o.line,
        )
        for o in proposal.obligations
        for unit in o.units
    ]
    tasks = Task.objects.bulk_create(tasks, batch_size=1000)
    obligations = Obligation.objects.bulk_create(obligations, batch_size=1000)
    log_created(tasks)
    log_created(obligations)
    return tasks, obligations


def inbox_url() -> str:
    """Where a unit's people see their work; "" (no link) until the inbox page exists."""
    try:
        return reverse("kehoach:inbox")
    except NoReverseMatch:
        return ""


def _tell_units(
    plan: Plan,
    proposal: Proposal,
    issuance: Issuance,
    tasks: list[Task],
    obligations: list[Obligation],
) -> int:
    """One notification per person, naming the units of theirs that were given work."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for task in tasks:
        counts[task.unit_id][0] += 1
    for row in obligations:
        counts[row.unit_id][1] += 1
    units = {u.pk: u for u in proposal.units}
    per_person: dict[int, tuple[Any, list[Unit]]] = {}
    people = people_for_units([units[unit_id] for unit_id in counts])
    for unit_id in counts:
        unit = units[unit_id]
        for person in people[unit_id]:
            per_person.setdefault(person.pk, (person, []))[1].append(unit)
    reference = plan.reference
    url = inbox_url()
    told = 0
    for person, their_units in per_person.values():
        n_tasks = sum(counts[u.pk][0] for u in their_units)
        n_reports = sum(counts[u.pk][1] for u in their_units)
        text = _(
            "%(issuer)s ban hành %(type)s số %(ref)s “%(title)s”: giao %(units)s "
            "%(tasks)s nhiệm vụ và %(reports)s kỳ báo cáo."
        ) % {
            "issuer": proposal.issuer.name,
            "type": (plan.doc_type or _("kế hoạch")).lower(),
            "ref": reference,
            "title": plan.title[:160],
            "units": ", ".join(u.name for u in their_units),
            "tasks": n_tasks,
            "reports": n_reports,
        }
        told += notify(
            [person],
            text,
            url,
            subject=_("Kế hoạch mới số %(ref)s") % {"ref": reference},
        )
    return told
