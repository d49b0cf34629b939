#!/usr/bin/env bash
# Deploys Cityscope to Google Cloud Functions (2nd gen) from the bundle `pnpm build` writes
# to functions/gcp/dist (index.mjs + a package.json naming only the Functions Framework).
#
#   GCP_PROJECT=my-project GCP_REGION=europe-west1 infra/gcp/deploy.sh
#
# Settings are taken from the environment when set (WIKIPEDIA_BASE_URL, WIKIPEDIA_TIMEOUT_MS,
# WIKIDATA_BASE_URL, CORS_ORIGINS, LOG_LEVEL, CACHE_URL) and written to an env-vars file, so commas in CORS_ORIGINS survive.
# GCP_RUNTIME_SERVICE_ACCOUNT (optional) is the identity the function runs as; without it Google
# uses the project's default compute service account. infra/gcp/main.tf declares the same function
# for Terraform users (keep the two in step: tests check both against the adapter).
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${GCP_PROJECT:?set GCP_PROJECT}"
GCP_REGION="${GCP_REGION:-europe-west1}"
FUNCTION="${GCP_FUNCTION:-cityscope}"

test -f functions/gcp/dist/index.mjs || { echo "run pnpm build first" >&2; exit 1; }

extra=()
if [[ -n "${GCP_RUNTIME_SERVICE_ACCOUNT:-}" ]]; then extra+=("--service-account=$GCP_RUNTIME_SERVICE_ACCOUNT"); fi
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
  # optional shared cache (Memorystore): reached through GCP_VPC_CONNECTOR
  if [[ -n "${CACHE_URL:-}" ]]; then printf 'CACHE_URL: "%s"\n' "$CACHE_URL"; fi
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
  --allow-unauthenticated \
  --memory=512Mi \
  --timeout=30s \
  --max-instances=20 \
  --env-vars-file="$env_file" \
  ${extra[@]+"${extra[@]}"}

gcloud functions describe "$FUNCTION" --project="$GCP_PROJECT" --region="$GCP_REGION" --gen2 --format='value(serviceConfig.uri)'
