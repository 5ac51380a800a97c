namespace CustomerSegmentation.Plotly.Tests;

/// <summary>In-page checks of the segment report, as bodies of <see cref="HeadlessChromium.Render"/> probes.</summary>
internal static class ReportProbes
{
    /// <summary>The number of body rows of the profile table.</summary>
    public const string ProfileRowCount = "return document.querySelectorAll('#profile-table tbody tr').length;";

    /// <summary>Per HTML table of the page (by id), its number of body rows.</summary>
    public const string TableRowCounts = """
        var counts = {};
        document.querySelectorAll('table.data').forEach(function (t) { counts[t.id] = t.tBodies[0].rows.length; });
        return counts;
        """;

    /// <summary>
    /// Every profile row that is not fully visible: a row of height 0, one that extends past the viewport's width, or
    /// one an ancestor clips (an ancestor with overflow other than visible whose box does not contain the row). Also
    /// the number of rows, and the page's scroll width against the window's.
    /// </summary>
    public const string ProfileRowsVisible = """
        var rows = Array.prototype.slice.call(document.querySelectorAll('#profile-table tbody tr'));
        var width = document.documentElement.clientWidth, bad = [];
        rows.forEach(function (tr, i) {
          var r = tr.getBoundingClientRect();
          if (!(r.height > 0) || r.left < 0 || r.right > width + 0.5) { bad.push({ row: i, why: 'box', left: r.left, right: r.right, height: r.height }); return; }
          for (var a = tr.parentElement; a && a !== document.body; a = a.parentElement) {
            var s = getComputedStyle(a);
            if (s.display === 'none' || s.visibility === 'hidden') { bad.push({ row: i, why: 'hidden by ' + a.tagName }); return; }
            if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
              var b = a.getBoundingClientRect();
              if (r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5 || r.left < b.left - 0.5 || r.right > b.right + 0.5) {
                bad.push({ row: i, why: 'clipped by ' + a.tagName + '.' + a.className, row_box: [r.left, r.top, r.right, r.bottom], clip: [b.left, b.top, b.right, b.bottom] }); return;
              }
            }
          }
        });
        return { rows: rows.length, bad: bad, scrollWidth: document.documentElement.scrollWidth, width: width };
        """;

    /// <summary>
    /// Waits until the assignments link is ready, fetches its href and returns the CSV's line count (without a final
    /// empty line), its first line, its last line and the link's text.
    /// </summary>
    public const string DownloadedCsv = """
        return new Promise(function (resolve, reject) {
          var a = document.getElementById('download-assignments'), started = Date.now();
          (function wait() {
            if (a.getAttribute('data-ready') === 'true') {
              fetch(a.href).then(function (r) { return r.text(); }).then(function (text) {
                var lines = text.split(/\r?\n/);
                if (lines[lines.length - 1] === '') { lines.pop(); }
                resolve({ lines: lines.length, first: lines[0], second: lines[1], last: lines[lines.length - 1], link: a.textContent, download: a.getAttribute('download') });
              }, reject);
            } else if (Date.now() - started > 15000) { reject('the download link was never ready'); }
            else { setTimeout(wait, 50); }
          })();
        });
        """;
}
