# Partial configuration: the bucket, key and region come from
# -backend-config=../../environments/<env>.backend.hcl and -backend-config=key=<env>/<stack>.tfstate.
# For the local environment a git-ignored backend_override.tf switches to the local backend.
terraform {
  backend "s3" {}
}
