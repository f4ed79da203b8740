"""`--format html`: one self-contained page for manual audits: the dump's profile, charts per
rule, category and source, and the findings grouped per record, the worst records first, each
flagged field shown whole with every finding's span marked in place.

The findings travel as JSON data blocks that the page's one script draws a page of records at
a time, so that a report of hundreds of thousands of findings opens in seconds; the facets
filter all of them. Scraped text is untrusted: the script builds the page with text nodes
only (never markup from data), no link or event handler is built from data, the page loads
nothing, and a Content-Security-Policy allows only its own style and script, pinned by hash."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from html import escape
from itertools import islice
from typing import Any, TextIO

from ..version import __version__
from ..findings import WORST_FIRST
from ..result import RunResult
from .summary import tally

SHOWN = 250_000  # findings listed at most; the charts count them all
TEXT_BUDGET = 16 << 20  # characters of record text the page carries, given to the worst records first
FACETS = ("severity", "rule", "category", "source", "field")

STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:80em}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em}h3{font-size:1em;margin:0 0 .4em}
.charts{display:flex;gap:2em;flex-wrap:wrap}.chart{min-width:18em}.chart h2{font-size:1em}
.bar{display:flex;align-items:center;gap:.5em;margin:.15em 0}
.bar span:first-child{width:12em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar meter{width:120px;height:.8em}
table{border-collapse:collapse;margin-top:.5em}
td,th{border-bottom:1px solid #ddd;padding:.2em .6em;text-align:left;vertical-align:top}
td.n{text-align:right}
.error{color:#b00020}.warning{color:#a15c00}.info{color:#00639b}
code,.excerpt,.text{font-family:ui-monospace,monospace}
.excerpt,.text{white-space:pre-wrap;word-break:break-word}
code{white-space:nowrap}.fix{color:#2e6b2e}
.filters{display:flex;gap:1em;margin-top:1em;flex-wrap:wrap;align-items:center;position:sticky;top:0;
background:#fff;padding:.4em 0;border-bottom:1px solid #ddd}
.record{border:1px solid #ddd;border-radius:4px;padding:.6em .8em;margin:.8em 0}
.record .where{color:#555;font-weight:normal}
.field{margin:.4em 0}.fname{color:#555;font-size:.85em}
.text{max-height:18em;overflow:auto;border-left:3px solid #e5e5e5;padding-left:.6em}
mark{background:#ffe08a;cursor:help}mark.error{background:#ffc4c4}mark.info{background:#cfe6ff}
mark.point{padding:0 .15em;border-left:2px solid #b00020;background:none}
.findings{margin:.4em 0;padding-left:1.4em}.findings li{margin:.25em 0;cursor:pointer}
.flash{outline:2px solid #00639b}
.suppress summary{color:#555;cursor:pointer}.suppress pre{background:#f5f5f5;padding:.3em;margin:.2em 0}
.pager{display:flex;gap:.6em;align-items:center;margin:1em 0}
"""
SCRIPT = """
(function(){
  function data(id){return JSON.parse(document.getElementById(id).textContent);}
  var F=data('nl-findings'), R=data('nl-records'), N=data('nl-names'), SEV=['error','warning','info'];
  /* F: [record, severity, rule, category, field, start, end, message, excerpt, ex_start, ex_end, fix]
     R: [path, line, record id, source, url, suppression target, {field: text}]; order: records, worst first */
  var order=data('nl-order'), byRecord=R.map(function(){return [];});
  F.forEach(function(f,i){byRecord[f[0]].push(i);});
  var q=document.getElementById('q'), facets=[].slice.call(document.querySelectorAll('select[data-facet]'));
  var shown=document.getElementById('shown'), list=document.getElementById('nl-list');
  var where=document.getElementById('nl-page'), PAGE=20, page=0, matches=[], hay=[];
  function value(i,facet){
    var f=F[i];
    if(facet==='severity'){return SEV[f[1]];}
    if(facet==='source'){return N[R[f[0]][3]];}
    return N[f[{rule:2,category:3,field:4}[facet]]];
  }
  function haystack(i){
    if(hay[i]===undefined){var f=F[i], r=R[f[0]];
      hay[i]=[N[f[2]],N[f[4]],f[7],f[8]||'',N[r[0]],r[2]||'',r[4]||''].join('\\n').toLowerCase();}
    return hay[i];
  }
  function apply(){
    var text=q.value.toLowerCase(), chosen=facets.filter(function(s){return s.value;}), count=0;
    matches=[];
    order.forEach(function(r){
      var kept=byRecord[r].filter(function(i){
        for(var k=0;k<chosen.length;k++){if(value(i,chosen[k].getAttribute('data-facet'))!==chosen[k].value){return false;}}
        return !text||haystack(i).indexOf(text)>=0;
      });
      if(kept.length){matches.push([r,kept]); count+=kept.length;}
    });
    shown.textContent=count; page=0; draw();
  }
  function el(tag,cls,text){var e=document.createElement(tag); if(cls){e.className=cls;}
    if(text!==undefined&&text!==null){e.textContent=String(text);} return e;}
  function draw(){
    var pages=Math.max(1,Math.ceil(matches.length/PAGE));
    page=Math.min(Math.max(page,0),pages-1);
    list.textContent='';
    matches.slice(page*PAGE,(page+1)*PAGE).forEach(function(m){list.appendChild(card(m[0],m[1]));});
    where.textContent='records '+(matches.length?page*PAGE+1:0)+'-'+Math.min(matches.length,(page+1)*PAGE)+
      ' of '+matches.length+' (page '+(page+1)+' of '+pages+')';
  }
  function marked(text,spans,marks){
    /* the text with each span in a mark; overlapping spans split into segments */
    var box=el('div','text'), cuts=[0,text.length];
    spans.forEach(function(s){cuts.push(s[0],s[1]);});
    cuts=cuts.filter(function(c,k){return cuts.indexOf(c)===k;}).sort(function(a,b){return a-b;});
    spans.filter(function(s){return s[0]===s[1];}).forEach(function(s){s.point=true;});
    var at=0;
    function put(a,b){
      if(b<=a){return;}
      var over=spans.filter(function(s){return s[0]<=a&&s[1]>=b&&s[0]<s[1];});
      if(!over.length){box.appendChild(document.createTextNode(text.slice(a,b)));return;}
      var m=el('mark',SEV[Math.min.apply(null,over.map(function(s){return F[s[2]][1];}))],text.slice(a,b));
      m.title=over.map(function(s){return N[F[s[2]][2]]+': '+F[s[2]][7];}).join('\\n');
      over.forEach(function(s){if(!marks[s[2]]){marks[s[2]]=m;}});
      box.appendChild(m);
    }
    cuts.forEach(function(c){
      put(at,c);
      spans.forEach(function(s){if(s.point&&s[0]===c&&!marks[s[2]]){
        var p=el('mark','point'); p.title=N[F[s[2]][2]]+': '+F[s[2]][7]; marks[s[2]]=p; box.appendChild(p);}});
      at=Math.max(at,c);
    });
    return box;
  }
  function card(r,kept){
    var rec=R[r], texts=rec[6]||{}, marks={}, box=el('section','record');
    var head=el('h3'), sev=Math.min.apply(null,kept.map(function(i){return F[i][1];}));
    head.appendChild(el('span',SEV[sev],SEV[sev]+' '));
    var place=N[rec[0]]+(rec[1]?':'+rec[1]:'');
    head.appendChild(el('span',null,[rec[2]===place?'':rec[2],rec[4]].filter(Boolean).join('  ')+' '));
    head.appendChild(el('span','where',place+(N[rec[3]]?'  '+N[rec[3]]:'')));
    box.appendChild(head);
    Object.keys(texts).forEach(function(name){
      var spans=[];
      kept.forEach(function(i){var f=F[i]; if(N[f[4]]===name&&f[5]!==null){spans.push([f[5],f[6],i]);}});
      var part=el('div','field'); part.appendChild(el('div','fname',name));
      part.appendChild(marked(texts[name],spans,marks)); box.appendChild(part);
    });
    var items=el('ol','findings');
    kept.forEach(function(i){
      var f=F[i], li=el('li');
      li.appendChild(el('span',SEV[f[1]],SEV[f[1]]+' '));
      li.appendChild(el('code',null,N[f[2]]));
      li.appendChild(document.createTextNode((N[f[4]]?' '+N[f[4]]:'')+': '+f[7]));
      if(f[8]&&!marks[i]){
        var ex=el('div','excerpt');
        if(f[9]!==null){ex.appendChild(document.createTextNode(f[8].slice(0,f[9])));
          ex.appendChild(el('mark',SEV[f[1]],f[8].slice(f[9],f[10])));
          ex.appendChild(document.createTextNode(f[8].slice(f[10])));}
        else{ex.textContent=f[8];}
        li.appendChild(ex);
      }
      if(f[11]!==null){
        var fix=el('div','fix',f[11]===''?'remove it':'replace with ');
        if(f[11]!==''){fix.appendChild(el('code',null,f[11]));}
        li.appendChild(fix);
      }
      if(rec[5]){
        var details=el('details','suppress'), pre=el('pre',null,'[[suppress]]\\n'+rec[5]+'\\nrules = [\"'+N[f[2]]+
          '\"]\\nreason = \"a false positive: \u2026\"'), copy=el('button',null,'copy');
        details.appendChild(el('summary',null,'suppress')); details.appendChild(pre); details.appendChild(copy);
        copy.addEventListener('click',function(ev){
          ev.stopPropagation();
          if(navigator.clipboard){navigator.clipboard.writeText(pre.textContent).then(function(){copy.textContent='copied';});}
          else{var range=document.createRange(); range.selectNodeContents(pre);
            var sel=window.getSelection(); sel.removeAllRanges(); sel.addRange(range);}
        });
        li.appendChild(details);
      }
      li.addEventListener('click',function(){var m=marks[i]; if(!m){return;}
        m.scrollIntoView({block:'nearest'}); m.classList.add('flash');
        setTimeout(function(){m.classList.remove('flash');},1200);});
      items.appendChild(li);
    });
    box.appendChild(items);
    return box;
  }
  document.getElementById('nl-prev').addEventListener('click',function(){page--;draw();});
  document.getElementById('nl-next').addEventListener('click',function(){page++;draw();});
  function remember(){
    /* the filters in the address (#rule=...&q=...), so that a filtered view can be bookmarked or shared */
    var parts=facets.filter(function(s){return s.value;}).map(function(s){
      return s.getAttribute('data-facet')+'='+encodeURIComponent(s.value);});
    if(q.value){parts.push('q='+encodeURIComponent(q.value));}
    history.replaceState(null,'',parts.length?'#'+parts.join('&'):location.pathname+location.search);
  }
  location.hash.slice(1).split('&').forEach(function(part){
    var cut=part.indexOf('='), name=part.slice(0,cut), wanted;
    if(cut<0){return;}
    try{wanted=decodeURIComponent(part.slice(cut+1));}catch(e){return;}
    if(name==='q'){q.value=wanted;}
    facets.forEach(function(s){if(s.getAttribute('data-facet')===name&&[].some.call(s.options,function(o){
      return o.value===wanted;})){s.value=wanted;}});
  });
  q.addEventListener('input',function(){apply();remember();});
  facets.forEach(function(f){f.addEventListener('change',function(){apply();remember();});});
  apply();
  document.body.setAttribute('data-ready',String(Math.round(performance.now())));
})();
"""


