output "key_arn" {
  description = "ARN of the key: the value every store's kms_key_arn takes."
  value       = aws_kms_key.this.arn
}

output "key_id" {
  description = "ID of the key."
  value       = aws_kms_key.this.key_id
}

output "alias_name" {
  description = "The key's alias, alias/<alias>."
  value       = aws_kms_alias.this.name
}

output "policy_json" {
  description = "The key policy, for review."
  value       = data.aws_iam_policy_document.key.json
}
