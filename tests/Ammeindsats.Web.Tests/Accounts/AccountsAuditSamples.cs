using Ammeindsats.Core.Access;
using Ammeindsats.Data.Access;
using Ammeindsats.Web.Tests.Modules;

namespace Ammeindsats.Web.Tests.Accounts;

public sealed class AccountsAuditSamples : IAuditSamples
{
    public IEnumerable<AuditSample> Samples(AuditSampleContext context) =>
    [
        new(new AppUser { Id = "audit-" + context.Tag, UserName = context.Tag + "@example.dk", Email = context.Tag + "@example.dk", CreatedAt = DateTimeOffset.UtcNow }, e => ((AppUser)e).DisplayName = "Navn " + context.Tag),
        new(new UserGrant { UserId = context.DemoUserId, Role = Role.Reader, AreaCode = null }, e => ((UserGrant)e).AreaCode = "751"),
        new(new ApiKey { UserId = context.DemoUserId, Name = "revision-" + context.Tag, Prefix = context.Tag, SecretHash = "hash-" + context.Tag, CreatedAt = DateTimeOffset.UtcNow }, e => ((ApiKey)e).RevokedAt = DateTimeOffset.UtcNow),
    ];
}
