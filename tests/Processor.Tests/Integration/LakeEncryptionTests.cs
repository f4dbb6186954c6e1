using Amazon.S3;
using Amazon.S3.Model;
using DataPlatform.Emulator;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.Integration;

/// <summary>
/// The processor's PUTs follow the lake bucket's encryption: SSE-KMS with the environment's key
/// when the function is given one (LAKE_KMS_KEY_ARN, set by modules/processor), AES256 when not.
/// Driven through the Lambda entry point, so the setting is followed from the environment to S3.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class LakeEncryptionTests(MotoFixture moto)
{
    [Fact]
    public async Task With_a_kms_key_every_object_the_function_writes_is_encrypted_with_that_key_and_a_bucket_key()
    {
        var (bucket, keyArn) = await moto.CreateKmsBucketAsync("lake-kms");

        var heads = await WriteBatchAsync(moto.Settings(bucket) with { KmsKeyArn = keyArn });

        Assert.Equal(2, heads.Count);
        foreach (var (key, head) in heads)
        {
            Assert.True(head.ServerSideEncryptionMethod == ServerSideEncryptionMethod.AWSKMS, $"{key} is stored {head.ServerSideEncryptionMethod}, not aws:kms.");
            Assert.True(keyArn == head.ServerSideEncryptionKeyManagementServiceKeyId, $"{key} is encrypted with {head.ServerSideEncryptionKeyManagementServiceKeyId}, not the lake's key {keyArn}.");
            Assert.True(head.BucketKeyEnabled == true, $"{key} is stored without the bucket key, so every object costs a KMS request.");
            Assert.False(string.IsNullOrEmpty(head.ChecksumSHA256), $"{key} has no SHA-256 checksum.");
        }
    }

    [Fact]
    public async Task Without_a_key_every_object_the_function_writes_is_aes256()
    {
        var bucket = await moto.CreateBucketAsync("lake-aes");

        var heads = await WriteBatchAsync(moto.Settings(bucket));

        Assert.Equal(2, heads.Count);
        Assert.All(heads, kv =>
        {
            Assert.True(kv.Value.ServerSideEncryptionMethod == ServerSideEncryptionMethod.AES256, $"{kv.Key} is stored {kv.Value.ServerSideEncryptionMethod}, not AES256.");
            Assert.Null(kv.Value.ServerSideEncryptionKeyManagementServiceKeyId);
        });
    }

    /// <summary>One event and one quarantined body through the Lambda entry point; the HEAD of every object written.</summary>
    private async Task<Dictionary<string, GetObjectMetadataResponse>> WriteBatchAsync(ProcessorSettings settings)
    {
        // Credentials come from the environment, as in Lambda; the emulator's are the only ones set.
        using var lambda = ProcessEnvironment.Set(EmulatorCredentials.Environment(moto.Endpoint));

        var function = new Function(settings);
        using var response = function.Handle(new MemoryStream(new SqsEventBuilder().AddEvent("order.created").Add("broken").ToUtf8()));

        var heads = new Dictionary<string, GetObjectMetadataResponse>(StringComparer.Ordinal);
        foreach (var key in (await moto.DownloadAllAsync(settings.Bucket)).Keys)
        {
            heads[key] = await moto.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest
            {
                BucketName = settings.Bucket,
                Key = key,
                ChecksumMode = ChecksumMode.ENABLED,
            });
        }

        return heads;
    }
}
