"""OpenAPI post-processing: errors that any operation can answer, documented everywhere."""

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension

_COMMON_ERRORS = {
    "414": "The request line (URL) is too long",
    "503": "A dependency (database, cache, Open-Meteo) is unavailable",
}
# Where a session or the operator token is read, a wrong one is refused before the view runs.
_CREDENTIAL_ERRORS = {
    "401": "The operator token sent is wrong",
    "403": "The session or token sent is not valid here",
}
_BODY_ERRORS = {
    "400": "Invalid input or malformed JSON",
    "415": "The body is not JSON",
}


def add_common_error_responses(result, generator, request, public):
    error_ref = {"$ref": "#/components/schemas/ErrorOutput"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            errors = dict(_COMMON_ERRORS)
            if any(operation.get("security", [])):  # [{}] alone: anonymous only
                errors.update(_CREDENTIAL_ERRORS)
            if method in ("post", "put", "patch"):
                errors.update(_BODY_ERRORS)
            for status, description in errors.items():
                operation["responses"].setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": error_ref}},
                    },
                )
    return result


def postprocess(result, generator, request, public):
    """Every post-processing step of ours, in order (one entry in the settings)."""
    result = add_common_error_responses(result, generator, request, public)
    result = add_links(result, generator, request, public)
    return nullable_components(result, generator, request, public)


# What a created resource's answer leads to: OpenAPI links (operation id, status, then each
# link's target and its parameters read from the answer), which clients and stateful API
# tests follow from a create to its reads.
_LINKS = {
    ("searches_create", "201"): {
        "GetSearch": ("searches_retrieve", {"public_id": "$response.body#/id"}),
    },
    ("refreshes_create", "202"): {
        "GetRefreshProgress": ("tasks_retrieve", {"task_id": "$response.body#/task_id"}),
        "CancelRefresh": ("refreshes_cancel", {"refresh_id": "$response.body#/task_id"}),
    },
    ("tasks_test_create", "202"): {
        "GetTaskStatus": ("tasks_retrieve", {"task_id": "$response.body#/task_id"}),
    },
}


def add_links(result, generator, request, public):
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            for status, response in operation.get("responses", {}).items():
                links = _LINKS.get((operation.get("operationId"), status), {})
                for name, (target, parameters) in links.items():
                    response.setdefault("links", {})[name] = {
                        "operationId": target,
                        "parameters": parameters,
                    }
    return result


class OpsTokenScheme(OpenApiAuthenticationExtension):
    target_class = "weather.api.auth.OpsTokenAuthentication"
    name = "opsToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "The operator token (OPS_API_TOKEN).",
        }


class VisitorSessionScheme(SessionScheme):
    """Our session authentication (CSRF also for an anonymous visitor's session) is
    documented as Django's session cookie, like DRF's own."""

    target_class = "weather.api.auth.SessionAuthentication"


def nullable_components(result, generator, request, public):
    """A nullable nested object is written `{allOf: [$ref], nullable: true}`, which OpenAPI 3.0
    validators read as "the referenced object, never null". Where every use of a component is
    nullable, the component itself says so, and validators and generated types agree with
    what is rendered."""
    uses: dict[str, list[bool]] = {}

    def walk(node):
        if isinstance(node, dict):
            refs = node.get("allOf")
            if isinstance(refs, list) and len(refs) == 1 and "$ref" in refs[0]:
                uses.setdefault(refs[0]["$ref"], []).append(bool(node.get("nullable")))
                return
            if "$ref" in node:
                uses.setdefault(node["$ref"], []).append(False)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    schemas = result.get("components", {}).get("schemas", {})
    for ref, nullable in uses.items():
        name = ref.rsplit("/", 1)[-1]
        if all(nullable) and name in schemas:
            schemas[name]["nullable"] = True
    return result
