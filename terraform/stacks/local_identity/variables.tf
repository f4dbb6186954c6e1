variable "administrator_arn" {
  description = "ARN of the identity that applies this stack and may assume the deploy role: the enforcing emulator's administrator (arn:aws:iam::<account>:user/local-admin)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/", var.administrator_arn))
    error_message = "administrator_arn must be an IAM user or role ARN, such as arn:aws:iam::123456789012:user/local-admin."
  }
}
