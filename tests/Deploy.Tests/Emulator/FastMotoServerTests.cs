using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using DataPlatform.Aws;
using DataPlatform.Emulator;

namespace DataPlatform.Deploy.Tests.Emulator;

/// <summary>
/// The emulator starts through fast_moto_server.py, and its SQS answers exactly as plain moto's:
/// the same queue life (delay, visibility, redelivery, delete, counts) is played on a server with
/// the speed-ups and on one with them switched off; and its deletes and its receives survive
/// concurrency, which plain moto's do not. Speed is measured by bench/moto-sqs-speed.py, not here.
/// </summary>
public sealed class FastMotoServerTests : IDisposable
{
    private const string Banner = "fast_moto_server: moto 5.2.1 with the SQS speed-ups";
    private readonly string _root = Directory.CreateTempSubdirectory("dp-fast-moto-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Moto_server_goes_through_the_launcher_on_the_python_its_shebang_names()
    {
        // A pip-installed moto_server names its virtualenv's Python, which may not be the one on PATH.
        var python = Path.Combine(_root, "venv", "bin", "python3.11");
        Directory.CreateDirectory(Path.GetDirectoryName(python)!);
        File.WriteAllText(python, "");
        var motoServer = Path.Combine(_root, "venv", "bin", "moto_server");
        File.WriteAllText(motoServer, $"#!{python}\nfrom moto.server import main\n");

        Assert.True(File.Exists(MotoCommand.LauncherPath), $"{MotoCommand.LauncherPath} was not copied to the output.");
        Assert.Equal([python, MotoCommand.LauncherPath, motoServer, "-H", "127.0.0.1", "-p", "4566"], MotoCommand.For(motoServer, 4566));
    }

    [Fact]
    public void Every_patch_next_to_the_launcher_is_applied_by_it_and_listed_in_the_README()
    {
        // The README is the patch's record: a patch file it does not list, or one the launcher does
        // not apply, is a change to moto nobody can find.
        var folder = Path.GetDirectoryName(MotoCommand.LauncherPath)!;
        var patches = Directory.GetFiles(folder, "*.py").Select(file => Path.GetFileName(file)).Where(name => name != MotoCommand.LauncherFileName).ToList();
        var launcher = File.ReadAllText(MotoCommand.LauncherPath);
        var readme = File.ReadAllText(Path.Combine(Pipeline.BuildSh.RepositoryRoot, "src", "Emulator", "MotoPatches",
            $"moto-{MotoCommand.PatchedMotoVersion}", "README.md"));

        Assert.NotEmpty(patches);
        Assert.Contains($"PATCHED_VERSION = \"{MotoCommand.PatchedMotoVersion}\"", launcher);
        Assert.All(patches, patch =>
        {
            Assert.Contains($"import {Path.GetFileNameWithoutExtension(patch)}\n", launcher);
            Assert.Contains($"| `{patch}` |", readme);
        });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_queue_behaves_the_same_with_and_without_the_speedups(bool speedups)
    {
        var log = Path.Combine(_root, "moto.log");
        await using var moto = await MotoServer.StartAsync(new MotoServerOptions
        {
            LogPath = log,
            Environment = new Dictionary<string, string> { ["DATAPLATFORM_MOTO_SPEEDUPS"] = speedups ? "on" : "off" },
        });
        await WaitForLineAsync(log, "fast_moto_server:");
        Assert.Contains(speedups ? Banner : "DATAPLATFORM_MOTO_SPEEDUPS is off; running", ReadShared(log));

        using var sqs = Client(moto);
        var queueUrl = (await sqs.CreateQueueAsync("speedups")).QueueUrl;
        await sqs.SendMessageBatchAsync(queueUrl, [.. Enumerable.Range(0, 4).Select(i => new SendMessageBatchRequestEntry($"m{i}", $"body {i}"))]);
        await sqs.SendMessageAsync(new SendMessageRequest(queueUrl, "delayed") { DelaySeconds = 600 });
        Assert.Equal((4, 0, 1), await CountsAsync(sqs, queueUrl));

        // The delayed message is not handed out; the others are, once, and then hidden.
        var first = await ReceiveAsync(sqs, queueUrl);
        Assert.Equal(["body 0", "body 1", "body 2", "body 3"], first.Select(m => m.Body).Order());
        Assert.All(first, m => Assert.Equal("1", m.Attributes["ApproximateReceiveCount"]));
        Assert.Empty(await ReceiveAsync(sqs, queueUrl));
        Assert.Equal((0, 4, 1), await CountsAsync(sqs, queueUrl));

        // Released messages come back at once, counted as second receives, under new handles.
        foreach (var message in first.Take(2))
        {
            await sqs.ChangeMessageVisibilityAsync(queueUrl, message.ReceiptHandle, 0);
        }

        var second = await ReceiveAsync(sqs, queueUrl);
        Assert.Equal(first.Take(2).Select(m => m.MessageId).Order(), second.Select(m => m.MessageId).Order());
        Assert.All(second, m => Assert.Equal("2", m.Attributes["ApproximateReceiveCount"]));

        // An old handle still deletes its message; a handle never issued is refused, alone or in a batch.
        var deleted = await sqs.DeleteMessageBatchAsync(queueUrl,
            [.. first.Select(m => new DeleteMessageBatchRequestEntry(m.MessageId, m.ReceiptHandle)).Append(new DeleteMessageBatchRequestEntry("bogus", "never-issued"))]);
        Assert.Equal(4, deleted.Successful.Count);
        Assert.Equal("bogus", Assert.Single(deleted.Failed).Id);
        Assert.Equal("ReceiptHandleIsInvalid", deleted.Failed[0].Code);
        Assert.Equal((0, 0, 1), await CountsAsync(sqs, queueUrl));
        await Assert.ThrowsAnyAsync<AmazonSQSException>(() => sqs.DeleteMessageAsync(queueUrl, "never-issued"));
    }

    [Fact]
    public async Task Concurrent_deletes_all_take_effect()
    {
        // Plain moto 5.2.1 undoes some of these deletes and the messages come back; the waiting
        // messages make each delete's list rebuild long enough for the deletes to overlap.
        await using var moto = await MotoServer.StartAsync();
        using var sqs = Client(moto);
        var queueUrl = (await sqs.CreateQueueAsync("concurrent-deletes")).QueueUrl;
        for (var page = 0; page < 500; page++)
        {
            await sqs.SendMessageBatchAsync(queueUrl, [.. Enumerable.Range(0, 10).Select(i => new SendMessageBatchRequestEntry($"m{i}", $"body {page}.{i}"))]);
        }

        var received = new List<Message>();
        while (received.Count < 1000)
        {
            received.AddRange(await ReceiveAsync(sqs, queueUrl));
        }

        await Parallel.ForEachAsync(received.Chunk(10), new ParallelOptions { MaxDegreeOfParallelism = 5 }, async (page, token) =>
            await sqs.DeleteMessageBatchAsync(queueUrl, [.. page.Select(m => new DeleteMessageBatchRequestEntry(m.MessageId, m.ReceiptHandle))], token));

        Assert.Equal((4000, 0, 0), await CountsAsync(sqs, queueUrl));
    }

    [Fact]
    public async Task Concurrent_receives_that_move_messages_to_the_dead_letter_queue_strand_none()
    {
        // Plain moto 5.2.1 lets two receives pick the same message for the DLQ; the second one
        // answers 500 after marking its other messages received, and those stay hidden for the
        // whole visibility timeout with nobody holding them. Each round mixes fresh messages with
        // ones at maxReceiveCount, and ten receives race for them.
        var log = Path.Combine(_root, "moto.log");
        await using var moto = await MotoServer.StartAsync(new MotoServerOptions { LogPath = log });
        using var sqs = Client(moto, retries: 0);
        var deadLetterUrl = (await sqs.CreateQueueAsync("strand-dlq")).QueueUrl;
        var deadLetterArn = (await sqs.GetQueueAttributesAsync(deadLetterUrl, ["QueueArn"])).QueueARN;
        var queueUrl = (await sqs.CreateQueueAsync(new CreateQueueRequest("strand")
        {
            Attributes = new Dictionary<string, string>
            {
                ["VisibilityTimeout"] = "300",
                ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{deadLetterArn}\",\"maxReceiveCount\":\"2\"}}",
            },
        })).QueueUrl;

        var failedReceives = new List<string>();
        for (var round = 0; round < 40; round++)
        {
            for (var page = 0; page < 2; page++)
            {
                await sqs.SendMessageBatchAsync(queueUrl, [.. Enumerable.Range(0, 10).Select(i => new SendMessageBatchRequestEntry($"m{i}", $"body {round}.{page}.{i}"))]);
            }

            var receives = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            {
                try
                {
                    return await ReceiveAsync(sqs, queueUrl);
                }
                catch (AmazonSQSException exception)
                {
                    lock (failedReceives)
                    {
                        failedReceives.Add($"{(int)exception.StatusCode} {exception.ErrorCode}: {exception.InnerException?.Message ?? exception.Message}");
                    }

                    return [];
                }
            }));

            // Every message handed out is released at once, as the runner releases failed ones.
            foreach (var page in receives.SelectMany(r => r).Chunk(10))
            {
                var released = await sqs.ChangeMessageVisibilityBatchAsync(queueUrl,
                    [.. page.Select(m => new ChangeMessageVisibilityBatchRequestEntry(m.MessageId, m.ReceiptHandle) { VisibilityTimeout = 0 })]);
                Assert.Empty(released.Failed ?? []);
            }
        }

        // The server's own account of a failed receive (a Python traceback) says which race it was.
        Assert.True(failedReceives.Count == 0, string.Join("\n", failedReceives) + "\n" + ServerErrors(log));
        var (visible, hidden, _) = await CountsAsync(sqs, queueUrl);
        Assert.Equal(0, hidden);
        Assert.Equal(800, visible + (await CountsAsync(sqs, deadLetterUrl)).Visible);
    }

