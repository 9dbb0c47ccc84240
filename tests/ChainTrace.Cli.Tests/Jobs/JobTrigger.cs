using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests.Jobs;

/// <summary>Runs jobs of a real <c>serve</c> through <c>POST /v1/jobs/{name}</c> and waits for them in <c>/health</c>.</summary>
internal static class JobTrigger
{
    /// <summary>Posts each job in turn and waits for its next success in <c>/health</c>; the rest of <paramref name="jobs"/> are enqueued by the first.</summary>
    public static async Task RunAsync(HttpClient http, ServeProcess serve, params string[] jobs)
    {
        var previous = await LastSuccessesAsync(http);
        using var posted = await http.PostAsync($"/v1/jobs/{jobs[0]}", null);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var now = await LastSuccessesAsync(http);
            if (jobs.All(j => now.TryGetValue(j, out var at) && at != previous.GetValueOrDefault(j)))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{string.Join(", ", jobs)} did not succeed:\n{serve.Output}");
            }

            await Task.Delay(250);
        }
    }

    public static async Task<Dictionary<string, string>> LastSuccessesAsync(HttpClient http)
    {
        var jobs = (await http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("sections").GetProperty("jobs");
        return jobs.EnumerateObject().Where(j => j.Value.TryGetProperty("lastSuccess", out var at) && at.ValueKind == JsonValueKind.String)
            .ToDictionary(j => j.Name, j => j.Value.GetProperty("lastSuccess").GetString()!);
    }

}
