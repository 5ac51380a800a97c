using Giraffe.ViewEngine;

using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

using Plotly.NET;

using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace CustomerSegmentation.Plotly.Page;

/// <summary>
/// A complete report page: plotly.js embedded once in the head (or referenced, see <see cref="PlotlyScript"/>), the
/// page's style sheet, the table-sorting script, and the body nodes in order. Every report and every chart page of the
/// package is made here, so they look alike.
/// </summary>
internal static class PageDocument
{
    /// <summary>
    /// The style of every page: a readable column of cards that fits a phone and a wide screen; tables scroll sideways
    /// inside their own box, never off the page.
    /// </summary>
    internal const string StyleSheet = """
        :root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--card:#fff;--page:#f5f7fa;--accent:#2563eb}
        *{box-sizing:border-box}
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:var(--page);color:var(--ink);line-height:1.45}
        main{max-width:1840px;margin:0 auto;padding:16px}
        header.page{padding:20px 16px 4px;max-width:1840px;margin:0 auto}
        header.page h1{margin:0 0 4px;font-size:1.7rem}
        header.page p{margin:0;color:var(--muted);max-width:70em}
        .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin:0 0 16px;overflow:hidden}
        .card h2{margin:0 0 8px;font-size:1.2rem}
        .card p{max-width:70em;margin:.3em 0 .8em;color:var(--muted)}
        dl.figures{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0 0}
        dl.figures .figure{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 16px;min-width:150px}
        dl.figures dt{font-size:.8rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
        dl.figures dd{margin:0;font-size:1.35rem;font-weight:600}
        .chart{width:100%;min-height:320px}
        .table-box{overflow-x:auto;max-width:100%}
        table.data{border-collapse:collapse;width:100%;font-size:.92rem;font-variant-numeric:tabular-nums}
        table.data caption{text-align:left;font-weight:600;padding:0 0 6px}
        table.data th,table.data td{border-bottom:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top}
        table.data thead th{background:#eef2f7;position:sticky;top:0;cursor:pointer;white-space:nowrap}
        table.data thead th[aria-sort]::after{content:" \25B4";color:var(--muted)}
        table.data thead th[aria-sort=descending]::after{content:" \25BE"}
        table.data tbody tr:nth-child(even){background:#fafbfc}
        a.download{display:inline-block;margin:4px 12px 4px 0;padding:6px 12px;border-radius:6px;background:var(--accent);color:#fff;text-decoration:none}
        @media (max-width:700px){main{padding:8px}.card{padding:12px}table.data{font-size:.85rem}}
        table.data.fit th,table.data.fit td,table.data.fit thead th{white-space:normal;overflow-wrap:break-word;hyphens:auto}
        table.data.fit thead th{vertical-align:bottom}
        @media (max-width:700px){table.data thead{display:none}table.data,table.data tbody,table.data tr,table.data th[scope=row],table.data td{display:block;width:100%}table.data tr{border-bottom:2px solid var(--line);padding:4px 0}table.data th[scope=row],table.data td{border:none;padding:2px 4px}table.data th[scope=row]::before,table.data td::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}}
        p.reason{font-size:.95rem}
        a.download[aria-disabled=true]{opacity:.6;pointer-events:none}
        .pair{display:grid;grid-template-columns:1fr 1fr;gap:16px}
        @media (max-width:1000px){.pair{grid-template-columns:1fr}}
        .pair>*,.chart-box{min-width:0}
        .card h3{margin:16px 0 6px;font-size:1.05rem}
        .card p.warning{color:#9a3412}
        """;

    /// <summary>
    /// Sorts a <c>table.sortable</c> by the clicked header: by each cell's <c>data-sort</c> number when every cell of the
    /// column has one, else by text (numeric-aware); a second click reverses.
    /// </summary>
    internal const string SortScript = """
        document.addEventListener('click',function(e){var th=e.target.closest('table.sortable thead th');if(!th)return;
        var table=th.closest('table'),body=table.tBodies[0],i=Array.prototype.indexOf.call(th.parentNode.children,th);
        var rows=Array.prototype.slice.call(body.rows),desc=th.getAttribute('aria-sort')==='ascending';
        var numeric=rows.every(function(r){return r.cells[i]&&r.cells[i].hasAttribute('data-sort');});
        rows.sort(function(a,b){var x=a.cells[i],y=b.cells[i],c=numeric?parseFloat(x.getAttribute('data-sort'))-parseFloat(y.getAttribute('data-sort')):x.textContent.localeCompare(y.textContent,undefined,{numeric:true});return desc?-c:c;});
        Array.prototype.forEach.call(th.parentNode.children,function(h){h.removeAttribute('aria-sort');});
        th.setAttribute('aria-sort',desc?'descending':'ascending');rows.forEach(function(r){body.appendChild(r);});});
        """;

