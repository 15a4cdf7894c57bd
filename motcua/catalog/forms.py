"""The online form of a procedure: one JSON Schema drives the portal form, the API and the back
office view, and the server validates every submission against it.

A procedure stores only its own fields (`Procedure.form_schema`, draft 2020-12, each property with
a Vietnamese `title`) and display hints (`Procedure.form_ui`: `order`, `widgets`, `help`). The
applicant block (name, identification number, phone, address) is the same for every procedure and
is added here, so no procedure can forget it or ask for it twice.
"""

from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError

from motcua.core.errors import DomainError

from .models import Procedure

APPLICANT_PREFIX = "applicant_"

APPLICANT_SCHEMA: dict[str, Any] = {
    "properties": {
        "applicant_name": {
            "type": "string",
            "title": "Họ và tên người nộp hồ sơ",
            "minLength": 2,
            "maxLength": 200,
        },
        "applicant_id_number": {
            "type": "string",
            "title": "Số định danh cá nhân",
            "description": "12 chữ số, in trên thẻ căn cước hoặc căn cước công dân.",
            "pattern": "^[0-9]{12}$",
        },
        "applicant_phone": {
            "type": "string",
            "title": "Số điện thoại",
            "description": "Để cơ quan báo khi có kết quả hoặc cần bổ sung hồ sơ.",
            "pattern": "^(0|\\+84)[0-9]{9,10}$",
        },
        "applicant_email": {
            "type": "string",
            "title": "Thư điện tử",
            "format": "email",
            "maxLength": 254,
        },
        "applicant_address": {
            "type": "string",
            "title": "Địa chỉ liên hệ",
            "minLength": 5,
            "maxLength": 500,
        },
    },
    "required": ["applicant_name", "applicant_id_number", "applicant_phone", "applicant_address"],
}
APPLICANT_UI: dict[str, Any] = {
    "order": list(APPLICANT_SCHEMA["properties"]),
    "widgets": {"applicant_address": "textarea"},
    "help": {},
}

WIDGETS = {"text", "textarea", "date", "select", "radio", "checkbox", "number"}


class FormInvalid(DomainError):
    code = "form_invalid"
    status = 422
    message = "Tờ khai chưa hợp lệ, vui lòng kiểm tra các mục được đánh dấu."

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__()
        self.errors = errors


@dataclass(frozen=True)
class FormField:
    """One field as a page shows it."""

    name: str
    title: str
    description: str
    help: str
    widget: str
    required: bool
    choices: tuple[str, ...]
    max_length: int | None


def full_schema(procedure: Procedure) -> dict[str, Any]:
    own = procedure.form_schema or {}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {**APPLICANT_SCHEMA["properties"], **own.get("properties", {})},
        "required": [*APPLICANT_SCHEMA["required"], *own.get("required", [])],
        # A field the form never asked for is a client bug or a probe: refuse it.
        "additionalProperties": False,
    }


def full_ui(procedure: Procedure) -> dict[str, Any]:
    own = procedure.form_ui or {}
    own_props = list((procedure.form_schema or {}).get("properties", {}))
    order = [name for name in own.get("order", own_props) if name in own_props]
    order += [name for name in own_props if name not in order]
    return {
        "order": [*APPLICANT_UI["order"], *order],
        "widgets": {**APPLICANT_UI["widgets"], **own.get("widgets", {})},
        "help": {**APPLICANT_UI["help"], **own.get("help", {})},
    }


def form_fields(procedure: Procedure) -> list[FormField]:
    schema, ui = full_schema(procedure), full_ui(procedure)
    required = set(schema["required"])
    fields = []
    for name in ui["order"]:
        prop = schema["properties"][name]
        fields.append(
            FormField(
                name=name,
                title=prop.get("title", name),
                description=prop.get("description", ""),
                help=ui["help"].get(name, ""),
                widget=ui["widgets"].get(name) or _default_widget(prop),
                required=name in required,
                choices=tuple(prop.get("enum", ())),
                max_length=prop.get("maxLength"),
            )
        )
    return fields


