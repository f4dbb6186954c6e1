namespace DataPlatform.Operations.Replay;

/// <summary>A replay stopped part-way; the message says what was sent, what stays in quarantine and what to do.</summary>
public sealed class ReplayFailedException : Exception
{
    public ReplayFailedException()
    {
    }

    public ReplayFailedException(string message)
        : base(message)
    {
    }

    public ReplayFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
