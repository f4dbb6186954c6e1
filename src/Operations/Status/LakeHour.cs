namespace DataPlatform.Operations.Status;

/// <summary>What landed in the events table in one UTC hour (by the time S3 stored each object).</summary>
public sealed record LakeHour(DateTime Hour, long Objects, long Bytes, long Rows);
