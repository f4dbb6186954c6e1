namespace DataPlatform.Operations.Replay;

/// <summary>
/// Which quarantined records a replay considers: the <c>dt</c> partitions from <see cref="From"/>
/// to <see cref="To"/> (UTC days, both included) and, when <see cref="Reason"/> is set, only those
/// whose refusal contains it (case-insensitive, so a fragment of the error text chooses a reason).
/// </summary>
public sealed record ReplaySelection(DateOnly From, DateOnly To, string? Reason = null)
{
    /// <summary>A replay reads every listed day's objects; a year bounds a typo like --from=2002.</summary>
    public const int MaxDays = 366;

    public IEnumerable<DateOnly> Days()
    {
        if (To < From)
        {
            throw new ArgumentException($"The replay range ends ({To:yyyy-MM-dd}) before it starts ({From:yyyy-MM-dd}). Give --from on or before --to.");
        }

        if (To.DayNumber - From.DayNumber >= MaxDays)
        {
            throw new ArgumentException(
                $"The replay range {From:yyyy-MM-dd} to {To:yyyy-MM-dd} spans more than {MaxDays} days. Replay a year or less at a time.");
        }

        for (var day = From; day <= To; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    public bool Matches(QuarantinedRecord record) =>
        string.IsNullOrEmpty(Reason) || record.Error.Contains(Reason, StringComparison.OrdinalIgnoreCase);
}
