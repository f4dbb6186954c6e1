using System.Globalization;

namespace DataPlatform.Compaction;

/// <summary>What one run did.</summary>
public sealed record CompactionSummary(
    IReadOnlyList<HourProgress> Hours, DateTime? CompactedThrough, DateTime? ClosedThrough, int RawFilesDeleted, bool StoppedForTime, double Seconds,
    LateSummary? Late = null)
{
    public long RowsIn => Hours.Sum(h => h.RowsIn);

    public long RowsOut => Hours.Sum(h => h.RowsOut);

    public long DuplicatesDropped => Hours.Sum(h => h.DuplicatesInHour + h.DuplicatesInLookback);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Compacted {Hours.Count} hour(s): {RowsIn} row(s) in, {DuplicatesDropped} duplicate(s) dropped, {RowsOut} row(s) out, " +
        $"{Hours.Sum(h => h.BytesOut) / 1048576.0:0.0} MB written in {Seconds:0.0} s; watermark {(CompactedThrough is { } w ? w.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "absent (nothing compacted)")}" +
        $"{(ClosedThrough is { } c && CompactedThrough < c ? string.Create(CultureInfo.InvariantCulture, $", closed hours remain up to {c:yyyy-MM-ddTHH}:00Z{(StoppedForTime ? " (stopped before the time limit)" : " (COMPACTION_MAX_HOURS reached)")}") : "")}; " +
        $"{(Late is { Files: > 0 } late ? string.Create(CultureInfo.InvariantCulture, $"{late.Files} late file(s) compacted in {late.Hours} hour(s) below the watermark ({late.RowsOut} row(s) added); ") : "")}" +
        $"{RawFilesDeleted} raw file(s) deleted after their retention.");
}
