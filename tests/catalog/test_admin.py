"""Catalog maintenance in the admin: who may, and the history it leaves."""

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import Field, Procedure, Revision
from motcua.catalog.revisions import record_revision
from motcua.core.models import AuditEntry
from motcua.org.models import AdministrativeUnit, Agency, Role, StaffAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    province = AdministrativeUnit.objects.create(code="52", name="Gia Lai", level="province")
    return Agency.objects.create(
        code="000.00.00.H21", name="UBND tỉnh Gia Lai", kind="provincial_committee", unit=province
    )


def official(username: str, agency: Agency, role: str) -> User:
    user = User.objects.create_user(username, password="mat-khau-cua-can-bo", is_staff=True)
    StaffAssignment.objects.create(user=user, agency=agency, role=Role.objects.get(code=role))
    return user


@pytest.fixture
def phuc(committee, client):
    """Đỗ Văn Phúc, the province administrator."""
    client.force_login(official("phuc", committee, "province_admin"))
    return client


@pytest.fixture
def procedure(db):
    field = Field.objects.create(code="H21-HT", name="Hộ tịch")
    procedure = Procedure.objects.create(
        code="1.000894", name="Đăng ký kết hôn", field=field, level="commune", time_limit=5
    )
    record_revision(procedure, by=None, source=Revision.Source.SEED)
    return procedure


def change_form(procedure: Procedure, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "code": procedure.code,
        "local_code": procedure.local_code,
        "name": procedure.name,
        "field": procedure.field_id,
        "level": procedure.level,
        "is_published": "on",
        "time_limit": procedure.time_limit,
        "time_limit_unit": procedure.time_limit_unit,
        "time_limit_note": "",
        "result_type": procedure.result_type,
        "result_name": "",
        "applicant_types": "[]",
        "legacy_level": procedure.legacy_level,
        "online_class": procedure.online_class,
        "online_provider": procedure.online_provider,
        "legal_basis": "",
        "requirements": "",
        "form_schema": "",
        "form_ui": "",
    }
    for prefix in ("fees", "components", "steps", "revisions"):
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    data["revisions-INITIAL_FORMS"] = procedure.revisions.count()
    data.update(changes)
    return data


def test_the_province_administrator_can_open_the_catalog(phuc, procedure):
    assert phuc.get("/quan-tri/catalog/procedure/").status_code == 200
    assert phuc.get(f"/quan-tri/catalog/procedure/{procedure.pk}/change/").status_code == 200


def test_a_one_stop_officer_cannot_see_the_catalog_admin(committee, client, procedure):
    client.force_login(official("ha", committee, "officer"))
    assert client.get("/quan-tri/catalog/procedure/").status_code == 403
    assert client.get(f"/quan-tri/catalog/procedure/{procedure.pk}/change/").status_code == 403


def test_saving_a_change_records_a_revision_naming_the_changed_fields_and_who(phuc, procedure):
    response = phuc.post(
        f"/quan-tri/catalog/procedure/{procedure.pk}/change/",
        change_form(procedure, time_limit=3, time_limit_note="kể từ ngày nhận đủ hồ sơ"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    revision = procedure.revisions.get(number=2)
    assert revision.source == Revision.Source.ADMIN
    assert revision.created_by.username == "phuc"
    assert revision.changed_fields == ["time_limit", "time_limit_note"]
    assert revision.snapshot["time_limit"] == 3
    assert AuditEntry.objects.filter(
        action="catalog.procedure_changed", actor__username="phuc"
    ).exists()


def test_saving_without_changes_writes_no_revision(phuc, procedure):
    response = phuc.post(
        f"/quan-tri/catalog/procedure/{procedure.pk}/change/", change_form(procedure)
    )
    assert response.status_code == 302
    assert procedure.revisions.count() == 1


def test_a_broken_form_schema_is_refused_with_a_vietnamese_message(phuc, procedure):
    response = phuc.post(
        f"/quan-tri/catalog/procedure/{procedure.pk}/change/",
        change_form(
            procedure, form_schema='{"type": "object", "properties": {"x": {"type": "string"}}'
        ),
    )
    assert response.status_code == 200
    assert "Không đọc được JSON (dòng 1" in response.content.decode()
    response = phuc.post(
        f"/quan-tri/catalog/procedure/{procedure.pk}/change/",
        change_form(
            procedure, form_schema='{"type": "object", "properties": {"x": {"type": "string"}}}'
        ),
    )
    assert "Trường &#x27;x&#x27; thiếu tiêu đề tiếng Việt (title)." in response.content.decode()
    assert procedure.revisions.count() == 1
