using System.Globalization;

namespace DataPlatform.LocalRunner;

/// <summary>The runner's flags, read once into typed values; environment variables are the fallback.</summary>
public sealed record RunnerCommandLine
{
    public const string Usage = """
        Usage: LocalRunner --queue-url URL [options]

        Plays the SQS event source mapping against any SQS/S3 endpoint: long-polls batches, runs the
        processor's handler in process, deletes the messages that succeeded and leaves failed ones
        for redelivery (and, after maxReceiveCount, the DLQ).

        Options:
          --outputs FILE                   A deployed environment's artifacts/<env>/outputs.json: the queue,
                                           region, endpoint, the function's settings and its mapping's batch
                                           size, batching window and concurrency come from it, so batches are
                                           processed as the deployed mapping would. Flags and the variables
                                           below win over it.
          --queue-url URL                  Queue to drain (env QUEUE_URL). Required without --outputs.
          --bucket NAME                    Lake bucket (env LAKE_BUCKET). Required without --outputs.
          --prefix PREFIX                  Key prefix in the bucket (env LAKE_PREFIX, default empty).
          --endpoint-url URL               SQS/S3 endpoint, e.g. moto (env AWS_ENDPOINT_URL; default AWS).
          --region REGION                  AWS region (env AWS_REGION; default us-east-1 with an endpoint).
          --batch-size N                   Messages per invocation, 1-10000 (default 10).
          --batching-window SECONDS        Time to fill a batch, 0-300 (default 0: take what is there).
          --concurrency N                  Invocations at once, 1-1000 (default 1).
          --until-empty                    Exit once the queue has no visible or in-flight messages.
          --max-messages N                 Exit after receiving N messages.
          --wait-time SECONDS              Long-poll wait while the queue is empty, 0-20 (default 20).
          --failed-visibility-timeout S    Make failed messages visible again after S seconds
                                           (default: the queue's visibility timeout).
          --timeout SECONDS                Give up after this long (default: no limit).
          --quiet                          No per-batch progress lines.
          -h, --help                       Show this help.

        Processor settings (PARQUET_COMPRESSION, PARQUET_ZSTD_LEVEL, PARTITION_TIME, MAX_BODY_BYTES,
        LOG_LEVEL, FUNCTION_TIMEOUT_SECONDS) come from the environment, as in the Lambda function, or
        with --outputs from the deployed function's environment. With FUNCTION_TIMEOUT_SECONDS each
        batch answers within that time, as the function must; without it a batch has no deadline.

        Exit codes:
          0  done; every message received was processed, none left failing
          1  error (endpoint unreachable, queue or bucket missing, ...)
          2  bad flags or configuration
          3  some messages failed and had not succeeded by the end (still queued or in the DLQ)
          4  --timeout passed first
        """;

    public bool Help { get; init; }

    /// <summary>A deployed environment's outputs.json, whose configuration the drain follows.</summary>
    public string? Outputs { get; init; }

    public string? QueueUrl { get; init; }

    public string? Bucket { get; init; }

    public string? Prefix { get; init; }

    public string? EndpointUrl { get; init; }

    public string? Region { get; init; }

    /// <summary>Null: the deployed mapping's (with --outputs) or a fresh mapping's 10.</summary>
    public int? BatchSize { get; init; }

    public double? BatchingWindowSeconds { get; init; }

    public int? Concurrency { get; init; }

    public bool UntilEmpty { get; init; }

    public int? MaxMessages { get; init; }

    public double WaitTimeSeconds { get; init; } = 20;

    public double? FailedVisibilityTimeoutSeconds { get; init; }

    public double? TimeoutSeconds { get; init; }

    public bool Quiet { get; init; }

    /// <summary>Parses flags; <paramref name="environment"/> supplies the fallbacks (null: the process's).</summary>
    public static RunnerCommandLine Parse(IReadOnlyList<string> args, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var result = new RunnerCommandLine
        {
            QueueUrl = environment("QUEUE_URL"),
            Bucket = environment("LAKE_BUCKET"),
            Prefix = environment("LAKE_PREFIX"),
            EndpointUrl = environment("AWS_ENDPOINT_URL"),
            Region = environment("AWS_REGION") ?? environment("AWS_DEFAULT_REGION"),
        };

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 && arg.StartsWith("--", StringComparison.Ordinal)
                ? (arg[..eq], arg[(eq + 1)..])
                : (arg, null);

            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{name} needs a value. See --help.");
                }

                return args[++i];
            }

            result = name switch
            {
                "-h" or "--help" => result with { Help = true },
                "--outputs" => result with { Outputs = Value() },
                "--queue-url" => result with { QueueUrl = Value() },
                "--bucket" => result with { Bucket = Value() },
                "--prefix" => result with { Prefix = Value() },
                "--endpoint-url" => result with { EndpointUrl = Value() },
                "--region" => result with { Region = Value() },
                "--batch-size" => result with { BatchSize = Integer(name, Value()) },
                "--batching-window" => result with { BatchingWindowSeconds = Seconds(name, Value()) },
                "--concurrency" => result with { Concurrency = Integer(name, Value()) },
                "--until-empty" => result with { UntilEmpty = true },
                "--max-messages" => result with { MaxMessages = Integer(name, Value()) },
                "--wait-time" => result with { WaitTimeSeconds = Seconds(name, Value()) },
                "--failed-visibility-timeout" => result with { FailedVisibilityTimeoutSeconds = Seconds(name, Value()) },
                "--timeout" => result with { TimeoutSeconds = Seconds(name, Value()) },
                "--quiet" => result with { Quiet = true },
                _ => throw new ArgumentException($"Unknown option '{arg}'. See --help for the options."),
            };
        }

        return result;
    }

    /// <summary>The drain these flags ask for; what they leave out is a fresh mapping's default.</summary>
    public DrainOptions ToDrainOptions() => ToDrainOptions(null);

    /// <summary>The drain these flags ask for; <paramref name="deployed"/>'s queue and mapping fill in what they leave out.</summary>
    public DrainOptions ToDrainOptions(DeployedProcessor? deployed)
    {
        var mapping = deployed?.DrainOptions(QueueUrl ?? deployed.QueueUrl ?? "")
            ?? new DrainOptions { QueueUrl = QueueUrl ?? "" };
        return mapping with
        {
            QueueUrl = string.IsNullOrEmpty(mapping.QueueUrl)
                ? throw new ArgumentException("No queue to drain: pass --queue-url, set QUEUE_URL or pass --outputs of a deployed environment.")
                : mapping.QueueUrl,
            BatchSize = BatchSize ?? mapping.BatchSize,
            BatchingWindow = BatchingWindowSeconds is { } window ? TimeSpan.FromSeconds(window) : mapping.BatchingWindow,
            Concurrency = Concurrency ?? mapping.Concurrency,
            UntilEmpty = UntilEmpty,
            MaxMessages = MaxMessages,
            WaitTime = TimeSpan.FromSeconds(WaitTimeSeconds),
            FailedVisibilityTimeout = FailedVisibilityTimeoutSeconds is { } visibility ? TimeSpan.FromSeconds(visibility) : null,
            Timeout = TimeoutSeconds is { } timeout ? TimeSpan.FromSeconds(timeout) : null,
        };
    }

    private static int Integer(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{name} is '{value}', which is not a whole number.");

    private static double Seconds(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? seconds
            : throw new ArgumentException($"{name} is '{value}', which is not a number of seconds (0 or more).");
}
