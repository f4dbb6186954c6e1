namespace DataPlatform.Operations.Redrive;

/// <summary>A redrive stopped before the dead-letter queue was empty; the message says what stayed where and what to do.</summary>
public sealed class RedriveFailedException : Exception
{
    public RedriveFailedException()
    {
    }

    public RedriveFailedException(string message)
        : base(message)
    {
    }

    public RedriveFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
