namespace DataPlatform.Reliability.Tests.Faults;

/// <summary>What the proxy does with one request.</summary>
public enum FaultAction
{
    Forward,

    /// <summary>Answer 500 InternalError without forwarding (S3's "try again").</summary>
    Fail,

    /// <summary>Answer 503 SlowDown without forwarding (S3 throttling the request rate).</summary>
    SlowDown,

    /// <summary>Wait a while, then forward.</summary>
    Delay,

    /// <summary>Drop the connection without an answer (a network reset).</summary>
    Reset,

    /// <summary>Forward (so S3 stores the object), then drop the answer: the ambiguous failure.</summary>
    LoseResponse,

    /// <summary>Never answer until the proxy is told to release: the moment a crash test kills the runner.</summary>
    Hold,
}
