namespace Ammeindsats.Core.Areas;

/// <summary>
/// One spelling of each area code everywhere (URLs, API, files). Some registers write municipality
/// codes with a leading zero (0101); the product accepts that and always emits 101.
/// </summary>
public static class AreaCode
{
    public const string Denmark = "DK";

    public static string Normalize(string? code)
    {
        var trimmed = (code ?? string.Empty).Trim();
        if (trimmed.Length is > 1 and <= 4 && trimmed[0] == '0' && trimmed.All(char.IsAsciiDigit))
        {
            trimmed = trimmed.TrimStart('0');
            return trimmed.Length == 0 ? "0" : trimmed;
        }

        return trimmed.ToUpperInvariant();
    }
}
