using System.Net;
using ChainTrace.Core.Watchlists;
using ChainTrace.Jobs.Webhooks;

namespace ChainTrace.Jobs.Tests;

public sealed class WebhookTests
{
    [Fact]
    public void Signature_MatchesAnIndependentHmac()
    {
        // python3: hmac.new(b'whsec-test-secret-1234', b'1700000000.{"id":1}', hashlib.sha256).hexdigest()
        const string expected = "t=1700000000,v1=47bee9c574cb24e7ab74013bc8b3d7123f8209868c758b5605a220d070e4cd31";
        Assert.Equal(expected, WebhookSignature.Create("whsec-test-secret-1234", 1700000000, "{\"id\":1}"));
        Assert.True(WebhookSignature.Verify("whsec-test-secret-1234", expected, "{\"id\":1}"));
        Assert.False(WebhookSignature.Verify("whsec-test-secret-1234", expected, "{\"id\":2}"));
        Assert.False(WebhookSignature.Verify("another-secret-0000", expected, "{\"id\":1}"));
        Assert.False(WebhookSignature.Verify("whsec-test-secret-1234", "t=1700000001,v1=" + expected[16..], "{\"id\":1}"));
    }

    [Theory]
    [InlineData("ftp://example.com/hook", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("not a url", false)]
    [InlineData("http://127.0.0.1:9000/hook", false)]
    [InlineData("http://localhost/hook", false)]
    [InlineData("http://10.1.2.3/hook", false)]
    [InlineData("http://192.168.0.10/hook", false)]
    [InlineData("http://172.20.0.1/hook", false)]
    [InlineData("http://169.254.169.254/latest/meta-data", false)]
    [InlineData("http://[::1]/hook", false)]
    [InlineData("http://[fd00::1]/hook", false)]
    [InlineData("https://hooks.example.com/chaintrace", true)]
    [InlineData("http://93.184.216.34/hook", true)]
    public void OutboundUrls_HttpOnly_PublicOnlyByDefault(string url, bool accepted)
    {
        Assert.Equal(accepted, OutboundUrlPolicy.Check(url, allowPrivateNetworks: false) is null);
    }

    [Fact]
    public void PrivateAddresses_AreAllowedOnlyWhenConfigured()
    {
        Assert.Null(OutboundUrlPolicy.Check("http://127.0.0.1:9000/hook", allowPrivateNetworks: true));
        Assert.NotNull(OutboundUrlPolicy.Check("ftp://127.0.0.1/hook", allowPrivateNetworks: true));
        Assert.True(OutboundUrlPolicy.IsPrivate(IPAddress.Parse("::ffff:10.0.0.1")));
        Assert.False(OutboundUrlPolicy.IsPrivate(IPAddress.Parse("8.8.8.8")));
    }

    [Fact]
    public async Task Connection_ToLoopback_IsRefused_WhenPrivateNetworksAreNotAllowed()
    {
        using var client = WebhookHttpClientFactory.Create(allowPrivateNetworks: false);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://localhost:1/")));
        Assert.Contains("private", error.Message, StringComparison.Ordinal);
    }
}
