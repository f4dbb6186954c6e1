# The local environment's deploy identity: a role holding the same policy the
# access stack gives the deploy role in an AWS account (modules/deploy_policy),
# trusted by the enforcing emulator's administrator. The build applies this
# stack as that administrator, then assumes the role and applies every other
# stack with the role's short-lived keys, as CI does with the deploy role.
# Only the build's local environment applies it (build/Local/DeployIdentity.cs).

data "aws_caller_identity" "administrator" {}

module "deploy_policy" {
  source = "../../modules/deploy_policy"

  name_prefix = var.name_prefix
  # Local state lives in files under .state/local/, not in a bucket: the
  # statements on this name grant nothing that exists here.
  state_bucket     = "${var.name_prefix}-terraform-state"
  state_key_prefix = "${var.environment}/"
  region           = var.region
  account_id       = data.aws_caller_identity.administrator.account_id
}

resource "aws_iam_role" "deploy" {
  # Under the protected path, as in an account: the policy denies every IAM change there,
  # so the role cannot widen its own policy or trust.
  name = "${var.name_prefix}-deploy"
  path = "/ci/"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = var.administrator_arn }
    }]
  })
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy"
  role   = aws_iam_role.deploy.name
  policy = module.deploy_policy.deploy_policy_json
}
