using System.Text.Json;

namespace DataPlatform.Processor.Events.Json;

/// <summary>The sink for values that are only skipped.</summary>
internal readonly struct NoMembers : IJsonMemberSink
{
    public static bool Reports => false;

    public void Add(ReadOnlySpan<byte> name, int nameStart, int valueStart, int end, JsonTokenType valueType)
    {
    }
}
