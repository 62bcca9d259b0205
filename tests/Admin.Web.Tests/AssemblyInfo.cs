namespace Admin.Web.Tests;
