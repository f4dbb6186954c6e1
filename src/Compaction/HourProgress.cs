using System.Globalization;

namespace DataPlatform.Compaction;

/// <summary>One compacted hour, or the late files added to one (<paramref name="Late"/>), as its progress line says it.</summary>
public sealed record HourProgress(
    DateTime Hour, int Files, long RowsIn, long DuplicatesInHour, long DuplicatesInLookback, long RowsOut, int Parts, long BytesIn, long BytesOut, double Seconds,
    bool ByAthena = false, bool Late = false)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Late ? "late files of hour" : "hour")} {Hour:yyyy-MM-dd HH}:00Z: {Files} file(s), {RowsIn} row(s) in, {DuplicatesInHour + DuplicatesInLookback} duplicate(s) dropped " +
        $"({DuplicatesInHour} within the hour, {DuplicatesInLookback} already compacted), {RowsOut} row(s) out in {Parts} part(s), " +
        $"{BytesIn / 1048576.0:0.0} MB -> {BytesOut / 1048576.0:0.0} MB, {Seconds:0.0} s") +
        (ByAthena ? " (rewritten by Athena: its rows are not counted here)" : "");
}
