"""The template filters: Vietnamese dates and names."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.template import Context, Template

from kehoach.web.templatetags.kehoach import gio, ho_ten, ngay, ngay_ngan

UTC = datetime.UTC


def test_a_date_reads_as_ngay_day_month_year():
    assert ngay(datetime.date(2023, 11, 3)) == "ngày 03/11/2023"
    assert ngay_ngan(datetime.date(2023, 11, 3)) == "03/11/2023"
    assert ngay(datetime.date(812, 1, 9)) == "ngày 09/01/0812"


def test_a_moment_is_dated_in_vietnamese_time():
    # 20:30 UTC on 2 November is already 3 November in Hà Nội (UTC+7).
    moment = datetime.datetime(2023, 11, 2, 20, 30, tzinfo=UTC)
    assert ngay(moment) == "ngày 03/11/2023"
    assert gio(moment) == "03:30"
    assert ngay(datetime.datetime(2023, 11, 3, 23, 59)) == "ngày 03/11/2023"


def test_iso_strings_are_read_too():
    assert ngay("2023-11-03") == "ngày 03/11/2023"
    assert ngay_ngan("2023-11-02T20:30:00+00:00") == "03/11/2023"
    assert gio("2023-11-02T20:30:00+00:00") == "03:30"


def test_empty_or_unreadable_values_give_nothing():
    for value in (None, "", "không phải ngày", 42, []):
        assert ngay(value) == ""
        assert ngay_ngan(value) == ""
        assert gio(value) == ""


def test_the_filters_work_in_a_template():
    text = Template("{% load kehoach %}{{ d|ngay }} · {{ d|ngay_ngan }} · {{ missing|ngay }}.")
    assert text.render(Context({"d": datetime.date(2015, 12, 24)})) == (
        "ngày 24/12/2015 · 24/12/2015 · ."
    )


def test_a_name_reads_family_name_first(db):
    user = get_user_model()(username="lan", first_name="Lan", last_name="Nguyễn Thị")
    assert ho_ten(user) == "Nguyễn Thị Lan"
    assert ho_ten(get_user_model()(username="khach")) == "khach"
    assert ho_ten(None) == ""
