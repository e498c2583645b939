"""The OpenAPI schema's links, which clients and the stateful phase of `make fuzz` follow from
a create to its reads: each names an operation that exists, fills exactly its path
parameters, from a field the create's answer documents."""

import pytest

pytestmark = pytest.mark.django_db

EXPECTED = {
    ("searches_create", "201"): {"searches_retrieve"},
    ("refreshes_create", "202"): {"tasks_retrieve", "refreshes_cancel"},
    ("tasks_test_create", "202"): {"tasks_retrieve"},
}


def test_each_create_links_to_its_reads(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operations = {
        op["operationId"]: op for item in schema["paths"].values() for op in item.values()
    }
    components = schema["components"]["schemas"]
    found = {}
    for operation_id, operation in operations.items():
        for status, response in operation["responses"].items():
            for link in response.get("links", {}).values():
                found.setdefault((operation_id, status), set()).add(link["operationId"])
                target = operations[link["operationId"]]
                path_parameters = {p["name"] for p in target["parameters"] if p["in"] == "path"}
                assert set(link["parameters"]) == path_parameters
                ref = response["content"]["application/json"]["schema"]["$ref"]
                fields = components[ref.rsplit("/", 1)[-1]]["properties"]
                for expression in link["parameters"].values():
                    assert expression.removeprefix("$response.body#/") in fields
    assert found == EXPECTED
