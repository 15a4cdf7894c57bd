"""JSON Schema errors told in Vietnamese, naming the field, for the invalid_message answer.

jsonschema's own messages are English and quote the whole offending value (which may be a
citizen's data); a caller's operator needs the field and the rule instead.
"""

from typing import Any

from jsonschema.exceptions import ValidationError

_RULES = {
    "type": "phải có kiểu {expected}",
    "enum": "phải là một trong các giá trị {expected}",
    "const": "phải bằng {expected}",
    "pattern": "không đúng định dạng (mẫu {expected})",
    "format": "không đúng định dạng {expected}",
    "minLength": "phải dài ít nhất {expected} ký tự",
    "maxLength": "chỉ được dài tối đa {expected} ký tự",
    "minimum": "phải lớn hơn hoặc bằng {expected}",
    "maximum": "phải nhỏ hơn hoặc bằng {expected}",
    "exclusiveMinimum": "phải lớn hơn {expected}",
    "exclusiveMaximum": "phải nhỏ hơn {expected}",
    "minItems": "phải có ít nhất {expected} phần tử",
    "maxItems": "chỉ được có tối đa {expected} phần tử",
    "additionalProperties": "có trường không được phép",
}


def field_path(error: ValidationError) -> str:
    parts = [f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.path]
    return "".join(parts).lstrip(".") or "(gốc)"


def describe_schema_error(error: ValidationError) -> str:
    if error.validator == "required":
        required: Any = error.validator_value
        instance: Any = error.instance if isinstance(error.instance, dict) else {}
        missing = next((name for name in required if name not in instance), "?")
        parent = field_path(error)
        where = missing if parent == "(gốc)" else f"{parent}.{missing}"
        return f"Thông điệp không hợp lệ: thiếu trường bắt buộc “{where}”."
    rule = _RULES.get(str(error.validator), "không hợp lệ")
    return (
        f"Thông điệp không hợp lệ: trường “{field_path(error)}” "
        + rule.format(expected=error.validator_value)
        + "."
    )
