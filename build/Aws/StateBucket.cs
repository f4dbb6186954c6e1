using System.Net;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Aws;

/// <summary>
/// The bucket that holds a real environment's Terraform state: created on the first deploy,
/// versioned, encrypted and private, because it holds everything Terraform knows.
/// </summary>
public static class StateBucket
{
    public static async Task EnsureAsync(AwsSession aws, string backendConfigFile, ICakeLog log, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(backendConfigFile))
        {
            throw new BuildFailedException(
                $"{Path.GetFileName(backendConfigFile)} is missing: a real environment needs its backend settings (bucket, region). Copy dev.backend.hcl and adjust the bucket name.");
        }

        var text = File.ReadAllText(backendConfigFile);
        var bucket = Setting(text, "bucket") ?? throw new BuildFailedException($"{Path.GetFileName(backendConfigFile)} has no bucket setting.");
        var region = Setting(text, "region") ?? aws.Region;
        using var s3 = aws.CreateS3();
        try
        {
            await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken);
            log.Verbose($"State bucket {bucket} exists.");
            return;
        }
        catch (AmazonS3Exception missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (AmazonS3Exception forbidden) when (forbidden.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new BuildFailedException(
                $"The state bucket {bucket} exists but these credentials may not use it (403). Bucket names are global: " +
                $"choose one you own in {Path.GetFileName(backendConfigFile)}, or grant access to it.");
        }

        log.Information($"Creating the Terraform state bucket {bucket} in {region} (versioned, encrypted, public access blocked) ...");
        var create = new PutBucketRequest { BucketName = bucket, UseClientRegion = false };
        if (region != "us-east-1")
        {
            create.BucketRegion = new S3Region(region);
        }

        await s3.PutBucketAsync(create, cancellationToken);
        await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = true,
                BlockPublicPolicy = true,
                IgnorePublicAcls = true,
                RestrictPublicBuckets = true,
            },
        }, cancellationToken);
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        }, cancellationToken);
        await s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule
                {
                    ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 },
                }],
            },
        }, cancellationToken);
    }

    /// <summary>The bucket a backend file names, or null when it names none.</summary>
    public static string? BucketOf(string backendConfigFile) => Setting(File.ReadAllText(backendConfigFile), "bucket");

    private static string? Setting(string hcl, string name)
    {
        var match = Regex.Match(hcl, $@"^\s*{name}\s*=\s*""([^""]+)""", RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value : null;
    }
}
