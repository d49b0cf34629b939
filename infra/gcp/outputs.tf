output "url" {
  description = "The API's base URL."
  value       = google_cloudfunctions2_function.cityscope.service_config[0].uri
}

output "runtime_service_account" {
  description = "GitHub variable GCP_RUNTIME_SERVICE_ACCOUNT."
  value       = google_service_account.runtime.email
}

output "build_service_account" {
  description = "GitHub variable GCP_BUILD_SERVICE_ACCOUNT."
  value       = google_service_account.build.email
}

output "deploy_service_account" {
  description = "GitHub secret GCP_DEPLOY_SERVICE_ACCOUNT."
  value       = google_service_account.deployer.email
}

output "workload_identity_provider" {
  description = "GitHub secret GCP_WORKLOAD_IDENTITY_PROVIDER."
  value       = google_iam_workload_identity_pool_provider.github.name
}
