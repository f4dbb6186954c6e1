namespace DataPlatform.Build.Image;

/// <summary>Where the image goes: the registry stack's <c>repository_url</c> and <c>repository_name</c> outputs.</summary>
public sealed record ImageRequest(string RepositoryUrl, string RepositoryName)
{
    /// <summary>The registry host of the repository URL, which <c>docker login</c> takes.</summary>
    public string Registry => RepositoryUrl.Split('/', 2)[0];
}
