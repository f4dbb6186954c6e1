using DataPlatform.Operations.Query;

namespace DataPlatform.Operations.Tests.Query;

/// <summary>
/// Queries <c>events</c> through <see cref="LakeQuery"/> (the build's Query path: cache sync, then DuckDB) again and
/// again until stopped, checking after every iteration that each expected event id came out exactly once.
/// </summary>
public sealed class QueryLoop(LakeMirror mirror, IReadOnlySet<string> expected)
{
    private readonly CancellationTokenSource _stop = new();
    private readonly string _problems = Problems("events", expected);
    private int _iterations;

    public volatile bool CompactionRunning;

    public int Iterations => _iterations;

    public int IterationsDuringCompaction { get; private set; }

    public long DuplicatesSeen { get; private set; }

    public long MissingSeen { get; private set; }

    public List<string> Failures { get; } = [];

    public async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var during = CompactionRunning;
            string? failure;
            try
            {
                failure = await CheckOnceAsync();
            }
            catch (Exception e) when (e is QueryFailedException or IOException or Amazon.S3.AmazonS3Exception)
            {
                failure = $"iteration {_iterations + 1}: the query failed: {e.Message}";
            }

            Interlocked.Increment(ref _iterations);
            if (during || CompactionRunning)
            {
                IterationsDuringCompaction++;
            }

            if (failure is not null)
            {
                Failures.Add(failure);
            }
        }
    }

    public async Task AtLeastAsync(int more)
    {
        var target = _iterations + more;
        while (_iterations < target)
        {
            await Task.Delay(20);
        }
    }

    public void Stop() => _stop.Cancel();

    /// <summary>
    /// The ids that are not seen exactly once, each with how often it was seen (0 = missing), found by DuckDB against
    /// the expected list: Query returns at most its display limit of rows, so the check must not need every id back.
    /// </summary>
    public static string Problems(string view, IEnumerable<string> expected) => $"""
        WITH seen AS (SELECT event_id, count(*) AS n FROM {view} GROUP BY event_id),
        expected AS (SELECT unnest([{string.Join(", ", expected.Select(id => $"'{id}'"))}]) AS event_id)
        SELECT coalesce(s.event_id, e.event_id) AS event_id, coalesce(s.n, 0) AS n, e.event_id IS NOT NULL AS sent
        FROM seen s FULL OUTER JOIN expected e ON s.event_id = e.event_id
        WHERE coalesce(s.n, 0) <> 1 OR e.event_id IS NULL
        ORDER BY 1
        """;

    private async Task<string?> CheckOnceAsync()
    {
        var result = await new LakeQuery(mirror).RunAsync(_problems, new QueryOptions());
        if (result.TotalRows == 0)
        {
            return null;
        }

        var rows = result.Rows.Select(r => (Id: (string)r[0]!, Seen: (long)r[1]!, Sent: (bool)r[2]!)).ToList();
        DuplicatesSeen += rows.Count(r => r.Seen > 1);
        MissingSeen += rows.Count(r => r.Seen == 0);
        return $"iteration {_iterations + 1}: {result.TotalRows} id(s) not seen exactly once, e.g. " +
            string.Join(", ", rows.Take(5).Select(r => $"{r.Id} seen {r.Seen}×{(r.Sent ? "" : " (never sent)")}"));
    }
}
