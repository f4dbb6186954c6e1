using Amazon.S3;
using Amazon.S3.Model;
using DataPlatform.Processor.Lake;
using ParquetSharp;

namespace DataPlatform.Operations.Status;

/// <summary>
/// Reads the quarantine table's <c>error</c> and <c>quarantined_at</c> columns (src/Processor/Quarantine)
/// from the <c>dt=</c> folders the window touches. Quarantine files are small and rare, so they are read whole.
/// </summary>
public sealed class QuarantineReader(IAmazonS3 s3)
{
    public async Task<QuarantineSummary> ReadAsync(StatusRequest request, CancellationToken cancellationToken)
    {
        var keys = new LakeKeys(request.Prefix);
        var now = request.Now.UtcDateTime;
        var dayStart = now - StatusRequest.QuarantineWindow;
        var windowStart = request.FirstHour < dayStart ? request.FirstHour : dayStart;
        var byReason = new Dictionary<string, long>(StringComparer.Ordinal);
        var perHour = new Dictionary<DateTime, long>();
        long total = 0;
        var files = 0;
        for (var date = DateOnly.FromDateTime(windowStart); date <= DateOnly.FromDateTime(now); date = date.AddDays(1))
        {
            var folder = keys.Quarantine(date, "");
            foreach (var item in await LakeListing.ListAsync(s3, request.Bucket, folder, cancellationToken))
            {
                files++;
                foreach (var (error, at) in await ReadFileAsync(request.Bucket, item.Key, cancellationToken))
                {
                    if (at < windowStart || at > now)
                    {
                        continue;
                    }

                    if (at >= request.FirstHour)
                    {
                        var hour = StatusClock.HourOf(at);
                        perHour[hour] = perHour.GetValueOrDefault(hour) + 1;
                    }

                    if (at >= dayStart)
                    {
                        total++;
                        var reason = QuarantineReason.Of(error);
                        byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
                    }
                }
            }
        }

        var ordered = byReason.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        return new QuarantineSummary(total, ordered, perHour, files);
    }

    private async Task<List<(string Error, DateTime At)>> ReadFileAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        using var file = new ParquetFileReader(buffer, leaveOpen: true);
        var errorColumn = file.FileMetaData.Schema.ColumnIndex("error");
        var timeColumn = file.FileMetaData.Schema.ColumnIndex("quarantined_at");
        var rows = new List<(string, DateTime)>();
        for (var g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using var group = file.RowGroup(g);
            var count = checked((int)group.MetaData.NumRows);
            using var errors = group.Column(errorColumn).LogicalReader<string>();
            using var times = group.Column(timeColumn).LogicalReader<DateTime>();
            var errorValues = errors.ReadAll(count);
            var timeValues = times.ReadAll(count);
            for (var i = 0; i < count; i++)
            {
                rows.Add((errorValues[i], DateTime.SpecifyKind(timeValues[i], DateTimeKind.Utc)));
            }
        }

        file.Close();
        return rows;
    }
}