    /// <summary>With <paramref name="retries"/> 0 an emulator's 500 reaches the test instead of being retried away.</summary>
    private static AmazonSQSClient Client(MotoServer moto, int? retries = null) =>
        new AwsClients(AwsEndpoint.Emulator(moto.Endpoint, EmulatorCredentials.Region, EmulatorCredentials.AccessKeyId, EmulatorCredentials.SecretAccessKey), retries)
            .CreateSqs();

    private static async Task<List<Message>> ReceiveAsync(IAmazonSQS sqs, string queueUrl) =>
        (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl)
        {
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = 0,
            MessageSystemAttributeNames = ["All"],
        })).Messages ?? [];

    private static async Task<(int Visible, int NotVisible, int Delayed)> CountsAsync(IAmazonSQS sqs, string queueUrl)
    {
        // Read from the raw map: the typed properties would read a missing count as 0.
        var attributes = (await sqs.GetQueueAttributesAsync(queueUrl, ["All"])).Attributes;
        return (int.Parse(attributes["ApproximateNumberOfMessages"], CultureInfo.InvariantCulture),
            int.Parse(attributes["ApproximateNumberOfMessagesNotVisible"], CultureInfo.InvariantCulture),
            int.Parse(attributes["ApproximateNumberOfMessagesDelayed"], CultureInfo.InvariantCulture));
    }

    /// <summary>The server's output reaches the log through a pipe, so its first line may trail the first answer.</summary>
    private static async Task WaitForLineAsync(string log, string text)
    {
        for (var attempt = 0; attempt < 100 && !(File.Exists(log) && ReadShared(log).Contains(text, StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(100);
        }
    }

    private static string ServerErrors(string log) =>
        string.Join("\n", ReadShared(log).Split('\n').Where(line => line.Contains("Error", StringComparison.Ordinal) && !line.Contains("HTTP/1.1", StringComparison.Ordinal)).Take(20));

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
