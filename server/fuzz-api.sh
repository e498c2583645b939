#!/usr/bin/env bash
# `make fuzz`: schemathesis against a running stack's API (`make run OFFLINE=1` in another
# terminal, started with the throttles and the Open-Meteo budget raised, see README.md).
# 1. Coverage phase (each parameter's edges and wrong types, unexpected methods) and fuzzing
#    phase, anonymous.
# 2. Stateful phase: sequences that follow the schema's links from a create to its reads
#    (POST /searches/ -> GET /searches/{public_id}/; POST /refreshes/ -> GET /tasks/{id}/ and
#    POST /refreshes/{id}/cancel/; POST /tasks/test/ -> GET /tasks/{id}/), as an operator when
#    OPS_API_TOKEN is set (a visitor's session would need the CSRF token for its writes), with
#    the hooks of server/fuzz_hooks.py; a created resource must then be readable, and gone
#    only when deleted.
# Both fail on any 5xx, any status the OpenAPI schema does not document, and answers whose
# content type, headers or body do not match what is documented.
#   API_URL [http://127.0.0.1:8000]  FUZZ_MAX_EXAMPLES [200]  FUZZ_STATEFUL_MAX_EXAMPLES [100]
#   FUZZ_SEED [random]  OPS_API_TOKEN
# Whether each request is accepted or rejected exactly as the schema says is not checked:
# the schema cannot express the rules that span fields (a city or a location_id; latitude
# with longitude), which the API answers 400, and DRF's pagination reads an empty `page`
# as the first page.

set -o errexit -o pipefail -o nounset
cd "$(dirname "${BASH_SOURCE[0]}")/.."

API_URL=${API_URL:-http://127.0.0.1:8000}
checks="not_a_server_error,status_code_conformance,content_type_conformance,\
response_headers_conformance,response_schema_conformance"
# One worker: with two threads, hypothesis describing its filters parses source concurrently,
# and Python 3.11 can then fail with "AST constructor recursion depth mismatch".
common=(--workers 1 --request-timeout 15)
if [[ -n ${FUZZ_SEED:-} ]]; then common+=(--seed "${FUZZ_SEED}"); fi

status=0
.venv/bin/schemathesis run "${API_URL}/api/v1/schema/" "${common[@]}" \
  --phases=coverage,fuzzing --max-examples "${FUZZ_MAX_EXAMPLES:-200}" --checks "$checks" ||
  status=1

stateful=(--phases=stateful --mode positive --max-examples "${FUZZ_STATEFUL_MAX_EXAMPLES:-100}"
  --checks "$checks,use_after_free,ensure_resource_availability")
if [[ -n ${OPS_API_TOKEN:-} ]]; then
  stateful+=(--header "Authorization: Bearer ${OPS_API_TOKEN}")
fi
SCHEMATHESIS_HOOKS=server/fuzz_hooks.py .venv/bin/schemathesis run \
  "${API_URL}/api/v1/schema/" "${common[@]}" "${stateful[@]}" || status=1
exit "$status"
