"""The procedure's online form as posted by a page: typed values out of POST data, and the
checks every page asking for a person's data shares (the back office's counter reception and the
citizen portal's submission wizard).

The schema and its Vietnamese messages live in catalog.forms; this module only reads what a
browser sends (strings, an unticked box sent as nothing) into the values the schema expects.
"""

import re
from collections.abc import Iterable
from typing import Any

from django.http import QueryDict

from .forms import (
    APPLICANT_PREFIX,
    FormField,
    FormInvalid,
    form_fields,
    full_schema,
    validate_form_data,
)
from .models import Procedure

# The pre-2025 two-digit province codes (GSO), prefixed with "0" in the first three digits of a
# personal identification number: valid forever, even after the 2025 mergers (DOMAIN.md §5).
LEGACY_PROVINCE_CODES = frozenset(
    {
        "01",
        "02",
        "04",
        "06",
        "08",
        "10",
        "11",
        "12",
        "14",
        "15",
        "17",
        "19",
        "20",
        "22",
        "24",
        "25",
        "26",
        "27",
        "30",
        "31",
        "33",
        "34",
        "35",
        "36",
        "37",
        "38",
        "40",
        "42",
        "44",
        "45",
        "46",
        "48",
        "49",
        "51",
        "52",
        "54",
        "56",
        "58",
        "60",
        "62",
        "64",
        "66",
        "67",
        "68",
        "70",
        "72",
        "74",
        "75",
        "77",
        "79",
        "80",
        "82",
        "83",
        "84",
        "86",
        "87",
        "89",
        "91",
        "92",
        "93",
        "94",
        "95",
        "96",
    }
)
ID_NUMBER = re.compile(r"^[0-9]{12}$")


def id_number_error(value: str) -> str:
    """The Vietnamese complaint about a personal identification number, or ''."""
    if not ID_NUMBER.match(value):
        return "Số định danh cá nhân phải gồm đúng 12 chữ số."
    if value[0] != "0" or value[1:3] not in LEGACY_PROVINCE_CODES:
        return (
            f"Số định danh cá nhân {value} có mã tỉnh nơi đăng ký khai sinh «{value[:3]}» "
            "không tồn tại: ba chữ số đầu phải là mã tỉnh (ví dụ 064 Gia Lai, 052 Bình Định)."
        )
    return ""


def own_fields(procedure: Procedure) -> list[FormField]:
    """The procedure's own form fields; the applicant block is drawn by the page itself."""
    return [f for f in form_fields(procedure) if not f.name.startswith(APPLICANT_PREFIX)]


def typed_value(prop: dict[str, Any], raw: str) -> Any:
    kind = prop.get("type")
    if kind == "integer":
        try:
            return int(raw)
        except ValueError:
            return raw  # the schema then says it has the wrong type, in Vietnamese
    if kind == "number":
        try:
            return float(raw.replace(",", "."))
        except ValueError:
            return raw
    return raw


def parse_fields(
    procedure: Procedure, post: QueryDict, names: Iterable[str] | None = None
) -> dict[str, Any]:
    """The posted values of the form's fields (all of them, or only `names`), typed."""
    properties = full_schema(procedure)["properties"]
    wanted = set(properties) if names is None else set(names) & set(properties)
    data: dict[str, Any] = {}
    for name, prop in properties.items():
        if name not in wanted:
            continue
        if prop.get("type") == "boolean":
            # An unticked box is posted as nothing at all: it means "no".
            data[name] = post.get(name) == "on"
            continue
        raw = post.get(name, "").strip()
        if raw:
            data[name] = typed_value(prop, raw)
    return data


def form_errors(
    procedure: Procedure, data: dict[str, Any], names: Iterable[str] | None = None
) -> dict[str, str]:
    """The schema's Vietnamese complaints about `data`, limited to `names` when given: a page
    that asks for part of the form is not blamed for the fields of another page."""
    errors: dict[str, str] = {}
    try:
        validate_form_data(procedure, data)
    except FormInvalid as invalid:
        errors = dict(invalid.errors)
    if names is None:
        return errors
    wanted = set(names)
    # catalog.forms names one missing field per validation (the first of the whole form), so
    # a page asking for later fields finds its own missing ones here.
    schema = full_schema(procedure)
    for name in schema["required"]:
        if name in wanted and name not in data and name not in errors:
            title = schema["properties"][name].get("title", name)
            errors[name] = f"Vui lòng nhập «{title}»."
    return {name: message for name, message in errors.items() if name in wanted}
