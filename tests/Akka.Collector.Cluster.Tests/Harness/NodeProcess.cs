using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>
/// One node of the built binary in a process of its own, on loopback ports, its market clock
/// in manual mode: it moves only when <see cref="MoveClockAsync"/> says so. Its output goes to
/// a log file that a failing test prints the end of.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _token;
    private bool _disposed;

    private NodeProcess(
        string name, Process process, StreamWriter log, string logPath, int port, int httpPort,
        string token)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
        _token = token;
        Address = $"akka.tcp://collector@127.0.0.1:{port}";
        Http = new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string Name { get; }

    /// <summary>The node's cluster address, as members are listed.</summary>
    public string Address { get; }

    public HttpClient Http { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts a node; it is running, not yet ready (see the cluster's waits).</summary>
    /// <param name="name">For logs and failure messages.</param>
    /// <param name="directory">The node's working folder; its config and log go there.</param>
    /// <param name="config">HOCON for the node, written to its --config file.</param>
    /// <param name="port">Remoting port, chosen by the caller so seeds can name it.</param>
    /// <param name="token">The manual clock's control token.</param>
    public static NodeProcess Start(
        string name, string directory, string config, int port, string token)
    {
        Directory.CreateDirectory(directory);
        var httpPort = FreePort.Next();
        var configPath = Path.Combine(directory, $"{name}.conf");
        File.WriteAllText(configPath, $$"""
            collector.node { hostname = "127.0.0.1", port = {{port}} }
            collector.gateway { host = "127.0.0.1", port = {{httpPort}} }
            collector.clock.mode = manual
            {{config}}
            """);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(NodeBinary.Dll);
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configPath);
        // The token through the environment, as an operator would pass a secret.
        start.Environment["COLLECTOR_CLOCK_TOKEN"] = token;
        // A node in Development would watch its files and print more; run as deployed.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var logPath = Path.Combine(directory, $"{name}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(name, process, log, logPath, port, httpPort, token);
    }

    /// <summary>Moves the node's market clock forward; timers due by then have fired (their
    /// actors told) when this returns.</summary>
    public async Task MoveClockAsync(DateTimeOffset to)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Post, $"/test/clock?to={Uri.EscapeDataString(to.ToString("O"))}");
        request.Headers.Add("X-Clock-Token", _token);
        using var response = await Http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"{Name}: moving the clock to {to:O} answered {(int)response.StatusCode}: " +
                await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> GetJsonAsync(string path) =>
        await Http.GetFromJsonAsync<JsonElement>(path);

    public void Signal(int signal) => Signals.Send(_process.Id, signal);

    /// <summary>Waits for the process to end by itself, within a bound.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The last lines of the node's log, for a failure message.</summary>
    public string Tail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(
                LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return $"--- {Name} ({LogPath}) ---\n" + string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"--- {Name}: log unreadable ({e.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;

        _disposed = true;
        Http.Dispose();
        if (!_process.HasExited)
        {
            // A stopped (SIGSTOP) process ignores SIGTERM until continued; SIGKILL ends any.
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after the node was disposed: nobody reads it any more.
            }
        }
    }
}
