using Microsoft.Extensions.Hosting;
using LeadDesk.RouteController.Hosting;

using var host = ControllerHost.CreateBuilder(args).Build();
await host.RunAsync().ConfigureAwait(false);
