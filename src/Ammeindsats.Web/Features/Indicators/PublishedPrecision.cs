using System.Globalization;
using Ammeindsats.Core.Indicators;

namespace Ammeindsats.Web.Features.Indicators;

/// <summary>
/// Figures as they are published: shares and intervals to one decimal, days whole. A table export carries the
/// same number the page shows (88,7, not 88,6685601770374), rounded exactly as the page's text is.
/// </summary>
public static class PublishedPrecision
{
    public static int Decimals(IndicatorDefinition indicator) => indicator.Unit == IndicatorUnit.Days ? 0 : 1;

    /// <summary>The value rounded as <see cref="IndicatorView.FormatValue"/> shows it, or null.</summary>
    public static double? Round(double? value, IndicatorDefinition indicator) =>
        value is { } v && double.IsFinite(v)
            ? double.Parse(v.ToString("F" + Decimals(indicator).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : null;

    /// <summary>An interval bound to one decimal, as the page shows it.</summary>
    public static double? RoundBound(double? value) =>
        value is { } v && double.IsFinite(v)
            ? double.Parse(v.ToString("F1", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : null;
}
