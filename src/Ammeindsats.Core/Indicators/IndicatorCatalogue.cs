using Ammeindsats.Core.Statistics;

namespace Ammeindsats.Core.Indicators;

/// <summary>
/// The built-in indicators. The breastfeeding thresholds follow Den Nationale Børnedatabase's time points
/// (1 and 2 weeks, 1, 2, 4 and 6 months); Sundhedsstyrelsen recommends full breastfeeding to about 6 months.
/// Later modules add their indicators (IBCLC share, staff trained, parents well prepared, implementation
/// coverage) through <see cref="IIndicatorProvider"/> and a catalogue row of their own.
/// </summary>
public static class IndicatorCatalogue
{
    public const string ChildRecordsProvider = "child-records";
    public const string ValuesProvider = "values";
    public const string MedianCode = "fuldamning-median-dage";

    private const string Source = "Den Nationale Børnedatabase (sundhedsplejens registreringer); indberettet til Ammeindsats";

    private const string FullDefinition =
        "Fuld amning: barnet får kun modermælk (vand og vitaminer tilladt) og højst ét måltid modermælkserstatning om ugen.";

    public static IReadOnlyList<IndicatorDefinition> BuiltIn { get; } =
    [
        Threshold("fuldamning-1uge", "1 uge", "1 week", 7, 10),
        Threshold("fuldamning-2uger", "2 uger", "2 weeks", 14, 20),
        Threshold("fuldamning-1mdr", "1 måned", "1 month", 30, 30),
        Threshold("fuldamning-2mdr", "2 måneder", "2 months", 61, 40),
        Threshold("fuldamning-4mdr", "4 måneder", "4 months", 122, 50),
        Threshold("fuldamning-6mdr", "6 måneder", "6 months", 183, 60),
        new IndicatorDefinition
        {
            Code = MedianCode,
            NameDa = "Varighed af fuld amning (median, dage)",
            NameEn = "Duration of full breastfeeding (median, days)",
            Definition = FullDefinition + " Medianen er den mindste alder i dage, hvor højst halvdelen stadig ammes fuldt, beregnet med Kaplan–Meier, så børn, der stadig blev ammet fuldt ved sidste registrering, tæller med.",
            Unit = IndicatorUnit.Days,
            Polarity = Polarity.HigherIsBetter,
            Kind = IndicatorKind.Median,
            Source = Source,
            Provider = ChildRecordsProvider,
            SortOrder = 70,
        },
    ];

    private static IndicatorDefinition Threshold(string code, string ageDa, string ageEn, int days, int order) => new()
    {
        Code = code,
        NameDa = $"Fuldt ammet ved {ageDa}",
        NameEn = $"Fully breastfed at {ageEn}",
        Definition = FullDefinition + $" Andelen af børn, der blev ammet fuldt i mindst {days} dage.",
        NumeratorDefinition = $"Børn med fuld amning i mindst {days} dage (afsluttet eller stadig i gang).",
        DenominatorDefinition = $"Tælleren plus børn, hvis fulde amning sluttede før dag {days}. Børn, der sidst blev set før dag {days} og stadig blev ammet fuldt, er ikke med.",
        Unit = IndicatorUnit.Percent,
        Polarity = Polarity.HigherIsBetter,
        Kind = IndicatorKind.Threshold,
        ThresholdDays = days,
        Source = Source,
        Provider = ChildRecordsProvider,
        SortOrder = order,
    };
}
