locals {
  issuer_host = "token.actions.githubusercontent.com"

  # What GitHub puts in the token's `sub` claim (docs.github.com, "About security hardening
  # with OpenID Connect"): a job with `environment:` gets the environment form, whatever the
  # branch; a pull_request job gets the pull_request form. Exact values, never a pattern.
  deploy_subject = "repo:${var.github_repository}:environment:${var.deploy_environment}"
  plan_subject   = "repo:${var.github_repository}:pull_request"

  oidc_provider_arn = var.existing_oidc_provider_arn != "" ? var.existing_oidc_provider_arn : "arn:${var.partition}:iam::${var.account_id}:oidc-provider/${local.issuer_host}"
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.existing_oidc_provider_arn == "" ? 1 : 0

  url            = "https://${local.issuer_host}"
  client_id_list = ["sts.amazonaws.com"]
  # AWS no longer checks GitHub's certificate against a thumbprint (it trusts its own CA
  # store for this issuer), but the API still wants one; this is GitHub's published one.
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]

  tags = var.tags
}

# jsonencode rather than a policy document data source, and the provider's ARN built from
# its known form rather than read from the resource: so the trust policies are known at plan
# time, and the trust test reads them from the plan (tests/Infrastructure.Tests, WorkflowTrust).
locals {
  trust = {
    for role, subject in merge({ deploy = local.deploy_subject }, var.plan_role_enabled ? { plan = local.plan_subject } : {}) :
    role => jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect    = "Allow"
        Action    = "sts:AssumeRoleWithWebIdentity"
        Principal = { Federated = local.oidc_provider_arn }
        # StringEquals on both claims: a StringLike with * would let other branches,
        # environments or repositories in (the trust test refuses wildcards in sub).
        Condition = {
          StringEquals = {
            "${local.issuer_host}:aud" = "sts.amazonaws.com"
            "${local.issuer_host}:sub" = subject
          }
        }
      }]
    })
  }
}

resource "aws_iam_role" "deploy" {
  name                 = "${var.name_prefix}-github-deploy"
  path                 = var.role_path
  description          = "Deploys ${var.name_prefix} from ${var.github_repository}'s deploy job (GitHub environment ${var.deploy_environment})."
  assume_role_policy   = local.trust["deploy"]
  max_session_duration = var.max_session_duration_seconds

  tags = var.tags

  # IAM refuses a trust policy whose federated principal does not exist yet.
  depends_on = [aws_iam_openid_connect_provider.github]
}

# Inline: the deploy document is above IAM's 6,144 characters for a managed policy and
# within the 10,240 a role's inline policies may hold.
resource "aws_iam_role_policy" "deploy" {
  name   = "deploy"
  role   = aws_iam_role.deploy.id
  policy = var.deploy_policy_json
}

resource "aws_iam_role" "plan" {
  count = var.plan_role_enabled ? 1 : 0

  name                 = "${var.name_prefix}-github-plan"
  path                 = var.role_path
  description          = "Plans ${var.name_prefix} (read only) from ${var.github_repository}'s pull requests."
  assume_role_policy   = local.trust["plan"]
  max_session_duration = var.max_session_duration_seconds

  tags = var.tags

  # IAM refuses a trust policy whose federated principal does not exist yet.
  depends_on = [aws_iam_openid_connect_provider.github]
}

resource "aws_iam_role_policy" "plan" {
  count = var.plan_role_enabled ? 1 : 0

  name   = "plan"
  role   = aws_iam_role.plan[0].id
  policy = var.plan_policy_json
}
