variable "github_repository" {
  description = "The GitHub repository whose workflows assume the roles, as owner/name (for example my-org/data-platform)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$", var.github_repository))
    error_message = "github_repository must be owner/name as GitHub spells it (for example my-org/data-platform), without https:// or .git."
  }
}

variable "deploy_environment" {
  description = "The GitHub environment of the deploy job (its `environment:` key): the deploy role trusts only tokens with the subject repo:<owner>/<name>:environment:<deploy_environment>. 1 to 255 characters, no colon or wildcard."
  type        = string

  validation {
    condition     = can(regex("^[^:*?]{1,255}$", var.deploy_environment))
    error_message = "deploy_environment must be a GitHub environment name (1 to 255 characters) without ':', '*' or '?'."
  }
}

variable "name_prefix" {
  description = "Prefix of the roles' names: <name_prefix>-github-deploy and <name_prefix>-github-plan."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 2 to 24 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "account_id" {
  description = "The 12-digit id of the account the provider and roles live in."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be the 12 digits of an AWS account id."
  }
}

variable "partition" {
  description = "AWS partition of the account: aws, aws-cn or aws-us-gov."
  type        = string
  default     = "aws"

  validation {
    condition     = contains(["aws", "aws-cn", "aws-us-gov"], var.partition)
    error_message = "partition must be aws, aws-cn or aws-us-gov."
  }
}

variable "role_path" {
  description = "IAM path of both roles. The deploy policy denies every IAM change under it, so keep the two in step (deploy_policy's protected_role_path)."
  type        = string
  default     = "/ci/"

  validation {
    condition     = can(regex("^/([A-Za-z0-9+=,.@_-]+/)+$", var.role_path))
    error_message = "role_path must be an IAM path: starts and ends with a slash, such as /ci/."
  }
}

variable "deploy_policy_json" {
  description = "The deploy role's inline policy (deploy_policy's deploy_policy_json)."
  type        = string
}

variable "plan_policy_json" {
  description = "The plan role's inline policy (deploy_policy's plan_policy_json)."
  type        = string
}

variable "plan_role_enabled" {
  description = "Create the plan role that pull requests assume. Turn it off for an environment no pull request plans (prod), so no branch can read its state."
  type        = bool
  default     = true
}

variable "existing_oidc_provider_arn" {
  description = "ARN of the account's GitHub OIDC provider when it exists already (an account has one per URL; another environment's access stack or an administrator may have made it). Empty string creates it here."
  type        = string
  default     = ""

  validation {
    condition     = var.existing_oidc_provider_arn == "" || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com$", var.existing_oidc_provider_arn))
    error_message = "existing_oidc_provider_arn must be empty or the ARN of GitHub's provider: arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com."
  }
}

variable "max_session_duration_seconds" {
  description = "Longest session either role grants, in seconds: an integer from 3600 to 43200. A deploy of the kit takes minutes; the default leaves room for a slow image build."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_session_duration_seconds >= 3600 && var.max_session_duration_seconds <= 43200
    error_message = "max_session_duration_seconds must be from 3600 to 43200."
  }
}

variable "tags" {
  description = "Tags of the provider and the roles."
  type        = map(string)
  default     = {}
}
