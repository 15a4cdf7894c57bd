"""Stand-in of the national legal documents database (CSDL quốc gia về văn bản pháp luật).

Search by number or keyword (POST /vbpl/v1/tim-kiem {"TuKhoa"}), fetch one text by its number
(POST /vbpl/v1/van-ban {"SoKyHieu": "118/2025/NĐ-CP"}): kind, issuer, title, dates, whether it
is in force, what it replaces and amends, and what replaced or amended it.

The records are the real texts MotCua cites, with only what DOMAIN.md and
reference/vn-standards.md say about them: a title, a date or a status those pages do not give is
left empty rather than recalled. `summary` is our own description, for search, never the
official title (trích yếu).
"""

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from motcua.core.text import fold

from .http import BadRequest, answer, error, folded_search, json_body, required
from .models import LegalDocument

GOV, PM = "Chính phủ", "Thủ tướng Chính phủ"
DECREE, CIRCULAR, DECISION = "Nghị định", "Thông tư", "Quyết định"
IN_FORCE = LegalDocument.Status.IN_FORCE
EXPIRED = LegalDocument.Status.EXPIRED

# (number, kind, issuer, title, summary, signed, effective, expired, status, replaces, amends)
DOCUMENTS = (
    ("61/2018/NĐ-CP", DECREE, GOV, "",
     "Cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
     date(2018, 4, 23), date(2018, 6, 21), date(2025, 7, 1), EXPIRED, (), ()),
    # Whether its provisions outlived Decree 118/2025 is an open question (vn-standards App. B).
    ("107/2021/NĐ-CP", DECREE, GOV, "",
     "Sửa đổi, bổ sung Nghị định 61/2018/NĐ-CP về cơ chế một cửa, một cửa liên thông",
     date(2021, 12, 6), None, None, "", (), ("61/2018/NĐ-CP",)),
    ("118/2025/NĐ-CP", DECREE, GOV,
     "Về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một "
     "cửa và Cổng Dịch vụ công quốc gia",
     "Cơ chế một cửa, một cửa liên thông từ ngày 01/7/2025",
     date(2025, 6, 9), date(2025, 7, 1), None, IN_FORCE, ("61/2018/NĐ-CP",), ()),
    # Still cited beside Decree 118 in 2025, so at least partly in force: how far is not known.
    ("45/2020/NĐ-CP", DECREE, GOV, "",
     "Thực hiện thủ tục hành chính trên môi trường điện tử; số hóa, tái sử dụng dữ liệu",
     date(2020, 4, 8), date(2020, 5, 22), None, "", (), ()),
    ("42/2022/NĐ-CP", DECREE, GOV, "",
     "Dịch vụ công trực tuyến toàn trình và một phần",
     date(2022, 6, 24), None, None, IN_FORCE, ("43/2011/NĐ-CP",), ()),
    ("43/2011/NĐ-CP", DECREE, GOV, "",
     "Mức độ dịch vụ công trực tuyến 1 đến 4",
     None, None, None, EXPIRED, (), ()),
    ("01/2018/TT-VPCP", CIRCULAR, "Văn phòng Chính phủ", "",
     "Hướng dẫn thi hành Nghị định 61/2018/NĐ-CP: biểu mẫu, mã số hồ sơ, mã lĩnh vực, chỉ số "
     "đánh giá",
     date(2018, 11, 23), date(2019, 1, 6), None, EXPIRED, (), ()),
    ("03/2025/TT-VPCP", CIRCULAR, "Văn phòng Chính phủ",
     "Hướng dẫn thi hành một số nội dung của Nghị định 118/2025/NĐ-CP",
     "Biểu mẫu, mã số hồ sơ, mã lĩnh vực theo Nghị định 118/2025/NĐ-CP",
     date(2025, 9, 15), None, None, IN_FORCE, ("01/2018/TT-VPCP",), ()),
    ("13/2017/TT-BTTTT", CIRCULAR, "Bộ Thông tin và Truyền thông", "",
     "Yêu cầu kỹ thuật kết nối hệ thống thông tin, cơ sở dữ liệu với cơ sở dữ liệu quốc gia "
     "(LGSP, NGSP)",
     None, date(2017, 8, 10), None, "", (), ()),
    ("766/QĐ-TTg", DECISION, PM, "",
     "Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong "
     "thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử",
     date(2022, 6, 23), None, None, "", (), ()),
    ("45/2016/QĐ-TTg", DECISION, PM, "",
     "Tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích",
     date(2016, 10, 19), date(2016, 12, 16), None, "", (), ()),
    # Cited by the catalog's budget-unit procedures, with this wording (catalog/seed_data).
    ("185/2015/TT-BTC", CIRCULAR, "Bộ Tài chính",
     "Hướng dẫn đăng ký, cấp mã số và thay đổi thông tin đăng ký mã số đơn vị có quan hệ với "
     "ngân sách",
     "Mã số đơn vị có quan hệ với ngân sách",
     date(2015, 11, 17), None, None, "", (), ()),
)  # fmt: skip