def _default_widget(prop: dict[str, Any]) -> str:
    if "enum" in prop:
        return "select"
    if prop.get("format") == "date":
        return "date"
    if prop.get("type") == "boolean":
        return "checkbox"
    if prop.get("type") in ("integer", "number"):
        return "number"
    return "text"


def schema_errors(schema: dict[str, Any], ui: dict[str, Any]) -> list[str]:
    """What is wrong with a procedure's own form definition, in Vietnamese (admin and import)."""
    if not schema:
        return []
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        return [f"Biểu mẫu không phải JSON Schema hợp lệ: {exc.message}"]
    errors = []
    if schema.get("type") != "object" or not isinstance(schema.get("properties"), dict):
        errors.append('Biểu mẫu phải có "type": "object" và danh sách "properties".')
        return errors
    properties = schema["properties"]
    for name, prop in properties.items():
        if name.startswith(APPLICANT_PREFIX):
            errors.append(
                f"Trường {name!r}: thông tin người nộp do hệ thống tự thêm, không khai lại."
            )
        if not isinstance(prop, dict) or not prop.get("title"):
            errors.append(f"Trường {name!r} thiếu tiêu đề tiếng Việt (title).")
    for name in schema.get("required", []):
        if name not in properties:
            errors.append(f"Trường bắt buộc {name!r} không có trong properties.")
    for name in ui.get("order", []):
        if name not in properties:
            errors.append(f"Thứ tự hiển thị nhắc tới trường không tồn tại: {name!r}.")
    for name, widget in ui.get("widgets", {}).items():
        if widget not in WIDGETS:
            errors.append(
                f"Kiểu hiển thị {widget!r} của trường {name!r} không hỗ trợ "
                f"(chọn một trong: {', '.join(sorted(WIDGETS))})."
            )
    return errors


def validate_form_data(procedure: Procedure, data: dict[str, Any]) -> dict[str, Any]:
    """Return the data if it fits the procedure's form, else raise FormInvalid with one
    Vietnamese message per field."""
    schema = full_schema(procedure)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors: dict[str, str] = {}
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.path)):
        name, message = _message(error, schema)
        errors.setdefault(name, message)
    if errors:
        raise FormInvalid(errors)
    return data


def _message(error: ValidationError, schema: dict[str, Any]) -> tuple[str, str]:
    properties = schema["properties"]
    keyword = error.validator
    instance: Any = error.instance
    value: Any = error.validator_value
    if keyword == "required":
        # The instance is the object; the message names the missing property.
        missing = next(name for name in schema["required"] if name not in instance)
        return missing, f"Vui lòng nhập «{properties[missing].get('title', missing)}»."
    if keyword == "additionalProperties":
        extra = sorted(set(instance) - set(properties))
        return "__all__", f"Tờ khai có mục không thuộc biểu mẫu: {', '.join(extra)}."
    name = str(error.path[0]) if error.path else "__all__"
    prop = properties.get(name, {})
    title = prop.get("title", name)
    # Every message below is built, whatever the keyword: only enum's value is a list.
    choices = ", ".join(map(str, value)) if isinstance(value, list) else ""
    messages = {
        "type": f"«{title}» sai kiểu dữ liệu.",
        "minLength": f"«{title}» phải có ít nhất {value} ký tự.",
        "maxLength": f"«{title}» không được dài quá {value} ký tự.",
        "pattern": f"«{title}» không đúng định dạng. {prop.get('description', '')}".strip(),
        "enum": f"«{title}» phải là một trong các lựa chọn: {choices}.",
        "minimum": f"«{title}» không được nhỏ hơn {value}.",
        "maximum": f"«{title}» không được lớn hơn {value}.",
        "format": {
            "date": f"«{title}» phải là một ngày hợp lệ.",
            "email": f"«{title}» phải là địa chỉ thư điện tử hợp lệ.",
        }.get(str(value), f"«{title}» không đúng định dạng."),
    }
    return name, messages.get(str(keyword), f"«{title}» không hợp lệ.")
