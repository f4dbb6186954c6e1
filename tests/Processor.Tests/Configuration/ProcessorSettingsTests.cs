using DataPlatform.Processor.Configuration;

namespace DataPlatform.Processor.Tests.Configuration;

public sealed class ProcessorSettingsTests
{
    [Fact]
    public void Defaults_apply_when_only_the_bucket_is_set()
    {
        var settings = ProcessorSettings.FromVariables(new Dictionary<string, string> { ["LAKE_BUCKET"] = "my-lake" });

        Assert.Equal("my-lake", settings.Bucket);
        Assert.Equal("", settings.Prefix);
        Assert.Equal(ParquetCompression.Zstd, settings.Compression);
        Assert.Equal(3, settings.ZstdLevel);
        Assert.Equal(PartitionTime.Ingestion, settings.PartitionTime);
        Assert.Equal(262_144, settings.MaxBodyBytes);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.Null(settings.KmsKeyArn);
        Assert.Null(settings.Endpoint);
        Assert.Null(settings.FunctionTimeout);
    }

    [Fact]
    public void Every_variable_is_read()
    {
        var settings = ProcessorSettings.FromVariables(new Dictionary<string, string>
        {
            ["LAKE_BUCKET"] = "my-lake",
            ["LAKE_PREFIX"] = "/raw/v1/",
            ["PARQUET_COMPRESSION"] = "SNAPPY",
            ["PARQUET_ZSTD_LEVEL"] = "19",
            ["PARTITION_TIME"] = "event",
            ["MAX_BODY_BYTES"] = "1024",
            ["LOG_LEVEL"] = "warn",
            ["LAKE_KMS_KEY_ARN"] = " arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab ",
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000",
            ["FUNCTION_TIMEOUT_SECONDS"] = "45",
        });

        Assert.Equal("raw/v1/", settings.Prefix);
        Assert.Equal(ParquetCompression.Snappy, settings.Compression);
        Assert.Equal(19, settings.ZstdLevel);
        Assert.Equal(PartitionTime.Event, settings.PartitionTime);
        Assert.Equal(1024, settings.MaxBodyBytes);
        Assert.Equal(LogLevel.Warning, settings.LogLevel);
        Assert.Equal("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", settings.KmsKeyArn);
        Assert.Equal("eu-west-1", settings.Region);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), settings.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.FunctionTimeout);
    }

    [Theory]
    [InlineData("LAKE_BUCKET", "")]
    [InlineData("LAKE_BUCKET", "arn:aws:s3:::lake")]
    [InlineData("LAKE_BUCKET", "Upper")]
    [InlineData("LAKE_PREFIX", "a//b")]
    [InlineData("PARQUET_COMPRESSION", "gzip")]
    [InlineData("PARQUET_ZSTD_LEVEL", "0")]
    [InlineData("PARQUET_ZSTD_LEVEL", "23")]
    [InlineData("PARQUET_ZSTD_LEVEL", "three")]
    [InlineData("PARTITION_TIME", "processing")]
    [InlineData("MAX_BODY_BYTES", "300000")]
    [InlineData("MAX_BODY_BYTES", "-1")]
    [InlineData("LOG_LEVEL", "loud")]
    [InlineData("AWS_ENDPOINT_URL", "localhost:5000")]
    [InlineData("LAKE_KMS_KEY_ARN", "alias/dp-prod")]
    [InlineData("LAKE_KMS_KEY_ARN", "1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("LAKE_KMS_KEY_ARN", "arn:aws:kms:eu-west-1:123456789012:alias/dp-prod")]
    [InlineData("LAKE_KMS_KEY_ARN", "arn:aws:kms:eu-west-1:1234:key/1234abcd")]
    [InlineData("FUNCTION_TIMEOUT_SECONDS", "0")]
    [InlineData("FUNCTION_TIMEOUT_SECONDS", "901")]
    [InlineData("FUNCTION_TIMEOUT_SECONDS", "60s")]
    [InlineData("FUNCTION_TIMEOUT_SECONDS", "1.5")]
    public void A_bad_value_fails_with_one_error_naming_the_variable(string variable, string value)
    {
        var variables = new Dictionary<string, string> { ["LAKE_BUCKET"] = "my-lake", [variable] = value };

        var exception = Assert.Throws<ConfigurationException>(() => ProcessorSettings.FromVariables(variables));

        Assert.Equal(variable, exception.Variable);
        Assert.StartsWith(variable, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_fails_its_cold_start_when_the_bucket_is_missing()
    {
        var exception = Assert.Throws<ConfigurationException>(() => ProcessorSettings.FromVariables(_ => null));

        Assert.Equal("LAKE_BUCKET", exception.Variable);
        Assert.Contains("not set", exception.Message, StringComparison.Ordinal);
    }
}
