# Emulator switches of this stack. The defaults are the production settings;
# only environments/local.tfvars turns them off, each with the reason next to it.

variable "enforce_tls_bucket_policy" {
  description = "Attach the lake's TLS-only bucket policy (storage stack)."
  type        = bool
  default     = true
}

variable "dead_letter_redrive_allow_policy_enabled" {
  description = "Restrict the dead-letter queue to the ingest queue with a redrive-allow policy (storage stack)."
  type        = bool
  default     = true
}
