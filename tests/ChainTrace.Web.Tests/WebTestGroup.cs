namespace ChainTrace.Web.Tests;

/// <summary>The tests that share one serve process and one browser (see <see cref="WebFixture"/>).</summary>
[CollectionDefinition("web")]
public sealed class WebTestGroup : ICollectionFixture<WebFixture>;
