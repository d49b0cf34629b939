# Cityscope on Google Cloud Functions (2nd gen), declared for Terraform. The same function as
# deploy.sh (for users without Terraform): keep the two in step; packages/infra-tests checks both
# against the adapter (entry point, runtime, settings).
#
#   pnpm build
#   cd infra/gcp && terraform init && terraform apply -var project=my-project -var github_repository=owner/cityscope
#
# The first apply deploys the current build. After that the code belongs to deploy.sh (what
# deploy-gcp.yml runs): Terraform ignores the function's source, so a later apply does not roll
# the code back to the bundle it last uploaded (docs/deploying.md, "Who owns the code").

locals {
  apis = [
    "artifactregistry.googleapis.com",
    "cloudbilling.googleapis.com", # preflight.sh reads the billing state with the deployer's identity
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
    "cloudresourcemanager.googleapis.com", # project IAM bindings (google_project_iam_member)
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "logging.googleapis.com",
    "run.googleapis.com",
    "storage.googleapis.com",
    "sts.googleapis.com",
  ]
}

resource "google_project_service" "apis" {
  for_each           = toset(local.apis)
  service            = each.value
  disable_on_destroy = false
}

# The function runs as its own identity with no roles: it only calls Wikipedia and writes logs
# (Cloud Run grants log writing to every service).
resource "google_service_account" "runtime" {
  account_id   = "${var.function_name}-run"
  display_name = "Cityscope function (runtime)"
  # a fresh project refuses accounts until the IAM API is on ("IAM API has not been used…")
  depends_on = [google_project_service.apis]
}

# The bundle `pnpm build` writes: index.mjs and a package.json naming only the Functions Framework.
data "archive_file" "source" {
  type        = "zip"
  source_dir  = "${path.module}/../../functions/gcp/dist"
  output_path = "${path.module}/.terraform/cityscope-gcp.zip"
  excludes    = ["index.mjs.map"]
}

resource "google_storage_bucket" "source" {
  name                        = "${var.project}-${var.function_name}-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true
  lifecycle_rule {
    condition {
      num_newer_versions = 3
    }
    action {
      type = "Delete"
    }
  }
  depends_on = [google_project_service.apis]
}

resource "google_storage_bucket_object" "source" {
  name   = "cityscope-gcp-${data.archive_file.source.output_md5}.zip"
  bucket = google_storage_bucket.source.name
  source = data.archive_file.source.output_path
}

resource "google_cloudfunctions2_function" "cityscope" {
  name        = var.function_name
  location    = var.region
  description = "Cityscope: city facts, logistics and text insight from Wikipedia"

  build_config {
    runtime     = "nodejs22"
    entry_point = "cityscope"
    # Cloud Build builds as this account (build.tf), not the project's default one
    service_account = google_service_account.build.id
    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source.name
      }
    }
  }

  service_config {
    available_memory               = "512Mi"
    timeout_seconds                = 30
    max_instance_count             = var.max_instances
    ingress_settings               = "ALLOW_ALL"
    all_traffic_on_latest_revision = true
    service_account_email          = google_service_account.runtime.email
    # Memorystore has only a private address: with a shared cache, reach it through a
    # Serverless VPC Access connector (docs/deploying.md, "A shared cache")
    vpc_connector                 = var.vpc_connector == "" ? null : var.vpc_connector
    vpc_connector_egress_settings = var.vpc_connector == "" ? null : "PRIVATE_RANGES_ONLY"
    environment_variables = {
      WIKIPEDIA_BASE_URL   = var.wikipedia_base_url
      WIKIPEDIA_TIMEOUT_MS = var.wikipedia_timeout_ms
      WIKIDATA_BASE_URL    = var.wikidata_base_url
      CORS_ORIGINS         = var.cors_origins
      LOG_LEVEL            = var.log_level
      WIKIMEDIA_CONTACT    = var.wikimedia_contact
      CACHE_URL            = var.cache_url
      # access (docs/api.md, "Access")
      API_KEYS        = var.api_keys
      AUTH_JWKS_URL   = var.auth_jwks_url
      AUTH_ISSUER     = var.auth_issuer
      AUTH_AUDIENCE   = var.auth_audience
      RATE_LIMIT      = var.rate_limit
      PARSE_URL_HOSTS = var.parse_url_hosts
      # telemetry (docs/api.md, "Telemetry"; docs/deploying.md, "Telemetry"): optional OTLP export
      OTEL_EXPORTER_OTLP_ENDPOINT = var.otel_exporter_otlp_endpoint
      OTEL_EXPORTER_OTLP_PROTOCOL = var.otel_exporter_otlp_protocol
      OTEL_EXPORTER_OTLP_HEADERS  = var.otel_exporter_otlp_headers
      OTEL_SERVICE_NAME           = var.otel_service_name
      # every path reaches the function, /favicon.ico and /robots.txt included
      IGNORED_ROUTES = ""
    }
  }

  # deploy.sh ships new code after the first apply; without this, an apply would redeploy the
  # bundle Terraform last uploaded
  lifecycle {
    ignore_changes = [build_config[0].source]
  }

  # the build account needs its roles before the first build (build.tf)
  depends_on = [google_project_service.apis, google_project_iam_member.build]
}

# A public API: anyone may invoke it (what `--allow-unauthenticated` does). An organisation policy
# of domain-restricted sharing refuses allUsers: then apply with -var public_invoker=false and turn
# Cloud Run's invoker check off instead (docs/deploying.md, "Public access";
# https://cloud.google.com/run/docs/authenticating/public).
resource "google_cloud_run_service_iam_member" "public" {
  count    = var.public_invoker ? 1 : 0
  location = google_cloudfunctions2_function.cityscope.location
  service  = google_cloudfunctions2_function.cityscope.name
  role     = "roles/run.invoker"
  member   = "allUsers"
}
