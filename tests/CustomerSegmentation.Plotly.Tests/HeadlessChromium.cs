using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>
/// Opens a page in headless Chromium with no network and reports what plotly.js drew. A copy of the page gets a small
/// test-only script that records script errors and, once every plot has been drawn, writes a JSON verdict into the
/// DOM, which <c>--dump-dom</c> prints: what each plot drew, the script errors, the document title, whether any
/// payload set <c>window.__pwned</c>, the number of img and (non-test) script elements, and the text plotly drew.
/// </summary>
internal static partial class HeadlessChromium
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(120);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>/usr/bin/chromium, or the first chromium or chromium-browser on PATH, or null.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>
    /// Renders <paramref name="htmlPath"/> in a window <paramref name="width"/> pixels wide and returns the verdict once
    /// <paramref name="expectedPlots"/> plots have drawn. <paramref name="probe"/>, when given, is the body of a
    /// JavaScript function run after drawing; its return value (or what its promise resolves to) is the verdict's
    /// <c>probe</c>. The verdict's <c>drawnMs</c> is the time from navigation start until every plot had drawn.
    /// </summary>
    public static JsonElement Render(string htmlPath, int expectedPlots, int width = 1280, string? probe = null)
    {
        string executable = Executable ?? throw new InvalidOperationException("CI=true but chromium was not found (/usr/bin/chromium or on PATH).");
        string work = Directory.CreateTempSubdirectory("report-browser-").FullName;
        try
        {
            string page = Path.Combine(work, "page.html");
            File.WriteAllText(page, Instrument(File.ReadAllText(htmlPath), expectedPlots, probe));
            string dom = Run(executable, work, page, width);
            Match verdict = Verdict().Match(dom);
            Assert.True(verdict.Success, "Chromium printed no verdict; the page's scripts did not run. DOM tail: " + dom[Math.Max(0, dom.Length - 2000)..]);
            return JsonDocument.Parse(WebUtility.HtmlDecode(verdict.Groups[1].Value)).RootElement.Clone();
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Run(string executable, string work, string page, int width)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-quic", "--no-first-run", "--disable-sync",
            "--user-data-dir=" + Path.Combine(work, "profile"), "--virtual-time-budget=20000", "--dump-dom",
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"--window-size={width},2000"),
            new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeLimit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"Chromium did not finish within {TimeLimit.TotalSeconds} s and was killed.");
        }

        Assert.True(process.ExitCode == 0, $"Chromium exited with code {process.ExitCode}: {errors.Result}");
        return output.Result;
    }

    /// <summary>The page with an error recorder first in head and the verdict script last in body.</summary>
    private static string Instrument(string html, int expectedPlots, string? probe)
    {
        const string recorder = """
            <script data-test>
            window.__errors = [];
            window.addEventListener('error', function (e) { window.__errors.push(String(e.message || e)); });
            window.addEventListener('unhandledrejection', function (e) { window.__errors.push('unhandled rejection: ' + String(e.reason)); });
            </script>
            """;
        string verdict = """
            <script data-test>
            (function () {
              var started = Date.now();
              function describe(gd) {
                var full = gd._fullData || [];
                var scene = gd._fullLayout && gd._fullLayout.scene && gd._fullLayout.scene._scene;
                var gl = scene && scene.glplot && scene.glplot.gl;
                var canvas = gd.querySelector('.gl-container canvas') || gd.querySelector('canvas');
                return {
                  traces: (gd.data || []).length,
                  types: full.map(function (t) { return t.type; }),
                  names: full.map(function (t) { return t.name; }),
                  hasScene: !!scene,
                  canvas: !!canvas && canvas.width > 0 && canvas.height > 0,
                  webgl: !!gl && ((typeof WebGLRenderingContext !== 'undefined' && gl instanceof WebGLRenderingContext)
                                || (typeof WebGL2RenderingContext !== 'undefined' && gl instanceof WebGL2RenderingContext))
                };
              }
              var drawnMs = null;
              function report(timedOut) {
                var result;
                try { result = (function () { PROBE })(); } catch (e) { window.__errors.push('probe: ' + String(e && e.stack || e)); result = null; }
                Promise.resolve(result).then(function (value) { write(timedOut, value); },
                  function (e) { window.__errors.push('probe: ' + String(e)); write(timedOut, null); });
              }
              function write(timedOut, probe) {
                var plots = Array.prototype.slice.call(document.querySelectorAll('.js-plotly-plot'));
                var pre = document.createElement('pre');
                pre.id = 'verdict';
                var text = Array.prototype.map.call(document.querySelectorAll('.js-plotly-plot text'), function (t) { return t.textContent; }).join('\n');
                pre.textContent = JSON.stringify({
                  timedOut: timedOut, errors: window.__errors, plots: plots.map(describe),
                  title: document.title, pwned: !!window.__pwned, images: document.querySelectorAll('img').length,
                  scripts: document.querySelectorAll('script:not([data-test])').length, text: text,
                  drawnMs: drawnMs, width: window.innerWidth, probe: probe
                });
                document.body.appendChild(pre);
              }
              function poll() {
                var plots = document.querySelectorAll('.js-plotly-plot');
                var drawn = plots.length >= EXPECTED;
                for (var i = 0; i < plots.length; i++) { if (!plots[i]._fullData || !plots[i]._fullLayout) { drawn = false; } }
                if (drawn) { drawnMs = performance.now(); setTimeout(function () { report(false); }, 500); }
                else if (Date.now() - started > 15000) { report(true); }
                else { setTimeout(poll, 100); }
              }
              window.addEventListener('load', function () { setTimeout(poll, 100); });
            })();
            </script>
            """.Replace("EXPECTED", expectedPlots.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("PROBE", probe ?? "return null;", StringComparison.Ordinal);
        int head = html.IndexOf("<head>", StringComparison.Ordinal);
        int body = html.LastIndexOf("</body>", StringComparison.Ordinal);
        Assert.True(head >= 0 && body > head, "the report has no <head> or no </body>");
        return html[..(head + "<head>".Length)] + recorder + html[(head + "<head>".Length)..body] + verdict + html[body..];
    }

    private static string? Find()
    {
        if (File.Exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in new[] { "chromium", "chromium-browser" })
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    [GeneratedRegex("<pre id=\"verdict\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex Verdict();
}
