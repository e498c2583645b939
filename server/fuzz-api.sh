#!/usr/bin/env bash
# `make fuzz`: schemathesis against a running stack's API (`make run OFFLINE=1` in another
# terminal, started with the throttles and the Open-Meteo budget raised, see README.md).
# Coverage phase (each parameter's edges and wrong types, unexpected methods) and fuzzing
# phase; fails on any 5xx, any status the OpenAPI schema does not document, and answers
# whose content type, headers or body do not match what is documented.
#   API_URL [http://127.0.0.1:8000]  FUZZ_MAX_EXAMPLES [200]  FUZZ_SEED [random]
# Whether each request is accepted or rejected exactly as the schema says is not checked:
# the schema cannot express the rules that span fields (a city or a location_id; latitude
# with longitude), which the API answers 400, and DRF's pagination reads an empty `page`
# as the first page.

set -o errexit -o pipefail -o nounset
cd "$(dirname "${BASH_SOURCE[0]}")/.."

API_URL=${API_URL:-http://127.0.0.1:8000}
# One worker: with two threads, hypothesis describing its filters parses source concurrently,
# and Python 3.11 can then fail with "AST constructor recursion depth mismatch".
args=("--phases=coverage,fuzzing" --max-examples "${FUZZ_MAX_EXAMPLES:-200}" --workers 1
  --request-timeout 15 --checks "not_a_server_error,status_code_conformance,\
content_type_conformance,response_headers_conformance,response_schema_conformance")
if [[ -n ${FUZZ_SEED:-} ]]; then args+=(--seed "${FUZZ_SEED}"); fi
exec .venv/bin/schemathesis run "${API_URL}/api/v1/schema/" "${args[@]}"
