namespace LeadDesk.Admin.Cli;

/// <summary>A command line the parser accepted but that makes no sense (e.g. both NUMBER... and --file); exit 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
