locals {
  log_group_name = "/aws/lambda/${var.function_name}"
  events_prefix  = "${var.lake_prefix}events/"

  # The processor's settings; names and values are its contract (see
  # src/Processor/Configuration/ProcessorSettings.cs). A setting left null is
  # not set at all, so the processor's own default holds: defaults live there,
  # once, not here.
  optional_settings = {
    PARQUET_COMPRESSION = var.parquet_compression
    PARQUET_ZSTD_LEVEL  = var.parquet_zstd_level == null ? null : tostring(var.parquet_zstd_level)
    PARTITION_TIME      = var.partition_time
    MAX_BODY_BYTES      = var.max_body_bytes == null ? null : tostring(var.max_body_bytes)
    LOG_LEVEL           = var.log_level
    # The processor's PUTs follow the bucket's default encryption: SSE-KMS with
    # this key when there is one, else AES256 (the variable is then unset).
    LAKE_KMS_KEY_ARN = var.kms_key_arn != "" ? var.kms_key_arn : null
  }

  environment = merge(
    {
      LAKE_BUCKET = var.lake_bucket
      LAKE_PREFIX = var.lake_prefix
      # Lambda tells a container image nothing of its timeout; the processor
      # needs it to answer, naming what did not land, before it is killed.
      FUNCTION_TIMEOUT_SECONDS = tostring(var.timeout_seconds)
    },
    { for name, value in local.optional_settings : name => value if value != null },
  )
}

# Created before the function, so Terraform owns its retention; otherwise Lambda
# creates it on first write with logs kept forever.
resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn != "" ? var.kms_key_arn : null

  tags = var.tags
}

resource "aws_lambda_function" "this" {
  function_name = var.function_name
  description   = "Writes SQS batches from the ingest queue to the Parquet lake in s3://${var.lake_bucket}/${var.lake_prefix}."
  role          = var.role_arn

  package_type  = "Image"
  image_uri     = var.image_uri
  architectures = [var.architecture]

  image_config {
    command = var.image_command
  }

  memory_size                    = var.memory_size
  timeout                        = var.timeout_seconds
  reserved_concurrent_executions = var.reserved_concurrent_executions

  environment {
    variables = local.environment
  }

  dynamic "logging_config" {
    for_each = var.logging_config_enabled ? [local.log_group_name] : []

    content {
      log_format            = "JSON"
      log_group             = logging_config.value
      application_log_level = var.log_level
      system_log_level      = "WARN"
    }
  }

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.this]
}

resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn = var.queue_arn
  function_name    = aws_lambda_function.this.arn
  enabled          = var.event_source_mapping_enabled

  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_seconds

  # The processor reports the ids of the messages it could not write; only
  # those are retried, the rest of the batch is deleted.
  function_response_types = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.maximum_concurrency
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = var.queue_visibility_timeout_seconds >= 6 * var.timeout_seconds
      error_message = "The queue's visibility timeout (${var.queue_visibility_timeout_seconds} s) is less than 6 × the function timeout (${6 * var.timeout_seconds} s): messages would reappear while still being processed. Apply the storage stack with the same processor_timeout_seconds first."
    }

    # Messages are in flight from the moment the mapping gathers them, so the window counts
    # against the visibility timeout too.
    precondition {
      condition     = var.queue_visibility_timeout_seconds >= var.maximum_batching_window_seconds + 2 * var.timeout_seconds
      error_message = "The queue's visibility timeout (${var.queue_visibility_timeout_seconds} s) is less than the batching window (${var.maximum_batching_window_seconds} s) plus 2 × the function timeout: a batch gathered for the whole window could reappear on the queue while it is being written. Shorten maximum_batching_window_seconds or lengthen the timeout the storage stack sizes the queue for."
    }

    precondition {
      condition     = var.batch_size <= 10 || var.maximum_batching_window_seconds >= 1
      error_message = "A batch_size above 10 needs maximum_batching_window_seconds of at least 1 (an SQS rule)."
    }

    precondition {
      condition     = var.maximum_concurrency <= var.reserved_concurrent_executions
      error_message = "maximum_concurrency (${var.maximum_concurrency}) exceeds reserved_concurrent_executions (${var.reserved_concurrent_executions}): the mapping would be throttled and batches would bounce back to the queue."
    }
  }
}

resource "aws_glue_catalog_database" "this" {
  count = var.catalog_enabled ? 1 : 0

  name        = var.catalog_database_name
  description = "The data platform's lake in s3://${var.lake_bucket}/${var.lake_prefix}."
}

# Partition projection computes partitions from the key layout
# events/event_type=<t>/dt=<YYYY-MM-DD>/hour=<HH>/, so no crawler or
# MSCK REPAIR is needed. event_type is "injected": queries filter on it.
resource "aws_glue_catalog_table" "events" {
  count = var.catalog_enabled ? 1 : 0

  database_name = aws_glue_catalog_database.this[0].name
  name          = "events"
  description   = "Events written by ${var.function_name}."
  table_type    = "EXTERNAL_TABLE"

  parameters = {
    "classification"              = "parquet"
    "EXTERNAL"                    = "TRUE"
    "projection.enabled"          = "true"
    "projection.event_type.type"  = "injected"
    "projection.dt.type"          = "date"
    "projection.dt.format"        = "yyyy-MM-dd"
    "projection.dt.range"         = "${var.partition_projection_start_date},NOW"
    "projection.dt.interval"      = "1"
    "projection.dt.interval.unit" = "DAYS"
    "projection.hour.type"        = "integer"
    "projection.hour.range"       = "0,23"
    "projection.hour.digits"      = "2"
    "storage.location.template"   = "s3://${var.lake_bucket}/${local.events_prefix}event_type=$${event_type}/dt=$${dt}/hour=$${hour}/"
  }

  partition_keys {
    name = "event_type"
    type = "string"
  }

  partition_keys {
    name = "dt"
    type = "string"
  }

  partition_keys {
    name = "hour"
    type = "string"
  }

  storage_descriptor {
    location      = "s3://${var.lake_bucket}/${local.events_prefix}"
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    }

    dynamic "columns" {
      for_each = [
        { name = "event_id", type = "string" },
        { name = "source", type = "string" },
        { name = "occurred_at", type = "timestamp" },
        { name = "ingested_at", type = "timestamp" },
        { name = "payload", type = "string" },
        { name = "attributes", type = "string" },
        { name = "sqs_message_id", type = "string" },
        { name = "sqs_sent_at", type = "timestamp" },
        { name = "sqs_receive_count", type = "int" },
      ]

      content {
        name = columns.value.name
        type = columns.value.type
      }
    }
  }
}
