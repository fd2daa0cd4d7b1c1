using Ammeindsats.Core.People;
using Ammeindsats.Web.Tests.Modules;

namespace Ammeindsats.Web.Tests.Administration;

public sealed class AdministrationAuditSamples : IAuditSamples
{
    public IEnumerable<AuditSample> Samples(AuditSampleContext c) =>
    [
        new(new Person { Name = "Prøveperson " + c.Tag, AreaCode = "751" }, e => ((Person)e).JobTitle = "Sundhedsplejerske"),
    ];
}