def _hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


CSP = (f"default-src 'none'; style-src {_hash(STYLE)}; script-src {_hash(SCRIPT)}; img-src 'none'; "
       f"base-uri 'none'; form-action 'none'")

_SURROGATE = re.compile("[\ud800-\udfff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _clean(value: Any) -> Any:
    """Text a UTF-8 page can hold, each character kept in its place (spans index it)."""
    if not isinstance(value, str) or value.isascii():
        return value
    return _SURROGATE.sub("\ufffd", value)


def _text(value) -> str:
    return escape(_clean(str(value)), quote=True)


def _utf16(text: str, offset: int) -> int:
    """A code-point offset into `text` as the page's script counts it (UTF-16 units)."""
    return offset if text.isascii() else offset + len(_ASTRAL.findall(text, 0, offset))


def _json(value: Any) -> str:
    """JSON that cannot end its <script> data block (no "<" is written as such)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _bars(title: str, pairs: list[tuple[str, float]], label=lambda n: f"{n:,}") -> str:
    largest = max((n for _, n in pairs), default=1) or 1
    bars = "".join(f'<div class="bar"><span title="{_text(name)}">{_text(name)}</span>'
                   f'<meter min="0" max="{largest}" value="{n}"></meter><span>{_text(label(n))}</span></div>'
                   for name, n in pairs)
    return f'<div class="chart"><h2>{_text(title)}</h2>{bars}</div>'


def _chart(title: str, counts: Counter) -> str:
    return _bars(title, counts.most_common(15))


def _toml(value: str) -> str:
    """A TOML basic string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch >= " " and ch != "\x7f" else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{_clean(escaped)}"'


def _target(path: str, line, record: str | None, url: str | None) -> str | None:
    """What a suppression entry names to silence a finding of this record."""
    if url:
        return f"url = {_toml(url)}"
    if record and record != f"{path}:{line}":
        return f"record = {_toml(record)}"
    return None


class _Names:
    """The page's table of repeated strings (rules, paths, fields, sources): each written once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {"": 0}

    def __call__(self, value: str | None) -> int:
        value = _clean(value or "")
        return self.index.setdefault(value, len(self.index))

    def table(self) -> list[str]:
        return list(self.index)


def _place(finding) -> tuple:
    """A record's key: records without an id on one line (a minified JSON array) are told
    apart by their URL and source."""
    return finding.path, finding.line, finding.record, finding.url or "", finding.source or ""


def _survey(findings) -> tuple[dict, list[list[int]], dict[str, Counter]]:
    """Pass one over the listed findings: each record's index, its worst severity, its count
    of findings and the length of its flagged fields' text; and the facets' counts."""
    records: dict[tuple, int] = {}
    stats: list[list[int]] = []  # [worst rank, findings, text characters]
    sized: set[tuple] = set()
    facets = {name: Counter() for name in FACETS}
    for f in findings:
        index = records.setdefault(_place(f), len(records))
        if index == len(stats):
            stats.append([3, 0, 0])
        entry = stats[index]
        entry[0] = min(entry[0], WORST_FIRST.get(f.severity, 2))
        entry[1] += 1
        if f.text is not None and (index, f.field) not in sized:
            sized.add((index, f.field))
            entry[2] += len(f.text)
        for name in FACETS:
            facets[name][str(getattr(f, name) or "")] += 1
    return records, stats, facets


def worst_first(stats: list[list[int]]) -> list[int]:
    """The records in the order the page lists them: those with errors first, then those with
    the most findings, then in report order."""
    return sorted(range(len(stats)), key=lambda i: (stats[i][0], -stats[i][1], i))


def _with_text(stats: list[list[int]], order: list[int]) -> tuple[bytearray, int]:
    """Which records carry their text, in the page's order, within TEXT_BUDGET; and how many
    flagged records with text do not."""
    chosen, left, missed = bytearray(len(stats)), TEXT_BUDGET, 0
    for index in order:
        size = stats[index][2]
        if size and size <= left:
            chosen[index], left = 1, left - size
        elif size:
            missed += 1
    return chosen, missed


def _write_findings(listed, records: dict, chosen: bytearray, names: _Names, stream: TextIO) -> list[list]:
    """Pass two: each finding as a row of the findings block; gives the records' rows."""
    rows: list[list] = [None] * len(records)  # type: ignore[list-item]
    stream.write('<script type="application/json" id="nl-findings">[')
    for number, f in enumerate(listed):
        index = records[_place(f)]
        row = rows[index]
        if row is None:
            row = rows[index] = [names(f.path), f.line, _clean(f.record), names(f.source),
                                 _clean(f.url), _target(f.path, f.line, f.record, f.url), None]
        start = end = None
        if chosen[index] and f.text is not None and f.field:
            texts = row[6] = row[6] or {}
            name = _clean(f.field)
            if name not in texts:
                texts[name] = _clean(f.text)
            if f.span:
                start, end = _utf16(f.text, f.span[0]), _utf16(f.text, f.span[1])
        ex_start = ex_end = None
        if f.excerpt and f.excerpt_span:
            ex_start, ex_end = _utf16(f.excerpt, f.excerpt_span[0]), _utf16(f.excerpt, f.excerpt_span[1])
        stream.write(("," if number else "") + _json([
            index, WORST_FIRST.get(f.severity, 2), names(f.rule), names(f.category), names(f.field), start, end,
            _clean(f.message), _clean(f.excerpt), ex_start, ex_end, _clean(f.suggestion)]))
    stream.write("]</script>\n")
    return rows


def _facet(name: str, counts: Counter) -> str:
    """A select of the values of one attribute among the listed findings, with their counts."""
    options = "".join(f'<option value="{_text(value)}">{_text(value or "(none)")} ({n})</option>'
                      for value, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return (f'<label>{_text(name.capitalize())} <select data-facet="{name}"><option value="">all</option>'
            f"{options}</select></label>")


def _profile(result: RunResult) -> str:
    if result.profile is None:
        return ""
    result.profile.count_findings(result.findings)
    summary = result.profile.summary()
    whole = summary["overall"]
    dates, words = whole["published"], whole["body_words"]
    facts = [f"{whole['records']:,} records"]
    if dates["first"]:
        facts.append(f"published {dates['first']} to {dates['last']}")
    if words["median"] is not None:
        facts.append(f"body words: median {words['median']:,}, 10 % under {words['p10']:,}, "
                     f"10 % over {words['p90']:,}")
        facts.append(f"exact duplicate bodies {whole['duplicate_bodies']:.1%}")
    if whole["languages"]:
        facts.append("languages: " + ", ".join(f"{k} {v:,}" for k, v in whole["languages"].items()))
    months = list(dates["per_month"].items())[-36:]
    charts = [_bars("Fields present", [(k, v) for k, v in whole["fields"].items() if v], lambda v: f"{v:.0%}"),
              _bars("Records per month" + (" (the last 36)" if len(dates["per_month"]) > 36 else ""), months),
              _bars("Body length (words)", [(f"{k}+", v) for k, v in words["bins"].items()])]
    rows = "".join(
        f"<tr><td>{_text(name)}</td><td class=\"n\">{part['records']:,}</td>"
        f"<td>{_text(part['published']['first'] or '')}</td><td>{_text(part['published']['last'] or '')}</td>"
        f"<td class=\"n\">{_text(part['body_words']['median'] if part['body_words']['median'] is not None else '')}</td>"
        f"<td class=\"n\">{part['duplicate_bodies']:.1%}</td>"
        f"<td>{_text(', '.join(f'{k} {v:,}' for k, v in list(part['top_rules'].items())[:3]))}</td></tr>"
        for name, part in list(summary["sources"].items())[:50])
    more = len(summary["sources"]) - 50
    return ("<h2>Profile</h2><p>" + _text("; ".join(facts)) + "</p>"
            f'<div class="charts">{"".join(charts)}</div>'
            "<table><thead><tr><th>source</th><th>records</th><th>first</th><th>last</th><th>median words</th>"
            f"<th>duplicates</th><th>top rules</th></tr></thead><tbody>{rows}</tbody></table>"
            + (f"<p>{more:,} more sources: <code>newslint profile --format json</code> lists them all.</p>"
               if more > 0 else ""))


def render(result: RunResult, stream: TextIO) -> None:
    counts = tally(result)
    records, stats, facets = _survey(islice(result.findings, SHOWN))
    order = worst_first(stats)
    chosen, without_text = _with_text(stats, order)
    listed = sum(entry[1] for entry in stats)
    # The CSP meta and the style/script blocks must stay byte-for-byte as hashed above.
    stream.write(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>newslint report</title><style>{STYLE}</style></head><body>"
        f"<h1>newslint {escape(__version__)}</h1>"
        f"<p>{result.files} files, {result.records:,} records, {counts.findings:,} findings in "
        f"{counts.records_flagged:,} records.</p>"
        + _profile(result) +
        f'<h2>Findings</h2><div class="charts">{_chart("By rule", counts.by_rule)}'
        f'{_chart("By category", counts.by_category)}{_chart("By source", counts.by_source)}</div>'
        '<div class="filters"><label>Filter <input id="q" type="search"></label>'
        + "".join(_facet(name, facets[name]) for name in FACETS)
        + f'<span><span id="shown">{listed}</span> of {listed} listed</span></div>'
        "<p>Records with errors first, then those with the most findings; each flagged field is shown whole "
        "with its findings marked (click a finding to find its mark).</p>"
        + (f"<p>{without_text:,} records show excerpts only: the page carries at most "
           f"{TEXT_BUDGET >> 20} MB of record text.</p>" if without_text else "")
        + "<noscript><p>The list of findings needs JavaScript; the JSON report has them all.</p></noscript>"
        '<div class="pager"><button id="nl-prev">previous</button><span id="nl-page"></span>'
        '<button id="nl-next">next</button></div><div id="nl-list"></div>'
        + (f"<p>{counts.findings - listed:,} more findings are not listed here: the page lists the first "
           f"{SHOWN:,}; the JSON report has them all.</p>" if counts.findings > listed else "")
        + "\n")
    names = _Names()
    rows = _write_findings(islice(result.findings, SHOWN), records, chosen, names, stream)
    stream.write('<script type="application/json" id="nl-records">[')
    stream.write(",".join(_json(row) for row in rows))
    stream.write(f']</script>\n<script type="application/json" id="nl-order">{_json(order)}</script>\n'
                 f'<script type="application/json" id="nl-names">{_json(names.table())}</script>\n'
                 f"<script>{SCRIPT}</script></body></html>\n")
