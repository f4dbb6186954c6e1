output "role_arn" {
  description = "ARN of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the function's execution role."
  value       = aws_iam_role.this.name
}

output "policy_json" {
  description = "The role's inline policy document, for review."
  value       = data.aws_iam_policy_document.processor.json
}

output "trusted_principal_arns" {
  description = "Principals besides the Lambda service that may assume the role (additional_trusted_principal_arns); empty on AWS."
  value       = var.additional_trusted_principal_arns
}
