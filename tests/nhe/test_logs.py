"""Operations logs: one JSON object a line with the request's id, and the slow-request and
slow-query logs with their thresholds."""

import io
import json
import logging

import pytest
from django.test import Client

from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_sections")]

NGINX_ID = "5f0c3b8e9a7d4e21b6c0d9f8a1e2b3c4"


@pytest.fixture
def log_lines():
    """What the site's log handler writes while the test runs, one parsed JSON object a line."""
    handler = logging.getHandlerByName("console")
    stream = io.StringIO()
    previous = handler.setStream(stream)

    def lines():
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    handler.setStream(previous)


def test_each_log_line_is_a_json_object_with_the_request_id_of_its_response(client, log_lines):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    [line] = [line for line in log_lines() if line["logger"] == "django.request"]
    assert line["level"] == "WARNING"
    assert line["message"] == "Not Found: /no-such-page/"
    assert line["request_id"] == response["X-Request-ID"]
    assert line["time"].startswith("20")


def test_every_request_gets_an_id_of_its_own(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32
    assert first != second


def test_an_unhandled_error_is_logged_with_its_traceback(settings, log_lines):
    settings.ROOT_URLCONF = "tests.nhe.failing_urls"

    response = Client(raise_request_exception=False).get("/boom/")

    assert response.status_code == 500
    [line] = [line for line in log_lines() if line["level"] == "ERROR"]
    assert line["message"] == "Internal Server Error: /boom/"
    assert line["request_id"] == response["X-Request-ID"]
    assert "Traceback (most recent call last)" in line["exception"]
    assert "RuntimeError: a bug in a view" in line["exception"]


def test_behind_our_proxy_its_request_id_is_kept(client, settings, log_lines):
    settings.TRUSTED_PROXY_COUNT = 1

    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID=NGINX_ID)

    assert response["X-Request-ID"] == NGINX_ID
    assert {line["request_id"] for line in log_lines()} == {NGINX_ID}


def test_without_a_proxy_of_ours_a_clients_request_id_is_ignored(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID=NGINX_ID)["X-Request-ID"] != NGINX_ID


@pytest.mark.parametrize("forged", ["x", "id with spaces", "id\nforged log line", "a" * 65])
def test_a_malformed_request_id_is_replaced(client, settings, forged):
    settings.TRUSTED_PROXY_COUNT = 1
    given = client.get("/healthz", HTTP_X_REQUEST_ID=forged)["X-Request-ID"]
    assert given != forged
    assert len(given) == 32


def test_slow_requests_are_logged_without_their_query_string(client, settings, caplog):
    settings.SLOW_REQUEST_MS = 0
    caplog.set_level(logging.WARNING, logger="nhe.slow_requests")

    response = client.get("/search/", {"q": "jane.doe@nhs.example"})

    [record] = [r for r in caplog.records if r.name == "nhe.slow_requests"]
    assert record.getMessage().startswith("Slow request: GET /search/ answered 200 in ")
    assert record.path == "/search/"
    assert record.status == 200
    assert record.duration_ms >= 0
    assert record.request_id == response["X-Request-ID"]
    assert "jane" not in caplog.text


def test_requests_under_the_threshold_are_not_logged(client, settings, caplog):
    settings.SLOW_REQUEST_MS = 60_000
    settings.SLOW_QUERY_MS = 60_000
    caplog.set_level(logging.WARNING)

    client.get("/news/")

    assert not [r for r in caplog.records if r.name.startswith("nhe.slow")]


def test_slow_queries_are_logged_with_their_sql_but_not_its_parameters(client, settings, caplog):
    settings.SLOW_QUERY_MS = 0
    caplog.set_level(logging.WARNING, logger="nhe.slow_queries")
    ArticleFactory(title="Waiting lists in winter")

    client.get("/search/", {"q": "zanzibar"})

    queries = [r.getMessage() for r in caplog.records if r.name == "nhe.slow_queries"]
    assert any("SELECT" in query and "articles_article" in query for query in queries)
    assert "zanzibar" not in caplog.text


def test_a_negative_threshold_turns_the_slow_logs_off(client, settings, caplog):
    settings.SLOW_REQUEST_MS = -1
    settings.SLOW_QUERY_MS = -1
    caplog.set_level(logging.WARNING)

    client.get("/news/")

    assert not [r for r in caplog.records if r.name.startswith("nhe.slow")]
