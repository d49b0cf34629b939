# shellcheck shell=bash
# Shared by infra/{aws,gcp,azure}/preflight.sh (sourced, not run). A preflight only reads: it
# asks the cloud's own CLI what exists, prints one line per missing thing with the command that
# fixes it, and exits 1 before anything is created when something is missing.
#
#   missing: <what is missing>; fix: <the command that fixes it>
#   unchecked: <what could not be read> (<why>); check: <the command that shows it>
#   ok: <what is in place>
#
# "unchecked" lines do not fail the preflight: the identity running it may lack a read
# permission the deploy itself does not need.

problems=0

# missing <what> <fix command>
missing() {
  problems=$((problems + 1))
  printf 'missing: %s; fix: %s\n' "$1" "$2"
}

# unchecked <what> <why> <command that shows it>
unchecked() {
  printf 'unchecked: %s (%s); check: %s\n' "$1" "$2" "$3"
}

ok() {
  printf 'ok: %s\n' "$1"
}

# The first line of a command's error output, for "unchecked" and "missing" lines.
first_line() {
  local line
  line=$(printf '%s\n' "$1" | grep -v '^[[:space:]]*$' | head -n 1)
  printf '%s' "${line:-no output}"
}

# finish: the verdict, and the exit status (1 when something is missing).
finish() {
  if ((problems > 0)); then
    printf 'preflight: %d missing; nothing was created\n' "$problems"
    exit 1
  fi
  printf 'preflight: ready\n'
  exit 0
}

# require_cli <program> <install hint>: stops here without it (nothing else can be checked).
require_cli() {
  if ! command -v "$1" >/dev/null 2>&1; then
    missing "the $1 command" "$2"
    finish
  fi
}

# check_contact <GitHub environment>: WIKIMEDIA_CONTACT, required by every deploy (docs/api.md,
# "Settings"): an email address or an http(s) URL, as packages/core/src/contact.ts accepts.
check_contact() {
  local env_name=$1 value="${WIKIMEDIA_CONTACT:-}" fix
  if [[ "${GITHUB_ACTIONS:-}" == true ]]; then
    fix="gh variable set WIKIMEDIA_CONTACT --env $env_name --body 'you@example.com'"
  else
    fix="export WIKIMEDIA_CONTACT='you@example.com'"
  fi
  value="${value#"${value%%[![:space:]]*}"}"
  value="${value%"${value##*[![:space:]]}"}"
  local email='^[^[:space:]@()<>;]+@[^[:space:]@()<>;]+\.[^[:space:]@()<>;]+$'
  local url='^https?://[^[:space:]()]+$'
  if [[ -z "$value" ]]; then
    missing "WIKIMEDIA_CONTACT (your email or URL, sent to Wikimedia in the User-Agent)" "$fix"
  elif [[ ! "$value" =~ $email && ! "$value" =~ $url ]]; then
    missing "WIKIMEDIA_CONTACT as an email address or http(s) URL (it is '$value')" "$fix"
  else
    ok "WIKIMEDIA_CONTACT is set"
  fi
}
