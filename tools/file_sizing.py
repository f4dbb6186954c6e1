#!/usr/bin/env python3
"""Files per hour and bytes per file that the SQS event source mapping's settings give the lake.

Writes the markdown table of docs/file-sizing.md:

    python3 tools/file_sizing.py > docs/file-sizing.table.md      # the table alone
    python3 tools/file_sizing.py --json                           # the same rows as JSON (tests read them)

The model, and what it assumes (each is a flag, so other data can be sized too):
- Events arrive at a steady rate, spread evenly over --types event types (six by default).
- The mapping's --concurrency parallel batches split the stream evenly (Lambda's pollers each gather
  their own batch; maximum_concurrency bounds how many run at once).
- A batch opens with its first message and closes when it holds batch_size messages, when the
  batching window has passed since that first message, or when one more record would push the
  invocation's event over Lambda's 6 MB synchronous payload (each record is the body plus about
  --record-overhead bytes of SQS metadata: 10.7 MB of event for 5.7 MB of bodies in bench/).
  So a batch holds min(batch_size, payload cap, 1 + per-batch rate x window) messages.
- Each batch writes one Parquet file per event type present in it (ingestion-time partitioning puts a
  whole batch in one hour); with m messages over T equal types, T(1 - (1 - 1/T)^m) types are present.
- A file's size is --file-overhead bytes (footer, schema, page headers) plus --parquet-bytes-per-event
  for each row (Zstd level 3 on the envelope columns). Both are assumptions: measure yours with
  `parquet-tools meta`/DuckDB's parquet_metadata() on a real file and pass them in.
- Compaction (issue 14) rewrites each closed hour of each type into files of at least 64 MiB: n =
  max(1, floor(hour bytes / 64 MiB)) files of hour bytes / n each, one file when the hour is smaller.
- Freshness: an event is in the raw table at most one batching window plus one invocation after it
  was sent; the invocation is taken as --invocation-seconds (writing and PUTs of one batch).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass

PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024  # Lambda's synchronous invocation payload
MAX_BATCH_SIZE = 10_000  # SQS event source mapping
MAX_WINDOW_SECONDS = 300
MAX_MESSAGE_BYTES = 256 * 1024  # SQS message cap
COMPACTED_FILE_TARGET_BYTES = 64 * 1024 * 1024
RATES = (10, 100, 1_000, 10_000)


@dataclass(frozen=True)
class Setting:
    name: str
    batch_size: int
    window_seconds: int
    concurrency: int

    def check(self) -> None:
        if not 1 <= self.batch_size <= MAX_BATCH_SIZE:
            raise SystemExit(f"{self.name}: batch_size {self.batch_size} is outside 1..{MAX_BATCH_SIZE}, the mapping's range.")
        if not 0 <= self.window_seconds <= MAX_WINDOW_SECONDS:
            raise SystemExit(f"{self.name}: the window {self.window_seconds} s is outside 0..{MAX_WINDOW_SECONDS} s, the mapping's range.")
        if self.concurrency < 2:
            raise SystemExit(f"{self.name}: maximum_concurrency {self.concurrency} is below 2, the mapping's minimum.")


# The module's defaults first (terraform/modules/processor/variables.tf; a test keeps them equal),
# then the previous defaults and the fewest files the mapping can give.
SETTINGS = (
    Setting("default (10,000 / 60 s / 5)", 10_000, 60, 5),
    Setting("before issue 14 (100 / 5 s / 5)", 100, 5, 5),
    Setting("fewest files (10,000 / 300 s / 2)", 10_000, 300, 2),
)


@dataclass(frozen=True)
class Assumptions:
    types: int = 6
    body_bytes: int = 600
    record_overhead_bytes: int = 500
    parquet_bytes_per_event: int = 220
    file_overhead_bytes: int = 3_072
    invocation_seconds: float = 1.0


def sized(rate: float, setting: Setting, a: Assumptions) -> dict:
    """One row: the raw files a setting gives at a rate, and the compacted files of the same hour."""
    per_batch_rate = rate / setting.concurrency
    payload_cap = PAYLOAD_LIMIT_BYTES // (a.body_bytes + a.record_overhead_bytes)
    by_window = 1 + per_batch_rate * setting.window_seconds
    messages = min(setting.batch_size, payload_cap, by_window)
    closed_by = "count" if messages == setting.batch_size else "payload" if messages == payload_cap else "window"
    batches_per_hour = rate * 3600 / messages
    types_per_batch = a.types * (1 - (1 - 1 / a.types) ** messages)
    files_per_hour = batches_per_hour * types_per_batch
    bytes_per_file = a.file_overhead_bytes + messages / types_per_batch * a.parquet_bytes_per_event

    hour_type_bytes = rate * 3600 / a.types * a.parquet_bytes_per_event
    parts = max(1, math.floor(hour_type_bytes / COMPACTED_FILE_TARGET_BYTES))
    return {
        "setting": setting.name,
        "events_per_second": rate,
        "messages_per_batch": round(messages, 1),
        "closed_by": closed_by,
        "batches_per_hour": round(batches_per_hour),
        "files_per_hour": round(files_per_hour),
        "bytes_per_file": round(bytes_per_file),
        "compacted_files_per_hour": a.types * parts,
        "compacted_bytes_per_file": round(a.file_overhead_bytes + hour_type_bytes / parts),
        "freshness_seconds": round(setting.window_seconds + a.invocation_seconds),
    }


def human(size: float) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:,.1f} {unit}"
    return f"{size:,.0f} B"


def table(rows: list[dict]) -> str:
    lines = [
        "| setting (batch size / window / concurrency) | events/s | messages per batch (closed by) | raw files per hour | bytes per raw file | compacted files per hour | bytes per compacted file | in the raw table within |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['setting']} | {r['events_per_second']:,} | {r['messages_per_batch']:,.0f} ({r['closed_by']}) | {r['files_per_hour']:,} "
            f"| {human(r['bytes_per_file'])} | {r['compacted_files_per_hour']:,} | {human(r['compacted_bytes_per_file'])} | {r['freshness_seconds']} s |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    defaults = Assumptions()
    parser.add_argument("--json", action="store_true", help="print the rows as JSON instead of the markdown table")
    parser.add_argument("--types", type=int, default=defaults.types, help="event types sharing the stream evenly")
    parser.add_argument("--body-bytes", type=int, default=defaults.body_bytes, help="mean message body, bytes")
    parser.add_argument("--record-overhead", type=int, default=defaults.record_overhead_bytes, help="SQS metadata per record in the Lambda event, bytes")
    parser.add_argument("--parquet-bytes-per-event", type=int, default=defaults.parquet_bytes_per_event, help="one row in Parquet (Zstd 3), bytes")
    parser.add_argument("--file-overhead", type=int, default=defaults.file_overhead_bytes, help="bytes of a Parquet file beyond its rows")
    parser.add_argument("--invocation-seconds", type=float, default=defaults.invocation_seconds, help="time of one invocation, s")
    args = parser.parse_args(argv)
    if not 1 <= args.body_bytes <= MAX_MESSAGE_BYTES:
        parser.error(f"--body-bytes {args.body_bytes} is outside 1..{MAX_MESSAGE_BYTES}: SQS refuses larger messages.")
    if args.types < 1:
        parser.error("--types must be at least 1.")
    assumptions = Assumptions(args.types, args.body_bytes, args.record_overhead, args.parquet_bytes_per_event, args.file_overhead, args.invocation_seconds)

    for setting in SETTINGS:
        setting.check()
    rows = [sized(rate, setting, assumptions) for setting in SETTINGS for rate in RATES]
    sys.stdout.write(json.dumps(rows, indent=2) + "\n" if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
