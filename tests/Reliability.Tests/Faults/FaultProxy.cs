using System.Collections.Concurrent;
using System.Net;
using DataPlatform.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace DataPlatform.Reliability.Tests.Faults;

/// <summary>
/// An HTTP proxy on 127.0.0.1 in front of moto that fails, delays, resets or holds the requests a
/// rule picks. The runner is simply pointed at the proxy's endpoint: production code is untouched,
/// and the faults are real HTTP failures that the AWS SDK and the processor must survive.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Uri _target;
    private readonly HttpClient _client;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ProxiedRequest> _firstHold = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FaultProxy(WebApplication app, Uri endpoint, Uri target)
    {
        _app = app;
        Endpoint = endpoint;
        _target = target;
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri Endpoint { get; }

    /// <summary>The rule; replace it between phases of a scenario. Defaults to forwarding everything.</summary>
    public Func<ProxiedRequest, FaultAction> Rule { get; set; } = _ => FaultAction.Forward;

    public TimeSpan DelayBy { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often each action was applied, for the scenario's report.</summary>
    public ConcurrentDictionary<FaultAction, int> Counts { get; } = new();

    /// <summary>Completes when the first request is held.</summary>
    public Task<ProxiedRequest> FirstHold => _firstHold.Task;

    public static async Task<FaultProxy> StartAsync(Uri target)
    {
        var port = FreePort.Find();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, port);
            options.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var proxy = new FaultProxy(app, new Uri($"http://127.0.0.1:{port}"), target);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        return proxy;
    }

    /// <summary>Lets every held request go on (they are dropped: whoever sent them is gone).</summary>
    public void ReleaseHeld() => _release.TrySetResult();

    private async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        // The SDK percent-encodes keys ('=' becomes %3D): rules match the decoded path.
        var request = new ProxiedRequest(context.Request.Method, Uri.UnescapeDataString(raw), context.Request.Headers["X-Amz-Target"].FirstOrDefault());
        var action = Rule(request);
        Counts.AddOrUpdate(action, 1, (_, n) => n + 1);
        switch (action)
        {
            case FaultAction.Fail:
                context.Response.StatusCode = 500;
                context.Response.ContentType = "application/xml";
                await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code>" +
                    "<Message>Injected by the reliability suite's fault proxy.</Message></Error>");
                return;
            case FaultAction.SlowDown:
                context.Response.StatusCode = 503;
                context.Response.ContentType = "application/xml";
                await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>" +
                    "<Message>Please reduce your request rate. (Injected by the reliability suite's fault proxy.)</Message></Error>");
                return;
            case FaultAction.Reset:
                context.Abort();
                return;
            case FaultAction.Hold:
                _firstHold.TrySetResult(request);
                await _release.Task;
                context.Abort();
                return;
            case FaultAction.Delay:
                await Task.Delay(DelayBy);
                break;
        }

        await ForwardAsync(context, raw, loseResponse: action == FaultAction.LoseResponse);
    }

    private async Task ForwardAsync(HttpContext context, string rawTarget, bool loseResponse)
    {
        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target.GetLeftPart(UriPartial.Authority) + rawTarget));
        var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
        if (hasBody)
        {
            forward.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (name is "Host" or "Connection" or "Transfer-Encoding" or "Keep-Alive" or "Expect")
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values) && forward.Content is not null)
            {
                forward.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        if (loseResponse)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name is "Transfer-Encoding" or "Connection")
            {
                continue;
            }

            context.Response.Headers[name] = values.ToArray();
        }

        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseHeld();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }
}
