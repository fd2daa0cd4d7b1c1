using Ammeindsats.Core.Access;
using Ammeindsats.Core.Seeding;
using Ammeindsats.Data;
using Ammeindsats.Data.Access;
using Ammeindsats.Web.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Accounts;

/// <summary>One demo user per role, with a shared demo password, printed at start.</summary>
public sealed class DemoUserSeeder(UserManager<AppUser> users, TimeProvider clock) : IModuleSeeder
{
    public const string Password = "Amning-Demo-2026";

    public static readonly IReadOnlyList<(string Email, string Name, Role Role, string? Area)> Users =
    [
        ("admin@demo.ammeindsats.dk", "Demo Administrator", Role.Administrator, null),
        ("sekretariat@demo.ammeindsats.dk", "Demo Sekretariat (Region Midtjylland)", Role.Secretariat, "1082"),
        ("netvaerk@demo.ammeindsats.dk", "Demo Netværk (Aarhusklyngen)", Role.Network, "RM-AARHUS"),
        ("indberetter@demo.ammeindsats.dk", "Demo Indberetter (Aarhus Kommune)", Role.Reporter, "751"),
        ("laeser@demo.ammeindsats.dk", "Demo Læser", Role.Reader, null),
    ];

    public int Order => 20;

    public async Task SeedAsync(AmmeindsatsDbContext db, SeedKind kind, SeedReport report, CancellationToken ct)
    {
        if (kind != SeedKind.Demo)
        {
            return;
        }

        var created = false;
        foreach (var (email, name, role, area) in Users)
        {
            var normalized = email.ToUpperInvariant();
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct))
            {
                continue;
            }

            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, IsDemo = true, CreatedAt = clock.GetUtcNow() };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            db.UserGrants.Add(new UserGrant { UserId = user.Id, Role = role, AreaCode = area });
            await db.SaveChangesAsync(ct);
            created = true;
        }

        if (created || kind == SeedKind.Demo)
        {
            report.Add($"Demo-brugere (adgangskode for alle: {Password}):");
            foreach (var (email, _, role, area) in Users)
            {
                report.Add($"  {role.DanishName(),-12} {email}{(area is null ? string.Empty : $"  (område {area})")}");
            }
        }
    }
}
