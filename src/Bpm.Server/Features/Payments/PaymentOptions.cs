namespace Bpm.Server.Features.Payments;

/// <summary><c>Bpm:Payments</c>: which provider fee steps ask through, and the simulated bank.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Bpm:Payments";

    /// <summary>The provider new payments go through.</summary>
    public string Provider { get; set; } = Bpm.Payments.SimulatedBank.ProviderName;

    /// <summary>How long an applicant has to pay before a request expires.</summary>
    public TimeSpan ValidFor { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Where a provider's relative pay link starts in the payment-due notice (the server's public address); unset, the link is printed as the provider gives it.</summary>
    public Uri? PayBaseUrl { get; set; }

    /// <summary>The simulated bank (its pay endpoint and its callbacks); on in Development unless set.</summary>
    public bool? SimulatedBankEnabled { get; set; }

    /// <summary>The simulated bank's signing key (any text); a random one per start when not set.</summary>
    public string? SimulatedBankKey { get; set; }
}
