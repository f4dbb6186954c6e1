using System.Globalization;
using System.Text.RegularExpressions;
using DataPlatform.Contracts;

namespace DataPlatform.Processor.Configuration;

/// <summary>
/// Everything the function reads from its environment (set by Terraform), parsed and validated
/// once at cold start so that a bad deployment fails on its first invocation with one sentence
/// naming the variable, instead of writing a half-configured lake.
/// </summary>
public sealed partial record ProcessorSettings
{
    public const string BucketVariable = "LAKE_BUCKET";
    public const string PrefixVariable = "LAKE_PREFIX";
    public const string CompressionVariable = "PARQUET_COMPRESSION";
    public const string ZstdLevelVariable = "PARQUET_ZSTD_LEVEL";
    public const string PartitionTimeVariable = "PARTITION_TIME";
    public const string MaxBodyBytesVariable = "MAX_BODY_BYTES";
    public const string LogLevelVariable = "LOG_LEVEL";
    public const string KmsKeyVariable = "LAKE_KMS_KEY_ARN";
    public const string RegionVariable = "AWS_REGION";
    public const string EndpointVariable = "AWS_ENDPOINT_URL";
    public const string FunctionTimeoutVariable = "FUNCTION_TIMEOUT_SECONDS";
    public const string ContractsVariable = "CONTRACTS_DIR";

    /// <summary>Where the image carries the repository's contracts/ (the Lambda task root is the function's folder).</summary>
    public static string DefaultContractsDirectory => Path.Combine(AppContext.BaseDirectory, "contracts");

    /// <summary>Lambda's own range for a function's timeout, in seconds.</summary>
    public const int MaxFunctionTimeoutSeconds = 900;

    /// <summary>SQS's own ceiling for a message body; a larger limit could never be reached.</summary>
    public const int SqsMaxBodyBytes = 262_144;

    /// <summary>Zstd's own range of levels; the native writer takes any of them.</summary>
    public const int MinZstdLevel = 1;

    public const int MaxZstdLevel = 22;

    public required string Bucket { get; init; }

    /// <summary>Key prefix under the bucket, empty or ending in '/'.</summary>
    public string Prefix { get; init; } = "";

    public ParquetCompression Compression { get; init; } = ParquetCompression.Zstd;

    public int ZstdLevel { get; init; } = 3;

    public PartitionTime PartitionTime { get; init; } = PartitionTime.Ingestion;

    public int MaxBodyBytes { get; init; } = SqsMaxBodyBytes;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>
    /// The KMS key the lake bucket encrypts with by default; lake objects are written SSE-KMS with it.
    /// Null means the bucket uses SSE-S3, and objects are written AES256.
    /// </summary>
    public string? KmsKeyArn { get; init; }

    public string? Region { get; init; }

    /// <summary>An emulator or VPC endpoint; null means the SDK's regional endpoint.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>
    /// The function's timeout, which Lambda does not tell a container image: Terraform sets it from
    /// the same value it gives Lambda. Null (a bench, a test) means an invocation has no deadline.
    /// </summary>
    public TimeSpan? FunctionTimeout { get; init; }

    /// <summary>
    /// The event contracts bodies are checked against, read at cold start from CONTRACTS_DIR (default:
    /// the image's contracts/). Empty means no type has one, and every payload is taken as it is.
    /// </summary>
    public ContractSet Contracts { get; init; } = ContractSet.Empty;

    /// <summary>The folder <see cref="Contracts"/> came from; null when none was read.</summary>
    public string? ContractsDirectory { get; init; }

    public static ProcessorSettings FromEnvironment() =>
        FromVariables(Environment.GetEnvironmentVariable);

    public static ProcessorSettings FromVariables(IReadOnlyDictionary<string, string> variables) =>
        FromVariables(name => variables.TryGetValue(name, out var value) ? value : null);

    public static ProcessorSettings FromVariables(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);

        var bucket = Trimmed(lookup(BucketVariable));
        if (bucket is null)
        {
            throw new ConfigurationException(BucketVariable,
                $"{BucketVariable} is not set, so the processor does not know where the data lake is. " +
                "Set it to the lake bucket's name (the data_lake stack's bucket output).");
        }

        if (!IsBucketName(bucket))
        {
            throw new ConfigurationException(BucketVariable,
                $"{BucketVariable} is '{bucket}', which is not an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens). " +
                "Set it to the bucket's name, not its ARN or URL.");
        }

