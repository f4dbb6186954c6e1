namespace DataPlatform.Reliability.Tests.Faults;

/// <summary>
/// What the proxy knows about a request before deciding: moto serves every service on one port,
/// so S3 calls are told apart by method and path, SQS (JSON protocol) calls by X-Amz-Target.
/// </summary>
public sealed record ProxiedRequest(string Method, string Path, string? Target)
{
    public bool IsS3Put => Method == "PUT" && Target is null;

    public bool IsEventPut => IsS3Put && Path.Contains("/events/", StringComparison.Ordinal);

    public bool IsSqs(string action) => Target == "AmazonSQS." + action;
}
