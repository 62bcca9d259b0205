using System.Text;
using LeadDesk.Store;
using LeadDesk.Store.Validation;

namespace LeadDesk.Store.Numbers;

/// <summary>
/// Reads <c>numbers import</c> files: a header <c>number,label,owned</c> (label and owned optional, any order),
/// RFC 4180 quoting. Broken quoting or an unreadable value refuses the whole file, naming the line.
/// </summary>
public static class NumberCsvReader
{
    /// <summary>
    /// Reads a pasted list or a CSV file of <c>number[,label]</c> lines (the web admin's "Add numbers"): an optional
    /// header (<c>number,label,owned</c> as <see cref="Read"/> takes it), blank lines skipped, RFC 4180 quoting. Each
    /// row keeps its line, so a refusal names it. <paramref name="owned"/> applies to every row without its own.
    /// </summary>
    public static IReadOnlyList<NumberImportRow> ReadList(TextReader reader, string? label = null, bool? owned = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = ParseRecords(reader);
        if (records.Count > 0 && records[0].Fields.Count > 0 && string.Equals(records[0].Fields[0].Trim(), "number", StringComparison.OrdinalIgnoreCase))
        {
            using var again = new StringReader(Join(records));
            return Read(again).Select(r => r with { Label = r.Label ?? label, Owned = r.Owned ?? owned }).ToList();
        }

        var rows = new List<NumberImportRow>();
        foreach (var (line, fields) in records)
        {
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (fields.Count > 2)
            {
                throw new RoutingRefusedException($"Line {line}: expected a number and an optional label, found {fields.Count} fields.");
            }

            string? rowLabel;
            try
            {
                rowLabel = fields.Count == 2 && !string.IsNullOrWhiteSpace(fields[1]) ? InputRules.Label(fields[1]) : label;
            }
            catch (RoutingRefusedException e)
            {
                throw new RoutingRefusedException($"Line {line}: {e.Message}");
            }

            rows.Add(new NumberImportRow(new NumberEntry(fields[0].Trim(), line), rowLabel, owned));
        }

        return rows;
    }

    // The records written back as CSV (quoted), for the header path of ReadList.
    private static string Join(List<(int Line, List<string> Fields)> records) =>
        string.Join("\n", records.Select(r => string.Join(",", r.Fields.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))));

    public static IReadOnlyList<NumberImportRow> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = ParseRecords(reader);
        if (records.Count == 0)
        {
            throw new RoutingRefusedException("The CSV file is empty: expected a header 'number,label,owned'.");
        }

        var (headerLine, header) = records[0];
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var numberAt = columns.IndexOf("number");
        var labelAt = columns.IndexOf("label");
        var ownedAt = columns.IndexOf("owned");
        if (numberAt < 0 || columns.Any(c => c is not ("number" or "label" or "owned")) || columns.Distinct().Count() != columns.Count)
        {
            throw new RoutingRefusedException($"Line {headerLine}: the header must be 'number,label,owned' (label and owned may be left out).");
        }

        var rows = new List<NumberImportRow>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0]))
            {
                continue;
            }

            if (fields.Count != columns.Count)
            {
                throw new RoutingRefusedException($"Line {line}: expected {columns.Count} fields, found {fields.Count}.");
            }

            var owned = ownedAt < 0 ? null : ParseOwned(fields[ownedAt], line);
            string? label;
            try
            {
                label = labelAt < 0 ? null : InputRules.Label(fields[labelAt]);
            }
            catch (RoutingRefusedException e)
            {
                throw new RoutingRefusedException($"Line {line}: {e.Message}");
            }

            rows.Add(new NumberImportRow(new NumberEntry(fields[numberAt].Trim(), line), label, owned));
        }

        return rows;
    }

    // Empty (or no owned column) keeps what an existing number has; a new number is owned.
    private static bool? ParseOwned(string value, int line) => value.Trim().ToLowerInvariant() switch
    {
        "" => null,
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        _ => throw new RoutingRefusedException(
            $"Line {line}: owned must be true/false, yes/no or 1/0, not {InputRules.Describe(value)}."),
    };

    // RFC 4180: fields may be quoted; "" inside quotes is a quote; a quoted field may span lines. Each record
    // carries the line it started on.
    private static List<(int Line, List<string> Fields)> ParseRecords(TextReader reader)
    {
        const int MaxFieldLength = 4096;
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        var any = false;

        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            any = true;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                        var next = reader.Peek();
                        if (next is not (-1 or ',' or '\r' or '\n'))
                        {
                            throw new RoutingRefusedException($"Line {line}: broken quoting (text after a closing quote).");
                        }
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                if (field.Length > 0 || fieldWasQuoted)
                {
                    throw new RoutingRefusedException($"Line {line}: broken quoting (a quote inside an unquoted field).");
                }

                inQuotes = true;
                fieldWasQuoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldWasQuoted = false;
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                fields.Add(field.ToString());
                records.Add((recordLine, fields));
                fields = [];
                field.Clear();
                fieldWasQuoted = false;
                line++;
                recordLine = line;
                any = false;
            }
            else
            {
                field.Append(ch);
            }

            if (field.Length > MaxFieldLength)
            {
                throw new RoutingRefusedException($"Line {recordLine}: a field is longer than {MaxFieldLength} characters.");
            }
        }

        if (inQuotes)
        {
            throw new RoutingRefusedException($"Line {recordLine}: broken quoting (a quoted field is never closed).");
        }

        if (any || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }

        return records;
    }
}
