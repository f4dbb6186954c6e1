# The local environment: every stack against a moto server on this machine
# (the build passes aws_endpoint_url=http://127.0.0.1:<port> to every stack).
environment = "local"
region      = "us-east-1"
name_prefix = "dp-local"

# Build-only (no stack declares it): the build starts moto on this machine,
# keeps the Terraform state in files under .state/local/ and applies without
# asking. Any environment file can set it to get an emulator of its own.
embedded_emulator = true

# Emulator switches: each turns off one production setting that moto 5.2
# cannot carry. Real environments leave them at their defaults (true).

# An enabled SQS event source mapping to an Image function makes moto run the
# function on SendMessage, which then fails with HTTP 500. The mapping is
# created disabled and the local runner plays its part.
event_source_mapping_enabled = false

# moto ignores bucket-policy conditions, so the TLS-only Deny
# (aws:SecureTransport = false) denies every read and write.
enforce_tls_bucket_policy = false

# moto rejects RedriveAllowPolicy on SQS: the create hangs until it times out.
dead_letter_redrive_allow_policy_enabled = false

# moto does not store a Lambda function's logging_config, so every plan shows
# it as a change and the stacks never converge.
function_logging_config_enabled = false

# moto's Glue CreateDatabase drops the tags it is given (only TagResource
# stores them), so with the provider's default tags the catalog database shows
# tag drift on every plan. Tags are metadata: every resource is still created.
default_tags_enabled = false

# Not an emulator gap: the local drain plays the mapping's batching window in
# real time, and demos and tests want seconds, not the minute of the default
# freshness target (docs/file-sizing.md). Small, quick batches, as before
# issue 14.
batch_size                      = 100
maximum_batching_window_seconds = 5

# moto workaround: Lambda's service principal cannot call moto, so the local
# runner, Drain and Verify assume the function's execution role as the local
# administrator (the build's enforced emulator creates this user). Real
# environments leave the list empty: only lambda.amazonaws.com is trusted.
processor_role_trusted_principal_arns = ["arn:aws:iam::123456789012:user/local-admin"]
