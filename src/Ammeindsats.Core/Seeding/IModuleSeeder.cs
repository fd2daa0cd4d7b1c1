namespace Ammeindsats.Core.Seeding;

/// <summary>How much content a seeding run loads.</summary>
public enum SeedKind
{
    /// <summary>Reference data every installation needs (areas, the indicator catalogue).</summary>
    Reference,

    /// <summary>Reference data plus invented demo content, marked as demo data in the UI.</summary>
    Demo,
}
