using System.Globalization;
using System.Text;
using System.Xml;
using Ammeindsats.Core.Common;

namespace Ammeindsats.Core.Documents;

/// <summary>The cell types the writers share, and how a cell turns into text.</summary>
internal static class DocumentCell
{
    public static bool IsSupported(object? value) => value switch
    {
        null or string or int or long or decimal or DateOnly => true,
        // NaN and infinity have no spreadsheet or CSV form; a missing figure should be null.
        double d => double.IsFinite(d),
        _ => false,
    };

    public static string Describe(object? value) => value switch
    {
        double d => d.ToString(CultureInfo.InvariantCulture),
        null => "null",
        _ => "a value of type " + value.GetType().Name,
    };

    public static bool IsNumber(object? value) => value is int or long or double or decimal;

    /// <summary>Shortest text that reads back as the same number, with a point: 51.1, 1234, -0.25.</summary>
    public static string InvariantNumber(object value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        // Adding 0.0 turns -0 into 0, which nobody wants to see in a table.
        double d => (d + 0.0).ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        _ => throw Unsupported(value),
    };

    /// <summary>
    /// A number for running text and report tables: 1.234,5. Doubles keep the decimals they have;
    /// decimals keep their scale, so 51.10m stays 51,10 when the caller asked for two places.
    /// </summary>
    public static string DanishNumber(object value) => value switch
    {
        int i => DanishFormat.Number(i),
        long l => DanishFormat.Number(l, 0),
        double d => DanishFormat.Number(d + 0.0, DecimalsOf(d)),
        decimal m => DanishFormat.Number((double)m, m.Scale),
        _ => throw Unsupported(value),
    };

    /// <summary>How a cell reads in a report: Danish numbers and dd-MM-yyyy dates.</summary>
    public static string DanishText(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        DateOnly date => DanishFormat.TableDate(date),
        _ => DanishNumber(value),
    };

    /// <summary>
    /// Drops characters XML 1.0 cannot carry (control characters, lone surrogates). Free text typed
    /// into the system can hold them, and one would otherwise stop the whole file from being written.
    /// </summary>
    public static string XmlSafe(string text)
    {
        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsXmlCharAt(text, i, out var width))
            {
                firstBad = i;
                break;
            }

            i += width - 1;
        }

        if (firstBad < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (IsXmlCharAt(text, i, out var width))
            {
                sb.Append(text, i, width);
            }

            i += width - 1;
        }

        return sb.ToString();
    }

    public static ArgumentException Unsupported(object? value) =>
        new($"{Describe(value)} cannot be written to a document.", nameof(value));

    private static bool IsXmlCharAt(string text, int i, out int width)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
        {
            width = 2;
            return true;
        }

        width = 1;
        return XmlConvert.IsXmlChar(c);
    }

    private static int DecimalsOf(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            // Very large or tiny values; two places is as readable as anything here.
            return 2;
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? 0 : Math.Min(text.Length - point - 1, 15);
    }
}
