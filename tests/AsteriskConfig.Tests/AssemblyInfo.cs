namespace AsteriskConfig.Tests;
