namespace Ari.Simulator.Tests;
