# The processor's execution role, in its own stack so that permissions are
# reviewed and applied apart from code deploys.
module "processor_iam" {
  source = "../../modules/processor_iam"

  role_name       = "${local.processor_function_name}-role"
  function_name   = local.processor_function_name
  queue_arn       = var.ingest_queue_arn
  lake_bucket_arn = var.lake_bucket_arn
  lake_prefix     = var.lake_prefix
  kms_key_arn     = var.kms_key_arn

  additional_trusted_principal_arns = var.processor_role_trusted_principal_arns
}
