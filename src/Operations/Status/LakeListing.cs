using Amazon.S3;
using Amazon.S3.Model;

namespace DataPlatform.Operations.Status;

/// <summary>Every object under a prefix, page by page (S3 answers 1,000 keys a request).</summary>
internal static class LakeListing
{
    public static async Task<List<S3Object>> ListAsync(IAmazonS3 s3, string bucket, string prefix, CancellationToken cancellationToken)
    {
        var objects = new List<S3Object>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, cancellationToken);
            objects.AddRange((page.S3Objects ?? []).Where(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return objects;
    }
}
