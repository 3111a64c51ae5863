namespace Akka.Collector.Deployment.Tests.Support;

/// <summary>A theory that needs kubectl; where it is absent, skipped saying so.</summary>
public sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public KubectlTheoryAttribute()
    {
        if (Kustomize.KubectlMissing)
            Skip = "kubectl (with kustomize) is not on PATH; install it to check k8s/";
    }
}