    /// <summary>
    /// The whole document: head with the title, viewport, plotly.js (per <paramref name="plotly"/>), style and sort
    /// script; body with an optional header (title and lead paragraph) and then <paramref name="body"/>.
    /// </summary>
    /// <param name="title">The document title and the page's h1.</param>
    /// <param name="lead">A sentence under the title, or null.</param>
    /// <param name="body">The page content (sections, charts, tables) in order.</param>
    /// <param name="plotly">Whether plotly.js is embedded (offline) or loaded from a URL.</param>
    public static string Render(string title, string? lead, IEnumerable<XmlNode> body, PlotlyScript plotly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(plotly);
        var header = new List<XmlNode> { PageNodes.Element(HtmlElements.h1, [], [PageNodes.Text(title)]) };
        if (lead is not null)
        {
            header.Add(PageNodes.Paragraph(lead, id: "lead"));
        }

        XmlNode[] content =
        [
            PageNodes.Element(HtmlElements.header, [PageNodes.Class("page")], header),
            PageNodes.Element(HtmlElements.main, [], body),
        ];
        return Render(title, content, plotly);
    }

    /// <summary>A document whose body is exactly <paramref name="body"/> (no header, no main), e.g. a page of one chart.</summary>
    public static string Render(string title, IEnumerable<XmlNode> body, PlotlyScript plotly)
    {
        // The charset comes first: a browser reads it only from the first 1024 bytes, and plotly.js is 3.6 MB.
        XmlNode[] head =
        [
            PageNodes.VoidElement(HtmlElements.meta, [PageNodes.Attribute("charset", "utf-8")]),
            PageNodes.VoidElement(HtmlElements.meta, [PageNodes.Attribute("name", "viewport"), PageNodes.Attribute("content", "width=device-width, initial-scale=1")]),
            PageNodes.Element(HtmlElements.title, [], [PageNodes.Text(title)]),
            plotly.ScriptNode(),
            PageNodes.Element(HtmlElements.style, [], [HtmlElements.rawText(StyleSheet)]),
            PageNodes.Element(HtmlElements.script, [PageNodes.Attribute("type", "text/javascript")], [HtmlElements.rawText(SortScript)]),
        ];
        XmlNode document = PageNodes.Element(
            HtmlElements.html, [PageNodes.Attribute("lang", "en")], [PageNodes.Element(HtmlElements.head, [], head), PageNodes.Element(HtmlElements.body, [], body)]);
        return RenderView.AsString.htmlDocument(document);
    }

    /// <summary>
    /// Unpacks each <c>a[data-gzip]</c> (base64 of gzip) with DecompressionStream in the browser and points the link at
    /// the result (a blob URL of its <c>data-type</c>); marks it <c>data-ready</c>. No network is used. A link with
    /// <c>data-layout="columns"</c> carries a table column by column (see AssignmentsDownload) and is rebuilt into CSV rows.
    /// </summary>
    internal const string DownloadScript = """
        (function(){function rows(t){var p=t.split('\u0000'),h=p[0],k=+p[1],tails=p.slice(2,2+k),n=+p[2+k],o=3+k,probs=p.length===o+3*n,out=new Array(n+1);out[0]=h;
        for(var i=0;i!==n;i++){out[i+1]=p[o+i]+','+tails[+p[o+n+i]-1]+(probs?p[o+2*n+i]:'');}return out.join('\r\n')+'\r\n';}
        Array.prototype.forEach.call(document.querySelectorAll('a[data-gzip]'),function(a){
        if(typeof DecompressionStream==='undefined'){a.textContent+=' (this browser cannot unpack it)';return;}
        var bin=atob(a.getAttribute('data-gzip')),bytes=new Uint8Array(bin.length);for(var i=0;i!==bin.length;i++){bytes[i]=bin.charCodeAt(i);}
        new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text().then(function(t){
        var csv=a.getAttribute('data-layout')==='columns'?rows(t):t;
        a.href=URL.createObjectURL(new Blob([csv],{type:a.getAttribute('data-type')}));a.removeAttribute('aria-disabled');a.setAttribute('data-ready','true');});});})();
        """;
}
