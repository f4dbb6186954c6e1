namespace DataPlatform.Contracts;

/// <summary>
/// Strict RFC 3339 date-times: <c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)</c>. An offset is
/// required because a time without one is ambiguous, and a guessed zone would file the event
/// under the wrong hour.
/// </summary>
public static class Rfc3339
{
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTime utc)
    {
        utc = default;
        if (text.Length < 20
            || !TryDigits(text, 0, 4, out var year) || text[4] != '-'
            || !TryDigits(text, 5, 2, out var month) || text[7] != '-'
            || !TryDigits(text, 8, 2, out var day) || (text[10] | 0x20) != 't'
            || !TryDigits(text, 11, 2, out var hour) || text[13] != ':'
            || !TryDigits(text, 14, 2, out var minute) || text[16] != ':'
            || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        var position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            position++;
            var digits = 0;
            var scale = TimeSpan.TicksPerSecond;
            while (position < text.Length && char.IsAsciiDigit((char)text[position]))
            {
                // Ticks are 100 ns: digits past the seventh are below the clock's resolution.
                if (digits < 7)
                {
                    scale /= 10;
                    fractionTicks += (text[position] - '0') * scale;
                }

                digits++;
                position++;
            }

            if (digits == 0)
            {
                return false;
            }
        }

        if (position >= text.Length)
        {
            return false;
        }

        int offsetMinutes;
        if ((text[position] | 0x20) == 'z' && position == text.Length - 1)
        {
            offsetMinutes = 0;
        }
        else if ((text[position] == '+' || text[position] == '-')
                 && position + 6 == text.Length
                 && TryDigits(text, position + 1, 2, out var offsetHours) && text[position + 3] == ':'
                 && TryDigits(text, position + 4, 2, out var offsetMins)
                 && offsetHours <= 23 && offsetMins <= 59)
        {
            offsetMinutes = (offsetHours * 60 + offsetMins) * (text[position] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        var ticks = local - offsetMinutes * TimeSpan.TicksPerMinute;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = value * 10 + digit;
        }

        return true;
    }
}
