# Cloud Build builds the function as this account, with only the roles a build needs. New projects
# may give the default Cloud Build account too few permissions, and organisations that block
# automatic grants to default accounts always do ("Configure the build service account",
# https://cloud.google.com/run/docs/configuring/services/build-service-account; "Custom Service
# Account for Cloud Build", https://cloud.google.com/functions/1stgendocs/securing/build-custom-sa).
# deploy.sh passes the same account (GCP_BUILD_SERVICE_ACCOUNT, output build_service_account); the
# deployer may act as it (github.tf).

resource "google_service_account" "build" {
  account_id   = "${var.function_name}-build"
  display_name = "Cityscope function (Cloud Build)"
  depends_on   = [google_project_service.apis]
}

# build logs, the built image, and the uploaded source (infra/gcp/preflight.sh checks the same list)
resource "google_project_iam_member" "build" {
  for_each = toset(["roles/logging.logWriter", "roles/artifactregistry.writer", "roles/storage.objectAdmin"])
  project  = var.project
  role     = each.value
  member   = "serviceAccount:${google_service_account.build.email}"
}
