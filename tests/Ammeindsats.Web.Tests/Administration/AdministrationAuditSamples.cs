using Ammeindsats.Core.People;
using Ammeindsats.Web.Tests.Modules;

namespace Ammeindsats.Web.Tests.Administration;

public sealed class AdministrationAuditSamples : IAuditSamples
{
    public IEnumerable<AuditSample> Samples(AuditSampleContext context) =>
    [
        new(new Person { Name = "Prøveperson " + context.Tag, AreaCode = "751" }, e => ((Person)e).JobTitle = "Sundhedsplejerske"),
    ];
}
