using Cake.Core;

namespace DataPlatform.Build.Host;

/// <summary>
/// Cake's console with colour allowed only when <see cref="ColourChoice"/> says so: without it,
/// Cake's log renders plain text (no ANSI escapes) and colour changes are dropped, so nothing
/// reaches a file or a pipe but the words.
/// </summary>
public sealed class ColourGatedConsole(IConsole inner, bool colour) : IConsole
{
    public ConsoleColor ForegroundColor
    {
        get => inner.ForegroundColor;
        set
        {
            if (colour)
            {
                inner.ForegroundColor = value;
            }
        }
    }

    public ConsoleColor BackgroundColor
    {
        get => inner.BackgroundColor;
        set
        {
            if (colour)
            {
                inner.BackgroundColor = value;
            }
        }
    }

    public bool SupportAnsiEscapeCodes => colour && inner.SupportAnsiEscapeCodes;

    public void Write(string format, params object[] arg) => inner.Write(format, arg);

    public void WriteLine(string format, params object[] arg) => inner.WriteLine(format, arg);

    public void WriteError(string format, params object[] arg) => inner.WriteError(format, arg);

    public void WriteErrorLine(string format, params object[] arg) => inner.WriteErrorLine(format, arg);

    public void ResetColor()
    {
        if (colour)
        {
            inner.ResetColor();
        }
    }
}
