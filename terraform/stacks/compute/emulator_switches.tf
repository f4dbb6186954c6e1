# Emulator switches of this stack. The defaults are the production settings;
# only environments/local.tfvars turns them off, each with the reason next to it.

variable "event_source_mapping_enabled" {
  description = "Whether the SQS event source mapping polls the ingest queue (compute stack)."
  type        = bool
  default     = true
}

variable "function_logging_config_enabled" {
  description = "Set the function's logging_config: JSON logs, its log group, log levels (compute stack)."
  type        = bool
  default     = true
}
