namespace Ammeindsats.Core.Access;

/// <summary>The roles a user can be granted. The token is used by the command line and API, the name in the UI.</summary>
public enum Role
{
    /// <summary>Runs the installation.</summary>
    Administrator,

    /// <summary>A steering group's secretariat: all areas of its region or regions.</summary>
    Secretariat,

    /// <summary>Member of a cluster's implementation network: own cluster.</summary>
    Network,

    /// <summary>Reports for own municipality or birth site.</summary>
    Reporter,

    /// <summary>Reads published figures only.</summary>
    Reader,
}

public static class Roles
{
    public const string AdministratorToken = "administrator";
    public const string SecretariatToken = "secretariat";
    public const string NetworkToken = "network";
    public const string ReporterToken = "reporter";
    public const string ReaderToken = "reader";

    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    public static string Token(this Role role) => role switch
    {
        Role.Administrator => AdministratorToken,
        Role.Secretariat => SecretariatToken,
        Role.Network => NetworkToken,
        Role.Reporter => ReporterToken,
        Role.Reader => ReaderToken,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static string DanishName(this Role role) => role switch
    {
        Role.Administrator => "Administrator",
        Role.Secretariat => "Sekretariat",
        Role.Network => "Netværk",
        Role.Reporter => "Indberetter",
        Role.Reader => "Læser",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static string EnglishName(this Role role) => role switch
    {
        Role.Administrator => "Administrator",
        Role.Secretariat => "Secretariat",
        Role.Network => "Network",
        Role.Reporter => "Reporter",
        Role.Reader => "Reader",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>Case-insensitive: "Secretariat", "SECRETARIAT" and "secretariat" are the same role.</summary>
    public static bool TryParse(string? token, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Token(), token?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
