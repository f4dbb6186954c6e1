data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

# The same documents the local environment's deploy identity gets (issue 12): what the four
# stacks, the image push, the rollback tags and Verify need, scoped to this environment.
module "deploy_policy" {
  source = "../../modules/deploy_policy"

  name_prefix      = var.name_prefix
  state_bucket     = var.state_bucket
  state_key_prefix = "${var.environment}/"
  region           = var.region
  account_id       = data.aws_caller_identity.current.account_id
  partition        = data.aws_partition.current.partition
}

module "ci_roles" {
  source = "../../modules/ci_roles"

  github_repository          = var.github_repository
  deploy_environment         = var.github_environment != "" ? var.github_environment : var.environment
  name_prefix                = var.name_prefix
  account_id                 = data.aws_caller_identity.current.account_id
  partition                  = data.aws_partition.current.partition
  deploy_policy_json         = module.deploy_policy.deploy_policy_json
  plan_policy_json           = module.deploy_policy.plan_policy_json
  plan_role_enabled          = var.plan_role_enabled
  existing_oidc_provider_arn = var.existing_oidc_provider_arn
}
