namespace LeadDesk.Store;
