using DataPlatform.Operations.Reconcile;

namespace DataPlatform.Operations.Tests.Reconcile;

public sealed class SendLedgerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ledger-").FullName;

    [Fact]
    public async Task Reading_a_window_returns_only_that_queue_s_messages_sent_in_it_each_once()
    {
        var ledger = new SendLedger(_directory);
        var noon = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await ledger.AppendAsync([
            new SentMessage(noon.AddMinutes(-61), "m-early", "e-early", "q"),
            new SentMessage(noon.AddMinutes(-30), "m-in", "e-in", "q"),
            new SentMessage(noon.AddMinutes(-30), "m-in", "e-in", "q"),
            new SentMessage(noon.AddMinutes(-20), "m-other", "e-other", "other-queue"),
            new SentMessage(noon, "m-late", "e-late", "q"),
        ]);

        var read = await ledger.ReadAsync("q", noon.AddHours(-1), noon);

        Assert.Equal(["m-in"], read.Select(m => m.MessageId));
        Assert.Equal("e-in", read[0].EventId);
    }

    [Fact]
    public async Task A_window_across_midnight_reads_both_days_files()
    {
        var ledger = new SendLedger(_directory);
        var midnight = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        await ledger.AppendAsync([new SentMessage(midnight.AddMinutes(-5), "m-1", "e-1", "q"), new SentMessage(midnight.AddMinutes(5), "m-2", "e-2", "q")]);

        var read = await ledger.ReadAsync("q", midnight.AddHours(-1), midnight.AddHours(1));

        Assert.Equal(["m-1", "m-2"], read.Select(m => m.MessageId));
        Assert.Equal(["sent-2026-03-01.jsonl", "sent-2026-03-02.jsonl"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_broken_line_names_the_file_and_line_and_says_how_to_fix_it()
    {
        var ledger = new SendLedger(_directory);
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await ledger.AppendAsync([new SentMessage(at, "m-1", "e-1", "q")]);
        await File.AppendAllTextAsync(Path.Combine(_directory, "sent-2026-03-01.jsonl"), "{\"sent_at\":\"2026-03");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ledger.ReadAsync("q", at.AddHours(-1), at.AddHours(1)));

        Assert.Contains("Line 2 of the send ledger", error.Message, StringComparison.Ordinal);
        Assert.Contains("Delete or fix that line", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
