namespace DataPlatform.Deployment.Environments;

/// <summary>An environment file holds something the kit's reader does not take; the message names the file and line.</summary>
public sealed class TfvarsFormatException(string message) : Exception(message);
