namespace DataPlatform.Operations.Tests.Reconcile;

/// <summary>One test's bucket, queue, DLQ and state folder (the <c>.state/&lt;env&gt;/</c> of a build).</summary>
public sealed record LakeUnderTest(string Bucket, string QueueUrl, string DeadLetterQueueUrl, string StateDirectory)
{
    public string CacheDirectory => Path.Combine(StateDirectory, "lake-cache");
}
