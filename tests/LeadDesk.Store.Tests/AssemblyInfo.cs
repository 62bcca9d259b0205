namespace LeadDesk.Store.Tests;
