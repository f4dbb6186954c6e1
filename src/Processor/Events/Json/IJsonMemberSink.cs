using System.Text.Json;

namespace DataPlatform.Processor.Events.Json;

/// <summary>
/// What <see cref="JsonSkipper.ObjectEnd{TMembers}"/> tells about the members of the object it
/// skips. A struct type argument, so that the JIT compiles one loop per kind of sink and the nested
/// values, skipped with <see cref="NoMembers"/>, pay nothing for the reporting.
/// </summary>
internal interface IJsonMemberSink
{
    /// <summary>Whether members are reported; a reported member's name must have no escapes.</summary>
    static abstract bool Reports { get; }

    /// <summary>
    /// One member: <paramref name="name"/> as it stands between its quotes, its opening quote at
    /// <paramref name="nameStart"/>, its value from <paramref name="valueStart"/> to before <paramref name="end"/>.
    /// </summary>
    void Add(ReadOnlySpan<byte> name, int nameStart, int valueStart, int end, JsonTokenType valueType);
}
