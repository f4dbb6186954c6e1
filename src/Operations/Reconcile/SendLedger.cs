using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DataPlatform.Operations.Reconcile;

/// <summary>
/// What the kit's senders sent, one JSON line per message in <c>.state/&lt;env&gt;/ledger/sent-YYYY-MM-DD.jsonl</c>
/// (one file per UTC day of sending, appended to). Reconcile compares it with the lake's message ids, so a
/// message that vanished from the queue before it was processed is named, not just counted. A line is written
/// only after SQS accepted the message: the ledger never claims a send that did not happen.
/// </summary>
public sealed class SendLedger(string directory)
{
    private static readonly SemaphoreSlim AppendLock = new(1, 1);

    public string Directory { get; } = directory;

    public bool Exists => System.IO.Directory.Exists(Directory)
        && System.IO.Directory.EnumerateFiles(Directory, "sent-*.jsonl").Any();

    public static SendLedger ForEnvironment(string environmentStateDirectory) =>
        new(Path.Combine(environmentStateDirectory, "ledger"));

    public async Task AppendAsync(IReadOnlyCollection<SentMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        System.IO.Directory.CreateDirectory(Directory);
        await AppendLock.WaitAsync(cancellationToken);
        try
        {
            foreach (var day in messages.GroupBy(m => DateOnly.FromDateTime(m.SentAt.UtcDateTime)))
            {
                var lines = new StringBuilder();
                foreach (var message in day)
                {
                    lines.Append(JsonSerializer.Serialize(message)).Append('\n');
                }

                await File.AppendAllTextAsync(FileOf(day.Key), lines.ToString(), cancellationToken);
            }
        }
        finally
        {
            AppendLock.Release();
        }
    }

    /// <summary>The messages sent to <paramref name="queueUrl"/> in [from, to), each message id once.</summary>
    public async Task<IReadOnlyList<SentMessage>> ReadAsync(string queueUrl, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        var sent = new Dictionary<string, SentMessage>(StringComparer.Ordinal);
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day <= DateOnly.FromDateTime(to.UtcDateTime); day = day.AddDays(1))
        {
            var file = FileOf(day);
            if (!File.Exists(file))
            {
                continue;
            }

            var number = 0;
            foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var message = Parse(file, number, line);
                if (message.SentAt >= from && message.SentAt < to && string.Equals(message.QueueUrl, queueUrl, StringComparison.Ordinal))
                {
                    sent.TryAdd(message.MessageId, message);
                }
            }
        }

        return [.. sent.Values.OrderBy(m => m.SentAt)];
    }

    private static SentMessage Parse(string file, int number, string line)
    {
        try
        {
            return JsonSerializer.Deserialize<SentMessage>(line) ?? throw new JsonException("null line");
        }
        catch (JsonException e)
        {
            // A half-written last line after a crash is the likely cause; the other lines are still good.
            throw new InvalidDataException(
                $"Line {number} of the send ledger {file} is not a ledger entry ({e.Message}). " +
                "Delete or fix that line (an interrupted send can leave a partial last line) and run Reconcile again.", e);
        }
    }

    private string FileOf(DateOnly day) =>
        Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"sent-{day:yyyy-MM-dd}.jsonl"));
}
