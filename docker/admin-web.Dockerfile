# syntax=docker/dockerfile:1
# The LeadDesk web admin (src/Admin.Web), built from the repository root:
#   docker build -f docker/admin-web.Dockerfile .
# A process of its own on the controller's database volume, so a fault in a page never touches call handling.
# Configuration only from the environment (Database__Path, ASPNETCORE_URLS); no secret is baked in.

# ---- build: restore from the project files alone, so source edits keep the restore layer ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/LeadDesk.Store/LeadDesk.Store.csproj src/LeadDesk.Store/
COPY src/Admin.Web/Admin.Web.csproj src/Admin.Web/
RUN dotnet restore src/Admin.Web/Admin.Web.csproj

COPY src/ src/
RUN dotnet publish src/Admin.Web/Admin.Web.csproj -c Release --no-restore -o /out/web

# ---- runtime: ASP.NET Core (Kestrel), ffmpeg to convert uploaded greetings, curl for HEALTHCHECK ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final

RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ffmpeg \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/leaddesk \
 && chown "$APP_UID:$APP_UID" /var/lib/leaddesk

WORKDIR /app
COPY --from=build /out/web /app/web

# Inside the container it listens on every interface; compose publishes it on the host's 127.0.0.1 only.
ENV Database__Path=/var/lib/leaddesk/leaddesk.db \
    ASPNETCORE_URLS=http://0.0.0.0:8091 \
    DOTNET_NOLOGO=1

VOLUME ["/var/lib/leaddesk"]

USER $APP_UID

# The sign-in page is the one page served without a session: 200 means Kestrel and the app are up.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS --max-time 4 http://127.0.0.1:8091/public/signin.html > /dev/null || exit 1

ENTRYPOINT ["dotnet", "/app/web/leaddesk-web.dll"]
