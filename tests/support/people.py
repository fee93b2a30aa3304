"""Named people at every access level, on the Long Biên sample tree.

lan    — administrator in the Quận ủy's propaganda department; scope: the Quận ủy
hung   — leader of the Quận ủy (reads everything in scope, changes nothing)
mai    — viewer in the Quận ủy office
binh   — reporter of Đảng ủy phường Bồ Đề (their own unit only)
tuan   — administrator of LĐLĐ quận Long Biên: another unit, outside the Quận ủy
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from kehoach.orgtree import OrgTree, load_tree, sample_tree_path
from kehoach.web.models import Membership, Role, Unit
from kehoach.web.units_io import import_tree

PASSWORD = "mat-khau-thu-nghiem-2026"

PEOPLE = {
    "lan": ("BTG-QU-LB", "QU-LB", Role.ADMIN, "Nguyễn Thị Lan"),
    "hung": ("QU-LB", "QU-LB", Role.LEADER, "Trần Văn Hùng"),
    "mai": ("VP-QU-LB", "QU-LB", Role.VIEWER, "Lê Thị Mai"),
    "binh": ("DU-P-BODE", "DU-P-BODE", Role.REPORTER, "Phạm Văn Bình"),
    "tuan": ("LDLD-LB", "LDLD-LB", Role.ADMIN, "Đỗ Minh Tuấn"),
}


@dataclass
class Cast:
    lan: object
    hung: object
    mai: object
    binh: object
    tuan: object

    def unit(self, code: str) -> Unit:
        return Unit.objects.get(code=code)


@lru_cache(maxsize=1)
def _tree() -> OrgTree:
    return load_tree(sample_tree_path("longbien"))


@lru_cache(maxsize=1)
def password_hash() -> str:
    # Argon2 is slow by design; hash the shared test password once per run, not per person
    # per test. Logging in with PASSWORD still goes through the real hasher.
    return make_password(PASSWORD)


def load_longbien() -> None:
    import_tree(_tree())


def make_people() -> Cast:
    users = {}
    user_model = get_user_model()
    for username, (unit, scope, role, full_name) in PEOPLE.items():
        first, _, last = full_name.rpartition(" ")
        user = user_model(username=username, first_name=last, last_name=first)
        user.password = password_hash()
        user.save()
        Membership.objects.create(
            user=user,
            unit=Unit.objects.get(code=unit),
            scope=Unit.objects.get(code=scope),
            role=role,
        )
        users[username] = user
    return Cast(**users)
