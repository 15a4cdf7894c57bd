"""`motcua report ...` and /api/v1/reports/...: the same figures, machine and human formats.

The data is the year of tests/reports/test_online_rate.py (legacy: level3 1/4, level4 4/5, total
5/9) and the autumn of test_period_and_on_time.py.
"""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from motcua.core import ratelimit

from .test_online_rate import year  # noqa: F401  (fixture)
from .test_period_and_on_time import autumn  # noqa: F401  (fixture)

PROVINCE = {"kind": "province", "code": "52", "name": "Gia Lai"}
LEGACY_2020 = {
    "period": {"from": "2020-01-01", "to": "2020-12-31"},
    "scope": PROVINCE,
    "rows": [
        {"group": "level3", "online": 1, "total": 4, "ratio": 0.25},
        {"group": "level4", "online": 4, "total": 5, "ratio": 0.8},
        {"group": "total", "online": 5, "total": 9, "ratio": 0.5556},
    ],
}


def report(*args: str) -> str:
    out = StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


# --- Command line ---------------------------------------------------------------------------


@pytest.mark.usefixtures("year")
def test_online_rate_as_json_bypasses_the_vietnamese_locale():
    with translation.override("vi"):
        output = report(
            "online-rate", "--from", "2020-01-01", "--to", "2020-12-31", "--format", "json"
        )

    assert json.loads(output) == LEGACY_2020
    assert '"ratio": 0.5556' in output


@pytest.mark.usefixtures("year")
def test_online_rate_as_csv_for_spreadsheets():
    output = report("online-rate", "--from", "2020-01-01", "--to", "2020-12-31", "--format", "csv")

    assert output.splitlines() == [
        "group,online,total,ratio",
        "level3,1,4,0.2500",
        "level4,4,5,0.8000",
        "total,5,9,0.5556",
    ]


@pytest.mark.usefixtures("year")
def test_online_rate_as_a_table_for_people(cast):
    output = report(
        "online-rate",
        "--from",
        "2020-01-01",
        "--to",
        "2020-12-31",
        "--scheme",
        "decree42",
        "--agency",
        cast.center.code,
    )

    assert "Tỷ lệ hồ sơ trực tuyến (phương pháp Bộ Nội vụ)" in output
    assert "Kỳ báo cáo: 01/01/2020 – 31/12/2020" in output
    assert f"Phạm vi: Cơ quan {cast.center.name} ({cast.center.code})" in output
    lines = {line.split("  ")[0]: line.split() for line in output.splitlines()}
    assert lines["Một phần"][-3:] == ["2", "5", "40,00%"]
    assert lines["Toàn trình"][-3:] == ["4", "5", "80,00%"]
    assert lines["Tổng cộng"][-3:] == ["6", "10", "60,00%"]


@pytest.mark.usefixtures("year")
def test_the_percentage_keeps_two_decimals():
    output = report("online-rate", "--from", "2020-01-01", "--to", "2020-12-31")

    assert "55,56%" in output


@pytest.mark.usefixtures("autumn")
def test_on_time_and_period_from_the_command_line():
    on_time = json.loads(
        report("on-time", "--from", "2025-10-01", "--to", "2025-10-31", "--format", "json")
    )
    period = report(
        "period",
        "--from",
        "2025-10-01",
        "--to",
        "2025-10-31",
        "--by",
        "procedure",
        "--format",
        "csv",
    )
    table = report("period", "--from", "2025-10-01", "--to", "2025-10-31")

    assert [(r["group"], r["ratio"]) for r in on_time["rows"]] == [
        ("finished_on_time_ratio", 0.6),
        ("indicator_2_1", 0.625),
    ]
    header, *rows = period.splitlines()
    assert header.startswith("group,name,carried_over,received,received_online")
    assert rows[-1] == "total,Tổng cộng,0,8,2,5,1,5,2,1,2,3,2,1,1,1,1"
    assert "Kỳ trước chuyển sang" in table
    assert "Tổng cộng" in table


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2020-02-30", "--to", "2020-12-31"], "Ngày bắt đầu “2020-02-30” không hợp lệ"),
        (["--from", "2020-12-31", "--to", "2020-01-01"], "Ngày kết thúc 01/01/2020 ở trước"),
        (
            ["--from", "2020-01-01", "--to", "2020-12-31", "--agency", "X"],
            "Không có cơ quan mã “X”",
        ),
    ],
)
def test_bad_input_is_a_vietnamese_command_error(cast, args, message):
    with pytest.raises(CommandError) as error:
        report("online-rate", *args)

    assert message in str(error.value)


