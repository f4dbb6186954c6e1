resource "aws_ecr_repository" "this" {
  name = var.name

  # A tag can never be moved to other content; deploys reference images by
  # digest anyway, so a tag is a label for people, not a deploy pointer.
  image_tag_mutability = "IMMUTABLE"
  force_delete         = var.force_delete

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = var.kms_key_arn != "" ? "KMS" : "AES256"
    kms_key         = var.kms_key_arn != "" ? var.kms_key_arn : null
  }

  tags = var.tags
}

# ECR gives an image to the first rule, by priority, whose tag selection it
# matches, and a lower-priority rule can never expire it. Rules 2 and 3 select
# the image the function runs (live-<time>) and its rollback target
# (previous-<time>), tags the build moves on every deploy (build/Image/
# DeploymentTag.cs), and their count is never reached: those two images are
# never expired, however old, while rule 4 keeps the newest of the rest.
resource "aws_ecr_lifecycle_policy" "this" {
  repository = aws_ecr_repository.this.name

  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Expire untagged images after ${var.untagged_image_expiration_days} days"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = var.untagged_image_expiration_days
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Never expire the image the function runs (tag live-<time>)"
        selection = {
          tagStatus     = "tagged"
          tagPrefixList = ["live-"]
          countType     = "imageCountMoreThan"
          countNumber   = 9999
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 3
        description  = "Never expire the rollback target (tag previous-<time>)"
        selection = {
          tagStatus     = "tagged"
          tagPrefixList = ["previous-"]
          countType     = "imageCountMoreThan"
          countNumber   = 9999
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 4
        description  = "Keep the newest ${var.max_image_count} other images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = var.max_image_count
        }
        action = { type = "expire" }
      },
    ]
  })
}
