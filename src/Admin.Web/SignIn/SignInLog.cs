using System.Text;

namespace LeadDesk.Admin.Web.SignIn;

/// <summary>What a refused sign-in leaves in the log: the name tried, cut to printable characters, and the address.</summary>
internal static class SignInLog
{
    private const int MaxNameLength = 64;

    /// <summary><paramref name="name"/> with control and other unprintable characters dropped, at most 64 characters.</summary>
    public static string Printable(string? name)
    {
        var text = new StringBuilder();
        foreach (var rune in (name ?? "").EnumerateRunes())
        {
            if (text.Length >= MaxNameLength)
            {
                break;
            }

            if (!Rune.IsControl(rune) && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(rune.Value) is not
                (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator
                 or System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.Surrogate
                 or System.Globalization.UnicodeCategory.PrivateUse or System.Globalization.UnicodeCategory.OtherNotAssigned))
            {
                text.Append(rune.ToString());
            }
        }

        return text.ToString();
    }
}
