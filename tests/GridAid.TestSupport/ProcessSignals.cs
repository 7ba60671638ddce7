using System.Diagnostics;
using System.Globalization;

namespace GridAid.TestSupport;

/// <summary>POSIX signals for fault tests (SIGSTOP, SIGCONT, SIGTERM), sent with the system's <c>kill</c>; SIGKILL is <see cref="Process.Kill()"/>.</summary>
public static class ProcessSignals
{
    public static void Send(Process process, string signal)
    {
        if (!TrySend(process, signal))
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed.");
        }
    }

    public static bool TrySend(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("kill did not start.");
        kill.WaitForExit();
        return kill.ExitCode == 0;
    }
}
