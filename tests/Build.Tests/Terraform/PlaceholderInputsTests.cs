using System.Text.Json;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tests.Terraform;

public sealed class PlaceholderInputsTests
{
    [Fact]
    public void Placeholders_are_shaped_like_the_real_values_and_obviously_fake()
    {
        Assert.Matches(@"^arn:aws:sqs:eu-west-1:0{12}:placeholder-", PlaceholderInputs.For("ingest_queue_arn", "eu-west-1").GetString());
        Assert.Matches(@"^arn:aws:s3:::placeholder-", PlaceholderInputs.For("lake_bucket_arn", "eu-west-1").GetString());
        Assert.Matches(@"^0{12}\.dkr\.ecr\.eu-west-1\.amazonaws\.com/placeholder@sha256:0{64}$", PlaceholderInputs.For("image_uri", "eu-west-1").GetString());
        Assert.Equal(JsonValueKind.Number, PlaceholderInputs.For("processor_timeout_seconds", "eu-west-1").ValueKind);
        Assert.Equal(JsonValueKind.Null, PlaceholderInputs.For("kms_key_arn", "eu-west-1").ValueKind);
    }

    [Fact]
    public void The_placeholder_image_lives_in_the_placeholder_repository() =>
        Assert.StartsWith(PlaceholderInputs.RepositoryUrl("us-east-1") + "@", PlaceholderInputs.ImageUri("us-east-1"));
}
