using Microsoft.Extensions.Options;

namespace LeadDesk.RouteController.Agents;

internal sealed class AgentClaimOptionsValidator : IValidateOptions<AgentClaimOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentClaimOptions options) =>
        options.ClaimLeaseSeconds is < 5 or > 600
            ? ValidateOptionsResult.Fail($"Agents:ClaimLeaseSeconds {options.ClaimLeaseSeconds} must be from 5 to 600 (seconds a claim on an agent lasts unrenewed).")
            : ValidateOptionsResult.Success;
}
