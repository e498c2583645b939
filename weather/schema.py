"""OpenAPI post-processing: errors that any operation can answer, documented everywhere."""

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


class OpsTokenScheme(OpenApiAuthenticationExtension):
    target_class = "weather.auth.OpsTokenAuthentication"
    name = "opsToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "The operator token (OPS_API_TOKEN).",
        }
