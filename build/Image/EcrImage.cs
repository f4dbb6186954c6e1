namespace DataPlatform.Build.Image;

/// <summary>An image as ECR describes it: its manifest digest and every tag on it.</summary>
public sealed record EcrImage(string Digest, IReadOnlyList<string> Tags);
