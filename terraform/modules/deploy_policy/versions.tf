# Only locals and jsonencode: no provider, so the documents can be read with
# `terraform console` or a plan anywhere, without credentials.
terraform {
  required_version = ">= 1.11"
}
