# syntax=docker/dockerfile:1
# The LeadDesk route controller and its admin CLI, built from the repository root:
#   docker build -f docker/controller.Dockerfile .
# (compose does this with `context: ..`). Configuration comes only from environment
# variables (`Section__Key`, e.g. Ari__BaseUrl); no secret is baked into the image.

# ---- build: restore from the project files alone, so source edits keep the restore layer ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/LeadDesk.Ari.Client/LeadDesk.Ari.Client.csproj src/LeadDesk.Ari.Client/
COPY src/LeadDesk.Store/LeadDesk.Store.csproj src/LeadDesk.Store/
COPY src/RouteController/RouteController.csproj src/RouteController/
COPY src/Admin.Cli/Admin.Cli.csproj src/Admin.Cli/
RUN dotnet restore src/RouteController/RouteController.csproj \
 && dotnet restore src/Admin.Cli/Admin.Cli.csproj

COPY src/ src/
# Two folders, one per app: each keeps its own deps.json and nothing can overwrite the other's files.
RUN dotnet publish src/RouteController/RouteController.csproj -c Release --no-restore -o /out/controller \
 && dotnet publish src/Admin.Cli/Admin.Cli.csproj -c Release --no-restore -o /out/admin

# ---- runtime: the ASP.NET Core runtime (the controller is a generic-host worker whose one HTTP listener,
# /healthz, /metrics and the greetings Asterisk fetches, is Kestrel from Microsoft.AspNetCore.App) ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final

# curl only for HEALTHCHECK: the runtime image has no HTTP client, and /healthz is plain HTTP.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/leaddesk \
 && chown "$APP_UID:$APP_UID" /var/lib/leaddesk

WORKDIR /app
COPY --from=build /out/controller /app/controller
COPY --from=build /out/admin /app/admin
# `leaddesk-admin` on PATH, run through the shared `dotnet` host (no apphost lookup of the runtime).
COPY --chmod=755 docker/controller/leaddesk-admin /usr/local/bin/leaddesk-admin

# Defaults that only make sense inside this image; compose sets the rest (see docker/compose.yml).
ENV Database__Path=/var/lib/leaddesk/leaddesk.db \
    Health__Url=http://127.0.0.1:8090/ \
    DOTNET_NOLOGO=1

# The SQLite database (and its WAL) lives on a volume owned by the non-root user.
VOLUME ["/var/lib/leaddesk"]

# `app` (uid 1654) is the non-root user the official .NET images ship; APP_UID is set by them.
USER $APP_UID

# 200 while ARI is connected, 503 otherwise: "unhealthy" means the controller cannot reach Asterisk.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS --max-time 4 "${Health__Url%/}/healthz" > /dev/null || exit 1

ENTRYPOINT ["dotnet", "/app/controller/RouteController.dll"]
