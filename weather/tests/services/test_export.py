"""Exports of the search history: CSV (RFC 4180, spreadsheet-safe) and JSON Lines, streamed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from weather.api.throttles import ExportThrottle
from weather.models import WeatherSearch
from weather.services import export
from weather.tests.factories import LocationFactory, WeatherSearchFactory

pytestmark = pytest.mark.django_db

CSV_URL = "/api/v1/searches/export.csv"
JSONL_URL = "/api/v1/searches/export.jsonl"


@pytest.fixture
def client(ops_token) -> Client:
    """An operator's client: these tests are about the files, over every search (what a
    visitor's export holds is in test_privacy)."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {ops_token}")


def body(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def day(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def test_csv_has_a_header_crlf_lines_utf8_and_quoting(client):
    zurich = LocationFactory(geonames_id=2657896, name="Zürich", country="Schweiz")
    WeatherSearchFactory(location=zurich, query='Zürich, "the city"', temperature_c=-3.5)
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response["Content-Disposition"] == 'attachment; filename="weather-searches.csv"'
    text = body(response)
    assert text.startswith("id,created_at,query,location_id,city,country,")
    assert text.endswith("\r\n") and text.count("\r\n") == 2
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["query"] == 'Zürich, "the city"'
    assert '"Zürich, ""the city"""' in text  # RFC 4180 quoting
    assert row["temperature_c"] == "-3.5"  # a negative number is not a formula
    assert row["city"] == "Zürich" and row["processing_status"] == "pending"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_text_that_a_spreadsheet_would_run_is_neutralised(client, start):
    WeatherSearchFactory(query=f'{start}HYPERLINK("http://evil")')
    [row] = list(csv.DictReader(io.StringIO(body(client.get(CSV_URL)))))
    assert row["query"] == f'\'{start}HYPERLINK("http://evil")'


def test_json_lines_have_one_object_per_search_oldest_first(client):
    first = WeatherSearchFactory(created_at=timezone.now() - dt.timedelta(hours=2))
    second = WeatherSearchFactory(temperature_c=None)
    response = client.get(JSONL_URL)
    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="weather-searches.jsonl"'
    records = [json.loads(line) for line in body(response).splitlines()]
    assert [r["id"] for r in records] == [str(first.public_id), str(second.public_id)]
    assert list(records[0]) == list(export.COLUMNS)
    assert records[1]["temperature_c"] is None
    assert records[0]["location_id"] == first.location.geonames_id
    assert dt.datetime.fromisoformat(records[0]["created_at"]) == first.created_at


def test_filters_by_city_and_utc_days_both_inclusive(client):
    berlin = LocationFactory(berlin=True)
    WeatherSearchFactory(created_at=day("2026-11-01T23:59:59"))
    inside = [
        WeatherSearchFactory(created_at=day("2026-11-02T00:00:00")),
        WeatherSearchFactory(created_at=day("2026-11-03T23:59:59")),
    ]
    WeatherSearchFactory(created_at=day("2026-11-04T00:00:00"))
    WeatherSearchFactory(location=berlin, created_at=day("2026-11-02T12:00:00"))
    response = client.get(
        JSONL_URL, {"city": "paris", "date_from": "2026-11-02", "date_to": "2026-11-03"}
    )
    assert [json.loads(line)["id"] for line in body(response).splitlines()] == [
        str(s.public_id) for s in inside
    ]
    assert response["Content-Disposition"] == (
        'attachment; filename="weather-searches-paris-2026-11-02_2026-11-03.jsonl"'
    )


def test_the_widest_date_range_is_every_search(client):
    search = WeatherSearchFactory()
    response = client.get(JSONL_URL, {"date_from": "0001-01-01", "date_to": "9999-12-31"})
    assert [json.loads(line)["id"] for line in body(response).splitlines()] == [
        str(search.public_id)
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "yesterday"}, "date_from"),
        ({"date_to": "2026-13-01"}, "date_to"),
        ({"date_from": "2026-11-05", "date_to": "2026-11-01"}, "date_to"),
        ({"city": "x" * 101}, "city"),
    ],
)
def test_an_invalid_filter_is_a_400_in_the_error_shape(api, params, field):
    for url in (CSV_URL, JSONL_URL):
        response = api.get(url, params)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_input"
        assert field in response.json()["error"]["fields"]


