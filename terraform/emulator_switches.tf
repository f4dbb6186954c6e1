# Emulator switches, as in the stacks. The defaults are the production settings; only the local
# emulator turns them off (environments/local.tfvars says why, one by one).

variable "default_tags_enabled" {
  description = "Add Project, Environment, Stack, ManagedBy and var.tags to every resource through the provider's default tags."
  type        = bool
  default     = true
}

variable "enforce_tls_bucket_policy" {
  description = "Attach the lake's TLS-only bucket policy."
  type        = bool
  default     = true
}

variable "dead_letter_redrive_allow_policy_enabled" {
  description = "Restrict the dead-letter queue to the ingest queue with a redrive-allow policy."
  type        = bool
  default     = true
}

variable "event_source_mapping_enabled" {
  description = "Whether the SQS event source mapping polls the ingest queue."
  type        = bool
  default     = true
}

variable "function_logging_config_enabled" {
  description = "Set the function's logging_config: JSON logs, its log group, log levels."
  type        = bool
  default     = true
}
