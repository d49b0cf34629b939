#!/usr/bin/env bash
# Deploys Cityscope to Google Cloud Functions (2nd gen) from the bundle `pnpm build` writes
# to functions/gcp/dist (index.mjs + a package.json naming only the Functions Framework).
#
#   GCP_PROJECT=my-project GCP_REGION=europe-west1 infra/gcp/deploy.sh
#
# Settings are taken from the environment when set (WIKIPEDIA_BASE_URL, WIKIPEDIA_TIMEOUT_MS,
# WIKIDATA_BASE_URL, CORS_ORIGINS, LOG_LEVEL, WIKIMEDIA_CONTACT (required), CACHE_URL, API_KEYS,
# AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE, RATE_LIMIT, PARSE_URL_HOSTS, OTEL_EXPORTER_OTLP_ENDPOINT,
# OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_EXPORTER_OTLP_HEADERS, OTEL_SERVICE_NAME) and written to an env-vars file, so commas in CORS_ORIGINS survive.
# GCP_RUNTIME_SERVICE_ACCOUNT (required) is the identity the function runs as: without it Google
# would use the project's default compute account, which the deployer cannot act as ("Service
# Account User … on the Cloud Functions runtime service account",
# https://cloud.google.com/functions/docs/reference/iam/roles). GCP_BUILD_SERVICE_ACCOUNT (required)
# is the identity Cloud Build builds the function as: new projects' default build account may lack
# the permissions ("Configure the build service account",
# https://cloud.google.com/run/docs/configuring/services/build-service-account). infra/gcp/preflight.sh checks
# both, and the rest, before a deploy. infra/gcp/main.tf declares the same function
# for Terraform users (keep the two in step: tests check both against the adapter).
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${GCP_PROJECT:?set GCP_PROJECT}"
: "${WIKIMEDIA_CONTACT:?set WIKIMEDIA_CONTACT to your email or URL: Wikimedia asks for a contact in the User-Agent}"
# every required variable is checked before gcloud is called
: "${GCP_RUNTIME_SERVICE_ACCOUNT:?set GCP_RUNTIME_SERVICE_ACCOUNT to the service account the function runs as (terraform output runtime_service_account; docs/deploying.md)}"
: "${GCP_BUILD_SERVICE_ACCOUNT:?set GCP_BUILD_SERVICE_ACCOUNT to the Cloud Build service account (terraform output build_service_account; docs/deploying.md)}"
GCP_REGION="${GCP_REGION:-europe-west1}"
FUNCTION="${GCP_FUNCTION:-cityscope}"
# --build-service-account takes the account's full name
build_account="projects/$GCP_PROJECT/serviceAccounts/${GCP_BUILD_SERVICE_ACCOUNT##*/serviceAccounts/}"

test -f functions/gcp/dist/index.mjs || { echo "run pnpm build first" >&2; exit 1; }

extra=()
# GCP_PUBLIC_INVOKER=false: no allUsers binding, for projects under domain-restricted sharing
# (then turn Cloud Run's invoker check off: docs/deploying.md, "Public access")
invoker=--allow-unauthenticated
if [[ "${GCP_PUBLIC_INVOKER:-true}" == false ]]; then invoker=--no-allow-unauthenticated; fi
if [[ -n "${GCP_VPC_CONNECTOR:-}" ]]; then extra+=("--vpc-connector=$GCP_VPC_CONNECTOR" "--egress-settings=private-ranges-only"); fi

env_file="$(mktemp)"
trap 'rm -f "$env_file"' EXIT
default_base='https://{lang}.wikipedia.org'
{
  printf 'WIKIPEDIA_BASE_URL: "%s"\n' "${WIKIPEDIA_BASE_URL:-$default_base}"
  printf 'WIKIPEDIA_TIMEOUT_MS: "%s"\n' "${WIKIPEDIA_TIMEOUT_MS:-5000}"
  printf 'WIKIDATA_BASE_URL: "%s"\n' "${WIKIDATA_BASE_URL:-https://www.wikidata.org}"
  printf 'CORS_ORIGINS: "%s"\n' "${CORS_ORIGINS:-*}"
  printf 'LOG_LEVEL: "%s"\n' "${LOG_LEVEL:-info}"
  printf 'WIKIMEDIA_CONTACT: "%s"\n' "${WIKIMEDIA_CONTACT:-}"
  # optional shared cache (Memorystore): reached through GCP_VPC_CONNECTOR
  if [[ -n "${CACHE_URL:-}" ]]; then printf 'CACHE_URL: "%s"\n' "$CACHE_URL"; fi
  # access (docs/api.md, "Access"): API_KEYS holds sha256 entries, never keys
  printf 'API_KEYS: "%s"\n' "${API_KEYS:-}"
  printf 'AUTH_JWKS_URL: "%s"\n' "${AUTH_JWKS_URL:-}"
  printf 'AUTH_ISSUER: "%s"\n' "${AUTH_ISSUER:-}"
  printf 'AUTH_AUDIENCE: "%s"\n' "${AUTH_AUDIENCE:-}"
  printf 'RATE_LIMIT: "%s"\n' "${RATE_LIMIT:-}"
  printf 'PARSE_URL_HOSTS: "%s"\n' "${PARSE_URL_HOSTS:-}"
  # telemetry (docs/deploying.md, "Telemetry"): optional OTLP export
  printf 'OTEL_EXPORTER_OTLP_ENDPOINT: "%s"\n' "${OTEL_EXPORTER_OTLP_ENDPOINT:-}"
  printf 'OTEL_EXPORTER_OTLP_PROTOCOL: "%s"\n' "${OTEL_EXPORTER_OTLP_PROTOCOL:-}"
  printf 'OTEL_EXPORTER_OTLP_HEADERS: "%s"\n' "${OTEL_EXPORTER_OTLP_HEADERS:-}"
  printf 'OTEL_SERVICE_NAME: "%s"\n' "${OTEL_SERVICE_NAME:-cityscope}"
  # every path reaches the function, /favicon.ico and /robots.txt included
  printf 'IGNORED_ROUTES: ""\n'
} > "$env_file"

gcloud functions deploy "$FUNCTION" \
  --project="$GCP_PROJECT" \
  --region="$GCP_REGION" \
  --gen2 \
  --runtime=nodejs22 \
  --source=functions/gcp/dist \
  --entry-point=cityscope \
  --trigger-http \
  "$invoker" \
  --memory=512Mi \
  --timeout=30s \
  --max-instances="${GCP_MAX_INSTANCES:-20}" \
  --env-vars-file="$env_file" \
  --service-account="$GCP_RUNTIME_SERVICE_ACCOUNT" \
  --build-service-account="$build_account" \
  ${extra[@]+"${extra[@]}"}

gcloud functions describe "$FUNCTION" --project="$GCP_PROJECT" --region="$GCP_REGION" --gen2 --format='value(serviceConfig.uri)'
