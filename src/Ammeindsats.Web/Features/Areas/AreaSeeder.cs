using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Seeding;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Areas;

/// <summary>
/// Loads DK, the regions, municipalities, health clusters and birth sites from the reference files shipped
/// in SeedData/. Rows the reference could not confirm are loaded with Confirmed = false for an administrator
/// to check. Existing rows are left alone, so an administrator's edits survive a new seed.
/// </summary>
public sealed class AreaSeeder : IModuleSeeder
{
    /// <summary>The reference memberships hold from the 2007 structural reform until changed.</summary>
    public static readonly DateOnly ReferenceFrom = new(2007, 1, 1);

    public int Order => 10;

    public async Task SeedAsync(AmmeindsatsDbContext db, SeedKind kind, SeedReport report, CancellationToken ct)
    {
        var existing = (await db.Areas.Select(a => a.Code).ToListAsync(ct)).ToHashSet();
        var memberships = (await db.AreaMemberships.Select(m => new { m.ChildCode, m.ParentCode }).ToListAsync(ct))
            .Select(m => (m.ChildCode, m.ParentCode)).ToHashSet();
        var addedAreas = 0;

        void AddArea(Area area)
        {
            if (existing.Add(area.Code))
            {
                db.Areas.Add(area);
                addedAreas++;
            }
        }

        void Link(string child, string parent, bool confirmed)
        {
            if (memberships.Add((child, parent)))
            {
                db.AreaMemberships.Add(new AreaMembership { ChildCode = child, ParentCode = parent, ValidFrom = ReferenceFrom, Confirmed = confirmed });
            }
        }

        AddArea(new Area { Code = AreaCode.Denmark, Type = AreaType.Country, Name = "Danmark", NameEn = "Denmark" });
        foreach (var row in SeedingRegistration.ReadEmbeddedCsv("regions.csv"))
        {
            AddArea(new Area { Code = row["region_code"], Type = AreaType.Region, Name = row["name_da"], NameEn = row["name_en"] });
        }

        foreach (var row in SeedingRegistration.ReadEmbeddedCsv("municipalities.csv"))
        {
            AddArea(new Area { Code = AreaCode.Normalize(row["municipality_code"]), Type = AreaType.Municipality, Name = row["name_da"] });
        }

        var clusterRows = SeedingRegistration.ReadEmbeddedCsv("health_clusters.csv").ToList();
        foreach (var cluster in clusterRows.GroupBy(r => r["cluster_id"]))
        {
            var first = cluster.First();
            AddArea(new Area
            {
                Code = cluster.Key,
                Type = AreaType.Cluster,
                Name = first["name_da"],
                Description = first["hospital"],
                Confirmed = cluster.All(r => r["confirmed"] == "yes"),
            });
        }

        var birthSites = SeedingRegistration.ReadEmbeddedCsv("birth_sites.csv").ToList();
        foreach (var row in birthSites)
        {
            AddArea(new Area
            {
                Code = row["site_id"],
                Type = AreaType.BirthSite,
                Name = row["hospital_name"],
                Description = row["city"],
                Confirmed = row["confirmed"] == "yes",
            });
        }

        // Areas first: memberships refer to them.
        await db.SaveChangesAsync(ct);

        foreach (var row in SeedingRegistration.ReadEmbeddedCsv("regions.csv"))
        {
            Link(row["region_code"], AreaCode.Denmark, true);
        }

        foreach (var row in SeedingRegistration.ReadEmbeddedCsv("municipalities.csv"))
        {
            Link(AreaCode.Normalize(row["municipality_code"]), row["region_code"], true);
        }

        foreach (var row in clusterRows)
        {
            Link(row["cluster_id"], row["region_code"], true);
            Link(AreaCode.Normalize(row["municipality_code"]), row["cluster_id"], row["confirmed"] == "yes");
        }

        foreach (var row in birthSites)
        {
            Link(row["site_id"], row["region_code"], true);
            if (!string.IsNullOrEmpty(row["cluster_id"]))
            {
                Link(row["site_id"], row["cluster_id"], row["confirmed"] == "yes");
            }
        }

        await db.SaveChangesAsync(ct);
        if (addedAreas > 0)
        {
            report.Add($"Områder indlæst: {addedAreas}.");
        }
    }
}
