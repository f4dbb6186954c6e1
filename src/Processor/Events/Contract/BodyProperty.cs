using System.Text.Json;

namespace DataPlatform.Processor.Events.Contract;

/// <summary>
/// Where one top-level member of a body sits: <see cref="Start"/> is its name's opening quote,
/// <see cref="ValueStart"/>..<see cref="End"/> its value, so the member can be copied verbatim.
/// </summary>
internal readonly record struct BodyProperty(EventField Field, int Start, int ValueStart, int End, JsonTokenType ValueType);
