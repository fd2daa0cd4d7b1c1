using Ammeindsats.Core.Areas;
using Ammeindsats.Web.Tests.Modules;

namespace Ammeindsats.Web.Tests.Areas;

public sealed class AreasAuditSamples : IAuditSamples
{
    public IEnumerable<AuditSample> Samples(AuditSampleContext context) =>
    [
        new(new Area { Code = "T" + context.Tag, Type = AreaType.HealthCouncil, Name = "Prøveråd " + context.Tag }, e => ((Area)e).Name += " ændret"),
        new(new AreaMembership { ChildCode = "751", ParentCode = "1082", ValidFrom = new DateOnly(1990, 1, 1), ValidTo = new DateOnly(1990, 12, 31) }, e => ((AreaMembership)e).Confirmed = false),
    ];
}
