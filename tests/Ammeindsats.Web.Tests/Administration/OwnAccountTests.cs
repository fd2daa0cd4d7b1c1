using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Ammeindsats.Core.Access;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Infrastructure;

namespace Ammeindsats.Web.Tests.Administration;

[Collection(AdministrationCollection.Name)]
public sealed class OwnAccountTests(TestApps apps)
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ApiKeyPage_ShowsANewKeyOnce_AndRevokingItAfterConfirmingStopsTheApi(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var (_, email) = await Pages.CreateUserAsync(app, Role.Reporter, "751", "noegle");
        var user = await app.LoginAsync(email, Pages.Password);

        var empty = await Pages.GetAsync(user, "/konto/api-noegler");
        Assert.Contains("Du har ingen API-nøgler.", empty.Text());
        var created = await Pages.SubmitAndFollowAsync(user, empty, "main form[action*='Create'] button", new() { ["Name"] = "Statistikprogram" });
        var key = created.QuerySelector("#new-api-key").Text();
        Assert.StartsWith("ak_", key, StringComparison.Ordinal);
        Assert.Contains("Kopiér nøglen nu", created.Text());

        var api = app.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        var later = await Pages.GetAsync(user, "/konto/api-noegler");
        Assert.DoesNotContain(key, later.Source.Text, StringComparison.Ordinal);
        var row = later.QuerySelectorAll("tbody tr").Single();
        Assert.Contains("Statistikprogram", row.Text());
        Assert.Contains("Nej, aktiv", row.Text());

        var duplicate = await Pages.SubmitAndFollowAsync(user, later, "main form[action*='Create'] button", new() { ["Name"] = "Statistikprogram" });
        Assert.Contains("Der findes allerede en aktiv API-nøgle med navnet 'Statistikprogram'.", duplicate.QuerySelector("#Name")!.ParentElement.Text());

        var confirm = await Pages.FollowAsync(user, later, "Tilbagekald Statistikprogram");
        Assert.Contains("Vil du tilbagekalde API-nøglen 'Statistikprogram'?", confirm.Text());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        var revoked = await Pages.SubmitAndFollowAsync(user, confirm, ".alert-warning button.button-primary");
        Assert.Contains("API-nøglen 'Statistikprogram' er tilbagekaldt", revoked.Text());
        Assert.DoesNotContain("Nej, aktiv", revoked.QuerySelector("tbody").Text());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TwoFactor_TurnedOnWithACodeFromTheApp_IsAskedForAtLogin_AndCanBeTurnedOff(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var (_, email) = await Pages.CreateUserAsync(app, Role.Reader, null, "tofaktor");
        var user = await app.LoginAsync(email, Pages.Password);

        var start = await Pages.GetAsync(user, "/konto/to-faktor");
        Assert.Contains("To-faktor-login er slået fra.", start.Text());
        var setup = await Pages.SubmitAndFollowAsync(user, start, "main form[action*='NewKey'] button");
        var sharedKey = setup.QuerySelector("#shared-key").Text();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", sharedKey);
        var uri = setup.QuerySelector("#authenticator-uri").Text();
        var secret = sharedKey.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        Assert.Equal($"otpauth://totp/Ammeindsats:{Uri.EscapeDataString(email)}?secret={secret}&issuer=Ammeindsats&digits=6", uri);

        var wrong = await Pages.SubmitAndFollowAsync(user, setup, "main form[action*='Enable'] button", new() { ["Code"] = WrongCode(secret) });
        Assert.Contains("Koden er forkert eller udløbet", wrong.Text());

        var enabled = await Pages.SubmitAndFollowAsync(user, setup, "main form[action*='Enable'] button", new() { ["Code"] = Totp(secret) });
        Assert.Contains("To-faktor-login er slået til.", enabled.Text());

        var withoutCode = await Pages.TryLoginAsync(app.NewClient(), email, Pages.Password);
        Assert.Contains("Skriv koden fra din godkender-app.", await withoutCode.Content.ReadAsStringAsync());
        var withCode = await Pages.TryLoginAsync(app.NewClient(), email, Pages.Password, Totp(secret));
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);

        var confirm = await Pages.FollowAsync(user, enabled, "Slå to-faktor-login fra");
        Assert.Contains("Vil du slå to-faktor-login fra?", confirm.Text());
        var disabled = await Pages.SubmitAndFollowAsync(user, confirm, ".alert-warning button.button-primary");
        Assert.Contains("To-faktor-login er slået fra.", disabled.Text());
        Assert.Equal(HttpStatusCode.Redirect, (await Pages.TryLoginAsync(app.NewClient(), email, Pages.Password)).StatusCode);
    }

    /// <summary>RFC 6238: HMAC-SHA1 over the 30-second step, six digits, as authenticator apps compute it.</summary>
    private static string Totp(string base32Secret, long stepOffset = 0)
    {
        var step = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30) + stepOffset;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1.
        var hash = HMACSHA1.HashData(FromBase32(base32Secret), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A six-digit code that none of the steps the server accepts (±2) would produce.</summary>
    private static string WrongCode(string secret)
    {
        var valid = Enumerable.Range(-3, 7).Select(i => Totp(secret, i)).ToHashSet();
        return Enumerable.Range(0, 20).Select(i => ((i * 111_111) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.TrimEnd('='))
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)((value >> (bits - 8)) & 0xFF));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
