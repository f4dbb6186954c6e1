# S3 backend of the dev environment; the build adds -backend-config=key=dev/<stack>.tfstate.
# The bucket must exist (the build creates it, versioned, encrypted and private,
# on the first deploy). Bucket names are global: change it to one you own.
bucket       = "dataplatform-terraform-state-dev"
region       = "eu-west-1"
use_lockfile = true
encrypt      = true
