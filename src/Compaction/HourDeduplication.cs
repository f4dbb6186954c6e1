namespace DataPlatform.Compaction;

/// <summary>
/// Decides which rows of an hour survive and in which order: per event id the first sent copy
/// (sqs_sent_at, then sqs_message_id, then file key and row, so reruns decide alike), minus ids already
/// compacted in the look-back window; kept rows sorted by (occurred_at, event_id) and cut into parts.
/// </summary>
public static class HourDeduplication
{
    public static HourPlan Plan(IReadOnlyList<RawFile> files, Func<string, bool> alreadyCompacted, long partTargetBytes)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(alreadyCompacted);
        var ordered = files.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0)
        {
            return new HourPlan { Files = ordered, Types = [] };
        }

        var columns = ordered.Select(f => EnvelopeColumns.Of(f.ColumnNames, f.Key)).ToArray();
        var first = new Dictionary<string, RowRef>(StringComparer.Ordinal);
        long rowsIn = 0;
        long inHour = 0;
        for (var f = 0; f < ordered.Count; f++)
        {
            var ids = ordered[f].Column<string>(columns[f].EventId);
            rowsIn += ids.Length;
            for (var r = 0; r < ids.Length; r++)
            {
                var candidate = new RowRef(f, r);
                if (first.TryGetValue(ids[r], out var kept))
                {
                    inHour++;
                    if (SentBefore(ordered, columns, candidate, kept))
                    {
                        first[ids[r]] = candidate;
                    }
                }
                else
                {
                    first.Add(ids[r], candidate);
                }
            }
        }

        long inLookback = 0;
        var byType = new SortedDictionary<string, List<RowRef>>(StringComparer.Ordinal);
        foreach (var (id, row) in first)
        {
            if (alreadyCompacted(id))
            {
                inLookback++;
                continue;
            }

            var type = ordered[row.File].Column<string>(columns[row.File].EventType)[row.Row];
            if (!byType.TryGetValue(type, out var rows))
            {
                byType[type] = rows = [];
            }

            rows.Add(row);
        }

        var types = new List<HourPlan.TypeParts>();
        foreach (var (type, list) in byType)
        {
            var rows = list.ToArray();
            Array.Sort(rows, (a, b) => OutputOrder(ordered, columns, a, b));
            types.Add(new HourPlan.TypeParts(type, rows, CutParts(ordered, type, rows.Length, partTargetBytes)));
        }

        return new HourPlan { Files = ordered, Types = types, RowsIn = rowsIn, DuplicatesInHour = inHour, DuplicatesInLookback = inLookback };
    }

    /// <summary>
    /// As many parts as whole targets fit in the kept rows' estimated size (raw bytes per row of the type), at
    /// least one, rows split evenly: each part is then at least the target, by the estimate, and under two.
    /// </summary>
    private static List<Range> CutParts(List<RawFile> files, string type, int keptRows, long target)
    {
        long bytes = 0;
        long rows = 0;
        foreach (var file in files.Where(f => f.EventType == type))
        {
            bytes += file.Size;
            rows += file.Rows;
        }

        var perRow = rows == 0 ? 0 : (double)bytes / rows;
        var count = (int)Math.Max(1, Math.Min(keptRows, Math.Floor(keptRows * perRow / target)));
        var parts = new List<Range>(count);
        for (var p = 0; p < count; p++)
        {
            parts.Add(new Range((int)((long)keptRows * p / count), (int)((long)keptRows * (p + 1) / count)));
        }

        return parts;
    }

    private static bool SentBefore(List<RawFile> files, EnvelopeColumns[] columns, RowRef a, RowRef b)
    {
        var sentA = files[a.File].Column<DateTime?>(columns[a.File].SentAt)[a.Row];
        var sentB = files[b.File].Column<DateTime?>(columns[b.File].SentAt)[b.Row];
        if (sentA != sentB)
        {
            // A copy without a sent time (never from SQS) loses to any that has one.
            return sentB is null || (sentA is not null && sentA < sentB);
        }

        var byMessage = string.CompareOrdinal(
            files[a.File].Column<string>(columns[a.File].MessageId)[a.Row],
            files[b.File].Column<string>(columns[b.File].MessageId)[b.Row]);
        if (byMessage != 0)
        {
            return byMessage < 0;
        }

        // Files are in key order, so (file, row) is the same on every rerun.
        return a.File != b.File ? a.File < b.File : a.Row < b.Row;
    }

    private static int OutputOrder(List<RawFile> files, EnvelopeColumns[] columns, RowRef a, RowRef b)
    {
        var byTime = files[a.File].Column<DateTime>(columns[a.File].OccurredAt)[a.Row]
            .CompareTo(files[b.File].Column<DateTime>(columns[b.File].OccurredAt)[b.Row]);
        return byTime != 0
            ? byTime
            : string.CompareOrdinal(files[a.File].Column<string>(columns[a.File].EventId)[a.Row], files[b.File].Column<string>(columns[b.File].EventId)[b.Row]);
    }
}
