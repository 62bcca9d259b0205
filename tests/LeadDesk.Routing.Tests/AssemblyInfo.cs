namespace LeadDesk.Routing.Tests;
