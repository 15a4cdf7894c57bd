"""The LGSP on its own host (motcua.lgsp.wsgi): the gateway works without the site's middleware."""

import pytest
from django.test import Client, override_settings

from motcua.lgsp import registry
from motcua.lgsp import settings as lgsp_settings

from .conftest import Upstream, World, bearer, body_of


@pytest.fixture
def own_host():
    with override_settings(
        ROOT_URLCONF=lgsp_settings.ROOT_URLCONF,
        MIDDLEWARE=lgsp_settings.MIDDLEWARE,
        METRICS_TOKEN="giam-sat",
    ):
        yield


def test_a_consumer_gets_a_token_and_calls_through_the_gateways_own_host(
    own_host, world: World, client: Client, upstream: Upstream
):
    registry.grant(world.one_stop, world.lookup)
    token = world.token(client)

    response = client.get("/lgsp/csdl-dan-cu/tra-cuu/echo", **bearer(token))

    assert response.status_code == 200, body_of(response)
    assert response["X-Lgsp-Message-Id"]
    assert response["X-Request-Id"]
    assert upstream.hits["/echo"] == 1
    assert client.get("/lgsp/csdl-dan-cu/tra-cuu/echo").status_code == 401


def test_the_gateways_host_serves_nothing_of_the_site_and_metrics_only_to_the_token(
    own_host, world: World, client: Client
):
    assert client.get("/can-bo/").status_code == 404
    assert client.get("/quan-tri/").status_code == 404
    assert client.get("/healthz").status_code == 200
    assert client.get("/metrics").status_code == 401
    metrics = client.get("/metrics", HTTP_AUTHORIZATION="Bearer giam-sat")
    assert metrics.status_code == 200
    assert b"lgsp_" in metrics.content
