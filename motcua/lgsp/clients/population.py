"""The national population database (CSDL quốc gia về dân cư), through the LGSP.

Every call carries the officer and the purpose and a fresh, unique request id (MaYeuCau), which
the national system logs with the lookup (DOMAIN.md §6); the gateway logs the exchange too.
"""

import uuid
from datetime import date
from xml.etree import ElementTree as ET

from django.utils.translation import gettext

from . import transport
from .errors import InvalidRequest, ServiceUnavailable
from .qcvn109 import NAMESPACE, CitizenRecord, MalformedRecord, parse

LOOKUP = "csdl-dan-cu/tra-cuu"
VERIFY = "csdl-dan-cu/xac-thuc"

__all__ = ["LOOKUP", "VERIFY", "CitizenRecord", "lookup", "verify"]


def _label() -> str:
    return gettext("Cơ sở dữ liệu quốc gia về dân cư")


def new_request_id() -> str:
    return f"MC-{uuid.uuid4().hex}"


def _who(officer: str, purpose: str, service: str) -> dict[str, str]:
    # The law asks who looks a citizen up and why; a call without them is our bug, refused here
    # before it leaves the province.
    if not officer.strip() or not purpose.strip():
        raise InvalidRequest.of(
            _label(),
            service=service,
            detail=gettext("mỗi lần tra cứu phải ghi rõ cán bộ tra cứu và mục đích"),
        )
    return {"MaYeuCau": new_request_id(), "CanBoTraCuu": officer, "MucDich": purpose}


def _message(root: str, fields: dict[str, str | dict[str, str]]) -> bytes:
    """A QCVN 109 request message (lgsp/schemas/qcvn109_request.xsd), built, never parsed."""
    node = ET.Element(f"{{{NAMESPACE}}}{root}")
    for name, value in fields.items():
        child = ET.SubElement(node, f"{{{NAMESPACE}}}{name}")
        if isinstance(value, dict):
            for part, text in value.items():
                ET.SubElement(child, f"{{{NAMESPACE}}}{part}").text = text
        else:
            child.text = value
    return ET.tostring(node, encoding="utf-8", xml_declaration=True)


def _name_parts(full_name: str) -> dict[str, str]:
    # QCVN 109 splits a name into family, middle and given; the database matches the whole
    # name, so where the middle ends does not matter, only the order of the words.
    words = full_name.split()
    parts = {"Ho": words[0] if words else ""}
    if len(words) > 2:
        parts["ChuDem"] = " ".join(words[1:-1])
    parts["Ten"] = words[-1] if len(words) > 1 else ""
    return parts


def verify(id_number: str, full_name: str, born: date, *, officer: str, purpose: str) -> bool:
    """Do number, full name and date of birth belong to one citizen? Nothing else is revealed."""
    body = _message(
        "XacThucCongDan",
        {
            **_who(officer, purpose, VERIFY),
            "SoDinhDanh": id_number.strip(),
            "HoVaTen": _name_parts(full_name),
            "NgayThangNamSinh": {"NgayThangNam": born.strftime("%Y%m%d")},
        },
    )
    answer = transport.call(VERIFY, label=_label(), xml=body)
    try:
        result = answer.json().get("KetQua")
    except (ValueError, AttributeError):
        result = None
    if result not in ("KHOP", "KHONG_KHOP"):
        raise ServiceUnavailable.of(
            _label(), service=VERIFY, detail=f"Câu trả lời không rõ: {answer.text[:200]}"
        )
    return bool(result == "KHOP")


def lookup(id_number: str, *, officer: str, purpose: str) -> CitizenRecord | None:
    """The citizen's QCVN 109 record, or None when the database has no such number."""
    body = _message(
        "TraCuuCongDan", {**_who(officer, purpose, LOOKUP), "SoDinhDanh": id_number.strip()}
    )
    answer = transport.call(LOOKUP, label=_label(), xml=body)
    try:
        records = parse(answer.content, message_id=transport.message_id(answer))
    except MalformedRecord as exc:
        raise ServiceUnavailable.of(_label(), service=LOOKUP, detail=str(exc)) from exc
    # A lookup by number answers one citizen or none.
    return next((r for r in records if r.id_number == id_number.strip()), None)
