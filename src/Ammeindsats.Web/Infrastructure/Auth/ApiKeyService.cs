using Ammeindsats.Data;
using Ammeindsats.Data.Access;
using Ammeindsats.Web.Cli;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Infrastructure.Auth;

/// <summary>Creating and revoking API keys, shared by the command line and the web pages.</summary>
public sealed class ApiKeyService(AmmeindsatsDbContext db, TimeProvider clock)
{
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string userId, string name, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new InvalidInputException("Giv nøglen et navn på 1-100 tegn.");
        }

        if (await db.ApiKeys.AnyAsync(k => k.UserId == userId && k.Name == name && k.RevokedAt == null, ct))
        {
            throw new InvalidInputException($"Der findes allerede en aktiv API-nøgle med navnet '{name}'.");
        }

        var (prefix, secret, full) = ApiKeySecrets.Create();
        var key = new ApiKey { UserId = userId, Name = name, Prefix = prefix, SecretHash = ApiKeySecrets.Hash(secret), CreatedAt = clock.GetUtcNow() };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return (key, full);
    }

    public async Task<bool> RevokeAsync(string userId, string name, CancellationToken ct = default)
    {
        var keys = await db.ApiKeys.Where(k => k.UserId == userId && k.Name == name && k.RevokedAt == null).ToListAsync(ct);
        foreach (var key in keys)
        {
            key.RevokedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        return keys.Count > 0;
    }
}