def test_rows_are_read_in_keyset_batches_without_gaps_or_repeats(
    monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(export, "BATCH", 3)
    searches = WeatherSearchFactory.create_batch(7)
    with django_assert_num_queries(3):  # 3 + 3 + 1 rows
        ids = [row[0] for row in export.rows()]
    assert ids == [s.public_id for s in searches]


def test_exports_are_throttled_but_not_for_operators(api, ops_token, monkeypatch):
    monkeypatch.setitem(ExportThrottle.THROTTLE_RATES, "export", "1/min")
    assert api.get(CSV_URL).status_code == 200
    throttled = api.get(JSONL_URL)
    assert throttled.status_code == 429
    assert throttled.json()["error"]["code"] == "throttled"
    assert api.get(CSV_URL, HTTP_AUTHORIZATION=f"Bearer {ops_token}").status_code == 200


def test_the_exports_are_in_the_schema():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    for url, media in ((CSV_URL, "text/csv"), (JSONL_URL, "application/jsonl")):
        operation = paths[url]["get"]
        assert media in operation["responses"]["200"]["content"]
        assert {"city", "date_from", "date_to"} <= {p["name"] for p in operation["parameters"]}
        assert operation["responses"]["400"]["content"]["application/json"]


def test_the_admin_exports_the_selected_searches_as_csv(admin_client):
    chosen, _other = WeatherSearchFactory.create_batch(2)
    response = admin_client.post(
        reverse("admin:weather_weathersearch_changelist"),
        {"action": "export_searches_csv", "_selected_action": [chosen.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="weather-searches.csv"'
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert [r["id"] for r in rows] == [str(chosen.public_id)]
    assert WeatherSearch.objects.count() == 2


@pytest.mark.parametrize(
    "name", [" =1+1", '\n=HYPERLINK("http://evil")', "\r\n+1", "  -2+3", "\t @SUM(A1)"]
)
def test_a_formula_after_leading_whitespace_is_neutralised(client, name):
    WeatherSearchFactory(query=name, location=LocationFactory(name=name))
    [row] = list(csv.DictReader(io.StringIO(body(client.get(CSV_URL)))))
    assert row["query"] == "'" + name
    assert row["city"] == "'" + name


def test_whitespace_alone_or_before_plain_text_is_left_alone(client):
    WeatherSearchFactory(query="  Paris", location=LocationFactory(name=" "))
    [row] = list(csv.DictReader(io.StringIO(body(client.get(CSV_URL)))))
    assert (row["query"], row["city"]) == ("  Paris", " ")


@pytest.mark.parametrize(
    ("url", "accept", "media"),
    [
        (CSV_URL, "text/csv", "text/csv"),
        (CSV_URL, "text/csv;q=1, application/json;q=0.5", "text/csv"),
        (JSONL_URL, "application/jsonl", "application/jsonl"),
        (CSV_URL, "*/*", "text/csv"),
    ],
)
def test_a_client_may_ask_for_the_exports_type_by_name(api, url, accept, media):
    WeatherSearchFactory()
    response = api.get(url, HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(media)


def test_errors_stay_json_when_csv_was_asked_for(api):
    response = api.get(CSV_URL, {"date_from": "yesterday"}, HTTP_ACCEPT="text/csv")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "invalid_input"
    refused = api.get(CSV_URL, HTTP_ACCEPT="image/png")
    assert refused.status_code == 406
    assert refused.json()["error"]["code"] == "not_acceptable"


def test_a_refused_request_does_not_count_against_the_export_throttle(api, monkeypatch):
    monkeypatch.setitem(ExportThrottle.THROTTLE_RATES, "export", "1/min")
    assert api.get(CSV_URL, HTTP_ACCEPT="image/png").status_code == 406
    assert api.get(CSV_URL, {"date_from": "yesterday"}).status_code == 400
    assert api.get(JSONL_URL, HTTP_ACCEPT="text/csv").status_code == 406
    assert api.get(CSV_URL, HTTP_ACCEPT="text/csv").status_code == 200  # the first export
    assert api.get(CSV_URL, HTTP_ACCEPT="text/csv").status_code == 429


def test_csv_starts_with_a_byte_order_mark_only_when_asked(client):
    WeatherSearchFactory()
    plain = b"".join(client.get(CSV_URL).streaming_content)
    assert plain.startswith(b"id,created_at,")
    marked = b"".join(client.get(CSV_URL, {"bom": "true"}).streaming_content)
    assert marked == b"\xef\xbb\xbf" + plain
    [row] = list(csv.DictReader(io.StringIO(marked.decode("utf-8-sig"))))
    assert row["id"]  # the mark is not part of the first column's name


def test_the_byte_order_mark_is_in_the_schema():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    [bom] = [p for p in paths[CSV_URL]["get"]["parameters"] if p["name"] == "bom"]
    assert bom["in"] == "query" and bom["schema"]["type"] == "boolean"
    assert "bom" not in {p["name"] for p in paths[JSONL_URL]["get"]["parameters"]}
    for url in (CSV_URL, JSONL_URL):
        assert set(paths[url]["get"]["responses"]["406"]["content"]) == {"application/json"}
