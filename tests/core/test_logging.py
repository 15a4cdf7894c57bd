import json
import logging

import pytest

from motcua.core.logging import JsonFormatter, RequestIdFilter


@pytest.fixture
def log_lines():
    """Capture what the JSON handler would print, as parsed objects."""
    records: list[str] = []
    formatter = JsonFormatter()

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(formatter.format(record))

    handler = Collect()
    handler.addFilter(RequestIdFilter())
    # "django" does not propagate to the root logger (settings.LOGGING), so listen on both.
    loggers = [logging.getLogger(), logging.getLogger("django")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in records]
    for logger in loggers:
        logger.removeHandler(handler)


def test_every_response_carries_a_request_id(client):
    response = client.get("/healthz")
    assert len(response["X-Request-ID"]) == 32


def test_a_well_formed_incoming_request_id_is_kept_and_logged(client, log_lines):
    response = client.get("/healthz", headers={"X-Request-ID": "lgsp-2026-0001-abcd"})
    assert response["X-Request-ID"] == "lgsp-2026-0001-abcd"
    access = [line for line in log_lines() if line["logger"] == "motcua.request"]
    assert access[-1]["request_id"] == "lgsp-2026-0001-abcd"
    assert access[-1]["path"] == "/healthz"
    assert access[-1]["status"] == 200
    assert access[-1]["level"] == "INFO"


def test_an_incoming_request_id_that_could_forge_log_lines_is_replaced(client):
    response = client.get("/healthz", headers={"X-Request-ID": 'x"\n{"level":"ERROR"}'})
    assert response["X-Request-ID"] != 'x"\n{"level":"ERROR"}'
    assert response["X-Request-ID"].isalnum()


def test_log_lines_outside_a_request_are_json_with_a_dash_for_request_id(log_lines):
    logging.getLogger("motcua.test").warning("Hồ sơ %s quá hạn", "000.00.00.H21-251103-0001")
    line = log_lines()[-1]
    assert line["message"] == "Hồ sơ 000.00.00.H21-251103-0001 quá hạn"
    assert line["request_id"] == "-"
    assert line["level"] == "WARNING"


def test_djangos_own_error_lines_carry_the_request_id(client, log_lines):
    response = client.get("/khong-co-trang-nay/", headers={"X-Request-ID": "req-404-abcdef"})
    assert response.status_code == 404
    django_lines = [line for line in log_lines() if line["logger"] == "django.request"]
    assert django_lines and django_lines[-1]["request_id"] == "req-404-abcdef"
