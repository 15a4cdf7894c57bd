"""QCVN 109 XML messages are checked against the service's XML Schema before they leave."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from motcua.core.errors import InvalidInput
from motcua.lgsp import registry, xml_messages
from motcua.lgsp.models import Service

from .conftest import Upstream, World, bearer
from .test_gateway import assert_error

URL = "/lgsp/csdl-dan-cu/xml/echo"
NS = "http://www.mic.gov.vn/dancu/1.0"
WHO = "<MaYeuCau>MC-1</MaYeuCau><CanBoTraCuu>tiepnhan</CanBoTraCuu><MucDich>Khai sinh</MucDich>"
LOOKUP = f'<TraCuuCongDan xmlns="{NS}">{WHO}<SoDinhDanh>{{number}}</SoDinhDanh></TraCuuCongDan>'


def verify_message(name: str, born: str = "19950314") -> bytes:
    return (
        f'<XacThucCongDan xmlns="{NS}">{WHO}<SoDinhDanh>052195001234</SoDinhDanh>'
        f"<HoVaTen>{name}</HoVaTen>"
        f"<NgayThangNamSinh><NgayThangNam>{born}</NgayThangNam></NgayThangNamSinh>"
        "</XacThucCongDan>"
    ).encode()


@pytest.fixture
def token(world: World, client: Client) -> str:
    service = registry.add_service(
        provider=world.provider,
        code="xml",
        upstream_url=world.lookup.upstream_url,
        request_xsd=xml_messages.QCVN109_REQUEST_XSD.read_text(encoding="utf-8"),
        timeout_seconds=0.5,
    )
    registry.grant(world.one_stop, service)
    return world.token(client)


def post(client: Client, token: str, body: bytes):
    return client.post(URL, body, content_type="application/xml", **bearer(token))


def test_a_valid_qcvn109_lookup_reaches_the_national_system(
    token: str, client: Client, upstream: Upstream
):
    assert post(client, token, LOOKUP.format(number="052195001234").encode()).status_code == 200
    ok = "<Ho>Nguyễn</Ho><ChuDem>Thị Thu</ChuDem><Ten>Thảo</Ten>"
    assert post(client, token, verify_message(ok)).status_code == 200
    assert upstream.hits["/echo"] == 2


def test_a_bad_number_is_refused_naming_the_field_without_quoting_it(
    token: str, client: Client, upstream: Upstream
):
    answer = assert_error(
        post(client, token, LOOKUP.format(number="05219").encode()), 400, "invalid_message"
    )

    assert "“SoDinhDanh”" in answer["message"]
    assert "[0-9]{12}" in answer["message"]
    assert "05219" not in answer["message"]
    assert upstream.hits["/echo"] == 0


BROKEN = [
    (
        verify_message("<Ho>Nguyễn</Ho>"),
        "thiếu trường bắt buộc trong “HoVaTen” (cần: ChuDem hoặc Ten)",
    ),
    (
        verify_message("<Ho>Nguyễn</Ho><Ten>Thảo</Ten>", born="19951314"),
        "“NgayThangNamSinh/NgayThangNam” không đúng định dạng",
    ),
    (
        verify_message("<Ho>Nguyễn</Ho><Ten>Thảo</Ten><Tuoi>30</Tuoi>"),
        "“HoVaTen/Tuoi” không được phép",
    ),
    (
        f'<TraCuuCongDan xmlns="{NS}"><MaYeuCau>MC-1</MaYeuCau>'
        "<SoDinhDanh>052195001234</SoDinhDanh></TraCuuCongDan>".encode(),
        "“SoDinhDanh” không đúng vị trí (ở đây cần: CanBoTraCuu)",
    ),
    (
        f'<CongDan xmlns="{NS}"/>'.encode(),
        "phần tử gốc “CongDan” không phải thông điệp của dịch vụ này "
        "(cần: TraCuuCongDan hoặc XacThucCongDan)",
    ),
    (
        LOOKUP.replace(NS, "urn:khac").format(number="052195001234").encode(),
        "phần tử gốc “TraCuuCongDan”",
    ),
    (
        LOOKUP.replace("<", "<dc:")
        .replace("<dc:/", "</dc:")
        .replace('xmlns="', 'xmlns:dc="')
        .format(number="05219")
        .encode(),
        "“SoDinhDanh” không đúng định dạng",
    ),
    (b"<TraCuuCongDan><khong-dong>", "không phải XML hợp lệ (dòng 1)"),
    (b'{"SoDinhDanh": "052195001234"}', "không phải XML hợp lệ"),
]


@pytest.mark.parametrize(("body", "named"), BROKEN)
def test_broken_messages_are_refused_with_a_vietnamese_reason(
    token: str, client: Client, upstream: Upstream, body: bytes, named: str
):
    answer = assert_error(post(client, token, body), 400, "invalid_message")

    assert named in answer["message"]
    assert upstream.hits["/echo"] == 0


def test_entities_and_doctypes_never_reach_the_parser_or_the_upstream(
    token: str, client: Client, upstream: Upstream, tmp_path: Path
):
    secret = tmp_path / "secret.txt"
    secret.write_text("mat-khau")
    external = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        f'<TraCuuCongDan xmlns="{NS}">{WHO}<SoDinhDanh>&x;</SoDinhDanh></TraCuuCongDan>'
    ).encode()
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b"<d>&c;</d>"
    )
    for body in (external, laughs):
        answer = assert_error(post(client, token, body), 400, "invalid_message")
        assert "mat-khau" not in answer["message"]
    assert upstream.hits["/echo"] == 0


def test_a_schema_that_does_not_compile_is_refused_by_the_registry(world: World, tmp_path: Path):
    broken = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element/></xs:schema>'
    with pytest.raises(InvalidInput, match="XML Schema không dùng được"):
        registry.add_service(
            provider=world.provider,
            code="hong",
            upstream_url="https://x.invalid",
            request_xsd=broken,
        )

    path = tmp_path / "hong.xsd"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises((CommandError, InvalidInput)):
        call_command("lgsp", "add", "service", "csdl-dan-cu", "hong",
                     "--url", "https://x.invalid", "--schema", str(path))  # fmt: skip

    good = tmp_path / "qcvn109.xsd"
    good.write_text(xml_messages.QCVN109_REQUEST_XSD.read_text(encoding="utf-8"), encoding="utf-8")
    call_command("lgsp", "add", "service", "csdl-dan-cu", "xml2", "--url", "https://x.invalid",
                 "--schema", str(good), "--protocol", "soap")  # fmt: skip
    service = Service.objects.get(code="xml2")
    assert "TraCuuCongDan" in service.request_xsd and service.request_schema is None
