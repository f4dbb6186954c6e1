using DataPlatform.Build.Testing;

namespace DataPlatform.Build.Tests.Testing;

public sealed class TrxSummaryTests
{
    [Fact]
    public void Reads_the_counts_and_duration_from_a_trx_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.trx");
        File.WriteAllText(path, """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Times creation="2026-11-28T10:00:00.000+00:00" start="2026-11-28T10:00:00.000+00:00" finish="2026-11-28T10:00:12.500+00:00" />
              <ResultSummary outcome="Failed">
                <Counters total="10" executed="9" passed="7" failed="1" error="1" timeout="0" aborted="0" inconclusive="0" notExecuted="1" />
              </ResultSummary>
            </TestRun>
            """);
        try
        {
            var summary = TrxSummary.Read("Sample.Tests", path);

            Assert.Equal(7, summary.Passed);
            Assert.Equal(2, summary.Failed);
            Assert.Equal(1, summary.Skipped);
            Assert.Equal(12.5, summary.Duration.TotalSeconds, 3);
            Assert.Equal("Sample.Tests: 7 passed, 2 failed, 1 skipped (12.5 s)", summary.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
