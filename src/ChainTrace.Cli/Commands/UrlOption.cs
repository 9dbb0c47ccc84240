using System.CommandLine;

namespace ChainTrace.Cli.Commands;

/// <summary>An absolute http(s) URL option that fails parsing with a message naming the option, not later with a stack trace.</summary>
internal static class UrlOption
{
    public static Option<Uri?> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }

            result.AddError($"{name}: '{text}' is not an absolute http(s) URL");
            return null;
        },
    };
}
