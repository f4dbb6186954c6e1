using Amazon.S3;
using DataPlatform.Processor.Lake;

namespace DataPlatform.Operations.Status;

/// <summary>
/// The events table's objects that landed in the window, counted per hour of landing, with rows and the
/// newest <c>ingested_at</c> read from each footer. It lists the whole events/ tree, because a lake
/// partitioned by event time puts late events in old folders; canaries (canaries/) are not events.
/// </summary>
public sealed class LakeReader(IAmazonS3 s3)
{
    private const int Parallelism = 8;

    public async Task<LakeSummary> ReadAsync(StatusRequest request, CancellationToken cancellationToken)
    {
        var now = request.Now.UtcDateTime;
        // S3's clock may run a little ahead of ours: an object stored "after" now landed in the current hour.
        var landed = (await LakeListing.ListAsync(s3, request.Bucket, new LakeKeys(request.Prefix).EventsRoot, cancellationToken))
            .Select(o => (Object: o, At: Min(o.LastModified?.ToUniversalTime() ?? DateTime.MinValue, now)))
            .Where(x => x.At >= request.FirstHour)
            .ToList();
        var footers = new ParquetFooter[landed.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, landed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, token) => footers[i] = await ParquetFooter.ReadAsync(s3, request.Bucket, landed[i].Object.Key, landed[i].Object.Size ?? 0, token));

        var hours = Enumerable.Range(0, request.Hours)
            .Select(h => request.FirstHour.AddHours(h))
            .Select(hour =>
            {
                var inHour = landed.Select((x, i) => (x.Object, x.At, Footer: footers[i])).Where(x => StatusClock.HourOf(x.At) == hour).ToList();
                return new LakeHour(hour, inHour.Count, inHour.Sum(x => x.Object.Size ?? 0), inHour.Sum(x => x.Footer.Rows));
            })
            .ToList();
        var newest = footers.Select(f => f.NewestIngestedAt).Max();
        return new LakeSummary(hours, newest);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
