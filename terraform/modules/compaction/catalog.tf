locals {
  catalog_enabled  = var.catalog_database_name != ""
  compacted_events = "s3://${var.lake_bucket}/${var.lake_prefix}compacted/events/"

  # The raw table's columns (modules/processor): event_type is a partition key, not a column.
  envelope_columns = [
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

  # The contract's column mapping (lake-design.md; src/Contracts maps alike for Parquet):
  # string → string (every format but date-time and date), integer → int64, number → double,
  # boolean → bool, date-time → timestamp, date → date.
  contract_types = {
    for event_type, text in var.contracts : event_type => {
      table = "compacted_${replace(lower(event_type), "/[^a-z0-9_]/", "_")}"
      columns = [
        for name, property in jsondecode(text).properties : {
          name = name
          type = (
            property.type == "integer" ? "bigint" :
            property.type == "number" ? "double" :
            property.type == "boolean" ? "boolean" :
            try(property.format, "") == "date-time" ? "timestamp" :
            try(property.format, "") == "date" ? "date" :
            "string"
          )
        }
      ]
    }
  }

  # Hive's Parquet table over a location whose keys are dt=<YYYY-MM-DD>/hour=<HH>/ below it;
  # partition projection computes the partitions, so no crawler or MSCK REPAIR is needed.
  hour_projection = {
    "projection.enabled"          = "true"
    "projection.dt.type"          = "date"
    "projection.dt.format"        = "yyyy-MM-dd"
    "projection.dt.range"         = "${var.partition_projection_start_date},NOW"
    "projection.dt.interval"      = "1"
    "projection.dt.interval.unit" = "DAYS"
    "projection.hour.type"        = "integer"
    "projection.hour.range"       = "0,23"
    "projection.hour.digits"      = "2"
  }
}

# Every event type's compacted hours, as the raw events table is laid out (event_type injected).
# Rows of hours at or after the watermark may be half written: read through the exactly-once
# view (docs/compaction.md), not this table alone.
resource "aws_glue_catalog_table" "compacted" {
  count = local.catalog_enabled ? 1 : 0

  database_name = var.catalog_database_name
  name          = "compacted_events"
  description   = "Compacted, deduplicated events written by ${var.function_name}; complete only below the watermark (compaction_watermark)."
  table_type    = "EXTERNAL_TABLE"

  parameters = merge(local.hour_projection, {
    "classification"             = "parquet"
    "EXTERNAL"                   = "TRUE"
    "projection.event_type.type" = "injected"
    "storage.location.template"  = "${local.compacted_events}event_type=$${event_type}/dt=$${dt}/hour=$${hour}/"
  })

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
    location      = local.compacted_events
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    }

    dynamic "columns" {
      for_each = local.envelope_columns

      content {
        name = columns.value.name
        type = columns.value.type
      }
    }
  }
}

# One table per contracted event type, over that type's compacted files: the envelope and one
# typed column per top-level payload property (payload stays too). Generated from
# contracts/<event_type>.json, so a contract change is a table change in the plan.
resource "aws_glue_catalog_table" "typed" {
  for_each = local.catalog_enabled ? local.contract_types : {}

  database_name = var.catalog_database_name
  name          = each.value.table
  description   = "Compacted ${each.key} events with typed payload columns from contracts/${each.key}.json; complete only below the watermark."
  table_type    = "EXTERNAL_TABLE"

  parameters = merge(local.hour_projection, {
    "classification"            = "parquet"
    "EXTERNAL"                  = "TRUE"
    "storage.location.template" = "${local.compacted_events}event_type=${each.key}/dt=$${dt}/hour=$${hour}/"
  })

  partition_keys {
    name = "dt"
    type = "string"
  }

  partition_keys {
    name = "hour"
    type = "string"
  }

  storage_descriptor {
    location      = "${local.compacted_events}event_type=${each.key}/"
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    }

    dynamic "columns" {
      for_each = concat(local.envelope_columns, each.value.columns)

      content {
        name = columns.value.name
        type = columns.value.type
      }
    }
  }
}

# The watermark: one JSON line, every hour starting before compacted_through is compacted.
resource "aws_glue_catalog_table" "watermark" {
  count = local.catalog_enabled ? 1 : 0

  database_name = var.catalog_database_name
  name          = "compaction_watermark"
  description   = "The compaction watermark (one row): hours starting before compacted_through are compacted."
  table_type    = "EXTERNAL_TABLE"

  parameters = {
    "classification" = "json"
    "EXTERNAL"       = "TRUE"
  }

  storage_descriptor {
    location      = "s3://${var.lake_bucket}/${var.lake_prefix}compacted/_watermark/"
    input_format  = "org.apache.hadoop.mapred.TextInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"

    ser_de_info {
      serialization_library = "org.openx.data.jsonserde.JsonSerDe"
    }

    dynamic "columns" {
      for_each = [
        { name = "compacted_through", type = "string" },
        { name = "updated_at", type = "string" },
        { name = "run_id", type = "string" },
      ]

      content {
        name = columns.value.name
        type = columns.value.type
      }
    }
  }
}

# The inputs lists: which raw file each compacted hour consumed (JSON Lines per hour).
resource "aws_glue_catalog_table" "inputs" {
  count = local.catalog_enabled ? 1 : 0

  database_name = var.catalog_database_name
  name          = "compaction_inputs"
  description   = "Raw files consumed by each compacted hour; a raw file listed here for an hour below the watermark is read from the compacted table instead."
  table_type    = "EXTERNAL_TABLE"

  parameters = merge(local.hour_projection, {
    "classification"            = "json"
    "EXTERNAL"                  = "TRUE"
    "storage.location.template" = "s3://${var.lake_bucket}/${var.lake_prefix}compacted/_inputs/dt=$${dt}/hour=$${hour}/"
  })

  partition_keys {
    name = "dt"
    type = "string"
  }

  partition_keys {
    name = "hour"
    type = "string"
  }

  storage_descriptor {
    location      = "s3://${var.lake_bucket}/${var.lake_prefix}compacted/_inputs/"
    input_format  = "org.apache.hadoop.mapred.TextInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"

    ser_de_info {
      serialization_library = "org.openx.data.jsonserde.JsonSerDe"
    }

    dynamic "columns" {
      for_each = [
        { name = "uri", type = "string" },
        { name = "event_type", type = "string" },
        { name = "compacted_at", type = "string" },
      ]

      content {
        name = columns.value.name
        type = columns.value.type
      }
    }
  }
}
