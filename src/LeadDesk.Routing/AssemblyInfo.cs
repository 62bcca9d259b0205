namespace LeadDesk.Routing;
