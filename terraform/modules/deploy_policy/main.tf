# The deploy identity's two documents, built from one table: each scope names the
# resources it covers, the actions that only read them (the plan role gets
# those) and the actions that change them (the deploy role gets both). So the
# plan policy can never grant what the deploy policy does not, and a new
# resource type is one entry here.
#
# No Allow statement carries a Condition: moto (the local environment, which
# applies this same document with IAM enforced) evaluates no condition key but
# sts:ExternalId, so a conditioned Allow would deny there what AWS allows. Every
# statement is scoped by resource ARN instead, and where AWS has no resource to
# scope by, the entry says so.

locals {
  arn            = "arn:${var.partition}"
  in_region      = "${var.region}:${var.account_id}"
  glue_prefix    = replace(var.name_prefix, "-", "_")
  state_bucket   = "${local.arn}:s3:::${var.state_bucket}"
  lake_bucket    = "${local.arn}:s3:::${var.name_prefix}-lake-*"
  log_group_base = "${local.arn}:logs:${local.in_region}:log-group:/aws/lambda/${var.name_prefix}-*"

  # <prefix><stack>.tfstate and the lock object the S3 backend writes beside it
  # (use_lockfile = true). Keys, not the prefix: the access stack's state lives
  # under the same prefix, and the deploy identity must not rewrite it.
  state_objects = flatten([
    for stack in var.stacks : [
      "${local.state_bucket}/${var.state_key_prefix}${stack}.tfstate",
      "${local.state_bucket}/${var.state_key_prefix}${stack}.tfstate.tflock",
    ]
  ])

  # Without a state bucket (the local environment keeps state in files) there is no state scope.
  state_scopes = {
    TerraformState = {
      resources = local.state_objects
      read      = ["s3:GetObject"]
      # The plan role has no write at all: PR plans run with -lock=false (see docs/access.md).
      write = ["s3:PutObject", "s3:DeleteObject"]
    }
    TerraformStateBucket = {
      # The bucket exists before any deploy (the Access target makes it), so no CreateBucket here.
      resources = [local.state_bucket]
      read      = ["s3:ListBucket", "s3:GetBucketLocation", "s3:GetBucketVersioning"]
      write     = []
    }
  }

  scopes = merge(var.state_bucket == "" ? {} : local.state_scopes, {
    # --- the build's own calls -------------------------------------------------------------
    CallerIdentity = {
      # AWS has no resource for GetCallerIdentity (and never denies it); the build checks credentials with it.
      resources = ["*"]
      read      = ["sts:GetCallerIdentity"]
      write     = []
    }

    # --- registry stack: the repository, the environment's KMS key --------------------------
    Repository = {
      resources = ["${local.arn}:ecr:${local.in_region}:repository/${var.name_prefix}-*"]
      read      = ["ecr:DescribeRepositories", "ecr:GetLifecyclePolicy", "ecr:ListTagsForResource", "ecr:DescribeImages"]
      write = [
        "ecr:CreateRepository", "ecr:DeleteRepository", "ecr:PutLifecyclePolicy", "ecr:DeleteLifecyclePolicy",
        "ecr:TagResource", "ecr:UntagResource", "ecr:PutImageScanningConfiguration", "ecr:PutImageTagMutability",
        # The image push (docker or put-image), the rollback tags (batch-get-image + put-image
        # under a new tag, batch-delete-image to move one), and Lambda's check that the
        # creator of a function may read its image.
        "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
        "ecr:PutImage", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:ListImages", "ecr:BatchDeleteImage",
      ]
    }
    RegistryLogin = {
      # AWS: GetAuthorizationToken has no resource type; the token only works with the repository grants above.
      resources = ["*"]
      read      = []
      write     = ["ecr:GetAuthorizationToken"]
    }
    UnscopableKeyCalls = {
      # A key's ARN does not exist before CreateKey, and ListAliases lists the account's aliases: AWS cannot scope either.
      resources = ["*"]
      read      = ["kms:ListAliases"]
      write     = ["kms:CreateKey"]
    }
    Key = {
      # Keys are named by random ids, so the scope is the account's keys in this region; the
      # environment's key is found through its alias (below). ECR needs CreateGrant/RetireGrant
      # for a KMS-encrypted repository; Decrypt/GenerateDataKey serve Verify's reads of a
      # KMS-encrypted lake and its sends to a KMS-encrypted queue, and the image push.
      resources = ["${local.arn}:kms:${local.in_region}:key/*"]
      read      = ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"]
      write = [
        "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:UpdateKeyDescription",
        "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias",
        "kms:CreateGrant", "kms:RetireGrant", "kms:Decrypt", "kms:GenerateDataKey",
      ]
    }
    KeyAlias = {
      resources = ["${local.arn}:kms:${local.in_region}:alias/${var.name_prefix}"]
      read      = []
      write     = ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"]
    }

    # --- storage stack: the lake, the queues, the alarm topic, the queue alarms ------------
    LakeBucket = {
      resources = [local.lake_bucket]
      read = [
        # HeadBucket is authorised as ListBucket; the rest is what the provider reads back.
        "s3:ListBucket", "s3:GetBucketLocation", "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketCORS",
        "s3:GetBucketWebsite", "s3:GetBucketVersioning", "s3:GetAccelerateConfiguration", "s3:GetBucketRequestPayment",
        "s3:GetBucketLogging", "s3:GetLifecycleConfiguration", "s3:GetReplicationConfiguration",
        "s3:GetEncryptionConfiguration", "s3:GetBucketObjectLockConfiguration", "s3:GetBucketTagging",
        "s3:GetBucketPublicAccessBlock", "s3:GetBucketOwnershipControls",
      ]
      write = [
        "s3:CreateBucket", "s3:DeleteBucket", "s3:PutBucketPublicAccessBlock", "s3:PutBucketOwnershipControls",
        "s3:PutBucketVersioning", "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration",
        "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketTagging",
      ]
    }
    LakeObjectsRead = {
      # Verify reads the canaries' Parquet. No object write or delete: the deploy identity never
      # touches data (emptying a lake before Destroy is an administrator's act, docs/access.md).
      resources = ["${local.lake_bucket}/*"]
      read      = []
      write     = ["s3:GetObject"]
    }
    Queues = {
      resources = ["${local.arn}:sqs:${local.in_region}:${var.name_prefix}-*"]
      read      = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListQueueTags"]
      # SendMessage: Verify's canaries (SendMessageBatch is authorised as SendMessage).
      write = ["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:SetQueueAttributes", "sqs:TagQueue", "sqs:UntagQueue", "sqs:SendMessage"]
    }
    AlarmTopic = {
      # Subscriptions' ARNs are the topic's ARN plus an id, so the same pattern covers them.
      resources = ["${local.arn}:sns:${local.in_region}:${var.name_prefix}-*"]
      read      = ["sns:GetTopicAttributes", "sns:ListTagsForResource", "sns:GetSubscriptionAttributes"]
      write = [
        "sns:CreateTopic", "sns:DeleteTopic", "sns:SetTopicAttributes", "sns:TagResource", "sns:UntagResource",
        "sns:Subscribe", "sns:Unsubscribe", "sns:SetSubscriptionAttributes",
      ]
    }
    Alarms = {
      resources = ["${local.arn}:cloudwatch:${local.in_region}:alarm:${var.name_prefix}-*"]
      read      = ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"]
      write     = ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource"]
    }

    # --- iam stack: the processor's execution role -----------------------------------------
    Roles = {
      # PassRole without an iam:PassedToService condition (moto would refuse the statement);
      # the only roles it reaches are the kit's own, which trust lambda.amazonaws.com alone.
      resources = ["${local.arn}:iam::${var.account_id}:role/${var.name_prefix}-*"]
      read      = ["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListRoleTags"]
      write = [
        "iam:CreateRole", "iam:DeleteRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy",
        "iam:TagRole", "iam:UntagRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:ListInstanceProfilesForRole",
        "iam:PassRole",
      ]
    }

    # --- compute stack: the functions (processor, compaction), the mapping, log groups, schedule, Glue catalog
    Function = {
      resources = ["${local.arn}:lambda:${local.in_region}:function:${var.name_prefix}-*"]
      read = [
        "lambda:GetFunction", "lambda:GetFunctionConfiguration", "lambda:ListVersionsByFunction",
        "lambda:GetFunctionCodeSigningConfig", "lambda:GetFunctionConcurrency", "lambda:ListTags",
      ]
      write = [
        "lambda:CreateFunction", "lambda:DeleteFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
        "lambda:PutFunctionConcurrency", "lambda:DeleteFunctionConcurrency", "lambda:TagResource", "lambda:UntagResource",
      ]
    }
    EventSourceMapping = {
      # A mapping's ARN ends in a random UUID, so the scope is the account's mappings in this region.
      resources = ["${local.arn}:lambda:${local.in_region}:event-source-mapping:*"]
      read      = ["lambda:GetEventSourceMapping", "lambda:ListTags"]
      write     = ["lambda:UpdateEventSourceMapping", "lambda:DeleteEventSourceMapping", "lambda:TagResource", "lambda:UntagResource"]
    }
    EventSourceMappingCreation = {
      # AWS: CreateEventSourceMapping and ListEventSourceMappings have no resource type (only a
      # lambda:FunctionArn condition key, which moto would not evaluate; see the top of this file).
      resources = ["*"]
      read      = ["lambda:ListEventSourceMappings"]
      write     = ["lambda:CreateEventSourceMapping"]
    }
    Schedule = {
      # Compaction's hourly schedule, on the default group (aws_scheduler_schedule carries no tags).
      # The schedule's role is passed under Roles above (iam:PassRole on role/<prefix>-*).
      resources = ["${local.arn}:scheduler:${local.in_region}:schedule/default/${var.name_prefix}-*"]
      read      = ["scheduler:GetSchedule"]
      write     = ["scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule"]
    }
    LogGroup = {
      resources = [local.log_group_base, "${local.log_group_base}:*"]
      read      = ["logs:ListTagsForResource", "logs:ListTagsLogGroup"]
      write = [
        "logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy",
        "logs:AssociateKmsKey", "logs:DisassociateKmsKey", "logs:TagResource", "logs:UntagResource",
        "logs:TagLogGroup", "logs:UntagLogGroup",
      ]
    }
    LogGroupListing = {
      # DescribeLogGroups is authorised on the account's log-group:* pattern, not on one group.
      resources = ["${local.arn}:logs:${local.in_region}:log-group:*"]
      read      = ["logs:DescribeLogGroups"]
      write     = []
    }
    Catalog = {
      # Glue authorises a table call on the catalog, its database and the table together.
      resources = [
        "${local.arn}:glue:${local.in_region}:catalog",
        "${local.arn}:glue:${local.in_region}:database/${local.glue_prefix}_*",
        "${local.arn}:glue:${local.in_region}:table/${local.glue_prefix}_*/*",
        "${local.arn}:glue:${local.in_region}:userDefinedFunction/${local.glue_prefix}_*/*",
      ]
      read = ["glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartitionIndexes", "glue:GetTags"]
      write = [
        "glue:CreateDatabase", "glue:UpdateDatabase", "glue:DeleteDatabase", "glue:CreateTable", "glue:UpdateTable",
        "glue:DeleteTable", "glue:TagResource", "glue:UntagResource",
      ]
    }
  })

  # The CI roles live under their own IAM path; an explicit Deny there outranks any Allow,
  # so neither identity can change its own trust or policy even if a pattern above widens.
  protect_ci_roles = {
    Sid      = "NeverChangeTheCiRoles"
    Effect   = "Deny"
    Action   = ["iam:*"]
    Resource = ["${local.arn}:iam::${var.account_id}:role${var.protected_role_path}*"]
  }

  deploy_statements = concat([
    for sid, scope in local.scopes : {
      Sid      = sid
      Effect   = "Allow"
      Action   = distinct(concat(scope.read, scope.write))
      Resource = scope.resources
    }
  ], [local.protect_ci_roles])

  plan_statements = concat([
    for sid, scope in local.scopes : {
      Sid      = sid
      Effect   = "Allow"
      Action   = scope.read
      Resource = scope.resources
    } if length(scope.read) > 0
  ], [local.protect_ci_roles])
}
