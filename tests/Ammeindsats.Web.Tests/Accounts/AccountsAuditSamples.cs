using Ammeindsats.Core.Access;
using Ammeindsats.Data.Access;
using Ammeindsats.Web.Tests.Modules;

namespace Ammeindsats.Web.Tests.Accounts;

public sealed class AccountsAuditSamples : IAuditSamples
{
    public IEnumerable<AuditSample> Samples(AuditSampleContext c) =>
    [
        new(new AppUser { Id = "audit-" + c.Tag, UserName = c.Tag + "@example.dk", Email = c.Tag + "@example.dk", CreatedAt = DateTimeOffset.UtcNow }, e => ((AppUser)e).DisplayName = "Navn " + c.Tag),
        new(new UserGrant { UserId = c.DemoUserId, Role = Role.Reader, AreaCode = null }, e => ((UserGrant)e).AreaCode = "751"),
        new(new ApiKey { UserId = c.DemoUserId, Name = "revision-" + c.Tag, Prefix = c.Tag, SecretHash = "hash-" + c.Tag, CreatedAt = DateTimeOffset.UtcNow }, e => ((ApiKey)e).RevokedAt = DateTimeOffset.UtcNow),
    ];
}
