using ChainTrace.Core.Labels;

namespace ChainTrace.Risk.Exposure;

/// <summary>The categories exposure is tracked for: every taxonomy category with a severity (exchanges included, for the answer).</summary>
public static class ExposureCategories
{
    public static IReadOnlyList<LabelCategory> All { get; } = LabelTaxonomy.All.Where(c => c.DefaultSeverity > Severity.None).ToList();

    public static int IndexOf(LabelCategory category)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Equals(category))
            {
                return i;
            }
        }

        return -1;
    }
}
