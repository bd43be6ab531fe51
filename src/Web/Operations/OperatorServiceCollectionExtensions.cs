using Microsoft.AspNetCore.Authentication;

namespace PipedriveMaileon.Web.Operations;

public static class OperatorServiceCollectionExtensions
{
    public static IServiceCollection AddOperatorAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OperatorOptions>(configuration.GetSection(OperatorOptions.Section));
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, OperatorAuthenticationHandler>(OperatorAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(OperatorAuthenticationHandler.PolicyName, p => p
                .AddAuthenticationSchemes(OperatorAuthenticationHandler.SchemeName)
                .RequireRole("operator"));
        return services;
    }
}
