using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace DataPlatform.Compaction;

/// <summary>
/// The lake bucket as compaction uses it: listings, whole-object reads, PUTs with the bucket's encryption
/// and a checksum S3 verifies (the processor's S3LakeStore does the same for raw files), and batch deletes.
/// </summary>
public sealed class LakeBucket(IAmazonS3 s3, string bucket, string? kmsKeyArn)
{
    public string Name { get; } = bucket;

    public async Task<List<LakeObject>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var objects = new List<LakeObject>();
        var request = new ListObjectsV2Request { BucketName = Name, Prefix = prefix };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            objects.AddRange((page.S3Objects ?? []).Select(o => new LakeObject(o.Key, o.Size ?? 0)));
            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
        return objects;
    }

    /// <summary>The "folders" directly under a prefix (common prefixes with delimiter '/').</summary>
    public async Task<List<string>> FoldersAsync(string prefix, CancellationToken cancellationToken)
    {
        var folders = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Name, Prefix = prefix, Delimiter = "/" };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            folders.AddRange(page.CommonPrefixes ?? []);
            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
        return folders;
    }

    /// <summary>The first key under a prefix in S3's (lexicographic) order, or null when there is none.</summary>
    public async Task<string?> FirstKeyAsync(string prefix, CancellationToken cancellationToken)
    {
        var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Name, Prefix = prefix, MaxKeys = 1 }, cancellationToken).ConfigureAwait(false);
        return page.S3Objects is { Count: > 0 } objects ? objects[0].Key : null;
    }

    public async Task<MemoryStream> ReadAsync(string key, long sizeHint, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(Name, key, cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream((int)Math.Clamp(sizeHint, 0, int.MaxValue / 2));
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>The object's bytes, or null when it does not exist.</summary>
    public async Task<MemoryStream?> TryReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(key, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task PutAsync(string key, MemoryStream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        content.Position = 0;
        var request = new PutObjectRequest
        {
            BucketName = Name,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = contentType,
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        };

        // Headers that contradict the bucket's default encryption would store data outside its key.
        if (!string.IsNullOrEmpty(kmsKeyArn))
        {
            request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
            request.ServerSideEncryptionKeyManagementServiceKeyId = kmsKeyArn;
            request.BucketKeyEnabled = true;
        }
        else
        {
            request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256;
        }

        await s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        foreach (var page in keys.Chunk(1000))
        {
            var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = Name,
                Objects = [.. page.Select(k => new KeyVersion { Key = k })],
                Quiet = true,
            }, cancellationToken).ConfigureAwait(false);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                throw new InvalidOperationException(
                    $"S3 refused to delete {errors.Count} object(s) of s3://{Name}, first {errors[0].Key}: {errors[0].Code} {errors[0].Message}. " +
                    "Nothing is lost (the objects are still there); check the compaction role's s3:DeleteObject permission, then rerun.");
            }
        }
    }
}
