using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;
using DataPlatform.Aws;

namespace DataPlatform.Compaction.Athena;

/// <summary>
/// The two Athena calls compaction needs (StartQueryExecution, GetQueryExecution) over Athena's JSON 1.1 protocol,
/// signed with AWSSDK.Core's SigV4 signer. AWSSDK.Athena is not a package this kit may use (docs/compaction.md,
/// "Hours too big for one function"), and two calls do not justify one.
/// </summary>
public sealed class AthenaClient(AwsEndpoint endpoint, HttpClient http)
{
    private const string Service = "athena";
    private const string ContentType = "application/x-amz-json-1.1";

    /// <summary>Starts <paramref name="sql"/>; <paramref name="requestToken"/> (32–128 characters) makes a retried call start it only once.</summary>
    public async Task<string> StartAsync(string sql, AthenaSettings settings, string requestToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var body = new JsonObject
        {
            ["QueryString"] = sql,
            ["ClientRequestToken"] = requestToken,
            ["QueryExecutionContext"] = new JsonObject { ["Database"] = settings.Database },
            ["WorkGroup"] = settings.Workgroup,
        };
        if (settings.OutputLocation is { } output)
        {
            body["ResultConfiguration"] = new JsonObject { ["OutputLocation"] = output };
        }

        var answer = await CallAsync("StartQueryExecution", body, cancellationToken).ConfigureAwait(false);
        return answer["QueryExecutionId"]?.GetValue<string>()
            ?? throw new InvalidDataException("Athena accepted the query but named no QueryExecutionId; the answer is not the documented one, so the compaction stops here.");
    }

    public async Task<AthenaQueryState> StateAsync(string queryExecutionId, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("GetQueryExecution", new JsonObject { ["QueryExecutionId"] = queryExecutionId }, cancellationToken).ConfigureAwait(false);
        var status = answer["QueryExecution"]?["Status"];
        return new AthenaQueryState(queryExecutionId, status?["State"]?.GetValue<string>() ?? "UNKNOWN", status?["StateChangeReason"]?.GetValue<string>());
    }

    /// <summary>Polls until the query stops, a little less often the longer it runs (Athena counts API calls).</summary>
    public async Task<AthenaQueryState> WaitAsync(string queryExecutionId, TimeSpan firstDelay, CancellationToken cancellationToken)
    {
        var delay = firstDelay;
        while (true)
        {
            var state = await StateAsync(queryExecutionId, cancellationToken).ConfigureAwait(false);
            if (state.IsFinished)
            {
                return state;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }

    private async Task<JsonNode> CallAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        var region = endpoint.Region ?? Environment.GetEnvironmentVariable("AWS_REGION")
            ?? throw new InvalidOperationException("No AWS region is set for Athena: set AWS_REGION (Lambda sets it) or the endpoint's region.");
        // AWS_ENDPOINT_URL is the SDK's own override for every service (the emulator sets it); Athena follows it too.
        var url = endpoint.ServiceUrl
            ?? (Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is { Length: > 0 } overridden ? new Uri(overridden) : null)
            ?? new Uri($"https://athena.{region}.amazonaws.com/");
        var credentials = endpoint.Credentials is { } explicitKeys
            ? await explicitKeys.GetCredentialsAsync().ConfigureAwait(false)
            : await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync().ConfigureAwait(false) is { } found
                ? await found.GetCredentialsAsync().ConfigureAwait(false)
                : throw new InvalidOperationException("No AWS credentials were found for Athena: the function's role (or a profile) must provide them.");

        var payload = Encoding.UTF8.GetBytes(body.ToJsonString());
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = ContentType,
            ["host"] = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}",
            ["x-amz-date"] = amzDate,
            ["x-amz-target"] = "AmazonAthena." + operation,
        };
        if (credentials.UseToken)
        {
            headers["x-amz-security-token"] = credentials.Token;
        }

        var signedHeaders = string.Join(";", headers.Keys);
        var canonical = string.Join("\n",
            "POST", "/", "",
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n")),
            signedHeaders,
            AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(payload), true));
        var signature = AWS4Signer.ComputeSignature(credentials, region, now, Service, signedHeaders, canonical);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "/"));
        request.Content = new ByteArrayContent(payload);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        foreach (var (name, value) in headers.Where(h => h.Key is not ("content-type" or "host")))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AthenaException(operation, (int)response.StatusCode, text);
        }

        try
        {
            return JsonNode.Parse(text) ?? new JsonObject();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Athena's answer to {operation} is not JSON ({e.Message}); check that the endpoint is Athena's.", e);
        }
    }
}
