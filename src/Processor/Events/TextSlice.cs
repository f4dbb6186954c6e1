namespace DataPlatform.Processor.Events;

/// <summary>A piece of text in the batch's <see cref="TextArena"/>; <see cref="Length"/> -1 is null.</summary>
internal readonly record struct TextSlice(int Start, int Length)
{
    public static TextSlice Null { get; } = new(0, -1);

    public bool IsNull => Length < 0;
}
