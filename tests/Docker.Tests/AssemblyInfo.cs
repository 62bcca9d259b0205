namespace Docker.Tests;
