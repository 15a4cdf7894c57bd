"""QCVN 109:2017/BTTTT citizen records read from the national population database's XML.

Parsed with defusedxml: national data comes from outside our trust boundary, and the stdlib parser
would expand entities (billion laughs) or fetch external ones.

Every element has three states (Circular 13/2017): it has data; it has no data (empty); or the data
owner has not authorised sharing it (`KhongDuocChiaSe="true"`). The third becomes an entry in
`withheld` (the element's path under CongDan, e.g. "ThuongTru" or "HoVaTen/Ho") and an empty value,
so a page can say "không được chia sẻ" instead of "không có thông tin".
"""

from dataclasses import dataclass
from datetime import date, datetime
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

NAMESPACE = "http://www.mic.gov.vn/dancu/1.0"
WITHHELD_ATTRIBUTE = "KhongDuocChiaSe"


class MalformedRecord(ValueError):
    """The answer is not a QCVN 109 collection we can read."""


@dataclass(frozen=True)
class CitizenRecord:
    id_number: str
    family: str
    middle: str
    given: str
    full_name: str
    # 0 unknown, 1 male, 2 female; None when withheld.
    sex: int | None
    # None when withheld, or when the database knows only the year (then `birth_year` has it).
    born: date | None
    ethnicity: str
    permanent_address: str
    unit_code: str
    withheld: frozenset[str]
    message_id: str
    birth_year: int | None = None
    nationality: str = ""
    father_name: str = ""
    mother_name: str = ""
    spouse_name: str = ""
    household_book: str = ""
    household_head_name: str = ""
    household_relation: str = ""


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def parse(xml: bytes, *, message_id: str = "") -> list[CitizenRecord]:
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise MalformedRecord(f"XML không hợp lệ: {exc}") from exc
    except Exception as exc:  # defusedxml's refusals (entities, DTDs) share no base class
        raise MalformedRecord(f"XML bị từ chối: {exc}") from exc
    if root.tag != _tag("CongdanCollection"):
        raise MalformedRecord(f"Phần tử gốc phải là CongdanCollection, không phải {root.tag}.")
    return [_citizen(node, message_id) for node in root.findall(_tag("CongDan"))]


def _citizen(node: Element, message_id: str) -> CitizenRecord:
    withheld: set[str] = set()

    def walk(element: Element, prefix: str) -> None:
        for child in element:
            name = child.tag.removeprefix(f"{{{NAMESPACE}}}")
            path = f"{prefix}{name}"
            if child.get(WITHHELD_ATTRIBUTE) == "true":
                withheld.add(path)
            else:
                walk(child, f"{path}/")

    walk(node, "")

    def text(path: str) -> str:
        found = node.find("/".join(_tag(part) for part in path.split("/")))
        return (found.text or "").strip() if found is not None else ""

    id_number = text("SoDinhDanh")
    if not id_number:
        raise MalformedRecord("Bản ghi công dân thiếu SoDinhDanh.")
    family, middle, given = text("HoVaTen/Ho"), text("HoVaTen/ChuDem"), text("HoVaTen/Ten")
    sex_text = text("GioiTinh")
    born, year = _born(text("NgayThangNamSinh/NgayThangNam"), text("NgayThangNamSinh/Nam"))
    return CitizenRecord(
        id_number=id_number,
        family=family,
        middle=middle,
        given=given,
        full_name=" ".join(part for part in (family, middle, given) if part),
        sex=int(sex_text) if sex_text.isdigit() else None,
        born=born,
        birth_year=year,
        ethnicity=text("DanToc"),
        permanent_address=text("ThuongTru/ChiTiet"),
        unit_code=text("ThuongTru/MaDonViHanhChinh"),
        nationality=text("QuocTich"),
        father_name=text("Cha/HoVaTen"),
        mother_name=text("Me/HoVaTen"),
        spouse_name=text("VoChong/HoVaTen"),
        household_book=text("SoSoHoKhau"),
        household_head_name=text("ChuHo/HoVaTen"),
        household_relation=text("ChuHo/QuanHe"),
        withheld=frozenset(withheld),
        message_id=message_id,
    )


def _born(full: str, year_only: str) -> tuple[date | None, int | None]:
    if full:
        try:
            born = datetime.strptime(full, "%Y%m%d").date()
        except ValueError as exc:
            raise MalformedRecord(f"NgayThangNam không hợp lệ: {full}") from exc
        return born, born.year
    if year_only.isdigit():
        return None, int(year_only)
    return None, None
