namespace DataPlatform.Build.Host;

/// <summary>A task that can say, without doing anything, which steps it would take (shown by <c>--dryrun</c>).</summary>
public interface IDescribesSteps<in TContext>
{
    IEnumerable<string> DescribeSteps(TContext context);
}
