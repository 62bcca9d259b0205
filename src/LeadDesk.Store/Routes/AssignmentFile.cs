using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Routes;

/// <summary>
/// Reads <c>routes assign --file</c>: one number a line, or <c>number,agent</c> a line to give many numbers to many
/// agents at once (as PBX bulk handlers take them). Blank lines and <c># comments</c> are skipped; a first line
/// <c>number</c> or <c>number,agent</c> is a header. Every line has the same shape as the first; anything else
/// refuses the file, naming the line.
/// </summary>
public static class AssignmentFile
{
    /// <summary>The entries, each with the agent of its line (null in a one-column file).</summary>
    public static IReadOnlyList<(NumberEntry Entry, string? Agent)> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<(NumberEntry, string?)>();
        int? columns = null;
        var lineNumber = 0;
        var first = true;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var text = raw.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var fields = text.Split(',').Select(f => f.Trim()).ToArray();
            if (first)
            {
                first = false;
                if (fields[0].Equals("number", StringComparison.OrdinalIgnoreCase)
                    && (fields.Length == 1 || (fields.Length == 2 && fields[1].Equals("agent", StringComparison.OrdinalIgnoreCase))))
                {
                    columns = fields.Length;
                    continue;
                }
            }

            columns ??= fields.Length;
            if (fields.Length != columns || columns > 2)
            {
                throw new RoutingRefusedException(columns switch
                {
                    1 => $"Line {lineNumber}: expected one number, found {fields.Length} fields.",
                    2 => $"Line {lineNumber}: expected number,agent, found {fields.Length} field(s).",
                    _ => $"Line {lineNumber}: expected a number, or number,agent.",
                });
            }

            if (columns == 2 && fields[1].Length == 0)
            {
                throw new RoutingRefusedException($"Line {lineNumber}: the agent is empty.");
            }

            entries.Add((new NumberEntry(fields[0], lineNumber), columns == 2 ? fields[1] : null));
        }

        return entries;
    }
}
