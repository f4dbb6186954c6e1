using System.Globalization;
using DataPlatform.Aws;
using DataPlatform.Compaction;

// CompactionProcess <endpoint> <bucket> <now, ISO 8601 UTC> <raw retention, e.g. 6h>
// Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, never from the command line.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: CompactionProcess <endpoint> <bucket> <now> <raw-retention>");
    return 2;
}

var endpoint = AwsEndpoint.Emulator(new Uri(args[0]), "us-east-1",
    Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "", Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "");
using var s3 = new AwsClients(endpoint).CreateS3();
var settings = new CompactionSettings
{
    Bucket = args[1],
    Grace = TimeSpan.FromHours(1),
    RawRetention = CompactionSettings.ParseDuration(args[3]),
};
var now = DateTime.Parse(args[2], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
var summary = await new CompactionRun(s3, settings).RunAsync(now, null, new Lines(), CancellationToken.None);
Console.WriteLine(summary);
return 0;

/// <summary>One progress line per hour, written as it happens (a test watches the bucket, not these).</summary>
internal sealed class Lines : IProgress<HourProgress>
{
    public void Report(HourProgress value) => Console.WriteLine(value);
}
