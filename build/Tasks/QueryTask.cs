using DataPlatform.Build.Host;
using DataPlatform.Build.Operations;
using DataPlatform.Contracts;
using DataPlatform.Operations.Query;

namespace DataPlatform.Build.Tasks;

[TaskName("Query")]
[TaskDescription("Runs --sql (or --file) with DuckDB over the lake's views events (each event once), events_raw, quarantine and canaries; prints a table, and writes --out=FILE.csv|.parquet.")]
[IsDependentOn(typeof(UpTask))]
public sealed class QueryTask : AsyncBuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context)
    {
        var outputs = LakeOutputs.FromArtifacts(context);
        var sql = context.QuerySql ?? (context.QueryFile is { } file && File.Exists(file) ? File.ReadAllText(file) : "");
        var tables = LakeQuery.TablesNamedIn(sql);
        var from = context.QueryFromDate is { } day ? $" from dt={day:yyyy-MM-dd}" : "";
        return
        [
            tables.Count == 0
                ? $"fetch nothing from the lake (the SQL names none of {string.Join(", ", LakeQuery.ViewNames)})"
                : $"fetch new Parquet under s3://{LakeOutputs.Describe(outputs, o => o.Bucket + "/" + o.Prefix, "<lake_bucket>/")}{{{string.Join(",", tables.Select(t => t.Folder.TrimEnd('/')))}}}/{from} " +
                  $"into {Path.Combine(context.EnvironmentStateDirectory, "lake-cache")} (removing cached files whose object is gone)",
            $"run the SQL{(context.QueryFile is null ? "" : " in " + context.QueryFile)} with DuckDB over views {string.Join(", ", LakeQuery.ViewNames)}",
            context.QueryOut is null ? "print the rows" : $"print the rows and write them to {context.QueryOut}",
        ];
    }

    public override async Task RunAsync(BuildContext context)
    {
        var sql = context.QuerySql ?? (context.QueryFile is { } file
            ? File.Exists(file) ? await File.ReadAllTextAsync(file) : throw new BuildUsageException($"--file={file} does not exist. Give the path of a file that holds the SQL.")
            : throw new BuildUsageException("Query needs the SQL: --sql=\"SELECT count(*) FROM events\" or --file=query.sql."));
        var outputs = LakeOutputs.Read(context, "Query");
        var console = OperatorConsole.Create();
        using var s3 = context.Aws.CreateS3();
        var mirror = new LakeMirror(s3, outputs.Bucket, outputs.Prefix, Path.Combine(context.EnvironmentStateDirectory, "lake-cache"));
        try
        {
            var result = await MirrorProgress.RunAsync(console, progress =>
                new LakeQuery(mirror, RepositoryContracts(context)).RunAsync(sql, new QueryOptions(context.QueryOut, context.QueryFromDate), progress));
            QueryScreen.Write(console, result, context.QueryOut);
        }
        catch (QueryFailedException e)
        {
            throw new BuildFailedException(e.Message);
        }
    }

    /// <summary>The repository's contracts/, which give each contracted type its view events_&lt;type&gt;.</summary>
    private static ContractSet RepositoryContracts(BuildContext context)
    {
        var folder = Path.Combine(context.RepositoryRoot, "contracts");
        try
        {
            return Directory.Exists(folder) ? ContractLoader.LoadDirectory(folder) : ContractSet.Empty;
        }
        catch (ContractFormatException e)
        {
            throw new BuildFailedException($"Query could not read the contracts that give each type its view: {e.Message}");
        }
    }
}
