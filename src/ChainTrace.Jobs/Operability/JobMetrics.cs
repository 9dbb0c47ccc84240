using System.Diagnostics.Metrics;

namespace ChainTrace.Jobs.Operability;

/// <summary>
/// The service's own instruments (meter <c>ChainTrace</c>), exported at <c>/metrics</c> in Prometheus text:
/// <c>chaintrace_blocks_ingested_total{chain}</c>, <c>chaintrace_source_lag_blocks{chain}</c>,
/// <c>chaintrace_job_duration_seconds{job}</c>, <c>chaintrace_job_failures_total{job}</c>,
/// <c>chaintrace_screening_duration_seconds{endpoint}</c> and <c>chaintrace_alerts_raised_total{rule}</c>.
/// </summary>
public sealed class JobMetrics : IDisposable
{
    public const string MeterName = "ChainTrace";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _blocks;
    private readonly Histogram<double> _jobDuration;
    private readonly Counter<long> _jobFailures;
    private readonly Histogram<double> _screening;
    private readonly Counter<long> _alerts;

    public JobMetrics(OperationalState sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _blocks = _meter.CreateCounter<long>("chaintrace.blocks.ingested", "{block}", "Blocks written by the sync jobs");
        _jobDuration = _meter.CreateHistogram("chaintrace.job.duration", "s", "Duration of job runs", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900] });
        _jobFailures = _meter.CreateCounter<long>("chaintrace.job.failures", "{run}", "Job runs that failed (each is retried by Hangfire)");
        _screening = _meter.CreateHistogram("chaintrace.screening.duration", "s", "Latency of screening requests", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _alerts = _meter.CreateCounter<long>("chaintrace.alerts.raised", "{alert}", "Alerts raised (once per cause)");
        _meter.CreateObservableGauge("chaintrace.source.lag.blocks", () => sources.ReadAll(["btc", "eth"])
            .Where(s => s.Lag is not null)
            .Select(s => new Measurement<long>(s.Lag!.Value, new KeyValuePair<string, object?>("chain", s.Chain))), "{block}", "Blocks the store is behind the source's tip, as of the last sync");
    }

    public void BlocksIngested(string chain, long blocks) => _blocks.Add(blocks, new KeyValuePair<string, object?>("chain", chain));

    public void JobRan(string job, TimeSpan duration, bool failed)
    {
        _jobDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("job", job));
        if (failed)
        {
            _jobFailures.Add(1, new KeyValuePair<string, object?>("job", job));
        }
    }

    public void Screened(string endpoint, TimeSpan duration) => _screening.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("endpoint", endpoint));

    public void AlertRaised(string rule) => _alerts.Add(1, new KeyValuePair<string, object?>("rule", rule));

    public void Dispose() => _meter.Dispose();
}