def test_the_hyphenated_command_runs_from_the_console():
    result = subprocess.run(
        [sys.executable, "-m", "motcua.cli", "report", "online-rate", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "--scheme" in result.stdout


# --- API ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("year")
def test_api_online_rate_has_the_shape_of_the_command(client):
    response = client.get("/api/v1/reports/online-rate?from=2020-01-01&to=2020-12-31")

    assert response.status_code == 200
    assert response.json() == LEGACY_2020


@pytest.mark.usefixtures("year")
def test_api_online_rate_by_scheme_and_agency(client, cast):
    response = client.get(
        "/api/v1/reports/online-rate",
        {
            "from": "2020-01-01",
            "to": "2020-12-31",
            "scheme": "decree42",
            "agency": cast.tu_phap.code,
        },
    )

    assert response.status_code == 200
    body = response.json()
    assert body["scope"] == {"kind": "agency", "code": cast.tu_phap.code, "name": "Sở Tư pháp"}
    assert body["rows"] == [
        {"group": "partial", "online": 0, "total": 0, "ratio": None},
        {"group": "full", "online": 0, "total": 0, "ratio": None},
        {"group": "total", "online": 0, "total": 0, "ratio": None},
    ]


@pytest.mark.usefixtures("autumn")
def test_api_on_time_and_period(client):
    on_time = client.get("/api/v1/reports/on-time?from=2025-10-01&to=2025-10-31").json()
    period = client.get("/api/v1/reports/period?from=2025-11-01&to=2025-11-30").json()

    assert on_time["rows"][1]["group"] == "indicator_2_1"
    assert (on_time["rows"][1]["numerator"], on_time["rows"][1]["denominator"]) == (5, 8)
    assert period["by"] == "agency"
    assert period["rows"][-1]["carried_over"] == 3
    assert period["rows"][-1]["finished"] == 1


@pytest.mark.parametrize(
    ("query", "code", "message"),
    [
        ("from=2020-01-01&to=31/12/2020", "invalid_period", "Ngày kết thúc “31/12/2020”"),
        ("to=2020-12-31", "invalid_period", "Thiếu ngày bắt đầu"),
        ("from=2020-01-01&to=2020-12-31&scheme=level", "invalid_input", "Cách phân nhóm"),
        ("from=2020-01-01&to=2020-12-31&agency=000.00.99.H21", "unknown_scope", "Không có cơ quan"),
        ("from=2020-01-01&to=2020-12-31&agency=A&field=B", "unknown_scope", "Chỉ chọn một"),
    ],
)
def test_api_bad_input_is_422_with_a_vietnamese_message(client, cast, query, code, message):
    response = client.get(f"/api/v1/reports/online-rate?{query}")

    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"code", "message"}
    assert body["code"] == code
    assert message in body["message"]


def test_api_reports_are_rate_limited_per_client(client, cast, settings, monkeypatch):
    settings.REPORTS_RATE_LIMIT = 2
    settings.REPORTS_RATE_WINDOW = 60
    monkeypatch.setattr(ratelimit, "clock", lambda: 1_762_743_605.0)
    url = "/api/v1/reports/period?from=2025-10-01&to=2025-10-31"

    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    response = client.get("/api/v1/reports/on-time?from=2025-10-01&to=2025-10-31")

    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert response["Retry-After"] == "55"


def test_the_openapi_document_names_the_from_and_to_parameters(client):
    document = client.get("/api/v1/openapi.json").json()

    parameters = document["paths"]["/api/v1/reports/online-rate"]["get"]["parameters"]
    assert {"from", "to", "agency", "scheme"} <= {p["name"] for p in parameters}
