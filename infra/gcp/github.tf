# GitHub Actions deploys with Workload Identity Federation: the workflow exchanges its OIDC token
# for this service account's credentials. No key is created or stored.

resource "google_iam_workload_identity_pool" "github" {
  workload_identity_pool_id = "github"
  display_name              = "GitHub Actions"
  depends_on                = [google_project_service.apis]
}

resource "google_iam_workload_identity_pool_provider" "github" {
  workload_identity_pool_id          = google_iam_workload_identity_pool.github.workload_identity_pool_id
  workload_identity_pool_provider_id = "cityscope"
  display_name                       = "GitHub OIDC"
  attribute_mapping = {
    "google.subject"        = "assertion.sub"
    "attribute.repository"  = "assertion.repository"
    "attribute.environment" = "assertion.environment"
  }
  # only this repository's workflows, and only its `gcp` environment (deploy-gcp.yml)
  attribute_condition = "assertion.repository == '${var.github_repository}' && assertion.environment == 'gcp'"
  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_service_account" "deployer" {
  account_id   = "${var.function_name}-deploy"
  display_name = "Cityscope deployer (GitHub Actions)"
  # a fresh project refuses accounts until the IAM API is on
  depends_on = [google_project_service.apis]
}

resource "google_service_account_iam_member" "deployer_from_github" {
  service_account_id = google_service_account.deployer.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/attribute.repository/${var.github_repository}"
}

# deploy.sh: create/update the function (Cloud Functions Developer) and keep it public (setting the
# Cloud Run service's IAM policy needs Cloud Run Admin). preflight.sh, before it: read the enabled
# APIs (Service Usage Viewer), the project's IAM policy and billing state (Browser).
resource "google_project_iam_member" "deployer" {
  for_each = toset([
    "roles/cloudfunctions.developer", "roles/run.admin", "roles/serviceusage.serviceUsageViewer", "roles/browser",
  ])
  project = var.project
  role    = each.value
  member  = "serviceAccount:${google_service_account.deployer.email}"
}

# ...and deploy it to run as the runtime identity and build as the build identity (build.tf),
# which takes Service Account User on each, and nothing else.
resource "google_service_account_iam_member" "deployer_acts_as" {
  for_each = {
    runtime = google_service_account.runtime.name
    build   = google_service_account.build.name
  }
  service_account_id = each.value
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.deployer.email}"
}
