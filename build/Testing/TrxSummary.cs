using System.Xml.Linq;

namespace DataPlatform.Build.Testing;

/// <summary>The counts of one test run, read from its TRX file.</summary>
public sealed record TrxSummary(string Project, int Passed, int Failed, int Skipped, TimeSpan Duration)
{
    /// <summary>The failed tests, each with the first lines of its message.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    public int Total => Passed + Failed + Skipped;

    public static TrxSummary Read(string project, string trxPath)
    {
        var document = XDocument.Load(trxPath);
        XNamespace ns = document.Root!.Name.Namespace;
        var counters = document.Descendants(ns + "Counters").Single();
        var times = document.Descendants(ns + "Times").SingleOrDefault();
        var duration = times is null
            ? TimeSpan.Zero
            : DateTimeOffset.Parse(times.Attribute("finish")!.Value) - DateTimeOffset.Parse(times.Attribute("start")!.Value);
        int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0");
        var failures = document.Descendants(ns + "UnitTestResult")
            .Where(r => r.Attribute("outcome")?.Value == "Failed")
            .Select(r =>
            {
                var message = r.Descendants(ns + "Message").FirstOrDefault()?.Value ?? "";
                var firstLines = string.Join(" | ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(3).Select(l => l.Trim()));
                return $"{r.Attribute("testName")?.Value}: {firstLines}";
            })
            .ToList();
        return new TrxSummary(project, Count("passed"), Count("failed") + Count("error") + Count("timeout") + Count("aborted"),
            Count("notExecuted") + Count("inconclusive"), duration) { Failures = failures };
    }

    public override string ToString() =>
        $"{Project}: {Passed} passed, {Failed} failed, {Skipped} skipped ({Duration.TotalSeconds:0.0} s)";
}
