using System.Text.Json;

namespace GridAid.Benchmarks.Tests;

public sealed class BenchmarkSmokeTest
{
    [Fact]
    public async Task Quick_channel_mode_gets_every_signed_delivery_to_its_receiver()
    {
        var dir = Directory.CreateTempSubdirectory("gridaid-bench-channel-");
        try
        {
            var json = Path.Combine(dir.FullName, "channel.json");
            var markdown = new StringWriter();
            var progress = new StringWriter();

            var exit = await Task.Run(() => BenchmarkApp.RunAsync(["--quick", "--modes", "channel", "--out", json], markdown, progress, CancellationToken.None));

            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var channel = doc.RootElement.GetProperty("channel");
            var why = progress + "\n" + markdown;
            Assert.True(exit is 0 or 1, why);
            Assert.True(channel.GetProperty("verifiedPosts").GetInt32() > 0, why);
            Assert.Equal(0, channel.GetProperty("refusedPosts").GetInt64());
            Assert.True(channel.GetProperty("deliveredMs").GetProperty("count").GetInt32() > 0, why);
            Assert.True(channel.GetProperty("floor").GetProperty("latencyMs").GetProperty("count").GetInt32() > 0, why);
            Assert.Contains("## Tap to channel", markdown.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Quick_run_completes_and_writes_every_section()
    {
        var dir = Directory.CreateTempSubdirectory("gridaid-bench-");
        try
        {
            var json = Path.Combine(dir.FullName, "quick.json");
            var markdown = new StringWriter();
            var progress = new StringWriter();

            // On the thread pool, as the program runs: on xunit's synchronization context (as many threads as cores)
            // the in-process host's queue listeners would share those threads with the workload, and the intake
            // backlog would not drain before the ceiling phase gives up waiting for it (a minute).
            var exit = await Task.Run(() => BenchmarkApp.RunAsync(["--quick", "--out", json], markdown, progress, CancellationToken.None));

            Assert.True(exit == 0, progress.ToString());
            var text = markdown.ToString();
            foreach (var section in MarkdownReport.Sections)
            {
                Assert.Contains(section, text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("Not run.", text, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.ChangeExtension(json, ".md")));

            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var root = doc.RootElement;
            foreach (var field in new[] { "machine", "command", "ceiling", "intake", "tap", "ops", "coldStart", "weight", "cost", "flood", "areas", "sweeper", "emulator", "channel", "dashboard", "targets" })
            {
                Assert.True(root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null, $"missing {field}");
            }

            Assert.True(root.GetProperty("ceiling").GetProperty("queueSendsPerSecond").GetDouble() > 0);
            Assert.True(root.GetProperty("intake").GetProperty("closedLoop").GetProperty("accepted").GetInt32() > 0);
            Assert.True(root.GetProperty("tap").GetProperty("accepted").GetInt32() > 0);
            Assert.True(root.GetProperty("tap").GetProperty("floor").GetProperty("latencyMs").GetProperty("count").GetInt32() > 0);
            Assert.True(root.GetProperty("ops").GetProperty("storageOpsPerReport").GetDouble() > 0);
            Assert.NotEmpty(root.GetProperty("coldStart").GetProperty("first202Ms").EnumerateArray());
            Assert.NotEmpty(root.GetProperty("weight").GetProperty("resources").EnumerateArray());
            Assert.True(root.GetProperty("cost").GetProperty("usdPerMillionReports").GetDouble() > 0);
            Assert.True(root.GetProperty("flood").GetProperty("idle").GetProperty("routedMs").GetProperty("count").GetInt32() > 0);
            Assert.True(root.GetProperty("flood").GetProperty("flood").GetProperty("routedMs").GetProperty("count").GetInt32() > 0);
            Assert.True(root.GetProperty("flood").GetProperty("tipsAccepted").GetInt32() > 0);
            Assert.True(root.GetProperty("areas").GetProperty("alone").GetProperty("routedMs").GetProperty("count").GetInt32() > 0);
            Assert.True(root.GetProperty("areas").GetProperty("duringFlood").GetProperty("routedMs").GetProperty("count").GetInt32() > 0);
            Assert.True(root.GetProperty("sweeper").GetProperty("sweeps").GetInt64() > 0);
            Assert.True(root.GetProperty("sweeper").GetProperty("ops").GetInt64() > 0, "no storage request was tagged as the sweeper's");

            Assert.Equal(2, root.GetProperty("emulator").GetProperty("steps").GetArrayLength());
            Assert.True(root.GetProperty("channel").GetProperty("verifiedPosts").GetInt32() > 0, "no signed channel post arrived");
            Assert.Equal(0, root.GetProperty("channel").GetProperty("refusedPosts").GetInt64());
            Assert.True(root.GetProperty("channel").GetProperty("deliveredMs").GetProperty("count").GetInt32() > 0);
            Assert.True(root.GetProperty("channel").GetProperty("floor").GetProperty("latencyMs").GetProperty("count").GetInt32() > 0);

            // The restart mode waits on a 10 s message lease: a quick run leaves it out, and says so.
            Assert.Equal(JsonValueKind.Null, root.GetProperty("restart").ValueKind);
            Assert.Contains("Run it with `--modes restart`", text, StringComparison.Ordinal);
            Assert.Equal(3, root.GetProperty("dashboard").GetProperty("queries").GetArrayLength());
            Assert.True(root.GetProperty("dashboard").GetProperty("rollupRowsForTheYear").GetInt32() > 0);

            // Every target but the restart's and the idle storage's (a quick run's sweeper window is not idle).
            Assert.Equal(10, root.GetProperty("targets").GetArrayLength());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
