using Amazon.S3;
using Amazon.S3.Model;

namespace DataPlatform.Processor.Lake;

/// <summary>
/// Writes lake objects to S3 with the bucket's server-side encryption and a SHA-256 checksum that S3
/// verifies before it stores the object, so a PUT that returns is an intact, durable object.
/// </summary>
/// <param name="kmsKeyArn">The key the bucket encrypts with by default (SSE-KMS), or null for SSE-S3.</param>
public sealed class S3LakeStore(IAmazonS3 s3, string bucket, string? kmsKeyArn = null) : ILakeStore
{
    public const string ParquetContentType = "application/vnd.apache.parquet";

    public string Bucket { get; } = bucket;

    public string? KmsKeyArn { get; } = string.IsNullOrEmpty(kmsKeyArn) ? null : kmsKeyArn;

    public async Task PutAsync(string key, MemoryStream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        content.Position = 0;
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = content,
            // The caller owns the buffer (it may be pooled or retried); the SDK must not close it.
            AutoCloseStream = false,
            ContentType = ParquetContentType,
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        };

        // Encryption headers on a PUT override the bucket's default, so they must say what the
        // bucket says: an AES256 header on a KMS bucket would store the data outside the key.
        if (KmsKeyArn is { } keyArn)
        {
            request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
            request.ServerSideEncryptionKeyManagementServiceKeyId = keyArn;
            // The bucket key, as the bucket has it: one KMS request per bucket key, not one per object.
            request.BucketKeyEnabled = true;
        }
        else
        {
            request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256;
        }

        await s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
