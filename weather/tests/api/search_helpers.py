"""What the tests of a visitor's searches share: making one and reading the list back."""

from __future__ import annotations


def search(client, city: str) -> dict:
    response = client.post("/api/v1/searches/", {"city": city}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def listed(client) -> list[str]:
    response = client.get("/api/v1/searches/")
    assert response.status_code == 200
    return [s["query"] for s in response.json()["results"]]
