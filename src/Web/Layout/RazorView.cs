using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace PipedriveMaileon.Web.Layout;

/// <summary>
/// Renders a Razor view with a model as the response, from anywhere in the pipeline (minimal API endpoints, the
/// authorization result handler), so every page of the app is made by Razor.
/// </summary>
public sealed class RazorView<TModel>(string viewPath, TModel model, int statusCode) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var metadata = httpContext.RequestServices.GetRequiredService<IModelMetadataProvider>();
        var view = new ViewResult
        {
            ViewName = viewPath,
            StatusCode = statusCode,
            ViewData = new ViewDataDictionary<TModel>(metadata, new ModelStateDictionary()) { Model = model },
        };
        return view.ExecuteResultAsync(new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor()));
    }
}
