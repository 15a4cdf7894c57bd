"""What a person types to name their account: a phone number, an e-mail or a 12-digit number.

Phone numbers are stored one way, 0xxxxxxxxx, whichever way they were typed (+84 90 511 1222,
0905.111.222, 84905111222); e-mails lower-case.
"""

import re
from dataclasses import dataclass
from typing import Literal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from motcua.catalog.form_input import id_number_error

# Vietnamese mobile numbers since the 2018 renumbering: 0 then 3, 5, 7, 8 or 9, ten digits.
MOBILE = re.compile(r"0[35789][0-9]{8}")
ID_NUMBER = re.compile(r"[0-9]{12}")

Kind = Literal["phone", "email", "id_number"]


class InvalidIdentifier(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Identifier:
    kind: Kind
    value: str


def normalise_phone(raw: str) -> str:
    """0xxxxxxxxx, or InvalidIdentifier with the reason in Vietnamese."""
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not MOBILE.fullmatch(digits):
        raise InvalidIdentifier(
            "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 "
            "(có thể viết +84 ở đầu)."
        )
    return digits


def normalise_email(raw: str) -> str:
    value = (raw or "").strip().lower()
    try:
        validate_email(value)
    except ValidationError as exc:
        raise InvalidIdentifier("Địa chỉ thư điện tử không đúng, ví dụ: ten@example.vn.") from exc
    return value


def check_id_number(raw: str) -> str:
    value = re.sub(r"\s", "", raw or "")
    problem = id_number_error(value)
    if problem:
        raise InvalidIdentifier(problem)
    return value


def parse(raw: str) -> Identifier:
    """Read a login name: an e-mail if it has an @, a 12-digit number, else a phone number."""
    text = (raw or "").strip()
    if not text:
        raise InvalidIdentifier("Vui lòng nhập số điện thoại, thư điện tử hoặc số định danh.")
    if "@" in text:
        return Identifier("email", normalise_email(text))
    compact = re.sub(r"[\s.\-()]", "", text)
    if ID_NUMBER.fullmatch(compact):
        return Identifier("id_number", compact)
    return Identifier("phone", normalise_phone(text))
