namespace DataPlatform.Deployment.Terraform;

/// <summary>Where the deployment core reports progress: the build's log, or a test's recorder.</summary>
public interface IDeploymentLog
{
    /// <summary>A line of one stack's terraform output (or about it); may be called from stacks running side by side.</summary>
    /// <param name="detail">Only worth showing when the user asked for verbose output.</param>
    void Stack(string stack, string text, bool detail = false, bool warning = false);

    /// <summary>A step of the pipeline as a whole ("storage: applying +3 ~0 -0 ...").</summary>
    void Information(string text);
}
