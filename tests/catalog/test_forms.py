import pytest

from motcua.catalog.forms import (
    FormInvalid,
    form_fields,
    full_schema,
    schema_errors,
    validate_form_data,
)
from motcua.catalog.models import Field, Procedure

BIRTH_SCHEMA = {
    "type": "object",
    "properties": {
        "child_name": {"type": "string", "title": "Họ, chữ đệm và tên của trẻ", "maxLength": 100},
        "child_sex": {"type": "string", "title": "Giới tính", "enum": ["Nam", "Nữ"]},
        "child_birth_date": {"type": "string", "title": "Ngày sinh", "format": "date"},
        "twins": {"type": "boolean", "title": "Sinh đôi"},
    },
    "required": ["child_name", "child_sex", "child_birth_date"],
}
ALICE = {
    "applicant_name": "Nguyễn Thị Lan",
    "applicant_id_number": "064190001234",
    "applicant_phone": "0905123456",
    "applicant_address": "12 Lê Lợi, phường Quy Nhơn, Gia Lai",
}


@pytest.fixture
def birth(db):
    field = Field.objects.create(code="H21-HT", name="Hộ tịch")
    return Procedure.objects.create(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=field,
        level=Procedure.Level.COMMUNE,
        time_limit=1,
        form_schema=BIRTH_SCHEMA,
        form_ui={"order": ["child_birth_date", "child_name"], "widgets": {"child_sex": "radio"}},
    )


def test_a_complete_declaration_passes(birth):
    data = {
        **ALICE,
        "child_name": "Nguyễn Minh An",
        "child_sex": "Nam",
        "child_birth_date": "2026-11-20",
    }
    assert validate_form_data(birth, data) == data


def test_missing_and_malformed_answers_get_one_vietnamese_message_per_field(birth):
    data = {
        **ALICE,
        "applicant_id_number": "12345",
        "applicant_phone": "",
        "child_sex": "Khác",
        "child_birth_date": "20/11/2026",
    }
    with pytest.raises(FormInvalid) as caught:
        validate_form_data(birth, data)
    errors = caught.value.errors
    assert errors["child_name"] == "Vui lòng nhập «Họ, chữ đệm và tên của trẻ»."
    assert errors["applicant_id_number"] == (
        "«Số định danh cá nhân» không đúng định dạng. "
        "12 chữ số, in trên thẻ căn cước hoặc căn cước công dân."
    )
    assert errors["child_sex"] == "«Giới tính» phải là một trong các lựa chọn: Nam, Nữ."
    assert errors["child_birth_date"] == "«Ngày sinh» phải là một ngày hợp lệ."
    assert "applicant_phone" in errors
    assert caught.value.code == "form_invalid"


def test_a_field_the_form_never_asked_for_is_refused(birth):
    data = {**ALICE, "child_name": "An", "child_sex": "Nam", "child_birth_date": "2026-11-20"}
    with pytest.raises(FormInvalid) as caught:
        validate_form_data(birth, {**data, "is_admin": True})
    assert caught.value.errors == {"__all__": "Tờ khai có mục không thuộc biểu mẫu: is_admin."}


def test_every_procedure_form_starts_with_the_applicant_block(db):
    field = Field.objects.create(code="H21-CT", name="Chứng thực")
    bare = Procedure.objects.create(
        code="2.000815",
        name="Chứng thực bản sao từ bản chính",
        field=field,
        level="commune",
        time_limit=1,
    )
    names = [f.name for f in form_fields(bare)]
    assert names == [
        "applicant_name",
        "applicant_id_number",
        "applicant_phone",
        "applicant_email",
        "applicant_address",
    ]
    assert full_schema(bare)["required"] == [
        "applicant_name",
        "applicant_id_number",
        "applicant_phone",
        "applicant_address",
    ]


def test_display_order_and_widgets_follow_the_ui_hints(birth):
    fields = {f.name: f for f in form_fields(birth)}
    own = [f.name for f in form_fields(birth) if not f.name.startswith("applicant_")]
    assert own == ["child_birth_date", "child_name", "child_sex", "twins"]
    assert fields["child_sex"].widget == "radio"
    assert fields["child_sex"].choices == ("Nam", "Nữ")
    assert fields["child_birth_date"].widget == "date"
    assert fields["twins"].widget == "checkbox"
    assert fields["twins"].required is False


def test_schema_errors_explain_a_broken_form_definition():
    schema = {
        "type": "object",
        "properties": {
            "applicant_name": {"type": "string", "title": "Tên"},
            "x": {"type": "string"},
        },
        "required": ["y"],
    }
    ui = {"order": ["z"], "widgets": {"x": "slider"}}
    assert schema_errors(schema, ui) == [
        "Trường 'applicant_name': thông tin người nộp do hệ thống tự thêm, không khai lại.",
        "Trường 'x' thiếu tiêu đề tiếng Việt (title).",
        "Trường bắt buộc 'y' không có trong properties.",
        "Thứ tự hiển thị nhắc tới trường không tồn tại: 'z'.",
        "Kiểu hiển thị 'slider' của trường 'x' không hỗ trợ "
        "(chọn một trong: checkbox, date, number, radio, select, text, textarea).",
    ]
    assert schema_errors({"type": "nope"}, {})[0].startswith("Biểu mẫu không phải JSON Schema")
    assert schema_errors({}, {}) == []
