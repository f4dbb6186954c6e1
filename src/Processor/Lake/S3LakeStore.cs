using Amazon.S3;
using Amazon.S3.Model;

namespace DataPlatform.Processor.Lake;

/// <summary>
/// Writes lake objects to S3 with server-side encryption and a SHA-256 checksum that S3 verifies
/// before it stores the object, so a PUT that returns is an intact, durable object.
/// </summary>
public sealed class S3LakeStore(IAmazonS3 s3, string bucket) : ILakeStore
{
    public const string ParquetContentType = "application/vnd.apache.parquet";

    public string Bucket { get; } = bucket;

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
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        };

        await s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
