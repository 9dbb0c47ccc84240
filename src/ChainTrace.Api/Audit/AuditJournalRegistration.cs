using ChainTrace.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Api.Audit;

public static class AuditJournalRegistration
{
    /// <summary>
    /// Audit entries go through a journal in <paramref name="directory"/> (see <see cref="AuditJournal"/>) instead
    /// of a commit per batch into the audit log; the directory belongs to this process alone.
    /// </summary>
    public static IServiceCollection AddAuditJournal(this IServiceCollection services, string directory) =>
        services.AddSingleton(sp => new AuditJournal(directory, sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<ILogger<AuditJournal>>()));
}
