using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ChainTrace.Jobs.Hosting;

/// <summary>
/// Hangfire's log provider is process-wide (a static), set by the last host that configured Hangfire. When that host
/// stops and disposes its logger factory while another host in the same process still runs (the in-process test
/// hosts), Hangfire's own provider throws <see cref="ObjectDisposedException"/> from the next component it builds —
/// seen as a 500 from <c>POST /v1/jobs/{name}</c> when the job client was first created. This one hands out a logger
/// that drops messages once its factory is gone; in a <c>serve</c> process (one host) it is Hangfire's usual bridge.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new HostLog(factory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new HostLog(null);
        }
    }

    private sealed class HostLog(ILogger? logger) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (logger is null)
            {
                return false;
            }

            var level = logLevel switch
            {
                HangfireLevel.Trace => MsLevel.Trace,
                HangfireLevel.Debug => MsLevel.Debug,
                HangfireLevel.Info => MsLevel.Information,
                HangfireLevel.Warn => MsLevel.Warning,
                HangfireLevel.Error => MsLevel.Error,
                _ => MsLevel.Critical,
            };
            try
            {
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }

                if (logger.IsEnabled(level))
                {
#pragma warning disable CA1848, CA2254 // Hangfire hands over finished messages, not templates
                    logger.Log(level, 0, exception, messageFunc(), []);
#pragma warning restore CA1848, CA2254
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
