namespace DataPlatform.Build.Local;

/// <summary>
/// The local environment's IAM switch: on by default, so every request is checked against the
/// caller's policies as AWS would; off (--iam-enforcement=off, DATAPLATFORM_IAM_ENFORCEMENT=off) only
/// for debugging, and said loudly each time.
/// </summary>
public static class LocalIamEnforcement
{
    public const string Flag = "iam-enforcement";

    public static void WarnOff(ICakeLog log)
    {
        log.Warning("!!! IAM ENFORCEMENT IS OFF (--iam-enforcement=off or DATAPLATFORM_IAM_ENFORCEMENT=off): the local emulator lets every request in, " +
                    "so a missing permission in the deploy or processor policy will not show here. Use it for debugging only; leave it unset to deploy as AWS would check.");
    }

    public static string MismatchMessage(EmulatorRecord record, bool enforce) =>
        $"The running local emulator at {record.Endpoint} was started with IAM enforcement {(record.IamEnforced ? "on" : "off")}, " +
        $"and this run asks for it {(enforce ? "on" : "off")}. The two are not mixed: the resources and state of one are not valid for the other. " +
        $"Run ./build.sh --target=Down (its resources go with it), then run again; or run with --{Flag}={(record.IamEnforced ? "on" : "off")} to keep using it.";
}
