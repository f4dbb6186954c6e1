# The image repository and, when the environment asks for it, the platform's KMS
# key. Applied first: the image must be pushed before the compute stack can
# reference it by digest, and the key must exist before anything it encrypts.
module "encryption_key" {
  source = "../../modules/encryption_key"
  count  = var.create_kms_key ? 1 : 0

  alias           = var.name_prefix
  log_group_names = ["/aws/lambda/${local.processor_function_name}", "/aws/lambda/${local.compaction_function_name}"]
}

locals {
  # The one key of the environment: the kit's, a given one, or none ("").
  kms_key_arn = var.create_kms_key ? module.encryption_key[0].key_arn : var.existing_kms_key_arn
}

module "registry" {
  source = "../../modules/registry"

  name                           = "${var.name_prefix}-processor"
  kms_key_arn                    = local.kms_key_arn
  max_image_count                = var.max_image_count
  untagged_image_expiration_days = var.untagged_image_expiration_days
  force_delete                   = var.registry_force_delete
}
