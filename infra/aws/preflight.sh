#!/usr/bin/env bash
# Checks what an AWS deploy of Cityscope needs, with the AWS CLI, before anything is created.
# deploy-aws.yml runs it after assuming the deploy role; run it by hand the same way:
#
#   AWS_REGION=eu-west-1 WIKIMEDIA_CONTACT=you@example.com infra/aws/preflight.sh
#
# It checks the credentials, the deploy role (AWS_DEPLOY_ROLE_ARN, when set) and that its inline
# policy `deploy` holds every action of infra/aws/deploy-policy.json, that Lambda answers in the
# region, and WIKIMEDIA_CONTACT. One line per missing thing, with the command that fixes it; exit
# status 1 when something is missing. It only reads (get-caller-identity, get-role-policy,
# get-account-settings).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=../preflight-lib.sh
. "$here/../preflight-lib.sh"

require_cli aws "install the AWS CLI (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)"
region="${AWS_REGION:-eu-west-1}"
policy_file="$here/deploy-policy.json"

if ! arn=$(aws sts get-caller-identity --query Arn --output text 2>&1); then
  missing "AWS credentials ($(first_line "$arn"))" "aws configure sso  # in GitHub: the AWS_DEPLOY_ROLE_ARN secret of the aws environment"
  finish
fi
ok "signed in as $arn"

# The role the workflow assumed (arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION), if any
role=""
[[ "$arn" == *:assumed-role/* ]] && role="${arn#*:assumed-role/}" && role="${role%%/*}"
if [[ -n "${AWS_DEPLOY_ROLE_ARN:-}" ]]; then
  expected="${AWS_DEPLOY_ROLE_ARN##*/}"
  if [[ "$role" == "$expected" ]]; then ok "running as the deploy role $expected"; else
    missing "the deploy role $expected (running as $arn)" \
      "gh secret set AWS_DEPLOY_ROLE_ARN --env aws --body \"\$(aws iam get-role --role-name cityscope-deploy --query Role.Arn --output text)\""
  fi
fi

# The role's inline policy holds what `serverless deploy` needs (CloudFormation creates the
# function's role with the caller's permissions, iam:ListRolePolicies included).
if [[ -n "$role" ]]; then
  fix="aws iam put-role-policy --role-name $role --policy-name deploy --policy-document file://infra/aws/deploy-policy.json"
  if actions=$(aws iam get-role-policy --role-name "$role" --policy-name deploy \
    --query 'PolicyDocument.Statement[].Action[]' --output text 2>&1); then
    have=$(tr -s '\t ' '\n' <<<"$actions")
    lacking=()
    while read -r action; do
      grep -qxF "$action" <<<"$have" || lacking+=("$action")
    done < <(grep -oE '"[a-z0-9-]+:[A-Za-z*]+"' "$policy_file" | tr -d '"' | sort -u)
    if ((${#lacking[@]} == 0)); then ok "role $role holds every action of deploy-policy.json"; else
      missing "${lacking[*]} in role $role's policy deploy" "$fix"
    fi
  elif grep -q NoSuchEntity <<<"$actions"; then
    missing "the inline policy deploy on role $role" "$fix"
  else
    unchecked "the policy of role $role" "$(first_line "$actions")" "aws iam get-role-policy --role-name $role --policy-name deploy"
  fi
fi

# The region: a name, where Lambda answers (an opt-in region must be enabled for the account)
if [[ ! "$region" =~ ^[a-z]{2}(-[a-z]+)+-[0-9]+$ ]]; then
  missing "a region name in AWS_REGION (it is '$region')" "export AWS_REGION=eu-west-1  # in GitHub: gh variable set AWS_REGION --env aws --body eu-west-1"
elif out=$(aws lambda get-account-settings --region "$region" --query AccountLimit.ConcurrentExecutions --output text 2>&1); then
  ok "Lambda in $region (account concurrency $out)"
elif grep -q 'Could not connect to the endpoint URL' <<<"$out"; then
  missing "Lambda in region $region (no such endpoint)" "export AWS_REGION=eu-west-1  # in GitHub: gh variable set AWS_REGION --env aws --body eu-west-1"
elif grep -qE 'UnrecognizedClientException|security token included in the request is invalid' <<<"$out"; then
  missing "region $region enabled for this account (an opt-in region)" "aws account enable-region --region-name $region"
else
  unchecked "Lambda in $region" "$(first_line "$out")" "aws lambda get-account-settings --region $region"
fi

check_contact aws
finish
