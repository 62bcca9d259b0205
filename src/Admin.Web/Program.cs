using LeadDesk.Admin.Web.Hosting;

await AdminWebApp.Build(args).RunAsync().ConfigureAwait(false);
