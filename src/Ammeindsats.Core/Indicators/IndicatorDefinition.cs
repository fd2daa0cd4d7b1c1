using Ammeindsats.Core.Audit;
using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Core.Indicators;

/// <summary>How an indicator's value is made.</summary>
public enum IndicatorKind
{
    /// <summary>Share of children fully breastfed at a threshold age, from birth cohorts' daily counts.</summary>
    Threshold,

    /// <summary>Median duration of full breastfeeding in days (Kaplan–Meier), from birth cohorts.</summary>
    Median,

    /// <summary>Numerator and denominator given directly (aggregated files, manual entry, other modules).</summary>
    Proportion,
}

public enum IndicatorUnit
{
    Percent,
    Days,
}

/// <summary>One indicator of the catalogue. Polarity and kind are typed, never free text.</summary>
public sealed class IndicatorDefinition : IAudited, IVersioned
{
    public required string Code { get; set; }

    public required string NameDa { get; set; }

    public required string NameEn { get; set; }

    public required string Definition { get; set; }

    public string? NumeratorDefinition { get; set; }

    public string? DenominatorDefinition { get; set; }

    public IndicatorUnit Unit { get; set; }

    public Polarity Polarity { get; set; }

    public IndicatorKind Kind { get; set; }

    public required string Source { get; set; }

    /// <summary>For threshold indicators: the age in days at which a child counts as still fully breastfed.</summary>
    public int? ThresholdDays { get; set; }

    /// <summary>Which module feeds the indicator ("child-records", "values", or a later module's name).</summary>
    public required string Provider { get; set; }

    public int SortOrder { get; set; }

    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public string AuditKey => Code;
}
