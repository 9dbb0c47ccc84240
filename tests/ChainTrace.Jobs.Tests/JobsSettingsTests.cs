using ChainTrace.Core.Chains;
using ChainTrace.Jobs.Settings;
using Microsoft.Extensions.Configuration;

namespace ChainTrace.Jobs.Tests;

public sealed class JobsSettingsTests
{
    [Theory]
    [InlineData("Jobs:SyncBtc:Cron", "every minute", "Jobs:SyncBtc:Cron")]
    [InlineData("Jobs:RescanWatchlists:Cron", "* * *", "Jobs:RescanWatchlists:Cron")]
    [InlineData("Webhooks:AllowPrivateNetworks", "maybe", "Webhooks:AllowPrivateNetworks")]
    [InlineData("Sources:Btc:Rpc", "ftp://node", "Sources:Btc:Rpc")]
    [InlineData("Sources:Eth:Rpc", "not a url", "Sources:Eth:Rpc")]
    [InlineData("Sources:Btc:BlocksDir", "/no/such/blocks/dir", "Sources:Btc:BlocksDir")]
    [InlineData("Jobs:RetrainModel:Cron", "weekly", "Jobs:RetrainModel:Cron")]
    [InlineData("Jobs:RetrainModel:Truth", "/no/such/truth/dir", "Jobs:RetrainModel:Truth")]
    [InlineData("Jobs:RetrainModel:UnseenKind", "Hacking!", "Jobs:RetrainModel:UnseenKind")]
    public void BadValue_IsRefused_NamingItsKey(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigurationException>(() => JobsSettings.Load(Config((key, value))));
        Assert.Equal(named, error.Key);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoBitcoinSources_AreRefused()
    {
        var error = Assert.Throws<ConfigurationException>(() => JobsSettings.Load(Config(("Sources:Btc:Rpc", "http://127.0.0.1:8332/"), ("Sources:Btc:Esplora", "http://127.0.0.1:3000/"))));
        Assert.Equal("Sources:Btc", error.Key);
    }

    [Fact]
    public void RpcUserWithoutPassword_IsRefused()
    {
        var error = Assert.Throws<ConfigurationException>(() => JobsSettings.Load(Config(("Sources:Btc:Rpc", "http://127.0.0.1:8332/"), ("Sources:Btc:RpcUser", "u"))));
        Assert.Equal("Sources:Btc:RpcPassword", error.Key);
    }

    [Fact]
    public void Defaults_AndSixFieldCron_AndNetwork()
    {
        var settings = JobsSettings.Load(Config(("Sources:Eth:Rpc", "http://127.0.0.1:8545"), ("Sources:Eth:Network", "regtest"), ("Jobs:SyncEth:Cron", "*/5 * * * * *")));
        Assert.Null(settings.Btc);
        Assert.Equal(Network.Regtest, settings.Eth!.Network);
        Assert.Equal("*/5 * * * * *", settings.Crons["SyncEth"]);
        Assert.Equal(JobsSettings.DefaultSyncCron, settings.Crons["SyncBtc"]);
        Assert.Equal(JobsSettings.DefaultRescanCron, settings.Crons["RescanWatchlists"]);
        Assert.False(settings.AllowPrivateNetworks);
        Assert.Null(settings.Postgres);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
