#!/usr/bin/env bash
# Checks what an Azure deploy of Cityscope needs, with the Azure CLI, before anything is created.
# deploy-azure.yml runs it before the Bicep deployment; run it by hand the same way (after `az login`):
#
#   AZURE_RESOURCE_GROUP=cityscope WIKIMEDIA_CONTACT=you@example.com infra/azure/preflight.sh
#
# It checks the resource providers main.bicep's resource types belong to, that the resource
# group's region offers Flex Consumption, and the signed-in identity's roles on the group. One
# line per missing thing, with the command that fixes it; exit status 1 when something is missing.
# It only reads (show, list).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../preflight-lib.sh
. "$here/../preflight-lib.sh"

require_cli az "install the Azure CLI (https://learn.microsoft.com/cli/azure/install-azure-cli)"
group="${AZURE_RESOURCE_GROUP:-}"
if [[ -z "$group" ]]; then
  missing "AZURE_RESOURCE_GROUP (the resource group to deploy into)" "export AZURE_RESOURCE_GROUP=cityscope"
  finish
fi

# subscription id, the signed-in principal (a user name, or a service principal's client id), its type
if ! who=$(az account show --query '[id, user.name, user.type]' --output tsv 2>&1); then
  missing "an Azure sign-in ($(first_line "$who"))" "az login"
  finish
fi
{ read -r sub; read -r principal; read -r principal_type; } < <(tr '\t' '\n' <<<"$who")
ok "signed in to subscription $sub as $principal ($principal_type)"

if ! location=$(az group show --name "$group" --query location --output tsv 2>&1); then
  missing "resource group $group ($(first_line "$location"))" "az group create --name $group --location <a region that offers Flex Consumption>"
  finish
fi
ok "resource group $group in $location"

# The providers of the template's resource types (Microsoft.Authorization is registered in every
# subscription). A deploy identity with resource-group roles only cannot register them.
providers=$(grep -oE "^resource [A-Za-z0-9_]+ '(Microsoft\.[A-Za-z]+)/" "$here/main.bicep" |
  grep -oE 'Microsoft\.[A-Za-z]+' | grep -vx Microsoft.Authorization | sort -u)
for ns in $providers; do
  if ! state=$(az provider show --namespace "$ns" --query registrationState --output tsv 2>&1); then
    unchecked "resource provider $ns" "$(first_line "$state")" "az provider show --namespace $ns"
  elif [[ "$state" == Registered ]]; then
    ok "resource provider $ns"
  else
    missing "resource provider $ns (it is ${state:-NotRegistered})" "az provider register --namespace $ns --wait"
  fi
done

# Flex Consumption is not offered in every region ("Create and manage function apps in the Flex
# Consumption plan", https://learn.microsoft.com/azure/azure-functions/flex-consumption-how-to)
norm() { tr '[:upper:]' '[:lower:]' | tr -d ' '; }
if regions=$(az functionapp list-flexconsumption-locations --query '[].name' --output tsv 2>&1); then
  if norm <<<"$regions" | grep -qx "$(norm <<<"$location")"; then ok "Flex Consumption in $location"; else
    missing "Flex Consumption in $location (the resource group's region)" \
      "az functionapp list-flexconsumption-locations --output table  # then: az group create --name $group --location <one of them>"
  fi
else
  unchecked "Flex Consumption in $location" "$(first_line "$regions")" "az functionapp list-flexconsumption-locations --output table"
fi

# jwt_claim <name>: a string claim of the JSON Web Token on stdin (its payload is base64url)
jwt_claim() {
  local payload
  payload=$(cut -d. -f2 | tr '_-' '/+')
  while ((${#payload} % 4)); do payload+='='; done
  base64 -d <<<"$payload" 2>/dev/null | grep -oE "\"$1\" *: *\"[^\"]+\"" | head -n 1 | sed -E 's/.*"([^"]+)"$/\1/'
}

# The deploy identity's roles: Contributor creates the resources, User Access Administrator (or
# Role Based Access Control Administrator) lets the template give the app its storage role; Owner
# holds both.
scope="/subscriptions/$sub/resourceGroups/$group"
# Looked up by the object id in the identity's own token: a sign-in name or client id would have to
# be resolved through Microsoft Graph, which a service principal may not read, while an object id
# that Graph cannot resolve is used as it is (`az role assignment list` has no --assignee-object-id:
# azure-cli's role/custom.py, list_role_assignments, resolves --assignee with fallback_to_object_id).
# Group memberships need Graph too: tried, then left out.
oid=$(az account get-access-token --query accessToken --output tsv 2>/dev/null | jwt_claim oid)
assignee=(--assignee "$principal")
[[ -n "$oid" ]] && assignee=(--assignee "$oid")
list_roles() {
  az role assignment list "${assignee[@]}" --scope "$scope" --include-inherited "$@" --query '[].roleDefinitionName' --output tsv
}
if roles=$(list_roles --include-groups 2>&1) || roles=$(list_roles 2>&1); then
  has() { grep -qxF -e Owner "${@/#/-e}" <<<"$roles"; }
  if has Contributor; then ok "$principal may create resources in $group"; else
    missing "role Contributor for $principal on $group" "az role assignment create --assignee $principal --role Contributor --scope $scope"
  fi
  if has 'User Access Administrator' 'Role Based Access Control Administrator'; then
    ok "$principal may assign the app's storage role"
  else
    missing "role User Access Administrator for $principal on $group" \
      "az role assignment create --assignee $principal --role 'User Access Administrator' --scope $scope"
  fi
else
  unchecked "roles of $principal on $group" "$(first_line "$roles")" "az role assignment list --assignee $principal --scope $scope --include-inherited"
fi

check_contact azure
finish
