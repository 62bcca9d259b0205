namespace LeadDesk.Ari.Client.Tests;
