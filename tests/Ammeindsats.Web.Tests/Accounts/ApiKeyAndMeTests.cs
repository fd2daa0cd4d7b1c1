using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Auth;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ammeindsats.Web.Tests.Accounts;

[Collection(WebCollection.Name)]
public sealed class ApiKeyAndMeTests(TestApps apps)
{
    private sealed record MeDto(string Email, List<string> Roles, List<string> Areas);

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Get_Me_WithoutKey_ReturnsUnauthorized(DatabaseProvider provider)
    {
        var client = apps.Get(provider).NewClient();

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Get_Me_WithMadeUpKey_ReturnsUnauthorized(DatabaseProvider provider)
    {
        var client = apps.Get(provider).NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "ak_000000000000_notarealsecretnotarealsecret");

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Get_Me_WithKey_ReturnsEmailRolesAndAreas_AndRevokedKeyStopsWorking(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        string userId;
        string key;
        var name = "test-" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
            userId = (await db.Users.SingleAsync(u => u.Email == DemoUsers.Reporter)).Id;
            (_, key) = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(userId, name);
        }

        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var me = await client.GetFromJsonAsync<MeDto>("/api/v1/me");

        Assert.Equal(DemoUsers.Reporter, me!.Email);
        Assert.Equal(["reporter"], me.Roles);
        Assert.Equal(["751"], me.Areas);

        using (var scope = app.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(userId, name));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ApiKey_IsStoredOnlyAsHash(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        var userId = (await db.Users.SingleAsync(u => u.Email == DemoUsers.Reader)).Id;

        var (stored, key) = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(userId, "hash-" + Guid.NewGuid().ToString("N")[..8]);

        var secret = key.Split('_', 3)[2];
        Assert.DoesNotContain(secret, stored.SecretHash, StringComparison.Ordinal);
        Assert.Equal(64, stored.SecretHash.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))), stored.SecretHash);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Login_WrongPasswordFiveTimes_LocksTheAccount(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var email = $"lock-{Guid.NewGuid():N}@example.dk";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Access.AppUser>>();
            await users.CreateAsync(new Data.Access.AppUser { UserName = email, Email = email }, "Korrekt-Kode-2026");
            var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.UserGrants.Add(new Core.Access.UserGrant { UserId = user.Id, Role = Core.Access.Role.Reader });
            await db.SaveChangesAsync();
        }

        var client = app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            var page = await client.GetStringAsync("/konto/log-ind");
            await client.PostAsync("/konto/log-ind", Form(email, "Forkert-Kode-2026", TestApp.AntiforgeryToken(page)));
        }

        var last = await client.GetStringAsync("/konto/log-ind");
        var response = await client.PostAsync("/konto/log-ind", Form(email, "Korrekt-Kode-2026", TestApp.AntiforgeryToken(last)));
        var html = await response.Content.ReadAsStringAsync();

        // Held back for this address, with the same answer as a wrong password, so nothing tells the guesser why.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Web.Features.Accounts.LoginModel.Refused, html);
    }

    private static FormUrlEncodedContent Form(string email, string password, string token) => new(new Dictionary<string, string>
    {
        ["Email"] = email,
        ["Password"] = password,
        ["__RequestVerificationToken"] = token,
    });
}
