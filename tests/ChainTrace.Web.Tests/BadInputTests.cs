using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ChainTrace.Web.Tests;

/// <summary>Bad input in the browser gets the API's own explanation, readable, next to the field that caused it.</summary>
[Collection("web")]
[Trait("Category", "Integration")]
public sealed class BadInputTests(WebFixture web, ITestOutputHelper output)
{
    [Fact]
    public async Task WrongKey_MistypedAddress_AndAnOutOfRangeHopLimit_ShowReadableMessages()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync(web.Serve.BaseAddress.ToString());
        await SignInAsync(page, "ct_this-is-not-a-key");
        Assert.Contains("API key was not accepted", await AlertTextAsync(page), StringComparison.Ordinal);
        output.WriteLine($"screenshot {await web.ScreenshotAsync(page, "bad-1-wrong-key")}");

        await SignInAsync(page, web.ExchangeKey);
        Assert.Contains("role may not", await AlertTextAsync(page), StringComparison.Ordinal);

        await SignInAsync(page, web.InvestigatorKey);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Search", Exact = true }).WaitForAsync();
        var last = web.Ransomware[^1];
        var mistyped = web.Ransomware[..^1] + (last == 'q' ? 'p' : 'q');
        await page.GetByLabel("Address, transaction id or cluster id").FillAsync(mistyped);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var message = await AlertTextAsync(page);
        Assert.Contains("checksum", message, StringComparison.Ordinal);
        Assert.Contains("invalid-address", message, StringComparison.Ordinal);
        Assert.Equal("true", await page.GetByLabel("Address, transaction id or cluster id").GetAttributeAsync("aria-invalid"));
        output.WriteLine($"screenshot {await web.ScreenshotAsync(page, "bad-2-mistyped-address")}");

        await page.GotoAsync($"{web.Serve.BaseAddress}#/trace?chain=btc&start={web.Ransomware}");
        await page.GetByLabel("Hops (1–10)").FillAsync("11");
        // The browser's own range check would stop the form; remove it so the API's answer is what the user sees.
        await page.EvaluateAsync("() => document.querySelector('input[name=hops]').removeAttribute('max')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run trace" }).ClickAsync();
        Assert.Contains("hop-limit-out-of-range", await AlertTextAsync(page), StringComparison.Ordinal);
        output.WriteLine($"screenshot {await web.ScreenshotAsync(page, "bad-3-hop-limit")}");
    }

    [Fact]
    public async Task TheAccessibilityScan_FindsAViolation_WhenThereIsOne()
    {
        var page = await web.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><main><img src=\"data:,\"><input type=\"text\"></main></body></html>");
        var violations = await web.AxeAsync(page);
        Assert.Contains(violations, v => v.StartsWith("image-alt", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("label", StringComparison.Ordinal));
    }

    private static async Task SignInAsync(IPage page, string key)
    {
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static async Task<string> AlertTextAsync(IPage page)
    {
        var alert = page.GetByRole(AriaRole.Alert).Last;
        await alert.WaitForAsync();
        return await alert.InnerTextAsync();
    }
}
