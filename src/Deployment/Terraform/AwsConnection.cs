namespace DataPlatform.Deployment.Terraform;

/// <summary>Where the stacks are deployed and how terraform reaches it.</summary>
/// <param name="Region">The resolved region (the flag may override the environment file's); every stack gets it.</param>
/// <param name="Endpoint">An emulator's endpoint, passed to stacks as <c>aws_endpoint_url</c>; null for AWS itself.</param>
/// <param name="ProcessEnvironment">Credentials and region variables set on every terraform process; a null value removes one (a profile that must not leak).</param>
public sealed record AwsConnection(string Region, Uri? Endpoint, IReadOnlyDictionary<string, string?> ProcessEnvironment);
