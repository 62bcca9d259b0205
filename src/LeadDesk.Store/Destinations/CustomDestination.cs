using LeadDesk.Store;
using LeadDesk.Store.Validation;
namespace LeadDesk.Store.Destinations;

/// <summary>
/// A special destination support made. Exactly the fields of its <see cref="Kind"/> are set; build one with
/// the factory methods, which validate what Asterisk will be given.
/// </summary>
public sealed record CustomDestination
{
    private CustomDestination(string name, DestinationKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public DestinationKind Kind { get; }

    /// <summary>For <see cref="DestinationKind.Dialplan"/>: the context.</summary>
    public string? Context { get; private init; }

    /// <summary>For <see cref="DestinationKind.Dialplan"/>: the extension.</summary>
    public string? Extension { get; private init; }

    /// <summary>For <see cref="DestinationKind.Dialplan"/>: the priority (1 when not given).</summary>
    public int? Priority { get; private init; }

    /// <summary>For <see cref="DestinationKind.Endpoint"/>: <c>TECH/RESOURCE</c>.</summary>
    public string? Endpoint { get; private init; }

    /// <summary>For <see cref="DestinationKind.Number"/>: the external number in E.164.</summary>
    public string? Number { get; private init; }

    /// <summary>One line saying where it goes, for listings.</summary>
    public string Target => Kind switch
    {
        DestinationKind.Dialplan => $"{Context},{Extension},{Priority}",
        DestinationKind.Endpoint => Endpoint!,
        _ => Number!,
    };

    /// <summary>The dialplan context carrier calls enter (asterisk-config): a custom destination there loops back in.</summary>
    public const string InboundContext = "from-carrier";

    /// <summary>The carrier trunk's PJSIP endpoint in asterisk-config, when <c>Routing:OutboundTrunk</c> names none.</summary>
    public const string DefaultTrunk = "carrier";

    /// <summary>Channel technologies Asterisk 22 can dial to reach another endpoint (chan_sip is gone since 21).</summary>
    public static IReadOnlyList<string> Technologies { get; } = ["PJSIP", "IAX2", "DAHDI", "Local"];

    public static CustomDestination Dialplan(string name, string context, string extension, int priority = 1)
    {
        if (priority is < 1 or > 9999)
        {
            throw new RoutingRefusedException($"The priority {priority} is out of range (1 to 9999).");
        }

        var target = InputRules.DialplanName(context, "dialplan context");
        if (string.Equals(target, InboundContext, StringComparison.OrdinalIgnoreCase))
        {
            throw new RoutingRefusedException(
                $"'{target}' is the context carrier calls enter: a call sent there comes straight back to the controller (a loop). Name the context the call should go to.");
        }

        return new CustomDestination(InputRules.DestinationName(name), DestinationKind.Dialplan)
        {
            Context = target,
            Extension = InputRules.DialplanName(extension, "dialplan extension"),
            Priority = priority,
        };
    }

    /// <param name="trunk">The carrier trunk endpoint (<c>Routing:OutboundTrunk</c>); empty means <see cref="DefaultTrunk"/>.</param>
    public static CustomDestination ToEndpoint(string name, string endpoint, string? trunk = null)
    {
        var dialstring = InputRules.Endpoint(endpoint);
        var slash = dialstring.IndexOf('/', StringComparison.Ordinal);
        var technology = Technologies.FirstOrDefault(t => t.Equals(dialstring[..slash], StringComparison.OrdinalIgnoreCase))
            ?? throw new RoutingRefusedException(
                $"{InputRules.Describe(dialstring)} uses the channel technology '{dialstring[..slash]}', which Asterisk 22 does not have: use {string.Join(", ", Technologies)}.");
        var resource = dialstring[(slash + 1)..];
        var carrier = string.IsNullOrWhiteSpace(trunk) ? DefaultTrunk : trunk.Trim();
        if (technology == "PJSIP" && (resource.Equals(carrier, StringComparison.OrdinalIgnoreCase) || resource.Equals(DefaultTrunk, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RoutingRefusedException(
                $"PJSIP/{resource} is the carrier trunk itself: to send calls to an external number use --number.");
        }

        return new(InputRules.DestinationName(name), DestinationKind.Endpoint)
        {
            Endpoint = technology + "/" + resource,
        };
    }

    /// <param name="e164">Already normalised (see <see cref="Numbers.PhoneNumberNormalizer"/>).</param>
    public static CustomDestination ToNumber(string name, string e164) =>
        new(InputRules.DestinationName(name), DestinationKind.Number)
        {
            Number = e164,
        };

    internal static CustomDestination FromRow(string name, string kind, string? context, string? exten, long? priority, string? endpoint, string? number) =>
        new(name, ParseKind(kind))
        {
            Context = context,
            Extension = exten,
            Priority = priority is null ? null : (int)priority.Value,
            Endpoint = endpoint,
            Number = number,
        };

    internal static string ToToken(DestinationKind kind) => kind switch
    {
        DestinationKind.Dialplan => "dialplan",
        DestinationKind.Endpoint => "endpoint",
        _ => "number",
    };

    private static DestinationKind ParseKind(string kind) => kind switch
    {
        "dialplan" => DestinationKind.Dialplan,
        "endpoint" => DestinationKind.Endpoint,
        "number" => DestinationKind.Number,
        _ => throw new InvalidDataException($"Unknown custom destination kind '{kind}' in the database."),
    };
}
