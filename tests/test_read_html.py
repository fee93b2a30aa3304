"""The HTML reader keeps the plan and drops the portal around it."""

from __future__ import annotations

import unicodedata

import pytest

from kehoach.document.errors import EmptyDocument
from kehoach.document.reading import read_bytes
from kehoach.document.reading.html import read_html

PLAN_HTML = """
<table class="header-van-ban">
  <tr>
    <td><p>QUẬN ỦY LONG BIÊN</p><p>*</p><p>Số 193-KH/QU</p></td>
    <td><p><b>ĐẢNG CỘNG SẢN VIỆT NAM</b></p>
        <p><i>Long Biên, ngày 03 tháng 11 năm 2023</i></p></td>
  </tr>
</table>
<p style="text-align:center"><b>KẾ HOẠCH</b><br>tuyên truyền cuốn sách lịch sử</p>
<p>Thực hiện Chỉ thị số 20-CT/TW, ngày 18/01/2018 của Ban Bí thư.</p>
<h3>I. MỤC ĐÍCH, YÊU CẦU</h3>
<ul><li>- Giúp cán bộ, đảng viên nhận thức sâu sắc hơn.</li></ul>
<table>
  <tr><td><b>Nơi nhận:</b><br>- Ban Tuyên giáo TU,<br>- Lưu.</td>
      <td>T/M BAN THƯỜNG VỤ<br>PHÓ BÍ THƯ THƯỜNG TRỰC<br><br>Ngô Mạnh Điềm</td></tr>
</table>
"""

PLAN_LINES = [
    "QUẬN ỦY LONG BIÊN",
    "*",
    "Số 193-KH/QU",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Long Biên, ngày 03 tháng 11 năm 2023",
    "KẾ HOẠCH",
    "tuyên truyền cuốn sách lịch sử",
    "Thực hiện Chỉ thị số 20-CT/TW, ngày 18/01/2018 của Ban Bí thư.",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "- Giúp cán bộ, đảng viên nhận thức sâu sắc hơn.",
    "Nơi nhận:",
    "- Ban Tuyên giáo TU,",
    "- Lưu.",
    "T/M BAN THƯỜNG VỤ",
    "PHÓ BÍ THƯ THƯỜNG TRỰC",
    "Ngô Mạnh Điềm",
]


def portal(content: str, charset: str = "utf-8") -> str:
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}"><title>Cổng thông tin điện tử</title>
<style>.menu {{ color: red }}</style><script>var lượt = "KẾ HOẠCH giả";</script></head>
<body>
<div id="top-banner">CỔNG THÔNG TIN ĐIỆN TỬ QUẬN LONG BIÊN</div>
<ul class="main-menu"><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu</a></li>
  <li><a href="/vb">Văn bản</a></li></ul>
<nav><a href="/tt">Tin tức</a> <a href="/lh">Liên hệ</a></nav>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/vb">Văn bản</a></div>
<div class="wrapper">
  <div class="content">
    <h1 class="post-title">Kế hoạch tuyên truyền cuốn sách lịch sử Đảng bộ</h1>
    <div class="post-meta"><span>Ngày đăng: 05/11/2023</span></div>
    <div class="post-body">{content}</div>
    <p>Lượt xem: 14</p>
    <div class="social-share"><a href="#">Chia sẻ Facebook</a></div>
    <div class="related-news"><h4>Tin liên quan</h4><ul><li><a href="/a">Kế hoạch khác</a></li></ul></div>
  </div>
  <aside class="sidebar"><h4>Liên kết</h4><ul><li><a href="/x">Bộ Nội vụ</a></li>
    <li><a href="/y">Thành ủy Hà Nội</a></li></ul></aside>
</div>
<footer><p>Bản quyền thuộc Quận ủy Long Biên</p><p>Địa chỉ: số 1 phố Vạn Hạnh</p></footer>
</body></html>"""


def test_portal_chrome_is_dropped_and_only_the_plan_is_kept() -> None:
    source = read_html(portal(PLAN_HTML).encode("utf-8"))
    assert source.format == "html"
    assert list(source.lines) == PLAN_LINES


def test_header_table_cells_come_out_left_then_right() -> None:
    lines = list(read_html(portal(PLAN_HTML).encode("utf-8")).lines)
    assert lines.index("Số 193-KH/QU") < lines.index("ĐẢNG CỘNG SẢN VIỆT NAM")
    assert lines.index("Ngô Mạnh Điềm") > lines.index("- Lưu.")


def test_a_table_header_row_is_flattened_one_line_per_cell() -> None:
    page = (
        "<html><body><p>KẾ HOẠCH</p><table><thead><tr><th>TT</th><th>Nội dung</th>"
        "<th>Thời gian</th></tr></thead><tbody><tr><td>1</td><td>Hội nghị</td>"
        "<td>Tháng 11</td></tr></tbody></table><p>Nơi nhận:</p></body></html>"
    )
    assert list(read_html(page.encode()).lines) == [
        "KẾ HOẠCH",
        "TT",
        "Nội dung",
        "Thời gian",
        "1",
        "Hội nghị",
        "Tháng 11",
        "Nơi nhận:",
    ]


def _cp1258(text: str) -> bytes:
    """Windows-1258 spelling: precomposed base letters, tone marks as combining chars."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_windows_1258_meta_charset_is_honoured_and_composed() -> None:
    data = _cp1258(portal(PLAN_HTML, charset="windows-1258"))
    lines = read_html(data).lines
    assert list(lines) == PLAN_LINES
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)


def test_http_equiv_content_type_charset_is_honoured() -> None:
    page = portal(PLAN_HTML).replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">',
    )
    assert list(read_html(_cp1258(page)).lines) == PLAN_LINES


def test_undeclared_utf8_and_a_wrong_latin1_declaration_still_read_as_utf8() -> None:
    assert (
        list(read_html(portal(PLAN_HTML).replace('<meta charset="utf-8">', "").encode()).lines)
        == PLAN_LINES
    )
    latin = portal(PLAN_HTML, charset="iso-8859-1").encode("utf-8")
    assert list(read_html(latin).lines) == PLAN_LINES


def test_utf8_bom_and_decomposed_text_come_out_nfc() -> None:
    data = b"\xef\xbb\xbf" + unicodedata.normalize("NFD", portal(PLAN_HTML)).encode("utf-8")
    assert list(read_html(data).lines) == PLAN_LINES


def test_an_aspnet_page_wrapped_in_one_form_keeps_the_plan() -> None:
    page = portal(f'<form id="form1" action="/x">{PLAN_HTML}</form>')
    page = page.replace("<body>", '<body><form id="aspnetForm" method="post">').replace(
        "</body>", "</form></body>"
    )
    assert list(read_html(page.encode()).lines) == PLAN_LINES


def test_read_bytes_sends_markup_to_the_html_reader() -> None:
    source = read_bytes(portal(PLAN_HTML).encode("utf-8"), name="ke-hoach.htm")
    assert source.format == "html"
    assert source.lines[0] == "QUẬN ỦY LONG BIÊN"


def test_page_without_text_is_empty() -> None:
    with pytest.raises(EmptyDocument):
        read_html(b"<html><head><script>x()</script></head><body><div></div></body></html>")
