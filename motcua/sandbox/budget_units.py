"""Stand-in of the budget-unit code service (mã số đơn vị có quan hệ với ngân sách, Circular
185/2015/TT-BTC): one unit by its 7-digit code (GET /dvqhns/v1/don-vi/<code>), or units by name
(POST /dvqhns/v1/tim-kiem {"TenDonVi"}).

The units are the demo's agencies of Gia Lai (motcua/org/demo.py, DEMO.md) under FICTIONAL
codes: every one starts with 99 and says so in its note. They are not the codes the Ministry of
Finance issued to those agencies.
"""

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_POST

from motcua.core.text import fold

from .http import BadRequest, answer, error, folded_search
from .models import BudgetUnit

CODE = re.compile(r"[0-9]{7}")
FICTIONAL = "Mã hư cấu của bản demo, không phải mã do Bộ Tài chính cấp."
PROVINCE = "UBND tỉnh Gia Lai"
STATE_AGENCY = "Cơ quan nhà nước"
SERVICE_UNIT = "Đơn vị sự nghiệp công lập"
QUY_NHON = "phường Quy Nhơn, tỉnh Gia Lai"

# (code, name, kind, parent code, managing authority, address): the agencies of org/demo.py.
UNITS = (
    ("9900001", "Ủy ban nhân dân tỉnh Gia Lai", STATE_AGENCY, "", "",
     f"35 Lê Lợi, {QUY_NHON}"),
    ("9900002", "Trung tâm Phục vụ hành chính công tỉnh Gia Lai", SERVICE_UNIT, "9900001",
     PROVINCE, f"127 Hai Bà Trưng, {QUY_NHON}"),
    ("9900003", "Sở Tư pháp tỉnh Gia Lai", STATE_AGENCY, "9900001", PROVINCE,
     f"9 Mai Xuân Thưởng, {QUY_NHON}"),
    ("9900004", "Sở Tài chính tỉnh Gia Lai", STATE_AGENCY, "9900001", PROVINCE,
     f"209 Lê Hồng Phong, {QUY_NHON}"),
    ("9900005", "Sở Xây dựng tỉnh Gia Lai", STATE_AGENCY, "9900001", PROVINCE,
     f"15 Hai Bà Trưng, {QUY_NHON}"),
    ("9900006", "Sở Nông nghiệp và Môi trường tỉnh Gia Lai", STATE_AGENCY, "9900001", PROVINCE,
     f"2 Tôn Đức Thắng, {QUY_NHON}"),
    ("9900007", "Sở Y tế tỉnh Gia Lai", STATE_AGENCY, "9900001", PROVINCE,
     f"756 Trần Hưng Đạo, {QUY_NHON}"),
    ("9900008", "Sở Giáo dục và Đào tạo tỉnh Gia Lai", STATE_AGENCY, "9900001", PROVINCE,
     f"10 Nguyễn Huệ, {QUY_NHON}"),
    ("9900009", "Ủy ban nhân dân phường Quy Nhơn", STATE_AGENCY, "", PROVINCE, QUY_NHON),
    ("9900010", "Ủy ban nhân dân phường Pleiku", STATE_AGENCY, "", PROVINCE,
     "phường Pleiku, tỉnh Gia Lai"),
    ("9900011", "Ủy ban nhân dân xã Bờ Ngoong", STATE_AGENCY, "", PROVINCE,
     "xã Bờ Ngoong, tỉnh Gia Lai"),
    ("9900012", "Trường Tiểu học Lê Lợi", SERVICE_UNIT, "", "Ủy ban nhân dân phường Quy Nhơn",
     QUY_NHON),
)  # fmt: skip


def seed() -> int:
    made = 0
    for code, name, kind, parent, authority, address in UNITS:
        _, created = BudgetUnit.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "parent_code": parent,
                "authority": authority,
                "address": address,
                "note": FICTIONAL,
                "search_text": fold(name),
            },
        )
        made += created
    return made


def _unit(unit: BudgetUnit) -> dict[str, Any]:
    return {
        "MaDonVi": unit.code,
        "TenDonVi": unit.name,
        "LoaiDonVi": unit.kind,
        "MaDonViCapTren": unit.parent_code,
        "CoQuanChuQuan": unit.authority,
        "DiaChi": unit.address,
        "NgayCapMa": unit.issued_on.strftime("%Y%m%d") if unit.issued_on else "",
        "TinhTrang": unit.status,
        "GhiChu": unit.note,
    }


@require_GET
def unit(request: HttpRequest, code: str) -> HttpResponse:
    if not CODE.fullmatch(code):
        return error(BadRequest("Mã số đơn vị có quan hệ với ngân sách phải gồm đúng 7 chữ số."))
    found = BudgetUnit.objects.filter(code=code).first()
    if found is None:
        return error(BadRequest(f"Không có đơn vị mã số {code}.", status=404, code="404"))
    return answer(_unit(found))


@require_POST
def search(request: HttpRequest) -> HttpResponse:
    return folded_search(request, "TenDonVi", BudgetUnit.objects.all(), _unit)
