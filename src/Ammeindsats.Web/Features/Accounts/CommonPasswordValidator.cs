using System.Text;
using Ammeindsats.Data.Access;
using Microsoft.AspNetCore.Identity;

namespace Ammeindsats.Web.Features.Accounts;

/// <summary>
/// Refuses passwords that are common, breached or built from a common word with digits and symbols around it
/// ("Password1234", "P4ssw0rd!", "Sommer-2026"), passwords of one repeated character or only digits, and
/// passwords made of the user's own e-mail name. The list ships with the product (CommonPasswords.txt), so the
/// check works without a network. The length and character rules stay Identity's own.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const string Code = "CommonPassword";

    public const string Message = "Adgangskoden er for almindelig: den står på listen over lækkede og ofte brugte adgangskoder, eller den er et almindeligt ord med tal eller tegn omkring. Vælg fx tre-fire ord, der ikke hører sammen.";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static IReadOnlySet<string> Passwords => List.Value;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(IsCommon(password ?? string.Empty, user.Email)
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = Message })
            : IdentityResult.Success);
    }

    /// <summary>Whether a password is on the list, built from a listed word, too simple, or the user's own e-mail name.</summary>
    public static bool IsCommon(string password, string? email = null)
    {
        var lower = Fold(password);
        if (List.Value.Contains(lower) || lower.Distinct().Count() < 5)
        {
            return true;
        }

        var core = Core(lower);
        if (core.Length < 4 || List.Value.Contains(core))
        {
            return true;
        }

        var name = email is null ? null : Core(Fold(email.Split('@')[0]));
        return !string.IsNullOrEmpty(name) && name.Length >= 4 && core == name;
    }

    /// <summary>Lower case with Danish letters written as on a keyboard without them: æ ae, ø o, å a.</summary>
    private static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            sb.Append(c switch
            {
                'æ' => "ae",
                'ø' => "o",
                'å' => "a",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>The word inside: digits and symbols around it removed, look-alike digits inside read as letters, then letters only.</summary>
    private static string Core(string lower)
    {
        var trimmed = lower.AsSpan().Trim("0123456789!\"#¤%&/()=?+-_.,:;*'@$§<>[]{}|\\^~` ");
        var sb = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            var letter = c switch
            {
                '0' => 'o',
                '1' => 'i',
                '3' => 'e',
                '4' => 'a',
                '5' => 's',
                '7' => 't',
                '@' => 'a',
                '$' => 's',
                _ => c,
            };
            if (char.IsLetter(letter))
            {
                sb.Append(letter);
            }
        }

        return sb.ToString();
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Ammeindsats.Web.Features.Accounts.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var result = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                result.Add(Fold(line));
            }
        }

        return result;
    }
}
