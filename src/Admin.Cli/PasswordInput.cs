using System.Text;

namespace LeadDesk.Admin.Cli;

/// <summary>
/// Where <c>users add</c> and <c>users password</c> get a password: <c>LEADDESK_PASSWORD</c>, else one line of
/// standard input, asked twice without echo when that is a terminal. Never a command-line argument: those are
/// visible to every user of the machine in the process list and kept in shell history.
/// </summary>
internal static class PasswordInput
{
    public const string EnvironmentVariable = "LEADDESK_PASSWORD";

    public static string Read(CliContext ctx)
    {
        if (ctx.Setting(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (ctx.InIsTerminal)
        {
            var first = Prompt(ctx.Error, "Password: ");
            var second = Prompt(ctx.Error, "Again: ");
            return first == second ? first : throw new LeadDesk.Store.RoutingRefusedException("The two passwords differ; nothing was changed.");
        }

        return ctx.In.ReadLine() is { Length: > 0 } line
            ? line
            : throw new LeadDesk.Store.RoutingRefusedException(
                $"No password given: write it as one line to standard input or set {EnvironmentVariable}.");
    }

    private static string Prompt(TextWriter prompt, string text)
    {
        prompt.Write(text);
        prompt.Flush();
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                prompt.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}
