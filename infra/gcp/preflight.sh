#!/usr/bin/env bash
# Checks what a Google Cloud deploy of Cityscope needs, with gcloud, before anything is created.
# deploy-gcp.yml runs it before deploy.sh; run it by hand the same way:
#
#   GCP_PROJECT=my-project GCP_REGION=europe-west1 \
#   GCP_RUNTIME_SERVICE_ACCOUNT=cityscope-run@my-project.iam.gserviceaccount.com \
#   GCP_BUILD_SERVICE_ACCOUNT=cityscope-build@my-project.iam.gserviceaccount.com \
#   WIKIMEDIA_CONTACT=you@example.com infra/gcp/preflight.sh
#
#   infra/gcp/preflight.sh --terraform   # before the first `terraform apply`: only what
#                                        # Terraform cannot create (credentials, billing, region)
#
# One line per missing thing, with the command that fixes it; exit status 1 when something is
# missing. It only reads (describe, list, get-iam-policy).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../preflight-lib.sh
. "$here/../preflight-lib.sh"

# The APIs infra/gcp/main.tf enables (locals.apis): packages/infra-tests keeps the two in step.
apis=(
  artifactregistry.googleapis.com
  cloudbilling.googleapis.com
  cloudbuild.googleapis.com
  cloudfunctions.googleapis.com
  cloudresourcemanager.googleapis.com
  iam.googleapis.com
  iamcredentials.googleapis.com
  logging.googleapis.com
  run.googleapis.com
  storage.googleapis.com
  sts.googleapis.com
)
# What Cloud Build needs to build a function as a user-specified service account ("Configure a
# build service account", https://cloud.google.com/run/docs/configuring/services/build-service-account);
# roles/cloudbuild.builds.builder holds all three.
build_roles=(roles/logging.logWriter roles/artifactregistry.writer roles/storage.objectAdmin)

mode=deploy
[[ "${1:-}" == --terraform ]] && mode=terraform

require_cli gcloud "install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install)"
project="${GCP_PROJECT:-}"
region="${GCP_REGION:-europe-west1}"
if [[ -z "$project" ]]; then
  missing "GCP_PROJECT (the project id)" "export GCP_PROJECT=my-project"
  finish
fi

if ! out=$(gcloud projects describe "$project" --format='value(projectNumber)' 2>&1); then
  missing "access to project $project ($(first_line "$out"))" "gcloud auth login && gcloud projects list"
  finish
fi
ok "project $project (number $out)"

if [[ "$mode" == terraform ]]; then
  # Terraform's google provider signs in with application-default credentials, not gcloud's own
  # ("Authentication for Terraform", https://cloud.google.com/docs/terraform/authentication)
  if gcloud auth application-default print-access-token >/dev/null 2>&1; then
    ok "application-default credentials (what Terraform uses)"
  else
    missing "application-default credentials (what Terraform uses)" "gcloud auth application-default login"
  fi
fi

# Billing: Cloud Functions, Cloud Build and Artifact Registry refuse to be enabled without it.
if out=$(gcloud billing projects describe "$project" --format='value(billingEnabled)' 2>&1); then
  if [[ "$out" == True ]]; then
    ok "billing is enabled"
  else
    missing "billing on project $project" \
      "gcloud billing accounts list && gcloud billing projects link $project --billing-account=ACCOUNT_ID"
  fi
else
  unchecked "billing" "$(first_line "$out")" "gcloud billing projects describe $project"
fi

enabled=""
if enabled=$(gcloud services list --enabled --project "$project" --format='value(config.name)' 2>&1); then
  if [[ "$mode" == deploy ]]; then
    for api in "${apis[@]}"; do
      if grep -qx "$api" <<<"$enabled"; then ok "API $api"; else
        missing "API $api" "gcloud services enable $api --project $project"
      fi
    done
  fi
else
  unchecked "enabled APIs" "$(first_line "$enabled")" "gcloud services list --enabled --project $project"
  enabled=""
fi

# The region: Cloud Functions (2nd gen) must be offered there; listing needs its API on.
if grep -qx cloudfunctions.googleapis.com <<<"$enabled"; then
  if out=$(gcloud functions regions list --gen2 --project "$project" --format='value(locationId)' 2>&1); then
    if grep -qx "$region" <<<"$out"; then ok "region $region offers Cloud Functions"; else
      missing "Cloud Functions in region $region" "export GCP_REGION=<one of: $(tr '\n' ' ' <<<"$out" | sed 's/ *$//')>"
    fi
  else
    unchecked "region $region" "$(first_line "$out")" "gcloud functions regions list --gen2 --project $project"
  fi
else
  unchecked "region $region" "the Cloud Functions API is not on yet" "gcloud functions regions list --gen2 --project $project"
fi

# service_account <variable> <what> <suggested account id> [<variable to receive the email>]:
# the variable names an existing account
service_account() {
  local var=$1 what=$2 id=$3 email="${!1:-}" out
  if [[ -z "$email" ]]; then
    missing "$var ($what)" "export $var=$id@$project.iam.gserviceaccount.com  (terraform output, or: gcloud iam service-accounts create $id --project $project)"
    return 1
  fi
  email="${email##*/serviceAccounts/}"
  if ! out=$(gcloud iam service-accounts describe "$email" --project "$project" --format='value(email)' 2>&1); then
    missing "service account $email ($what): $(first_line "$out")" "gcloud iam service-accounts create ${email%%@*} --project $project"
    return 1
  fi
  ok "service account $email ($what)"
  if [[ -n "${4:-}" ]]; then printf -v "$4" '%s' "$email"; fi
}

if [[ "$mode" == deploy ]]; then
  build=""
  service_account GCP_RUNTIME_SERVICE_ACCOUNT "the identity the function runs as" cityscope-run || true
  if service_account GCP_BUILD_SERVICE_ACCOUNT "the identity Cloud Build builds the function as" cityscope-build build; then
    if roles=$(gcloud projects get-iam-policy "$project" --flatten='bindings[].members' \
      --filter="bindings.members:serviceAccount:$build" --format='value(bindings.role)' 2>&1); then
      if grep -qx roles/cloudbuild.builds.builder <<<"$roles"; then ok "$build has roles/cloudbuild.builds.builder"; else
        for role in "${build_roles[@]}"; do
          if grep -qx "$role" <<<"$roles"; then ok "$build has $role"; else
            missing "role $role for the build service account" \
              "gcloud projects add-iam-policy-binding $project --member serviceAccount:$build --role $role"
          fi
        done
      fi
    else
      unchecked "roles of $build" "$(first_line "$roles")" "gcloud projects get-iam-policy $project"
    fi
  fi
  check_contact gcp
fi

finish
