using System.Buffers.Binary;
using Amazon.S3;
using Amazon.S3.Model;
using ParquetSharp;

namespace DataPlatform.Operations.Status;

/// <summary>
/// A Parquet object's row count and newest <c>ingested_at</c>, from its footer alone: two ranged GETs
/// (the 8-byte tail that gives the footer's length, then the footer), never the data pages.
/// </summary>
public sealed record ParquetFooter(long Rows, DateTime? NewestIngestedAt)
{
    private const int TailBytes = 8;

    public static async Task<ParquetFooter> ReadAsync(IAmazonS3 s3, string bucket, string key, long size, CancellationToken cancellationToken)
    {
        if (size < TailBytes + 4)
        {
            throw new InvalidDataException($"s3://{bucket}/{key} is {size} bytes, too short to be a Parquet file.");
        }

        var tail = await RangeAsync(s3, bucket, key, size - TailBytes, size - 1, cancellationToken);
        if (tail[4] != 'P' || tail[5] != 'A' || tail[6] != 'R' || tail[7] != '1')
        {
            throw new InvalidDataException($"s3://{bucket}/{key} does not end in Parquet's magic bytes: it is not a Parquet file (or it is encrypted).");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        var footer = await RangeAsync(s3, bucket, key, size - TailBytes - footerLength, size - 1, cancellationToken);
        using var window = new FooterWindow(size, footer);
        using var file = new ParquetFileReader(window, leaveOpen: true);
        var metadata = file.FileMetaData;
        var ingestedAt = metadata.Schema.ColumnIndex("ingested_at");
        DateTime? newest = null;
        for (var g = 0; g < metadata.NumRowGroups; g++)
        {
            using var group = file.RowGroup(g);
            if (ingestedAt >= 0 && group.MetaData.GetColumnChunkMetaData(ingestedAt).Statistics is Statistics<long> { HasMinMax: true } statistics)
            {
                var max = DateTime.UnixEpoch.AddTicks(statistics.Max * 10);
                newest = newest is null || max > newest ? max : newest;
            }
        }

        return new ParquetFooter(metadata.NumRows, newest);
    }

    private static async Task<byte[]> RangeAsync(IAmazonS3 s3, string bucket, string key, long first, long last, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ByteRange = new ByteRange(first, last),
        }, cancellationToken);
        var bytes = new byte[last - first + 1];
        await response.ResponseStream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }
}
