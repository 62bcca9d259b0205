namespace LeadDesk.Ari.Client;
