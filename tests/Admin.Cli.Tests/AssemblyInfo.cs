namespace Admin.Cli.Tests;
