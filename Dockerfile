# One image per deployable program: build with --build-arg PROJECT=Silo | Web | Sandbox.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
# The web front end's build installs Pipedrive's App Extensions SDK from npm (src/Web/package-lock.json).
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish "src/${PROJECT}/${PROJECT}.csproj" -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG PROJECT
ENV APP_DLL=PipedriveMaileon.${PROJECT}.dll
WORKDIR /app
COPY --from=build /app .
USER app
ENTRYPOINT ["sh", "-c", "exec dotnet \"$APP_DLL\" \"$@\"", "--"]