def _search_text(number: str, title: str, summary: str) -> str:
    # The folded number first, on its own line: fetching by number matches on this line alone.
    return "\n".join(fold(part) for part in (number, title, summary))


def seed() -> int:
    """Add the texts that are missing; a text already there is left as it is."""
    made = 0
    for row in DOCUMENTS:
        number, kind, issuer, title, summary, signed, effective, expired, status = row[:9]
        replaces, amends = row[9:]
        _, created = LegalDocument.objects.get_or_create(
            number=number,
            defaults={
                "kind": kind,
                "issuer": issuer,
                "title": title,
                "summary": summary,
                "signed_on": signed,
                "effective_on": effective,
                "expired_on": expired,
                "status": status,
                "replaces": list(replaces),
                "amends": list(amends),
                "search_text": _search_text(number, title, summary),
            },
        )
        made += created
    return made


def _day(value: date | None) -> str:
    return value.strftime("%Y%m%d") if value else ""


def _brief(doc: LegalDocument) -> dict[str, Any]:
    return {
        "SoKyHieu": doc.number,
        "LoaiVanBan": doc.kind,
        "CoQuanBanHanh": doc.issuer,
        "TrichYeu": doc.title,
        "NoiDungChinh": doc.summary,
        "NgayBanHanh": _day(doc.signed_on),
        "NgayHieuLuc": _day(doc.effective_on),
        "TinhTrangHieuLuc": doc.status,
        "TenTinhTrangHieuLuc": doc.get_status_display() if doc.status else "Chưa có thông tin",
    }


def _full(doc: LegalDocument) -> dict[str, Any]:
    # JSON containment is not portable to SQLite: the few texts are scanned for the reverse links.
    others = list(LegalDocument.objects.exclude(pk=doc.pk).only("number", "replaces", "amends"))
    return {
        **_brief(doc),
        "NgayHetHieuLuc": _day(doc.expired_on),
        "ThayTheVanBan": doc.replaces,
        "SuaDoiBoSungVanBan": doc.amends,
        "BiThayTheBoi": [o.number for o in others if doc.number in o.replaces],
        "BiSuaDoiBoSungBoi": [o.number for o in others if doc.number in o.amends],
    }


@require_POST
def search(request: HttpRequest) -> HttpResponse:
    return folded_search(request, "TuKhoa", LegalDocument.objects.all(), _brief)


@require_POST
def document(request: HttpRequest) -> HttpResponse:
    try:
        (number,) = required(json_body(request), "SoKyHieu", max_length=50)
    except BadRequest as exc:
        return error(exc)
    # "118/2025/nd-cp" finds "118/2025/NĐ-CP": people type numbers without the diacritics.
    found = LegalDocument.objects.filter(search_text__startswith=fold(number) + "\n").first()
    if found is None:
        return error(BadRequest(f"Không tìm thấy văn bản số {number}.", status=404, code="404"))
    return answer(_full(found))
