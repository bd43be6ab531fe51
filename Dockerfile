# One image per deployable program: build with --build-arg PROJECT=Silo | Web | Sandbox.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
# The web front end's build installs Pipedrive's App Extensions SDK from npm (src/Web/package-lock.json).
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Restore in its own layer: it is rebuilt only when a project file or the central package versions change, not on
# every code change. Every project under src/ is listed (ComposeFileTests checks that none is missing).
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ApiClients/ApiClients.csproj src/ApiClients/
COPY src/Database/Database.csproj src/Database/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Grains.Interfaces/Grains.Interfaces.csproj src/Grains.Interfaces/
COPY src/Sandbox/Sandbox.csproj src/Sandbox/
COPY src/ServiceDefaults/ServiceDefaults.csproj src/ServiceDefaults/
COPY src/Silo/Silo.csproj src/Silo/
COPY src/Web/Web.csproj src/Web/
RUN dotnet restore "src/${PROJECT}/${PROJECT}.csproj"

COPY src/ src/
RUN dotnet publish "src/${PROJECT}/${PROJECT}.csproj" -c Release -o /app --no-restore --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG PROJECT
ENV APP_DLL=PipedriveMaileon.${PROJECT}.dll
WORKDIR /app
COPY --from=build /app .
USER app
ENTRYPOINT ["sh", "-c", "exec dotnet \"$APP_DLL\" \"$@\"", "--"]
