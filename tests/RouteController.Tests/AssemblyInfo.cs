namespace RouteController.Tests;
