using LeadDesk.RouteController.Hosting;

return await ControllerProgram.RunAsync(args).ConfigureAwait(false);
