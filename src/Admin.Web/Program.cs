using LeadDesk.Admin.Web.Hosting;

return await WebProgram.RunAsync(args).ConfigureAwait(false);
