"""National scale: issued plans tracked across 34 provinces and about 3,300 communes.

    .venv/bin/python bench/national.py [--scale 0.1] [--requests 100] [--reuse]
        [--database-url postgres://postgres@127.0.0.1:5432/kh_national] [--explain]

Generates, on PostgreSQL only, the country after the July 2025 reorganisation (no district
level): a central committee and its departments; 34 provinces, each a Tỉnh ủy / Thành ủy
with its departments, the People's Committee and its offices, the Front and the mass
organisations; under each province its communes (Đảng ủy xã / phường with the commune's
People's Committee, Front, unions and party cells). ``--scale 1.0`` is the issue's numbers —
about 40,000 units, 3,321 communes, 500 issued plans (24 central ones assigned to every
commune, 14 per province assigned to the province's communes), their register entries, tasks
and report obligations per period, and about 2 million ``ReportCount`` rows in the units'
reports. A smaller scale keeps whole provinces (so a provincial plan is as large as at full
scale) and takes fewer of them. Big tables are loaded with COPY, then VACUUM ANALYZE.

The database is created if missing and migrated with Django's migrate; ``--reuse`` keeps data
generated earlier at the same scale (a row in the ``bench_national`` table says what is
there), otherwise the database is dropped and generated afresh.

Then, in this process, three people sign in (``force_login``): the reporter of a Hà Nội
commune, the Thành ủy Hà Nội's propaganda department (administrator) and the central
department (administrator over the whole country). Django's test client asks, after a warm-up
and in turns (so a slow spell of the machine hits all alike):

    baseline        SELECT 1, and GET /dang-nhap/ (the login page: the yardstick of ratios)
    inbox           /viec/ as the commune's reporter; /viec/?unit=<code> as the province
    progress        the progress page (units × periods matrix, totals, charts) of the central
                    plan with the most reports (every commune) and of Hà Nội's busiest plan;
                    the central one also with Django's cache emptied before each request
    matrix()        every row of the central plan at once (what the Excel export reads)

and then, a few runs each with the cache emptied first, the synthesis of the central plan:
``synthesis.draft(plan, today)``, the synthesis page (which drafts while nothing is saved) and
its DOCX. p50 and p95 (the slowest run for the synthesis) are printed in ms and as ratios to
the login page of the same run, against the issue's targets (pages ≤ 100 ms, synthesis ≤ 2 s).
A page not built yet is replaced by the function or the ORM queries it would run, marked in
the "how" column. ``--explain`` lists each one's queries and EXPLAIN (ANALYZE, BUFFERS) of the
slowest; ``--profile`` shows where Python spends the time (cProfile).
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import datetime
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kh_national"
MARKER = "bench_national"
TZ = datetime.timezone(datetime.timedelta(hours=7))
SEEDS = ("000", "001", "003", "004")  # the four party plans; 002 is a trade union's

# The 34 provinces and cities after 1 July 2025, with their number of communes (xã, phường,
# đặc khu) rounded from the announced figures; they add up to 3,321. Hà Nội first: a reduced
# --scale takes the first provinces, and the bench's users work there.
PROVINCES: list[tuple[str, str, bool, int]] = [
    ("HN", "Hà Nội", True, 126),
    ("NA", "Nghệ An", False, 130),
    ("HCM", "Hồ Chí Minh", True, 168),
    ("TH", "Thanh Hóa", False, 166),
    ("HP", "Hải Phòng", True, 114),
    ("DNG", "Đà Nẵng", True, 94),
    ("HUE", "Huế", True, 40),
    ("CT", "Cần Thơ", True, 103),
    ("LCH", "Lai Châu", False, 38),
    ("DB", "Điện Biên", False, 45),
    ("SL", "Sơn La", False, 75),
    ("LS", "Lạng Sơn", False, 65),
    ("QNI", "Quảng Ninh", False, 54),
    ("HT", "Hà Tĩnh", False, 69),
    ("CB", "Cao Bằng", False, 56),
    ("TQ", "Tuyên Quang", False, 124),
    ("LC", "Lào Cai", False, 99),
    ("TN", "Thái Nguyên", False, 92),
    ("PT", "Phú Thọ", False, 148),
    ("BN", "Bắc Ninh", False, 99),
    ("HY", "Hưng Yên", False, 104),
    ("NB", "Ninh Bình", False, 129),
    ("QT", "Quảng Trị", False, 78),
    ("QNG", "Quảng Ngãi", False, 96),
    ("GL", "Gia Lai", False, 135),
    ("KH", "Khánh Hòa", False, 65),
    ("LD", "Lâm Đồng", False, 124),
    ("DL", "Đắk Lắk", False, 102),
    ("DNA", "Đồng Nai", False, 95),
    ("TNI", "Tây Ninh", False, 96),
    ("VL", "Vĩnh Long", False, 124),
    ("DT", "Đồng Tháp", False, 102),
    ("CM", "Cà Mau", False, 64),
    ("AG", "An Giang", False, 102),
]
CENTRAL_PLANS = 24
PLANS_PER_PROVINCE = 14
# How large a count runs, by the measure's key (kehoach.tracking.measures names the measures).
RANGES: dict[str, tuple[int, int]] = {
    "attendees": (20, 400),
    "learners": (10, 200),
    "views": (50, 5000),
    "copies": (10, 500),
    "entries": (10, 900),
    "banners": (2, 80),
    "posters": (1, 40),
    "flags": (10, 300),
    "broadcasts": (2, 90),
    "posts": (1, 60),
    "articles": (1, 40),
    "users": (5, 300),
}


def measure_pool(channels: list[str]) -> list[tuple[str, str, int, int]]:
    """The (channel, measure, low, high) a plan's reports count: its own channels' measures
    and the ones every commune reports (conferences, cell meetings, social networks)."""
    from kehoach.tracking.measures import MEASURES

    wanted = dict.fromkeys([*channels, "conference", "meeting", "social"])
    return [
        (m.channel, m.key, *RANGES.get(m.key, (1, 12)))
        for channel in wanted
        for m in MEASURES.get(channel, ())
    ]


TOPICS = [
    "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
    "kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam",
    "bầu cử đại biểu Quốc hội khóa XVI và Hội đồng nhân dân các cấp",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "kỷ niệm 81 năm Cách mạng Tháng Tám và Quốc khánh 2/9",
    "vận hành chính quyền địa phương hai cấp",
    "chuyển đổi số và Đề án 06",
    "Tháng hành động vì an toàn thực phẩm",
    "phòng, chống thiên tai và biến đổi khí hậu",
    "kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "an toàn giao thông",
]
SYLLABLES = [
    "An",
    "Bình",
    "Phú",
    "Tân",
    "Hòa",
    "Thạnh",
    "Long",
    "Phước",
    "Thành",
    "Hưng",
    "Xuân",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Hiệp",
    "Lộc",
    "Thuận",
    "Quang",
    "Minh",
    "Hồng",
    "Đức",
    "Việt",
    "Kim",
    "Ngọc",
    "Mỹ",
    "Vĩnh",
    "Thái",
    "Hải",
    "Sơn",
    "Lâm",
    "Thủy",
    "Cát",
    "Yên",
    "Định",
    "Hà",
    "Gia",
    "Lạc",
    "Phong",
    "Khánh",
    "Nghĩa",
    "Tiến",
    "Thịnh",
    "Vân",
    "Liên",
    "Châu",
    "Đồng",
    "Quế",
    "Tường",
]


# --- settings and the database ------------------------------------------------------------


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def configure_django(url: str) -> None:
    """The app's own settings, pointed at the bench database; no secret file written."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "bench-national-not-a-secret")
    # Nothing is written there (the secret comes from the environment); one folder, reused.
    os.environ.setdefault("KEHOACH_DATA_DIR", str(Path(tempfile.gettempdir()) / "kh-national"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "kehoach.web.settings"
    import django

    django.setup()


def ensure_database(url: str, *, fresh: bool) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')


def read_marker(url: str) -> dict[str, Any] | None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            row = conn.execute("SELECT value FROM bench_national WHERE key = 'info'").fetchone()
    except (psycopg.OperationalError, psycopg.errors.UndefinedTable):
        return None
    except psycopg.Error as exc:
        print(f"{name}: no marker ({exc.__class__.__name__})")
        return None
    return row[0] if row else None


# --- COPY ---------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _cell(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return _escape(json.dumps(value, ensure_ascii=False))
    return _escape(str(value))


class Copier:
    """Rows streamed into ``COPY table (columns) FROM STDIN`` in the text format. The column
    list is checked against the model so a new field fails here, not as a NULL violation."""

    def __init__(self, url: str, model: Any, columns: list[str]) -> None:
        wanted = {f.column for f in model._meta.concrete_fields}
        if set(columns) != wanted:
            raise SystemExit(
                f"{model._meta.db_table}: the bench writes {sorted(set(columns) - wanted)} "
                f"and misses {sorted(wanted - set(columns))}; update bench/national.py"
            )
        self.table = model._meta.db_table
        self.sql = f"COPY {self.table} ({', '.join(columns)}) FROM STDIN"
        self.url = url
        self.buffer: list[str] = []
        self.rows = 0
        self._copy: Any = None

    def __enter__(self) -> Copier:
        import psycopg

        # One connection per table: a connection carries one COPY at a time, and tables
        # loaded side by side keep both cores busy.
        self.conn = psycopg.connect(self.url)
        try:
            # The rows are consistent by construction: skip the per-row foreign-key
            # triggers (needs a superuser; without one the load is only slower).
            self.conn.execute("SET session_replication_role = replica")
        except psycopg.Error:
            self.conn.rollback()
        self._ctx = self.conn.cursor().copy(self.sql)
        self._copy = self._ctx.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            if exc[0] is None:
                self.flush()
            self._ctx.__exit__(*exc)
        finally:
            if exc[0] is None:
                self.conn.commit()
            self.conn.close()

    def row(self, *values: Any) -> None:
        self.buffer.append("\t".join([_cell(v) for v in values]))
        if len(self.buffer) >= 20_000:
            self.flush()

    def raw(self, line: str) -> None:
        """A line already in COPY text format (the hot path of ReportCount)."""
        self.buffer.append(line)
        if len(self.buffer) >= 50_000:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self._copy.write(("\n".join(self.buffer) + "\n").encode())
            self.rows += len(self.buffer)
            self.buffer = []


# --- the generated country ----------------------------------------------------------------


@dataclass
class UnitRow:
    id: int
    code: str
    name: str
    kind: str
    level: str
    parent: UnitRow | None
    path: str
    short_name: str = ""
    symbol: str = ""
    place: str = ""
    area: str = ""
    aliases: list[str] = field(default_factory=list)
    signer_authority: str = ""
    signer_title: str = ""
    header_lines: list[str] = field(default_factory=list)


@dataclass
class Province:
    code: str
    name: str
    committee: UnitRow
    department: UnitRow  # Ban Tuyên giáo và Dân vận: the provincial plans' issuing office
    others: dict[str, UnitRow]
    communes: list[UnitRow]


@dataclass
class Country:
    units: list[UnitRow]
    root: UnitRow
    central_department: UnitRow
    provinces: list[Province]


def build_country(scale: float, rng: random.Random) -> Country:
    from kehoach.document.text import nfc

    units: list[UnitRow] = []

    def add(
        code: str, name: str, kind: str, level: str, parent: UnitRow | None, **kw: Any
    ) -> UnitRow:
        uid = len(units) + 1
        path = f"{parent.path if parent else '/'}{uid}/"
        row = UnitRow(uid, code, nfc(name), kind, level, parent, path, **kw)
        units.append(row)
        return row

    root = add(
        "TW",
        "Ban Chấp hành Trung ương Đảng",
        "party_committee",
        "central",
        None,
        short_name="Trung ương",
        symbol="TW",
        header_lines=["BAN CHẤP HÀNH TRUNG ƯƠNG"],
        signer_authority="T/M BAN BÍ THƯ",
    )
    central_department = add(
        "BTGDV-TW",
        "Ban Tuyên giáo và Dân vận Trung ương",
        "party_department",
        "central",
        root,
        short_name="Ban Tuyên giáo và Dân vận TW",
        symbol="BTGDVTW",
        aliases=["Ban Tuyên giáo Trung ương", "BTGDVTW"],
        header_lines=["BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TUYÊN GIÁO VÀ DÂN VẬN"],
        signer_authority="K/T TRƯỞNG BAN",
        signer_title="PHÓ TRƯỞNG BAN",
    )
    for code, name, kind in [
        ("BTC-TW", "Ban Tổ chức Trung ương", "party_department"),
        ("UBKT-TW", "Ủy ban Kiểm tra Trung ương", "party_department"),
        ("VP-TW", "Văn phòng Trung ương Đảng", "party_office"),
        ("MTTQ-TW", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "fatherland_front"),
    ]:
        add(code, name, kind, "central", root)

    count = max(1, round(len(PROVINCES) * scale))
    provinces = []
    for pcode, pname, city, communes in PROVINCES[:count]:
        what = "Thành phố" if city else "Tỉnh"
        committee_name = f"{'Thành ủy' if city else 'Tỉnh ủy'} {pname}"
        upper = f"ĐẢNG BỘ {what.upper()} {pname.upper()}"
        committee = add(
            f"TU-{pcode}",
            committee_name,
            "party_committee",
            "province",
            root,
            short_name="Thành ủy" if city else "Tỉnh ủy",
            symbol="TU",
            place=pname,
            area=f"{what} {pname}",
            aliases=[f"Ban Thường vụ {committee_name}"],
            header_lines=[upper, committee_name.upper()],
            signer_authority="T/M BAN THƯỜNG VỤ",
            signer_title="PHÓ BÍ THƯ",
        )
        short = "Thành ủy" if city else "Tỉnh ủy"
        department = add(
            f"BTGDV-TU-{pcode}",
            f"Ban Tuyên giáo và Dân vận {committee_name}",
            "party_department",
            "province",
            committee,
            short_name=f"Ban Tuyên giáo và Dân vận {short}",
            symbol="BTGDVTU",
            place=pname,
            aliases=[f"Ban Tuyên giáo {short}", f"Ban Tuyên giáo {committee_name}"],
            header_lines=[committee_name.upper(), "BAN TUYÊN GIÁO VÀ DÂN VẬN"],
            signer_authority="K/T TRƯỞNG BAN",
            signer_title="PHÓ TRƯỞNG BAN",
        )
        others: dict[str, UnitRow] = {}
        for code, name, kind in [
            ("BTC", f"Ban Tổ chức {committee_name}", "party_department"),
            ("UBKT", f"Ủy ban Kiểm tra {committee_name}", "party_department"),
            ("VP", f"Văn phòng {committee_name}", "party_office"),
            ("DUCQ", f"Đảng ủy các cơ quan Đảng {what.lower()} {pname}", "party_committee"),
            ("DUUB", f"Đảng ủy Ủy ban nhân dân {what.lower()} {pname}", "party_committee"),
        ]:
            others[code] = add(f"{code}-TU-{pcode}", name, kind, "province", committee, place=pname)
        ubnd = add(
            f"UBND-{pcode}",
            f"Ủy ban nhân dân {what.lower()} {pname}",
            "peoples_committee",
            "province",
            committee,
            short_name=f"UBND {what.lower()}",
            symbol="UBND",
            place=pname,
            aliases=[f"UBND {what.lower()} {pname}", f"UBND {pname}"],
        )
        others["UBND"] = ubnd
        for i, office in enumerate(
            [
                "Sở Văn hóa, Thể thao và Du lịch",
                "Sở Giáo dục và Đào tạo",
                "Sở Y tế",
                "Sở Nội vụ",
                "Sở Khoa học và Công nghệ",
                "Sở Tài chính",
            ]
        ):
            add(f"SO{i}-{pcode}", f"{office} {pname}", "state_office", "province", ubnd)
        front = add(
            f"MTTQ-{pcode}",
            f"Ủy ban Mặt trận Tổ quốc Việt Nam {what.lower()} {pname}",
            "fatherland_front",
            "province",
            committee,
            short_name=f"MTTQ {what.lower()}",
            place=pname,
            aliases=[f"MTTQ {pname}"],
        )
        others["MTTQ"] = front
        for code, name, kind in [
            ("LDLD", f"Liên đoàn Lao động {what.lower()} {pname}", "trade_union"),
            ("DTN", f"Đoàn Thanh niên Cộng sản Hồ Chí Minh {what.lower()} {pname}", "youth_union"),
            ("HLHPN", f"Hội Liên hiệp Phụ nữ {what.lower()} {pname}", "women_union"),
            ("HCCB", f"Hội Cựu chiến binh {what.lower()} {pname}", "veterans"),
            ("HND", f"Hội Nông dân {what.lower()} {pname}", "farmers_union"),
        ]:
            add(f"{code}-{pcode}", name, kind, "province", front, place=pname)

        names = [f"{a} {b}" for a in SYLLABLES for b in SYLLABLES if a != b]
        rng.shuffle(names)
        commune_rows = []
        for n in range(communes):
            place = names[n]
            ward = rng.random() < (0.5 if city else 0.15)
            kind_word = "phường" if ward else "xã"
            ccode = f"{pcode}-{n + 1:03d}"
            party = add(
                f"DU-{ccode}",
                f"Đảng ủy {kind_word} {place}",
                "party_committee",
                "commune",
                committee,
                symbol="ĐU",
                place=place,
                area=f"{kind_word} {place}",
                aliases=[f"Đảng ủy {kind_word} {place}, {what.lower()} {pname}"],
                header_lines=[upper, f"ĐẢNG ỦY {kind_word.upper()} {place.upper()}"],
                signer_authority="T/M ĐẢNG ỦY",
                signer_title="BÍ THƯ",
            )
            commune_rows.append(party)
            bodies = [
                ("UBND", f"UBND {kind_word} {place}", "peoples_committee"),
                ("MTTQ", f"Ủy ban MTTQ Việt Nam {kind_word} {place}", "fatherland_front"),
                ("DTN", f"Đoàn Thanh niên {kind_word} {place}", "youth_union"),
                ("HLHPN", f"Hội Liên hiệp Phụ nữ {kind_word} {place}", "women_union"),
                ("HCCB", f"Hội Cựu chiến binh {kind_word} {place}", "veterans"),
            ]
            if not ward:
                bodies.append(("HND", f"Hội Nông dân {kind_word} {place}", "farmers_union"))
            for code, name, kind in bodies:
                add(f"{code}-{ccode}", name, kind, "commune", party, place=place)
            for c in range(rng.randint(2, 8)):
                where = f"tổ dân phố số {c + 1}" if ward else f"thôn {SYLLABLES[(n + c) % 47]}"
                add(
                    f"CB{c + 1}-{ccode}",
                    f"Chi bộ {where} {kind_word} {place}",
                    "party_cell",
                    "grassroots",
                    party,
                    place=place,
                )
        provinces.append(Province(pcode, pname, committee, department, others, commune_rows))
    return Country(units, root, central_department, provinces)


def write_units(url: str, country: Country) -> None:
    from kehoach.document.text import fold
    from kehoach.web.models import Unit

    columns = [
        "id", "code", "name", "short_name", "kind", "level", "parent_id", "symbol", "place",
        "area", "aliases", "signer_authority", "signer_title", "signer_name", "header_lines",
        "path", "search_key",
    ]  # fmt: skip
    with Copier(url, Unit, columns) as out:
        for u in country.units:
            key = " ".join(fold(n) for n in [u.name, u.short_name, *u.aliases])
            out.row(
                u.id, u.code, u.name, u.short_name, u.kind, u.level,
                u.parent.id if u.parent else None, u.symbol, u.place, u.area, u.aliases,
                u.signer_authority, u.signer_title, "", u.header_lines, u.path, key,
            )  # fmt: skip


# --- plans, the register, tasks, obligations, reports ---------------------------------------


@dataclass
class PlanSpec:
    pk: int
    owner: UnitRow
    issuer: UnitRow
    number: int
    issued_on: datetime.date
    runs_until: datetime.date
    frequencies: list[str]
    communes: list[UnitRow]
    seed: dict[str, Any]
    central: bool
    province: Province | None


def load_seeds() -> list[tuple[dict[str, Any], str]]:
    from kehoach.document import parse_source, read_bytes

    seeds = []
    for prefix in SEEDS:
        path = next((ROOT / "corpus" / "seeds").glob(f"{prefix}_*.txt"))
        source = read_bytes(path.read_bytes(), name=path.name)
        seeds.append((parse_source(source).to_dict(), "\n".join(source.lines)))
    return seeds


def _month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


ROMAN = ["I", "II", "III", "IV"]


def periods(
    frequency: str, start: datetime.date, end: datetime.date
) -> Iterator[tuple[datetime.date, datetime.date, str]]:
    """Calendar periods of ``frequency`` that overlap [start, end], with their labels."""
    if frequency == "once":
        yield start, end, "Báo cáo kết quả thực hiện kế hoạch"
        return
    months = {"monthly": 1, "quarterly": 3, "6-month": 6, "yearly": 12}[frequency]
    first = datetime.date(start.year, (start.month - 1) // months * months + 1, 1)
    while first <= end:
        month = first.month + months - 1
        last = _month_end(datetime.date(first.year, month, 1))
        if frequency == "monthly":
            label = f"Tháng {first.month}/{first.year}"
        elif frequency == "quarterly":
            label = f"Quý {ROMAN[(first.month - 1) // 3]}/{first.year}"
        elif frequency == "6-month":
            half = "đầu" if first.month == 1 else "cuối"
            label = f"6 tháng {half} năm {first.year}"
        else:
            label = f"Năm {first.year}"
        yield first, last, label
        first = last + datetime.timedelta(days=1)


def commune_assignment(seed: dict[str, Any]) -> int:
    """The seed's assignment to the grassroots party organisations (what communes get)."""
    from kehoach.document.text import fold

    for i, a in enumerate(seed["assignments"]):
        key = fold(a["unit"])
        if "co so" in key or "chi, dang bo" in key or "cap uy" in key:
            return i
    return len(seed["assignments"]) - 1


def province_units_for(assigned: str, province: Province) -> list[UnitRow]:
    """Provincial units a plan's other assignments go to (by what the addressee says)."""
    from kehoach.document.text import fold

    key = fold(assigned)
    if "tuyen giao" in key:
        return [province.department]
    if "uy ban nhan dan" in key or "ubnd" in key:
        return [province.others["UBND"]]
    if "mat tran" in key or "mttq" in key:
        return [province.others["MTTQ"]]
    if "ban xay dung dang" in key:
        return [province.others["BTC"], province.others["VP"]]
    return []


def create_plans(
    country: Country, seeds: list[tuple[dict[str, Any], str]], today: datetime.date,
    rng: random.Random, user: Any,
) -> list[PlanSpec]:  # fmt: skip
    from django.db import transaction

    from kehoach.document.model import Plan as CorePlan
    from kehoach.web.library import apply_core
    from kehoach.web.models import Issuance, Plan, PlanStatus

    every_commune = [c for p in country.provinces for c in p.communes]
    wanted: list[tuple[UnitRow, UnitRow, Province | None, list[UnitRow]]] = []
    central = max(2, round(CENTRAL_PLANS * len(country.provinces) / len(PROVINCES)))
    wanted += [(country.root, country.central_department, None, every_commune)] * central
    for p in country.provinces:
        wanted += [(p.committee, p.committee, p, p.communes)] * PLANS_PER_PROVINCE
    numbers: dict[tuple[int, int], int] = {}
    rows, specs = [], []
    for i, (owner, issuer, province, communes) in enumerate(wanted):
        seed, text = seeds[i % len(seeds)]
        issued_on = today - datetime.timedelta(days=rng.randint(30, 1000))
        end_year = issued_on.year + (1 if rng.random() < 0.35 else 0)
        runs_until = datetime.date(end_year, 12, 31)
        frequencies = rng.choices(
            [["quarterly", "yearly"], ["6-month", "yearly"], ["monthly"], ["once"]],
            weights=[35, 30, 20, 15],
        )[0]
        number = numbers[issuer.id, issued_on.year] = (
            numbers.get((issuer.id, issued_on.year), 0) + 1
        )
        core = CorePlan.from_dict(seed)
        core.number = str(number)
        core.symbol = "KH/BTGDVTW" if province is None else "KH/TU"
        core.issuer = issuer.name if province is None else f"Ban Thường vụ {issuer.name}"
        core.place = "Hà Nội" if province is None else province.name
        core.date = issued_on.isoformat()
        core.title = f"Tuyên truyền {rng.choice(TOPICS)} (kế hoạch {i + 1})"
        core.recurring_reports = [f for f in frequencies if f != "once"]
        row = Plan(
            owner_id=owner.id,
            status=PlanStatus.ISSUED,
            source_text=text,
            source_format="text",
            findings=[],
            created_by=user,
        )
        apply_core(row, core)
        rows.append(row)
        specs.append(
            PlanSpec(
                0, owner, issuer, number, issued_on, runs_until, frequencies, communes,
                core.to_dict(), province is None, province,
            )
        )  # fmt: skip
    with transaction.atomic():
        Plan.objects.bulk_create(rows, batch_size=100)
        Issuance.objects.bulk_create(
            [
                Issuance(
                    plan=row, issuer_id=s.issuer.id, doc_code="KH", year=s.issued_on.year,
                    number=s.number, issued_on=s.issued_on, runs_until=s.runs_until,
                    issued_by=user,
                )
                for row, s in zip(rows, specs, strict=True)
            ],
            batch_size=500,
        )  # fmt: skip
    for row, s in zip(rows, specs, strict=True):
        s.pk = row.pk
    return specs


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(7 + rng.randrange(10), rng.randrange(60)), TZ
    )


NARRATIVE_OPENINGS = [
    "Ngay sau khi nhận được Kế hoạch, {unit} đã quán triệt, triển khai đến các chi bộ trực thuộc",
    "{unit} đã xây dựng kế hoạch thực hiện, phân công nhiệm vụ cụ thể cho các đoàn thể",
    "Thực hiện Kế hoạch, {unit} đã chỉ đạo các chi bộ, đoàn thể tổ chức tuyên truyền sâu rộng",
]
NARRATIVE_MIDDLES = [
    "tổ chức {a} hội nghị quán triệt với {b} lượt cán bộ, đảng viên tham dự",
    "đăng {a} tin, bài trên trang thông tin điện tử và nhóm Zalo của {kind}",
    "treo {a} băng rôn, khẩu hiệu tại trụ sở và các tuyến đường chính",
    "phát {a} lượt tin trên hệ thống loa truyền thanh cơ sở",
    "tổ chức {a} buổi sinh hoạt chuyên đề ở các chi bộ thôn, tổ dân phố",
]
NARRATIVE_ENDS = [
    "Nhân dân đồng tình, hưởng ứng; không có vụ việc phức tạp phát sinh.",
    "Một số chi bộ triển khai còn chậm, chưa đa dạng hình thức tuyên truyền.",
    "Đề nghị cấp trên tiếp tục cung cấp tài liệu tuyên truyền kịp thời.",
]


def narrative(unit: UnitRow, rng: random.Random) -> str:
    kind = "phường" if "phường" in unit.name else "xã"
    middles = rng.sample(NARRATIVE_MIDDLES, rng.randint(2, 4))
    text = (
        rng.choice(NARRATIVE_OPENINGS).format(unit=unit.name)
        + "; "
        + "; ".join(
            m.format(a=rng.randint(1, 30), b=rng.randint(20, 400), kind=kind) for m in middles
        )
    )
    return text + ". " + rng.choice(NARRATIVE_ENDS)


Pool = list[tuple[str, str, int, int]]


@dataclass
class Version:
    """One version of a unit's report on an obligation (written as a Report row)."""

    state: str
    version: int
    current: bool
    created: datetime.datetime
    submitted: datetime.datetime | None = None
    reviewed: datetime.datetime | None = None


def history(
    start: datetime.date, end: datetime.date, due: datetime.date, today: datetime.date,
    reliability: float, rng: random.Random,
) -> tuple[str, datetime.datetime | None, datetime.datetime | None, list[Version]]:  # fmt: skip
    """What became of one obligation by ``today``: its state, first submission, acceptance
    and report versions. A reliable unit reports, and on time, more often; about one in
    eight reports waits for review, one in sixteen was returned, 3 % of the accepted ones were
    corrected and accepted again; some units keep a draft of a report not yet sent."""
    closes = min(end, due)
    if closes < today and rng.random() < (reliability if due < today else reliability * 0.5):
        late = rng.random() > reliability * 0.9
        shift = rng.randint(1, 30) if late else -rng.randint(0, 12)
        day = max(due + datetime.timedelta(days=shift), closes - datetime.timedelta(days=3))
        if day < today:
            first = _at(day, rng)
            created = first - datetime.timedelta(days=rng.randint(0, 5))
            review_day = day + datetime.timedelta(days=rng.randint(1, 10))
            reviewed = _at(review_day, rng)
            roll = rng.random()
            if review_day >= today or roll < 0.12:
                return "submitted", first, None, [Version("submitted", 1, True, created, first)]
            if roll < 0.18:
                v = Version("returned", 1, True, created, first, reviewed)
                return "returned", first, None, [v]
            if rng.random() < 0.03 and review_day + datetime.timedelta(days=3) < today:
                again = _at(review_day + datetime.timedelta(days=2), rng)
                return "accepted", first, again, [
                    Version("accepted", 1, False, created, first, reviewed),
                    Version("accepted", 2, True, again, again, again),
                ]  # fmt: skip
            return "accepted", first, reviewed, [
                Version("accepted", 1, True, created, first, reviewed)
            ]  # fmt: skip
    if start < today and rng.random() < 0.08:
        when = _at(min(today, end), rng) - datetime.timedelta(days=1)
        return "pending", None, None, [Version("draft", 1, True, when)]
    return "pending", None, None, []


def load_work(
    url: str, specs: list[PlanSpec], today: datetime.date, rng: random.Random,
    counts_per_report: float, users: dict[str, Any], reporter_unit: int,
) -> dict[str, int]:  # fmt: skip
    """Tasks, obligations, reports and their counts, streamed with COPY; ids are ours."""
    from kehoach.web.models import Obligation, Report, ReportCount, Task

    reliability: dict[int, float] = {}

    def reliable(unit: UnitRow) -> float:
        if unit.id not in reliability:
            roll = rng.random()
            reliability[unit.id] = (
                rng.uniform(0.9, 1.0) if roll < 0.7 else rng.uniform(0.6, 0.9) if roll < 0.9
                else rng.uniform(0.15, 0.6)
            )  # fmt: skip
        return reliability[unit.id]

    task_columns = [
        "id", "plan_id", "unit_id", "assigned_name", "assignment_index", "duty_index",
        "source_line", "text", "due_date", "state", "done_at", "done_by_id", "note", "created_at",
    ]  # fmt: skip
    task_id = 0
    with Copier(url, Task, task_columns) as out:
        for s in specs:
            created = _at(s.issued_on, rng)
            a_commune = commune_assignment(s.seed)
            for ai, assignment in enumerate(s.seed["assignments"]):
                if ai == a_commune:
                    targets = s.communes
                elif s.province is not None:
                    targets = province_units_for(assignment["unit"], s.province)
                else:
                    targets = []
                line = assignment.get("line")
                for unit in targets:
                    for di, duty in enumerate(assignment["duties"]):
                        task_id += 1
                        due = (
                            s.issued_on + datetime.timedelta(days=rng.randint(15, 150))
                            if rng.random() < 0.7 else None
                        )  # fmt: skip
                        done = (
                            due is not None and due < today and rng.random() < reliable(unit) * 0.7
                        )
                        out.row(
                            task_id, s.pk, unit.id, assignment["unit"][:255], ai, di, line,
                            duty, due, "done" if done else "open",
                            _at(due, rng) if done and due else None, None, "", created,
                        )  # fmt: skip

    obligation_columns = [
        "id", "plan_id", "unit_id", "frequency", "label", "period_start", "period_end",
        "due_date", "source_line", "state", "first_submitted_at", "accepted_at",
    ]  # fmt: skip
    report_columns = [
        "id", "obligation_id", "plan_id", "unit_id", "version", "current", "supersedes_id",
        "state", "narrative", "return_comment", "created_by_id", "created_at", "updated_at",
        "submitted_at", "submitted_by_id", "reviewed_at", "reviewed_by_id",
    ]  # fmt: skip
    count_columns = ["id", "report_id", "channel", "measure", "value"]
    ob_id = report_id = count_id = 0
    reporter = users["reporter"].pk
    with (
        Copier(url, Obligation, obligation_columns) as obligations,
        Copier(url, Report, report_columns) as reports,
        Copier(url, ReportCount, count_columns) as counts,
    ):

        def counts_for(rid: int, pool: Pool) -> None:
            nonlocal count_id
            k = min(len(pool), max(1, round(rng.gauss(counts_per_report, 1.5))))
            for channel, measure, low, high in rng.sample(pool, k):
                count_id += 1
                counts.raw(f"{count_id}\t{rid}\t{channel}\t{measure}\t{rng.randint(low, high)}")

        def write(ob: int, s: PlanSpec, unit: UnitRow, pool: Pool, v: Version) -> int:
            nonlocal report_id
            report_id += 1
            reviewer = users["central" if s.central else "province"].pk
            author = reporter if unit.id == reporter_unit else None
            comment = "Đề nghị bổ sung số liệu tuyên truyền trên mạng xã hội."
            reports.row(
                report_id, ob, s.pk, unit.id, v.version, v.current,
                report_id - 1 if v.version > 1 else None, v.state, narrative(unit, rng),
                comment if v.state == "returned" else "", author, v.created,
                v.reviewed or v.submitted or v.created, v.submitted,
                author if v.submitted else None, v.reviewed, reviewer if v.reviewed else None,
            )  # fmt: skip
            counts_for(report_id, pool)
            return report_id

        for s in specs:
            pool = measure_pool(s.seed.get("channels", []))
            line = next((d.get("line") for d in s.seed["deadlines"] if d.get("unit")), None)
            for frequency in s.frequencies:
                for start, end, label in periods(frequency, s.issued_on, s.runs_until):
                    if frequency == "once":
                        days = rng.randint(45, 200)
                        due = min(s.runs_until, s.issued_on + datetime.timedelta(days=days))
                    else:
                        due = end + datetime.timedelta(days=5)
                    for unit in s.communes:
                        ob_id += 1
                        state, first, accepted, versions = history(
                            start, end, due, today, reliable(unit), rng
                        )
                        for v in versions:
                            write(ob_id, s, unit, pool, v)
                        obligations.row(
                            ob_id, s.pk, unit.id, frequency, label, start, end, due, line,
                            state, first, accepted,
                        )  # fmt: skip
    return {
        "tasks": task_id,
        "obligations": ob_id,
        "reports": report_id,
        "report counts": count_id,
    }


def create_users(country: Country) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from kehoach.web.models import Membership

    hanoi = country.provinces[0]
    people = {
        "reporter": ("bench-commune", hanoi.communes[0], hanoi.communes[0], "reporter"),
        "province": ("bench-province", hanoi.department, hanoi.committee, "admin"),
        "central": ("bench-central", country.central_department, country.root, "admin"),
    }
    users = {}
    for key, (name, unit, scope, role) in people.items():
        user = get_user_model().objects.create_user(name)
        user.set_unusable_password()  # the bench signs in with force_login
        user.save()
        Membership.objects.create(user=user, unit_id=unit.id, scope_id=scope.id, role=role)
        users[key] = user
    return users


def generate(url: str, scale: float, today: datetime.date, seed: int) -> dict[str, Any]:
    import psycopg
    from django.core.management import call_command
    from django.db import connection

    ensure_database(url, fresh=True)
    started = time.perf_counter()
    timings: dict[str, float] = {}
    call_command("migrate", interactive=False, verbosity=0)
    timings["migrate"] = time.perf_counter() - started
    rng = random.Random(seed)

    step = time.perf_counter()
    country = build_country(scale, rng)
    write_units(url, country)
    timings["units"] = time.perf_counter() - step

    step = time.perf_counter()
    users = create_users(country)
    seeds = load_seeds()
    specs = create_plans(country, seeds, today, rng, users["central"])
    timings["plans"] = time.perf_counter() - step

    step = time.perf_counter()
    reporter_unit = country.provinces[0].communes[0].id
    counts = load_work(url, specs, today, rng, COUNTS_PER_REPORT, users, reporter_unit)
    with psycopg.connect(url) as conn:
        for table in ("unit", "task", "obligation", "report", "reportcount"):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('kehoach_{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM kehoach_{table}))"
            )
    timings["work"] = time.perf_counter() - step

    step = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")  # a database in use has been vacuumed and analysed
    timings["vacuum analyze"] = time.perf_counter() - step

    info = {
        "scale": scale,
        "seed": seed,
        "today": today.isoformat(),
        "generated_at": datetime.datetime.now(TZ).isoformat(timespec="seconds"),
        "seconds": {k: round(v, 1) for k, v in timings.items()},
        "total_seconds": round(time.perf_counter() - started, 1),
        "counts": {
            "provinces": len(country.provinces),
            "communes": sum(len(p.communes) for p in country.provinces),
            "units": len(country.units),
            "plans": len(specs),
            **counts,
        },
        "users": {k: u.pk for k, u in users.items()},
        "reporter_unit": reporter_unit,
    }
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {MARKER} (key text PRIMARY KEY, value jsonb NOT NULL)")
        cursor.execute(f"INSERT INTO {MARKER} VALUES ('info', %s)", [json.dumps(info)])
    return info


# About 2 million ReportCount rows at --scale 1.0 (≈ 400,000 reports).
COUNTS_PER_REPORT = 4.5


# --- what is measured ---------------------------------------------------------------------


@dataclass
class Measured:
    name: str
    how: str  # "page", "function" or "ORM stand-in"
    run: Callable[[], Any]
    target_ms: float | None
    times: list[float] = field(default_factory=list)
    # What is measured instead when the page fails (another engineer's work in progress).
    fallback: Measured | None = None
    # Empty Django's cache before each run: the first view after a report is accepted.
    cold: bool = False


def _get(client: Any, path: str) -> Callable[[], Any]:
    def run() -> Any:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"GET {path}: HTTP {response.status_code}\n{response.content[:800]!r}")
        return response.content

    return run


def _url(name: str, *args: Any) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return str(reverse(name, args=args))
    except NoReverseMatch:
        return None


def inbox_stand_in(user: Any, unit_id: int) -> Callable[[], Any]:
    """What an inbox page reads: the unit's tasks and obligations by due date, with plans."""
    from kehoach.web import access

    def run() -> Any:
        tasks = access.visible_tasks(user).filter(unit_id=unit_id).select_related("plan")
        obligations = access.visible_obligations(user).filter(unit_id=unit_id)
        return (
            list(tasks.order_by("due_date", "id")[:200]),
            list(obligations.select_related("plan").order_by("due_date", "id")[:200]),
        )

    return run


def _accepted_counts(plan_id: int) -> Any:
    from kehoach.web.models import ReportCount

    return ReportCount.objects.filter(
        report__plan_id=plan_id, report__current=True, report__state="accepted"
    )


def matrix_stand_in(plan_id: int) -> Callable[[], Any]:
    """What a units × periods matrix needs: every obligation's state, the units' names in
    tree order, and the accepted totals per channel."""
    from django.db.models import Sum

    from kehoach.web.models import Obligation, Unit

    def run() -> Any:
        cells: dict[int, dict[tuple[str, Any], tuple[str, Any, Any]]] = {}
        for unit_id, freq, start, state, due, first in Obligation.objects.filter(
            plan_id=plan_id
        ).values_list("unit_id", "frequency", "period_start", "state", "due_date",
                      "first_submitted_at"):  # fmt: skip
            cells.setdefault(unit_id, {})[freq, start] = (state, due, first)
        units = list(Unit.objects.filter(pk__in=list(cells)).values_list("id", "name", "path"))
        totals = list(
            _accepted_counts(plan_id).values("channel", "measure").annotate(n=Sum("value"))
        )
        return len(units), len(cells), totals

    return run


def synthesis_stand_in(plan_id: int, today: datetime.date) -> Callable[[], Any]:
    """What a synthesis draft reads: totals by channel, a table by unit, late and missing
    units, the accepted narratives."""
    from django.db.models import Sum

    from kehoach.web.models import Obligation, Report, Unit

    def run() -> Any:
        counts = _accepted_counts(plan_id)
        totals = list(counts.values("channel", "measure").annotate(n=Sum("value")))
        by_unit = list(
            counts.values("report__unit_id", "channel", "measure").annotate(n=Sum("value"))
        )
        due = list(
            Obligation.objects.filter(plan_id=plan_id, due_date__lt=today).values_list(
                "unit_id", "state", "due_date", "first_submitted_at"
            )
        )
        narratives = list(
            Report.objects.filter(plan_id=plan_id, current=True, state="accepted").values_list(
                "unit_id", "narrative"
            )
        )
        names = dict(Unit.objects.filter(pk__in={row[0] for row in due}).values_list("id", "name"))
        return len(totals), len(by_unit), len(due), len(narratives), len(names)

    return run


def busiest_plan(owner_code: str) -> Any:
    """The owner's plan with the most reports: the largest matrix and synthesis it has."""
    from django.db.models import Count

    from kehoach.web.models import Plan

    return (
        Plan.objects.filter(owner__code=owner_code)
        .annotate(n=Count("reports"))
        .order_by("-n", "pk")
        .defer("data", "source_text", "findings", "search_text")
        .first()
    )


def describe(plan: Any) -> str:
    from kehoach.web.models import Obligation, ReportCount

    obligations = Obligation.objects.filter(plan=plan)
    units = obligations.values("unit_id").distinct().count()
    periods = obligations.values("frequency", "period_start").distinct().count()
    reports = plan.reports.count()
    counts = ReportCount.objects.filter(report__plan=plan).count()
    return (
        f"{units:,} units × {periods} periods = {obligations.count():,} obligations, "
        f"{reports:,} reports, {counts:,} counts"
    )


def build_targets(
    info: dict[str, Any], today: datetime.date
) -> tuple[list[Measured], list[Measured]]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from kehoach.web.models import Unit

    users = {k: get_user_model().objects.get(pk=v) for k, v in info["users"].items()}
    clients = {}
    for key, user in users.items():
        clients[key] = Client()
        clients[key].force_login(user)
    national = busiest_plan("TW")
    provincial = busiest_plan("TU-HN")
    for label, plan in (("central", national), ("provincial", provincial)):
        print(f"{label} plan #{plan.pk} {plan.reference}: {describe(plan)}")

    communes = info["counts"]["communes"]
    targets = [Measured("baseline: login page", "page", _get(Client(), "/dang-nhap/"), None)]

    inbox = _url("kehoach:inbox")
    if inbox:
        code = Unit.objects.get(pk=info["reporter_unit"]).code
        targets += [
            Measured("inbox of a commune (its reporter)", "page",
                     _get(clients["reporter"], inbox), 100),
            Measured("inbox of a commune (province dept.)", "page",
                     _get(clients["province"], f"{inbox}?{urlencode({'unit': code})}"), 100),
        ]  # fmt: skip
    else:
        targets.append(
            Measured(
                "inbox of a commune (its reporter)", "ORM stand-in",
                inbox_stand_in(users["reporter"], info["reporter_unit"]), 100,
            )
        )  # fmt: skip

    matrix: Any = None
    with contextlib.suppress(ImportError):
        from kehoach.web.progress import matrix
    for label, plan, who in [
        (f"progress, central plan ({communes} communes)", national, "central"),
        ("progress, provincial plan (Hà Nội)", provincial, "province"),
    ]:
        page = _url("kehoach:plan-progress", plan.pk)
        if matrix is not None:
            instead = Measured(
                label.replace("progress", "matrix(limit=100)"), "function",
                partial(matrix, plan, today, limit=100), 100,
            )  # fmt: skip
        else:
            instead = Measured(label, "ORM stand-in", matrix_stand_in(plan.pk), 100)
        if page:
            targets.append(Measured(label, "page", _get(clients[who], page), 100, fallback=instead))
            if plan is national:
                targets.append(
                    Measured(
                        label.replace("progress", "progress (cold cache)"), "page",
                        _get(clients[who], page), 100, cold=True,
                    )
                )  # fmt: skip
        else:
            targets.append(instead)
    if matrix is not None:
        # Every row at once: what the Excel export reads; no page shows this much.
        targets.append(
            Measured(
                f"matrix(), all {communes} rows (Excel)", "function",
                lambda: matrix(national, today), None,
            )
        )  # fmt: skip

    heavy = []
    name = f"synthesis draft, central plan ({communes} communes)"
    try:
        from kehoach.web import synthesis
    except ImportError:
        heavy.append(Measured(name, "ORM stand-in", synthesis_stand_in(national.pk, today), 2000))
    else:
        heavy.append(Measured(name, "function", lambda: synthesis.draft(national, today), 2000))
        page = _url("kehoach:plan-synthesis", national.pk)
        if page:
            # Nothing stored yet: the page drafts on every view, as on a plan's first visit.
            heavy.append(
                Measured(
                    "synthesis page, central plan", "page", _get(clients["central"], page), 2000
                )
            )
        heavy.append(
            Measured(
                "synthesis DOCX, central plan", "function",
                lambda: synthesis.render(national, "docx", today), None,
            )
        )  # fmt: skip
    for m in heavy:  # each run as the first after a report was accepted
        m.cold = True
    try:
        from kehoach.web import progress, stamps
    except ImportError:
        pass
    else:

        def refresh() -> None:
            # What the task worker does after each acceptance (tasks.refresh_progress): the
            # plan's stamp moves, then its columns, units, series and sums are added up.
            stamps.bump(national.pk)
            progress.warm(national, today)

        heavy.append(
            Measured("worker refresh after an acceptance, central plan", "function", refresh, None)
        )
    return targets, heavy


def select_one() -> Callable[[], Any]:
    from django.db import connection

    def run() -> Any:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()

    return run


def timed(m: Measured) -> float:
    if m.cold:
        from django.core.cache import cache

        cache.clear()
    started = time.perf_counter()
    m.run()
    return (time.perf_counter() - started) * 1000


def measure(pages: list[Measured], heavy: list[Measured], requests: int, runs: int) -> Measured:
    trivial = Measured("baseline: SELECT 1", "query", select_one(), None)
    for group in (pages, heavy):
        for i, m in enumerate(group):
            try:
                m.run()
            except Exception as exc:  # a page being built may fail in any way
                if m.fallback is None:
                    raise
                print(
                    f"note: {m.name} failed ({exc.__class__.__name__}: {str(exc)[:120]}); "
                    f"measuring {m.fallback.how} {m.fallback.name} instead"
                )
                group[i] = m.fallback
    everything = [trivial, *pages]
    for m in everything:  # every page answers; warm caches and templates
        for _ in range(3):
            m.run()
    for _ in range(requests):  # in turns
        for m in everything:
            m.times.append(timed(m))
    for _ in range(runs):
        for m in heavy:
            m.times.append(timed(m))
    return trivial


def q(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report_table(pages: list[Measured], heavy: list[Measured], select: Measured) -> list[str]:
    base = pages[0]
    b50, b95 = q(base.times, 0.5), q(base.times, 0.95)
    lines = [
        f"  {'what':<54}{'how':<14}{'p50 ms':>9}{'p95 ms':>9}{'p50 ×':>8}{'p95 ×':>8}"
        f"{'target':>9}  met?",
    ]

    def line(m: Measured, high: float) -> None:
        p50 = q(m.times, 0.5)
        target = f"≤{m.target_ms:.0f}" if m.target_ms else ""
        met = "" if m.target_ms is None else ("yes" if high <= m.target_ms else "NO")
        lines.append(
            f"  {m.name:<54}{m.how:<14}{p50:>9.1f}{high:>9.1f}{p50 / b50:>8.1f}"
            f"{high / b95:>8.1f}{target:>9}  {met}"
        )

    for m in [select, *pages]:
        line(m, q(m.times, 0.95))
    if heavy:
        lines.append(
            f"  -- {len(heavy[0].times)} runs each, Django's cache emptied before each; "
            "the p95 column is the slowest run --"
        )
    for m in heavy:
        line(m, max(m.times))
    return lines


def explain(targets: list[Measured], top: int = 3) -> None:
    """Each target's queries once, the slowest with their plans."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for m in targets:
        if m.cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            m.run()
        queries = sorted(captured.captured_queries, key=lambda x: -float(x["time"]))
        total = sum(float(x["time"]) for x in queries) * 1000
        print(f"\n== {m.name} [{m.how}]: {len(queries)} queries, {total:.1f} ms in the database")
        for query in captured.captured_queries:  # in the order they ran
            print(f"   {float(query['time']) * 1000:7.1f} ms  {query['sql'][:150]}")
        for query in queries[:top]:
            sql = query["sql"]
            print(f"-- {float(query['time']) * 1000:.1f} ms: {sql[:600]}")
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                print("\n".join("   " + row[0] for row in cursor.fetchall()))


def profile(targets: list[Measured], runs: int = 10, top: int = 25) -> None:
    """Where the time of each target goes in Python (cProfile, cumulative)."""
    import cProfile
    import pstats

    from django.core.cache import cache

    for m in targets:
        profiler = cProfile.Profile()
        for _ in range(runs):
            if m.cold:
                cache.clear()
            profiler.enable()
            m.run()
            profiler.disable()
        print(f"\n== profile of {m.name} [{m.how}], {runs} runs")
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(r"kehoach/|template/(base|defaulttags)", top)
        stats.sort_stats("tottime").print_stats(top // 2)


def database_facts(url: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('server_version'), pg_database_size(current_database())"
        )
        version, size = cursor.fetchone()
    return f"PostgreSQL {version}, database {urlsplit(url).path.lstrip('/')} {size / 2**20:.0f} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--database-url", default=DEFAULT_URL)
    ap.add_argument("--scale", type=float, default=0.1, help="1.0 = the issue's numbers")
    ap.add_argument("--requests", type=int, default=100, help="requests per page")
    ap.add_argument("--synthesis-runs", type=int, default=5, help="runs of each synthesis")
    ap.add_argument("--reuse", action="store_true", help="keep data generated at this scale")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest queries")
    ap.add_argument("--profile", action="store_true", help="cProfile each measured thing")
    ap.add_argument("--generate-only", action="store_true")
    args = ap.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench/national.py runs on PostgreSQL only")

    configure_django(args.database_url)
    from django.core.management import call_command
    from django.utils import timezone

    today = timezone.localdate()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, scale {args.scale}")
    info = read_marker(args.database_url) if args.reuse else None
    if info is not None and info["scale"] == args.scale and info["seed"] == args.seed:
        call_command("migrate", interactive=False, verbosity=0)
        print(f"reusing data generated {info['generated_at']} in {info['total_seconds']} s")
    else:
        if args.reuse:
            print("no data at this scale to reuse: generating")
        info = generate(args.database_url, args.scale, today, args.seed)
        steps = ", ".join(f"{k} {v} s" for k, v in info["seconds"].items())
        print(f"generated in {info['total_seconds']} s ({steps})")
    if info["today"] != today.isoformat():
        print(f"note: the data's states are as of {info['today']}, the pages judge them today")
    print(database_facts(args.database_url))
    order = ["provinces", "communes", "units", "plans", "tasks", "obligations", "reports"]
    counts = sorted(info["counts"].items(), key=lambda kv: [*order, kv[0]].index(kv[0]))
    print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts))
    if args.generate_only:
        return

    pages, heavy = build_targets(info, today)
    select = measure(pages, heavy, args.requests, args.synthesis_runs)
    print(
        f"{args.requests} requests per page in turns (Django test client, in process); "
        f"ratios to the login page"
    )
    print("\n".join(report_table(pages, heavy, select)))
    if args.explain:
        explain([*pages[1:], *heavy])
    if args.profile:
        profile([*pages[1:], *heavy])


if __name__ == "__main__":
    main()
