# The deploy identity of one environment: applied once per account by an administrator
# (./build.sh --target=Access --env=<env>), never by Deploy, and never by the roles it makes.

variable "github_repository" {
  description = "The GitHub repository whose workflows deploy and plan this environment, as owner/name (for example my-org/data-platform). The build passes --github-repository, else GITHUB_REPOSITORY, else the origin remote."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$", var.github_repository))
    error_message = "github_repository must be owner/name as GitHub spells it (for example my-org/data-platform), without https:// or .git."
  }
}

variable "github_environment" {
  description = "The GitHub environment the deploy job declares (`environment:` in .github/workflows/deploy.yml). Empty string means the same name as environment (dev, prod)."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^[^:*?]{0,255}$", var.github_environment))
    error_message = "github_environment must be a GitHub environment name (up to 255 characters) without ':', '*' or '?'."
  }
}

variable "state_bucket" {
  description = "The environment's Terraform state bucket (environments/<env>.backend.hcl's bucket), which the roles may read (plan) and write (deploy) under <environment>/. Empty string for an environment with state in files (local)."
  type        = string
  default     = ""

  validation {
    condition     = var.state_bucket == "" || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket))
    error_message = "state_bucket must be empty or an S3 bucket name: 3 to 63 characters of lowercase letters, digits, dots and hyphens."
  }
}

variable "plan_role_enabled" {
  description = "Create the plan role that pull requests assume. The workflows plan dev only; with false (for prod) no branch can read the environment's state."
  type        = bool
  default     = true
}

variable "existing_oidc_provider_arn" {
  description = "ARN of the account's GitHub OIDC provider when something else made it (another environment's access stack, an administrator). Empty string creates it in this stack. The build finds it and passes it when this stack does not already manage it."
  type        = string
  default     = ""

  validation {
    condition     = var.existing_oidc_provider_arn == "" || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com$", var.existing_oidc_provider_arn))
    error_message = "existing_oidc_provider_arn must be empty or the ARN of GitHub's provider: arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com."
  }
}
