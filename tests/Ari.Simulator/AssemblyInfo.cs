namespace LeadDesk.Ari.Simulator;