        var (contractsDirectory, contracts) = LoadContracts(lookup(ContractsVariable));
        return new ProcessorSettings
        {
            Bucket = bucket,
            Prefix = ParsePrefix(lookup(PrefixVariable)),
            Compression = ParseCompression(lookup(CompressionVariable)),
            ZstdLevel = ParseZstdLevel(lookup(ZstdLevelVariable)),
            PartitionTime = ParsePartitionTime(lookup(PartitionTimeVariable)),
            MaxBodyBytes = ParseMaxBodyBytes(lookup(MaxBodyBytesVariable)),
            LogLevel = ParseLogLevel(lookup(LogLevelVariable)),
            KmsKeyArn = ParseKmsKeyArn(lookup(KmsKeyVariable)),
            Region = Trimmed(lookup(RegionVariable)),
            Endpoint = ParseEndpoint(lookup(EndpointVariable)),
            FunctionTimeout = ParseFunctionTimeout(lookup(FunctionTimeoutVariable)),
            Contracts = contracts,
            ContractsDirectory = contractsDirectory,
        };
    }

    /// <summary>
    /// The contracts of CONTRACTS_DIR, or of the image's folder when it is unset (none when the image
    /// has no such folder: a bench, a test). A named folder that is missing, or any malformed contract,
    /// stops the cold start: running without a contract that was meant to hold would let bad payloads in.
    /// </summary>
    private static (string? Directory, ContractSet Contracts) LoadContracts(string? raw)
    {
        var named = Trimmed(raw);
        var directory = named ?? DefaultContractsDirectory;
        if (named is null && !System.IO.Directory.Exists(directory))
        {
            return (null, ContractSet.Empty);
        }

        try
        {
            return (directory, ContractLoader.LoadDirectory(directory));
        }
        catch (ContractFormatException exception)
        {
            throw new ConfigurationException(ContractsVariable, $"{ContractsVariable}: {exception.Message}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(ContractsVariable,
                $"{ContractsVariable}: the contracts in {directory} cannot be read ({exception.Message}). Check the folder's permissions, or point {ContractsVariable} at a readable folder.");
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-')
        && char.IsAsciiLetterOrDigit(name[0])
        && char.IsAsciiLetterOrDigit(name[^1]);

    private static string ParsePrefix(string? raw)
    {
        var prefix = Trimmed(raw)?.Trim('/');
        if (prefix is null)
        {
            return "";
        }

        if (prefix.Contains("//", StringComparison.Ordinal) || prefix.Any(c => char.IsControl(c) || c == '\\'))
        {
            throw new ConfigurationException(PrefixVariable,
                $"{PrefixVariable} is '{raw}', which is not a usable key prefix (empty path segment, backslash or control character). " +
                "Use something like 'raw/' or leave it empty.");
        }

        // Stored with one trailing slash so keys are built by plain concatenation.
        return prefix + "/";
    }

    private static ParquetCompression ParseCompression(string? raw) => Trimmed(raw)?.ToLowerInvariant() switch
    {
        null or "zstd" => ParquetCompression.Zstd,
        "snappy" => ParquetCompression.Snappy,
        _ => throw new ConfigurationException(CompressionVariable,
            $"{CompressionVariable} is '{raw}', but the lake is written as 'zstd' (the default) or 'snappy'. Set one of those."),
    };

    private static int ParseZstdLevel(string? raw)
    {
        var text = Trimmed(raw);
        if (text is null)
        {
            return 3;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level)
            || level is < MinZstdLevel or > MaxZstdLevel)
        {
            throw new ConfigurationException(ZstdLevelVariable,
                $"{ZstdLevelVariable} is '{raw}', but a Zstd level is a whole number from {MinZstdLevel} to {MaxZstdLevel}. " +
                "Use 3 (the default) unless storage matters more than Lambda time (19 is dozens of times slower).");
        }

        return level;
    }

    private static PartitionTime ParsePartitionTime(string? raw) => Trimmed(raw)?.ToLowerInvariant() switch
    {
        null or "ingestion" => PartitionTime.Ingestion,
        "event" => PartitionTime.Event,
        _ => throw new ConfigurationException(PartitionTimeVariable,
            $"{PartitionTimeVariable} is '{raw}', but partitions follow either 'ingestion' time (the default) or 'event' time. Set one of those."),
    };

    private static int ParseMaxBodyBytes(string? raw)
    {
        var text = Trimmed(raw);
        if (text is null)
        {
            return SqsMaxBodyBytes;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes is < 64 or > SqsMaxBodyBytes)
        {
            throw new ConfigurationException(MaxBodyBytesVariable,
                $"{MaxBodyBytesVariable} is '{raw}', but it must be a whole number of bytes from 64 to {SqsMaxBodyBytes} (SQS's own limit). " +
                $"Leave it unset for {SqsMaxBodyBytes}.");
        }

        return bytes;
    }

    private static LogLevel ParseLogLevel(string? raw)
    {
        var text = Trimmed(raw);
        if (text is null)
        {
            return LogLevel.Information;
        }

        // Accept the spellings people bring from other runtimes (INFO, warn) as well as .NET's.
        return text.ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "information" or "info" => LogLevel.Information,
            "warning" or "warn" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "critical" or "fatal" => LogLevel.Critical,
            "none" or "off" => LogLevel.None,
            _ => throw new ConfigurationException(LogLevelVariable,
                $"{LogLevelVariable} is '{raw}', which is not a log level. Use Trace, Debug, Information (the default), Warning, Error, Critical or None."),
        };
    }

    private static string? ParseKmsKeyArn(string? raw)
    {
        var text = Trimmed(raw);
        if (text is null || KmsKeyArnPattern().IsMatch(text))
        {
            return text;
        }

        throw new ConfigurationException(KmsKeyVariable,
            $"{KmsKeyVariable} is '{raw}', which is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), so the processor cannot tell S3 which key encrypts the lake. " +
            "Set it to the key ARN the lake bucket encrypts with (the registry stack's kms_key_arn output; not an alias or a bare key id), or leave it unset when the bucket uses SSE-S3.");
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:key/[A-Za-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex KmsKeyArnPattern();

    private static Uri? ParseEndpoint(string? raw)
    {
        var text = Trimmed(raw);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigurationException(EndpointVariable,
                $"{EndpointVariable} is '{raw}', which is not an http(s) URL. Unset it on AWS, or set it to the emulator, e.g. http://127.0.0.1:5000.");
        }

        return uri;
    }

    private static TimeSpan? ParseFunctionTimeout(string? raw)
    {
        var text = Trimmed(raw);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > MaxFunctionTimeoutSeconds)
        {
            throw new ConfigurationException(FunctionTimeoutVariable,
                $"{FunctionTimeoutVariable} is '{raw}', but it must be the function's timeout as a whole number of seconds from 1 to {MaxFunctionTimeoutSeconds}. " +
                "The processor module sets it from timeout_seconds; set it to the same value as the function's timeout, or leave it unset for no deadline.");
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
