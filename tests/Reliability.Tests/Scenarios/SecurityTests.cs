using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;
using DataPlatform.Emulator;
using DataPlatform.Reliability.Tests.Environment;
using DataPlatform.Reliability.Tests.Ledger;
using Xunit.Abstractions;

namespace DataPlatform.Reliability.Tests.Scenarios;

/// <summary>
/// Secrets stay out of logs and command lines (anyone on the machine can read argv), and the lake
/// stores every object encrypted and checksummed. Failure messages never print the secrets.
/// </summary>
[Collection(DeployedCollection.Name)]
public sealed class SecurityTests(DeployedEnvironment environment, ITestOutputHelper output)
{
    [Fact]
    public async Task The_deploy_log_artifacts_and_process_arguments_never_contain_the_aws_secret_or_the_ecr_password()
    {
        var ecrPassword = await EcrPasswordAsync();
        Assert.True(ecrPassword.Length >= 16, "moto gave no ECR password, so there was nothing to look for.");
        Assert.NotEmpty(environment.DeployCommandLines);
        Assert.Contains(environment.DeployCommandLines, c => c.Contains("terraform", StringComparison.Ordinal));

        var artifacts = Directory.EnumerateFiles(Path.Combine(environment.ScratchDirectory, "artifacts"), "*", SearchOption.AllDirectories)
            .Select(f => (Name: f, Text: File.ReadAllText(f))).ToList();
        var places = new List<(string Where, string Text)> { ("the deploy log", environment.DeployLog) };
        places.AddRange(environment.DeployCommandLines.Select(c => ("a process's arguments", c)));
        places.AddRange(artifacts.Select(a => ($"artifact {Path.GetFileName(a.Name)}", a.Text)));
        foreach (var (where, text) in places)
        {
            Assert.False(text.Contains(environment.CanarySecret, StringComparison.Ordinal), $"The AWS secret key appears in {where}.");
            Assert.False(text.Contains(ecrPassword, StringComparison.Ordinal), $"The ECR password appears in {where}.");
        }

        output.WriteLine($"scanned: deploy log ({environment.DeployLog.Length} chars), {environment.DeployCommandLines.Count} distinct argv, " +
            $"{artifacts.Count} artifact files; no AWS secret, no ECR password.");
    }

    [Fact]
    public async Task Every_lake_object_is_encrypted_and_carries_a_checksum()
    {
        var eventType = ScenarioRun.EventType("security");
        var sent = await EventSender.SendAsync(environment.Sqs, environment.QueueUrl,
            [.. ScenarioRun.ValidEvents(eventType, 40), ("bad#" + Guid.NewGuid().ToString("N"), "not json", Destination.Quarantine)]);
        await InProcessRunner.DrainAsync(environment, batchSize: 20);
        var reader = new LakeReader(environment.S3, environment.Bucket);
        var keys = (await reader.ListAsync($"events/event_type={eventType}/")).Concat(await reader.ListAsync("quarantine/")).ToList();
        Assert.NotEmpty(keys);

        foreach (var key in keys)
        {
            var head = await environment.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest
            {
                BucketName = environment.Bucket,
                Key = key,
                ChecksumMode = ChecksumMode.ENABLED,
            });
            Assert.True(head.ServerSideEncryptionMethod == ServerSideEncryptionMethod.AES256, $"{key} is stored without SSE-S3 ({head.ServerSideEncryptionMethod}).");
            Assert.False(string.IsNullOrEmpty(head.ChecksumSHA256), $"{key} was stored without a SHA-256 checksum.");
        }

        output.WriteLine($"{keys.Count} objects ({sent.Count} events sent): all AES256, all with a SHA-256 checksum.");
    }

    /// <summary>The password `aws ecr get-login-password` gives for the emulator's registry.</summary>
    private async Task<string> EcrPasswordAsync()
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("ecr");
        start.ArgumentList.Add("get-login-password");
        foreach (var (name, value) in EmulatorCredentials.Environment(environment.Endpoint))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var password = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        return password;
    }
}
