"""Business registry, SMS gateway, national portal sync and fault injection of the sandbox."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from pytest_django.fixtures import Settings

from motcua.sandbox import data
from motcua.sandbox.faults import FaultMiddleware
from motcua.sandbox.models import Message, PortalSync

pytestmark = [pytest.mark.django_db, pytest.mark.urls("motcua.sandbox.urls")]


def post(client: Client, path: str, body: object):
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_the_business_registry_answers_by_enterprise_code(client: Client) -> None:
    data.seed()

    found = client.get("/dkdn/v1/doanh-nghiep/4101567890")
    missing = client.get("/dkdn/v1/doanh-nghiep/0000000000")

    assert found.status_code == 200
    assert found.json()["TenDoanhNghiep"] == "Công ty TNHH Cà phê Phố Núi"
    assert found.json()["NguoiDaiDien"] == "Trần Quốc Huy"
    assert missing.status_code == 404
    assert missing.json() == {
        "MaLoi": "404",
        "MoTa": "Không tìm thấy doanh nghiệp mã số 0000000000.",
    }


def test_an_sms_is_accepted_once_per_request_id_and_shown_in_the_inbox(client: Client) -> None:
    message = {"MaYeuCau": "OTP-1", "SoDienThoai": "0905111222", "NoiDung": "Mã xác thực: 482913"}

    first = post(client, "/sms/v1/gui", message)
    retried = post(client, "/sms/v1/gui", message)
    clash = post(client, "/sms/v1/gui", {**message, "NoiDung": "khác"})
    bad_phone = post(client, "/sms/v1/gui", {**message, "MaYeuCau": "2", "SoDienThoai": "12345"})

    assert first.json()["MaLoi"] == retried.json()["MaLoi"] == "00"
    assert clash.status_code == 409
    assert bad_phone.status_code == 400
    assert bad_phone.json()["MoTa"] == "Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0."
    assert Message.objects.count() == 1
    inbox = client.get("/sms/")
    assert "Mã xác thực: 482913" in inbox.content.decode()


def test_the_national_portal_takes_a_valid_sync_and_refuses_a_bad_one(client: Client) -> None:
    sync = {
        "MaHoSo": "000.00.01.H21-261127-0001",
        "MaTTHC": "2.001417",
        "TrangThaiHoSo": 2,
        "NgayTiepNhan": "20261127081500",
    }

    accepted = post(client, "/dvcqg/v1/DongBoHoSoMC", sync)
    bad_status = post(client, "/dvcqg/v1/DongBoHoSoMC", {**sync, "TrangThaiHoSo": 11})
    bad_date = post(client, "/dvcqg/v1/DongBoHoSoMC", {**sync, "NgayTiepNhan": "27/11/2026"})

    assert accepted.json() == {
        "error_code": 0,
        "message": "Đồng bộ thành công.",
        "MaHoSo": sync["MaHoSo"],
    }
    assert bad_status.json()["message"] == "TrangThaiHoSo phải là một số từ 1 đến 10."
    assert bad_date.json()["message"] == "NgayTiepNhan phải có dạng yyyyMMddHHmmss."
    assert list(PortalSync.objects.values_list("code", "status_code")) == [(sync["MaHoSo"], 2)]


def test_faults_are_injected_only_when_enabled(settings: Settings) -> None:
    middleware = FaultMiddleware(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/", HTTP_X_SANDBOX_STATUS="503", HTTP_X_SANDBOX_DELAY_MS="50")

    settings.SANDBOX_FAULTS = True
    started = time.monotonic()
    failed = middleware(request)
    waited = time.monotonic() - started
    settings.SANDBOX_FAULTS = False
    normal = middleware(request)

    assert failed.status_code == 503
    assert waited >= 0.05
    assert normal.status_code == 200


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.django_db(transaction=True)
def test_motcua_sandbox_serves_on_its_own_port_and_database(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "MOTCUA_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "DEBUG": "1",
    }
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "motcua.cli", "sandbox", "--port", str(port)], env=env
    )
    try:
        body = b""
        for _ in range(150):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/dkdn/v1/doanh-nghiep/4101567890", timeout=2
                ) as answer:
                    body = answer.read()
                break
            except OSError:
                time.sleep(0.1)
        assert json.loads(body)["MaSoDoanhNghiep"] == "4101567890"
        assert (tmp_path / "sandbox.sqlite3").exists()
        assert not (tmp_path / "motcua.sqlite3").exists()
    finally:
        server.terminate()
        server.wait(timeout=10)
