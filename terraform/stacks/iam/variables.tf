# Inputs from the registry and storage stacks' outputs, by the same names.

variable "ingest_queue_arn" {
  description = "ARN of the ingest queue (storage stack output)."
  type        = string
}

variable "lake_bucket_arn" {
  description = "ARN of the lake bucket (storage stack output)."
  type        = string
}

variable "lake_prefix" {
  description = "Key prefix of the lake inside the bucket (storage stack output)."
  type        = string
  default     = ""
}

variable "kms_key_arn" {
  description = "ARN of the KMS key of the lake and queues, or empty (registry stack output)."
  type        = string
  default     = ""
}

variable "processor_role_trusted_principal_arns" {
  description = "Principals besides the Lambda service that may assume the processor's role: set by the local environment only (a moto workaround: its runner assumes the role to process with the function's permissions). Empty on AWS."
  type        = list(string)
  default     = []
}
