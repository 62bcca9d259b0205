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

    public static CustomDestination Dialplan(string name, string context, string extension, int priority = 1)
    {
        if (priority is < 1 or > 9999)
        {
            throw new RoutingRefusedException($"The priority {priority} is out of range (1 to 9999).");
        }

        return new CustomDestination(InputRules.DestinationName(name), DestinationKind.Dialplan)
        {
            Context = InputRules.DialplanName(context, "dialplan context"),
            Extension = InputRules.DialplanName(extension, "dialplan extension"),
            Priority = priority,
        };
    }

    public static CustomDestination ToEndpoint(string name, string endpoint) =>
        new(InputRules.DestinationName(name), DestinationKind.Endpoint)
        {
            Endpoint = InputRules.Endpoint(endpoint),
        };

    /// <param name="e164">Already normalised (see <see cref="PhoneNumberNormalizer"/>).</param>
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
