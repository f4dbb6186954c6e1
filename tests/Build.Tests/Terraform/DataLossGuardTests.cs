using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tests.Terraform;

public sealed class DataLossGuardTests
{
    [Theory]
    [InlineData("aws_s3_bucket", "replace")]
    [InlineData("aws_s3_bucket", "delete")]
    [InlineData("aws_sqs_queue", "replace")]
    [InlineData("aws_ecr_repository", "delete")]
    [InlineData("aws_kms_key", "delete")]
    public void A_plan_that_destroys_a_data_holder_stops_the_deploy_unless_allowed(string type, string action)
    {
        var plan = PlanFixtures.Plan("storage", ($"module.x.{type}.this", type, action));

        var error = Assert.Throws<DeploymentFailedException>(() => DataLossGuard.Check(plan, "prod", allowDataLoss: false));
        Assert.Contains($"{action} module.x.{type}.this", error.Message);
        Assert.Contains("--allow-data-loss", error.Message);
        DataLossGuard.Check(plan, "prod", allowDataLoss: true);
    }

    [Theory]
    [InlineData("aws_s3_bucket", "update")]
    [InlineData("aws_s3_bucket", "create")]
    [InlineData("aws_lambda_function", "replace")]
    [InlineData("aws_iam_role_policy", "delete")]
    public void Changes_that_keep_the_data_pass(string type, string action) =>
        DataLossGuard.Check(PlanFixtures.Plan("any", ($"{type}.this", type, action)), "prod", allowDataLoss: false);
}
