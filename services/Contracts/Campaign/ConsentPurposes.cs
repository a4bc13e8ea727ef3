namespace Iom.Contracts.Campaign;

/// <summary>What a testimony's author consented to, each separately and withdrawable separately.</summary>
public static class ConsentPurposes
{
    /// <summary>Shown in the Together campaign app.</summary>
    public const string CampaignApp = "campaign-app";

    /// <summary>Shared on social media.</summary>
    public const string SocialMedia = "social-media";

    /// <summary>Shared with press partners (the journalist feed).</summary>
    public const string Press = "press";

    public static readonly IReadOnlyList<string> All = [CampaignApp, SocialMedia, Press];

    public static bool IsKnown(string? purpose) => All.Contains(purpose ?? string.Empty, StringComparer.OrdinalIgnoreCase);
}
