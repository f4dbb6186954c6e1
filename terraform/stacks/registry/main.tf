# The image repository. Applied first, because the image must be pushed before
# the compute stack can reference it by digest.
module "registry" {
  source = "../../modules/registry"

  name                           = "${var.name_prefix}-processor"
  kms_key_arn                    = var.registry_kms_key_arn
  max_image_count                = var.max_image_count
  untagged_image_expiration_days = var.untagged_image_expiration_days
  force_delete                   = var.registry_force_delete
}
