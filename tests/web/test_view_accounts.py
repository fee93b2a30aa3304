"""Signing in and out, the account page and API tokens."""

from __future__ import annotations

import hashlib

from django.test import Client, RequestFactory
from django.urls import reverse

from conftest import client_for
from kehoach.web.models import ApiToken
from kehoach.web.views import errors
from support.people import PASSWORD

LOGIN = reverse("kehoach:login")
LOCKED = "Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau 15 phút."


def test_the_login_page_is_in_vietnamese_and_signs_a_person_in(cast):
    client = Client()
    page = client.get(LOGIN)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="vi">' in html
    assert "Tên đăng nhập" in html and "Mật khẩu" in html

    answer = client.post(LOGIN, {"username": "lan", "password": PASSWORD})
    assert answer.status_code == 302
    assert answer["Location"] == reverse("kehoach:plan-list")
    account = client.get(reverse("kehoach:account"))
    assert "Nguyễn Thị Lan" in account.content.decode()


def test_a_wrong_password_is_refused_with_a_message(cast):
    answer = Client().post(LOGIN, {"username": "lan", "password": "sai-mat-khau"})
    assert answer.status_code == 200
    assert "errorlist" in answer.content.decode()
    assert "_auth_user_id" not in answer.client.session


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(cast):
    client = Client()
    for _attempt in range(4):
        assert client.post(LOGIN, {"username": "mai", "password": "sai"}).status_code == 200
    fifth = client.post(LOGIN, {"username": "mai", "password": "sai"})
    assert fifth.status_code == 429
    assert LOCKED in fifth.content.decode()

    right = client.post(LOGIN, {"username": "mai", "password": PASSWORD})
    assert right.status_code == 429
    assert LOCKED in right.content.decode()
    assert "_auth_user_id" not in client.session
    # Another person on the same machine is not locked out.
    other = client.post(LOGIN, {"username": "hung", "password": PASSWORD})
    assert other.status_code == 302


def test_signing_out_takes_a_post_and_ends_the_session(cast):
    client = client_for(cast.hung)
    assert client.get(reverse("kehoach:logout")).status_code == 405
    assert client.get(reverse("kehoach:account")).status_code == 200

    answer = client.post(reverse("kehoach:logout"))
    assert answer.status_code == 302
    assert answer["Location"] == LOGIN
    after = client.get(reverse("kehoach:account"))
    assert after.status_code == 302
    assert after["Location"].startswith(LOGIN)


def test_anonymous_visitors_are_sent_to_the_login_page(db):
    client = Client()
    for name in ("account", "api-token"):
        answer = client.get(reverse(f"kehoach:{name}"))
        assert answer.status_code == 302
        assert answer["Location"] == f"{LOGIN}?next={reverse(f'kehoach:{name}')}"
    answer = client.post(reverse("kehoach:api-token"))
    assert answer.status_code == 302
    assert ApiToken.objects.count() == 0


def test_the_account_page_shows_name_unit_role_and_scope(cast):
    html = client_for(cast.binh).get(reverse("kehoach:account")).content.decode()
    assert "Phạm Văn Bình" in html
    assert "Đảng ủy phường Bồ Đề" in html
    assert "Báo cáo viên đơn vị" in html
    assert "chỉ đơn vị của mình" in html

    html = client_for(cast.lan).get(reverse("kehoach:account")).content.decode()
    assert "Quản trị (phòng, ban)" in html
    assert "Quận ủy Long Biên" in html


def test_the_top_bar_offers_only_what_the_role_may_do(cast):
    admin = client_for(cast.lan).get(reverse("kehoach:account")).content.decode()
    assert reverse("kehoach:plan-upload") in admin
    assert reverse("kehoach:audit-list") in admin
    viewer = client_for(cast.mai).get(reverse("kehoach:account")).content.decode()
    assert reverse("kehoach:plan-upload") not in viewer
    assert reverse("kehoach:audit-list") not in viewer
    assert reverse("kehoach:unit-list") in viewer
    assert "Người xem" in viewer and "Lê Thị Mai" in viewer


def test_a_new_token_is_shown_once_and_only_its_hash_is_stored(cast):
    client = client_for(cast.mai)
    created = client.post(reverse("kehoach:api-token"), {"name": "máy tính bảng"})
    assert created.status_code == 200
    assert created["Cache-Control"] == "no-store"
    key = created.context["new_key"]
    assert key.startswith("kh_") and key in created.content.decode()

    token = ApiToken.objects.get(user=cast.mai)
    assert token.name == "máy tính bảng"
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in (token.prefix, token.key_hash, token.name)
    assert ApiToken.lookup(key) == token

    listing = client.get(reverse("kehoach:api-token")).content.decode()
    assert key not in listing
    assert token.prefix in listing
    assert "chưa dùng" in listing


def test_a_token_is_revoked_by_its_owner_and_by_nobody_else(cast):
    token, key = ApiToken.issue(cast.hung, name="tích hợp")
    stranger = client_for(cast.tuan).post(reverse("kehoach:api-token"), {"delete": token.pk})
    assert stranger.status_code == 404
    assert ApiToken.lookup(key) == token

    owner = client_for(cast.hung)
    answer = owner.post(reverse("kehoach:api-token"), {"delete": token.pk}, follow=True)
    assert answer.status_code == 200
    assert "Đã thu hồi mã truy cập" in answer.content.decode()
    assert ApiToken.lookup(key) is None


def test_the_error_pages_speak_vietnamese_in_the_sites_layout(cast):
    request = RequestFactory().get("/khong-co/")
    request.user = cast.mai
    missing = errors.handler404(request, Exception("không có"))
    assert missing.status_code == 404
    html = missing.content.decode()
    assert "Không tìm thấy" in html and "Lê Thị Mai" in html

    broken = errors.handler500(RequestFactory().get("/"))
    assert broken.status_code == 500
    assert "Lỗi máy chủ" in broken.content.decode()
