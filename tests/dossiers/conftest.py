"""The dossier tests' cast, in Gia Lai.

Agencies: the provincial Service Center (receives everything), Sở Tư pháp, Sở Xây dựng and Sở Nông
nghiệp và Môi trường. Officials: Hà, officer at the center; Khoa (specialist) and Nhung (leader) at
Tư pháp; Bảo (specialist) and Tùng (leader) at Xây dựng; Phúc, specialist at Nông nghiệp và Môi
trường, who handles the inter-agency step. Lan is a citizen.

Procedures: the judicial record certificate (Tư pháp alone, 10 working days) and the building
permit for a private house (Xây dựng, 15 working days, with a transfer step to Nông nghiệp và Môi
trường).
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import Component, Fee, Field, Procedure, Step
from motcua.org.access import ensure_standard_roles
from motcua.org.models import AdministrativeUnit, Agency, Role, StaffAssignment

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN)


@dataclass
class Cast:
    gia_lai: AdministrativeUnit
    center: Agency
    tu_phap: Agency
    xay_dung: Agency
    nong_nghiep: Agency
    ha: User
    khoa: User
    nhung: User
    bao: User
    tung: User
    phuc: User
    lan: User
    lltp: Procedure
    building: Procedure


def official(username: str, full_name: str, *assignments: tuple[Agency, str]) -> User:
    user = User.objects.create_user(username=username, password="not-used", full_name=full_name)
    for agency, role_code in assignments:
        StaffAssignment.objects.create(
            user=user, agency=agency, role=Role.objects.get(code=role_code)
        )
    return user


def add_steps(procedure: Procedure, steps: list[tuple[str, str, Agency | None, str]]) -> None:
    for order, (kind, name, agency, budget) in enumerate(steps, start=1):
        Step.objects.create(
            procedure=procedure,
            order=order,
            kind=kind,
            name=name,
            agency=agency,
            budget=Decimal(budget),
        )


@pytest.fixture
def cast(db: None) -> Cast:
    # The standard roles come with a migration, but a transactional test's flush removes them.
    ensure_standard_roles()
    gia_lai = AdministrativeUnit.objects.create(
        code="52", name="Gia Lai", level=AdministrativeUnit.Level.PROVINCE
    )

    def agency(code: str, name: str, kind: str = Agency.Kind.DEPARTMENT) -> Agency:
        return Agency.objects.create(unit=gia_lai, code=code, name=name, kind=kind)

    center = agency(
        "000.00.01.H21",
        "Trung tâm Phục vụ hành chính công tỉnh Gia Lai",
        Agency.Kind.SERVICE_CENTER,
    )
    tu_phap = agency("000.00.02.H21", "Sở Tư pháp")
    xay_dung = agency("000.00.04.H21", "Sở Xây dựng")
    nong_nghiep = agency("000.00.05.H21", "Sở Nông nghiệp và Môi trường")

    field = Field.objects.create(code="H21-LLTP", name="Lý lịch tư pháp")
    lltp = Procedure.objects.create(
        code="2.001417",
        name="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        field=field,
        level=Procedure.Level.PROVINCE,
        time_limit=10,
        legacy_level=Procedure.LegacyLevel.LEVEL_4,
        online_class=Procedure.OnlineClass.FULL,
        postal_return=True,
        form_schema={
            "properties": {
                "purpose": {"type": "string", "title": "Mục đích yêu cầu cấp Phiếu", "minLength": 3}
            },
            "required": ["purpose"],
        },
    )
    lltp.agencies.add(tu_phap)
    lltp.receiving_agencies.add(center)
    Fee.objects.create(procedure=lltp, amount=200_000)
    Fee.objects.create(procedure=lltp, amount=100_000, condition="Sinh viên, người có công")
    Component.objects.create(
        procedure=lltp, order=1, name="Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", original_count=1
    )
    Component.objects.create(
        procedure=lltp,
        order=2,
        name="Bản chụp thẻ Căn cước",
        copy_count=1,
        replaced_by=Component.Source.POPULATION,
    )
    add_steps(
        lltp,
        [
            (Step.Kind.RECEIVE, "Tiếp nhận hồ sơ", center, "0"),
            (Step.Kind.PROCESS, "Thẩm định, xác minh", None, "9"),
            (Step.Kind.APPROVE, "Ký Phiếu lý lịch tư pháp", None, "1"),
            (Step.Kind.RETURN, "Trả kết quả", center, "0"),
        ],
    )

    construction = Field.objects.create(code="H21-XD", name="Hoạt động xây dựng")
    building = Procedure.objects.create(
        code="1.009794",
        name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        field=construction,
        level=Procedure.Level.PROVINCE,
        time_limit=15,
        legacy_level=Procedure.LegacyLevel.LEVEL_3,
        online_class=Procedure.OnlineClass.PARTIAL,
    )
    building.agencies.add(xay_dung)
    building.receiving_agencies.add(center)
    Fee.objects.create(procedure=building, amount=75_000)
    Component.objects.create(procedure=building, order=1, name="Đơn đề nghị cấp giấy phép")
    Component.objects.create(procedure=building, order=2, name="Bản vẽ thiết kế xây dựng")
    add_steps(
        building,
        [
            (Step.Kind.RECEIVE, "Tiếp nhận hồ sơ", center, "0"),
            (Step.Kind.PROCESS, "Thẩm định hồ sơ thiết kế", None, "8"),
            (Step.Kind.TRANSFER, "Xác nhận quyền sử dụng đất", nong_nghiep, "5"),
            (Step.Kind.APPROVE, "Ký giấy phép xây dựng", None, "2"),
            (Step.Kind.RETURN, "Trả kết quả", center, "0"),
        ],
    )

    return Cast(
        gia_lai=gia_lai,
        center=center,
        tu_phap=tu_phap,
        xay_dung=xay_dung,
        nong_nghiep=nong_nghiep,
        ha=official("ha", "Nguyễn Thu Hà", (center, "officer")),
        khoa=official("khoa", "Trần Đăng Khoa", (tu_phap, "specialist")),
        nhung=official("nhung", "Lê Hồng Nhung", (tu_phap, "leader")),
        bao=official("bao", "Phạm Quốc Bảo", (xay_dung, "specialist")),
        tung=official("tung", "Võ Thanh Tùng", (xay_dung, "leader")),
        phuc=official("phuc", "Đỗ Hữu Phúc", (nong_nghiep, "specialist")),
        lan=User.objects.create_user(username="lan", password="not-used", full_name="Hồ Thị Lan"),
        lltp=lltp,
        building=building,
    )


LAN: dict[str, Any] = {
    "kind": 1,
    "name": "Hồ Thị Lan",
    "id_number": "064190001234",
    "phone": "0905123456",
    "email": "lan@example.vn",
    "address": "12 Hùng Vương, phường Pleiku, tỉnh Gia Lai",
}


@pytest.fixture
def lan_applicant() -> dict[str, Any]:
    return dict(LAN)
