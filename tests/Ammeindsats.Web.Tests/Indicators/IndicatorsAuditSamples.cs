using Ammeindsats.Core.Indicators;
using Ammeindsats.Web.Tests.Modules;

namespace Ammeindsats.Web.Tests.Indicators;

public sealed class IndicatorsAuditSamples : IAuditSamples
{
    public IEnumerable<AuditSample> Samples(AuditSampleContext context) =>
    [
        new(new IndicatorDefinition { Code = "proeve-" + context.Tag, NameDa = "Prøve", NameEn = "Trial", Definition = "Til revisionsprøven.", Source = "Prøve", Provider = "test" }, e => ((IndicatorDefinition)e).SortOrder = 99),
        new(new IndicatorValue { IndicatorCode = "fuldamning-2uger", AreaCode = "751", Period = "1990", Breakdown = "b-" + context.Tag, Numerator = 1, Denominator = 2, Origin = "manual" }, e => ((IndicatorValue)e).Numerator = 2),
        new(new BirthCohort { AreaCode = "751", BirthYear = 1990, Breakdown = "b-" + context.Tag, Counts = "1:1:0", Children = 1, Origin = "manual" }, e => ((BirthCohort)e).Status = ValueStatus.Submitted),
        new(new IndicatorTarget { IndicatorCode = "fuldamning-2uger", AreaCode = "751", BaselineYear = 1990, BaselineValue = 50, TargetYear = 1995, TargetValue = 60, Note = context.Tag }, e => ((IndicatorTarget)e).TargetValue = 65),
    ];
}
