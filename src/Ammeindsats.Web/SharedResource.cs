namespace Ammeindsats.Web;

/// <summary>Anchor type for the shared texts in Resources/SharedResource(.en).resx.</summary>
public sealed class SharedResource;
