"""Citizen records as QCVN 109:2017/BTTTT XML (DOMAIN.md §6).

Every element distinguishes three cases (Circular 13/2017): it has data; it has no data (present
and empty); it has data the owner has not authorised for sharing (present, empty, with the
attribute `KhongDuocChiaSe="true"`).
"""

from collections.abc import Callable
from datetime import datetime
from xml.etree import ElementTree as ET

from django.utils import timezone

from .models import Citizen

NAMESPACE = "http://www.mic.gov.vn/dancu/1.0"
ET.register_namespace("", NAMESPACE)


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def collection(citizens: list[Citizen], *, note: str = "", at: datetime | None = None) -> bytes:
    at = timezone.localtime(at or timezone.now())
    root = ET.Element(
        _tag("CongdanCollection"),
        {
            "GhiChu": note,
            "ThoiDiemDuLieu": at.strftime("%Y%m%d%H%M%S"),
            "SoCongDan": str(len(citizens)),
        },
    )
    for citizen in citizens:
        root.append(_citizen(citizen))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _citizen(c: Citizen) -> ET.Element:
    node = ET.Element(_tag("CongDan"))
    withheld = set(c.withheld)

    def leaf(parent: ET.Element, name: str, value: str) -> ET.Element:
        child = ET.SubElement(parent, _tag(name))
        if name in withheld:
            child.set("KhongDuocChiaSe", "true")
        else:
            child.text = value
        return child

    leaf(node, "SoDinhDanh", c.id_number)
    leaf(node, "SoCMND", "")
    name = ET.SubElement(node, _tag("HoVaTen"))
    leaf(name, "Ho", c.family)
    leaf(name, "ChuDem", c.middle)
    leaf(name, "Ten", c.given)
    leaf(node, "GioiTinh", str(c.sex))
    leaf(node, "DanToc", c.ethnicity)
    leaf(node, "TonGiao", c.religion)
    leaf(node, "TinhTrangHonNhan", str(c.marital_status))
    leaf(node, "NhomMau", c.blood_group)
    born = ET.SubElement(node, _tag("NgayThangNamSinh"))
    leaf(born, "NgayThangNam", c.born.strftime("%Y%m%d"))
    for element in ("NoiDangKyKhaiSinh", "QueQuan", "ThuongTru", "NoiOHienTai"):
        place = ET.SubElement(node, _tag(element))
        if element in withheld:
            place.set("KhongDuocChiaSe", "true")
            continue
        leaf(place, "MaDonViHanhChinh", c.unit_code)
        leaf(place, "ChiTiet", c.address)
        leaf(place, "QuocGia", "VN")
    leaf(node, "QuocTich", c.nationality)
    relatives = (
        ("Cha", c.father_name, c.father_id),
        ("Me", c.mother_name, c.mother_id),
        ("VoChong", c.spouse_name, c.spouse_id),
        ("NguoiDaiDien", "", ""),
    )
    for element, relative_name, relative_id in relatives:
        _relative(
            node, element, relative_name, relative_id, withheld=element in withheld, leaf=leaf
        )
    head = _relative(
        node,
        "ChuHo",
        c.household_head_name,
        c.household_head_id,
        withheld="ChuHo" in withheld,
        leaf=leaf,
    )
    if "ChuHo" not in withheld:
        leaf(head, "QuanHe", c.household_relation)
    leaf(node, "SoSoHoKhau", c.household_book)
    return node


def _relative(
    parent: ET.Element,
    element: str,
    name: str,
    number: str,
    *,
    withheld: bool,
    leaf: Callable[[ET.Element, str, str], ET.Element],
) -> ET.Element:
    relative = ET.SubElement(parent, _tag(element))
    if withheld:
        relative.set("KhongDuocChiaSe", "true")
        return relative
    leaf(relative, "HoVaTen", name)
    leaf(relative, "QuocTich", "VN" if name else "")
    leaf(relative, "SoDinhDanh", number)
    leaf(relative, "SoCMND", "")
    return relative
