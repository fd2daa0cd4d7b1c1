using System.Globalization;

namespace Ammeindsats.Core.Common;

/// <summary>Danish text order: æ, ø and å after z, "aa" as å, case ignored. Every list sorted by name uses it.</summary>
public static class DanishText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("da-DK");

    public static readonly StringComparer Comparer = StringComparer.Create(Culture, ignoreCase: true);
}
