variable "project" {
  description = "The Google Cloud project id."
  type        = string
}

variable "region" {
  description = "Where the function runs."
  type        = string
  default     = "europe-west1"
}

variable "function_name" {
  description = "The function's name (and its Cloud Run service's)."
  type        = string
  default     = "cityscope"
}

variable "github_repository" {
  description = "owner/name of the GitHub repository whose workflows may deploy (Workload Identity Federation)."
  type        = string
}

variable "max_instances" {
  description = "Upper bound on instances, which bounds the cost of a traffic spike."
  type        = number
  default     = 20
}

# The settings of the API (README "Settings"); the defaults are the API's own.
variable "wikipedia_base_url" {
  description = "WIKIPEDIA_BASE_URL: where the Wikipedia APIs live; {lang} is replaced per request."
  type        = string
  default     = "https://{lang}.wikipedia.org"
}

variable "wikipedia_timeout_ms" {
  description = "WIKIPEDIA_TIMEOUT_MS: deadline of each upstream request (1-60000)."
  type        = string
  default     = "5000"
}

variable "wikidata_base_url" {
  description = "WIKIDATA_BASE_URL: where Wikidata's API lives, or off."
  type        = string
  default     = "https://www.wikidata.org"
}

variable "cors_origins" {
  description = "CORS_ORIGINS: comma-separated allowed origins."
  type        = string
  default     = "*"
}

variable "log_level" {
  description = "LOG_LEVEL: debug, info, warn, error or silent."
  type        = string
  default     = "info"
  validation {
    condition     = contains(["debug", "info", "warn", "error", "silent"], var.log_level)
    error_message = "log_level must be debug, info, warn, error or silent."
  }
}

variable "wikimedia_contact" {
  description = "WIKIMEDIA_CONTACT (required): your email address or http(s) URL, sent to Wikimedia in the User-Agent."
  type        = string
  validation {
    condition     = can(regex("^([^\\s@()]+@[^\\s@()]+\\.[^\\s@()]+|https?://[^\\s()]+)$", var.wikimedia_contact))
    error_message = "wikimedia_contact must be an email address or an http(s) URL (Wikimedia's User-Agent policy)."
  }
}

variable "cache_url" {
  description = "CACHE_URL: optional shared cache, rediss://:AUTH_STRING@10.x.x.x:6378 for Memorystore; empty keeps each instance's memory cache."
  type        = string
  default     = ""
  sensitive   = true
}

variable "vpc_connector" {
  description = "Serverless VPC Access connector (projects/P/locations/R/connectors/C) through which the function reaches Memorystore; empty for none."
  type        = string
  default     = ""
}

variable "public_invoker" {
  description = "Grant roles/run.invoker to allUsers (a public API). false under a domain-restricted-sharing organisation policy: turn Cloud Run's invoker IAM check off instead (docs/deploying.md, \"Public access\")."
  type        = bool
  default     = true
}

# Access (docs/api.md, "Access"; docs/deploying.md, "Access")
variable "api_keys" {
  description = "API_KEYS: comma-separated name:sha256hex entries (cityscope key new NAME); empty: no keys."
  type        = string
  default     = ""
  sensitive   = true
}

variable "auth_jwks_url" {
  description = "AUTH_JWKS_URL: the OpenID Connect provider's JWKS URL; with auth_issuer and auth_audience, or empty."
  type        = string
  default     = ""
}

variable "auth_issuer" {
  description = "AUTH_ISSUER: the tokens' iss."
  type        = string
  default     = ""
}

variable "auth_audience" {
  description = "AUTH_AUDIENCE: the tokens' aud."
  type        = string
  default     = ""
}

variable "rate_limit" {
  description = "RATE_LIMIT: work units per client per window, <units>/<s|min|h>; empty: no limit."
  type        = string
  default     = ""
}

variable "parse_url_hosts" {
  description = "PARSE_URL_HOSTS: comma-separated host suffixes /parse may fetch; empty: any public host."
  type        = string
  default     = ""
}

# Telemetry (docs/api.md, "Telemetry"; docs/deploying.md, "Telemetry")
variable "otel_exporter_otlp_endpoint" {
  description = "OTEL_EXPORTER_OTLP_ENDPOINT: an OTLP/HTTP collector's base URL; empty: no export."
  type        = string
  default     = ""
}

variable "otel_exporter_otlp_protocol" {
  description = "OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf or http/json; empty: http/protobuf."
  type        = string
  default     = ""
}

variable "otel_exporter_otlp_headers" {
  description = "OTEL_EXPORTER_OTLP_HEADERS: headers of every export, key=value pairs separated by commas, percent-encoded."
  type        = string
  default     = ""
  sensitive   = true
}

variable "otel_service_name" {
  description = "OTEL_SERVICE_NAME: the service.name of every span and metric."
  type        = string
  default     = "cityscope"
}
