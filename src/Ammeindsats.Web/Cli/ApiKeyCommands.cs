using Ammeindsats.Data;
using Ammeindsats.Data.Access;
using Ammeindsats.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Cli;

/// <summary>api-keys create | revoke. create prints the key alone on the last line of stdout.</summary>
public static class ApiKeyCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, CommandArgs args)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var sub = args.PositionalAt(0, "underkommando (create eller revoke)");
        var email = args.Required("email");
        var name = args.Required("name").Trim();
        args.EnsureNoUnknownOptions();
        var db = sp.GetRequiredService<AmmeindsatsDbContext>();
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized)
            ?? throw new InvalidInputException($"Der findes ingen bruger med e-mailen {email}.");
        var service = sp.GetRequiredService<ApiKeyService>();
        switch (sub)
        {
            case "create":
                var (_, key) = await service.CreateAsync(user.Id, name);
                await Console.Error.WriteLineAsync($"API-nøglen '{name}' er oprettet for {user.Email}. Gem den nu; den vises ikke igen.");
                Console.WriteLine(key);
                return ExitCodes.Done;
            case "revoke":
                if (!await service.RevokeAsync(user.Id, name))
                {
                    throw new InvalidInputException($"{user.Email} har ingen aktiv API-nøgle med navnet '{name}'.");
                }

                await Console.Error.WriteLineAsync($"API-nøglen '{name}' for {user.Email} er tilbagekaldt.");
                return ExitCodes.Done;
            default:
                throw new InvalidInputException($"Ukendt underkommando 'api-keys {sub}'. Brug create eller revoke.");
        }
    }
}
