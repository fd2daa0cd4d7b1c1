using Ammeindsats.Core.Access;
using Ammeindsats.Data;
using Ammeindsats.Web.Cli;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Indicators;

/// <summary>
/// import child-records FILE [--dry-run] [--approve] [--latest-row-wins] [--as EMAIL]
/// import indicator-values FILE [--dry-run] [--approve] [--as EMAIL]
/// Exit 0 on success (also when nothing changed), 2 on invalid input with one problem per line on stderr.
/// </summary>
public static class ImportCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, CommandArgs args)
    {
        var kind = args.PositionalAt(0, "hvad der importeres (child-records eller indicator-values)") switch
        {
            "child-records" => ImportKind.ChildRecords,
            "indicator-values" => ImportKind.IndicatorValues,
            var other => throw new InvalidInputException($"Ukendt import '{other}'. Brug child-records eller indicator-values."),
        };
        var path = args.PositionalAt(1, "filnavn");
        var dryRun = args.Flag("dry-run");
        var approve = args.Flag("approve");
        var latestRowWins = args.Flag("latest-row-wins");
        if (latestRowWins && kind != ImportKind.ChildRecords)
        {
            throw new InvalidInputException("--latest-row-wins gælder kun for child-records.");
        }

        var asEmail = args.Option("as");
        args.EnsureNoUnknownOptions();
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"Filen {path} findes ikke.");
        }

        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AmmeindsatsDbContext>();
        var actor = new ImportActor(null, "kommandolinje");
        if (asEmail is not null)
        {
            var normalized = asEmail.Trim().ToUpperInvariant();
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized)
                ?? throw new InvalidInputException($"Der findes ingen bruger med e-mailen {asEmail}.");
            if (user.Disabled)
            {
                throw new InvalidInputException($"Brugeren {asEmail} er deaktiveret.");
            }

            var grants = await db.UserGrants.AsNoTracking().Where(g => g.UserId == user.Id).Select(g => new { g.Role, g.AreaCode }).ToListAsync();
            var hierarchy = new Core.Areas.AreaHierarchy(await db.Areas.AsNoTracking().ToListAsync(), await db.AreaMemberships.AsNoTracking().ToListAsync(), DateOnly.FromDateTime(DateTime.UtcNow));
            actor = new ImportActor(new AccessScope(grants.Select(g => (g.Role, g.AreaCode)), hierarchy), user.Email!);
            sp.GetRequiredService<CommandLineActor>().ActAs(user.Email!, user.Id);
            if (approve && !actor.MayApproveSomewhere)
            {
                throw new InvalidInputException($"{asEmail} må ikke godkende værdier (kræver rollen secretariat eller administrator).");
            }
        }

        await using var file = File.OpenRead(path);
        // A fresh scope, so the importer's database context writes the user named with --as to the audit trail
        // (the context resolved above for the look-ups took the actor as it was before --as).
        using var importScope = services.CreateScope();
        var outcome = await importScope.ServiceProvider.GetRequiredService<IndicatorImporter>().RunAsync(kind, file, actor, dryRun, approve, path, latestRowWins);
        if (!outcome.Succeeded)
        {
            foreach (var p in outcome.Problems)
            {
                await Console.Error.WriteLineAsync(p.Column is null ? $"row {p.Row}: {p.Message}" : $"row {p.Row}, column {p.Column}: {p.Message}");
            }

            await Console.Error.WriteLineAsync("Filen er ikke importeret; intet er ændret.");
            return ExitCodes.InvalidInput;
        }

        foreach (var note in outcome.Notes)
        {
            await Console.Error.WriteLineAsync(note);
        }

        await Console.Error.WriteLineAsync((dryRun ? "Prøvekørsel, intet gemt: " : "Importeret: ") + outcome.Describe());
        Console.WriteLine($"inserted={outcome.Inserted} updated={outcome.Updated} deleted={outcome.Deleted} unchanged={outcome.Unchanged} sha256={outcome.FileSha256}");
        return ExitCodes.Done;
    }
}
