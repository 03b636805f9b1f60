import { describe, expect, it } from 'vitest';
import { emailDocument, emailDocumentHeaders, renderEmailBody } from './email-document';

const off = { images: false, quotes: false };
const on = { images: true, quotes: false };
const body = (html: string, opts = off) => renderEmailBody(html, opts).body;

describe('email body rendering: nothing active survives', () => {
  it('drops script elements with their content', () => {
    const out = body('<p>Hello</p><script>document.title="pwned"</script><SCRIPT src="https://x/y.js"></SCRIPT>');
    expect(out).toBe('<p>Hello</p>');
  });

  it('drops every on* event handler', () => {
    const out = body('<p onclick="a()" onmouseover="b()">x</p><img src="data:image/png;base64,AAAA" onerror="c()"><body onload="d()">y</body>');
    expect(out).not.toMatch(/on(click|mouseover|error|load)/i);
    expect(out).toContain('<img src="data:image/png;base64,AAAA">');
  });

  it('removes javascript:, vbscript: and data: links but keeps http, https and mailto', () => {
    const out = body(
      '<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(1)">b</a><a href="vbscript:x">c</a><a href="data:text/html,<script>x</script>">d</a>' +
        '<a href="https://ok.example/p">e</a><a href="mailto:a@b.example">f</a><a href="/api/me">g</a>',
    );
    expect(out).not.toMatch(/javascript|vbscript|data:|\/api\/me/i);
    expect(out).toContain('href="https://ok.example/p"');
    expect(out).toContain('href="mailto:a@b.example"');
  });

  it('opens every link in a new tab without an opener or referrer', () => {
    const out = body('<a href="https://ok.example/" target="_self" rel="opener">x</a>');
    expect(out).toBe('<a href="https://ok.example/" target="_blank" rel="noopener noreferrer">x</a>');
  });

  it('drops inline SVG and MathML with anything inside', () => {
    const out = body('<p>a</p><svg onload="x()"><script>alert(1)</script><a xlink:href="javascript:x"><text>t</text></a></svg><math><mi>x</mi></math>');
    expect(out).toBe('<p>a</p>');
  });

  it('drops iframes, objects, embeds, forms and their controls', () => {
    const out = body('<iframe src="https://e.example"></iframe><object data="x"></object><embed src="x"><form action="https://x"><input name="a"><button>go</button><select><option>o</option></select><textarea>t</textarea></form>ok');
    expect(out).toBe('ok');
  });

  it('drops meta refresh, base, link and head content', () => {
    const out = body('<head><meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/"><link rel="stylesheet" href="https://x/a.css"><title>T</title></head><p>x</p>');
    expect(out).toBe('<p>x</p>');
  });

  it('keeps the email from planting the quote marker or other data attributes', () => {
    expect(body('<p data-sb-quote data-x="1">x</p>')).toBe('<p>x</p>');
  });
});

describe('email body rendering: remote content only on request', () => {
  const mail = '<img src="https://tracker.example/p.gif" alt="logo"><div style="color:red;background:url(https://x.example/bg.png)">t</div><style>@import url(https://x.example/a.css); .a{background-image:url("http://x.example/b.png")} p{color:blue}</style>';

  it('holds back remote images, CSS url() and @import by default', () => {
    const view = renderEmailBody(mail, off);
    expect(view.body).not.toMatch(/tracker\.example|x\.example/);
    expect(view.body).toContain('<span data-sb-blocked title="logo">logo</span>');
    expect(view.body).toContain('<div style="color:red">t</div>');
    expect(view.body).toContain('p{color:blue}');
    expect(view.blockedRemote).toBe(true);
  });

  it('shows a held-back image as a box of its size with its alt text', () => {
    expect(body('<img src="http://x.example/a.png" alt="Photo" width="200" height="90" onerror="x()">')).toBe(
      '<span data-sb-blocked title="Photo" style="width:200px; height:90px">Photo</span>',
    );
    expect(body('<img src="http://x.example/a.png" width="100%" height="x;background:url(http://y)">')).toBe('<span data-sb-blocked></span>');
  });

  it('lets remote images and CSS images load once images are allowed, still without @import', () => {
    const view = renderEmailBody(mail, on);
    expect(view.body).toContain('src="https://tracker.example/p.gif"');
    expect(view.body).toContain('url(https://x.example/bg.png)');
    expect(view.body).toContain('url("http://x.example/b.png")');
    expect(view.body).not.toContain('@import');
  });

  it('never loads non-image data URLs or script-in-CSS, even with images', () => {
    const out = body('<img src="data:text/html;base64,PHNjcmlwdD4="><p style="width:expression(alert(1));color:red">x</p><style>p{behavior:url(x.htc)}</style>', on);
    expect(out).not.toMatch(/data:text|expression|behavior/);
  });

  it('reports nothing blocked for a mail without remote content', () => {
    expect(renderEmailBody('<p style="color:red">hi</p>', off).blockedRemote).toBe(false);
  });
});

describe('email body rendering: inline images', () => {
  const png = { contentType: 'image/png', data: Buffer.from([1, 2, 3]) };

  it('embeds cid: images from the mail\'s own parts as data URLs', () => {
    const inline = new Map([['logo@shop', png]]);
    expect(renderEmailBody('<img src="cid:logo@shop" alt="Logo">', off, inline).body).toBe('<img src="data:image/png;base64,AQID" alt="Logo">');
  });

  it('drops cid: references to unknown or non-image parts without counting them as remote', () => {
    const inline = new Map([['doc@shop', { contentType: 'text/html', data: Buffer.from('<script>') }]]);
    const view = renderEmailBody('<img src="cid:doc@shop"><img src="cid:missing">', off, inline);
    expect(view.body).toBe('<img><img>');
    expect(view.blockedRemote).toBe(false);
  });
});

describe('email body rendering: quoted history', () => {
  const marked = (html: string) => renderEmailBody(html, off);

  it('marks a Gmail quote with its attribution', () => {
    const view = marked('<div>Thanks!</div><div class="gmail_quote gmail_quote_container"><div class="gmail_attr">On Mon, Anna wrote:<br></div><blockquote class="gmail_quote">old</blockquote></div>');
    expect(view.hasQuotes).toBe(true);
    expect(view.body).toContain('<div class="gmail_quote gmail_quote_container" data-sb-quote>');
    expect(view.body).toContain('<div>Thanks!</div>');
  });

  it('marks an Apple Mail cite blockquote and the "On … wrote:" line before it', () => {
    const view = marked('<div>Sure.</div><div><br><div>On 1 Dec 2026, at 10:00, Anna &lt;a@b.example&gt; wrote:</div><br><blockquote type="cite"><div>old</div></blockquote></div>');
    expect(view.body).toContain('<div data-sb-quote>On 1 Dec 2026');
    expect(view.body).toContain('<blockquote type="cite" data-sb-quote>');
    expect(view.body).toContain('<div>Sure.</div>');
  });

  it('marks a bare "wrote:" text line right before a blockquote', () => {
    const view = marked('<p>New</p>On Tue, Bob wrote:<blockquote>old</blockquote>');
    expect(view.body).toContain('<span data-sb-quote>On Tue, Bob wrote:</span>');
  });

  it('marks Outlook history from the separator to the end', () => {
    const view = marked('<div>Reply text</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><b>From:</b> Anna</div><div>old</div>');
    expect(view.body).toContain('<div>Reply text</div>');
    expect(view.body).toMatch(/<hr [^>]*data-sb-quote>/);
    expect(view.body).toContain('<div id="divRplyFwdMsg" data-sb-quote>');
    expect(view.body).toContain('<div data-sb-quote>old</div>');
  });

  it('marks Outlook history without the appendonsend marker', () => {
    const view = marked('<div>Hi</div><hr><div id="divRplyFwdMsg">From: x</div><div>old</div>');
    expect(view.body).toBe('<div>Hi</div><hr data-sb-quote><div id="divRplyFwdMsg" data-sb-quote>From: x</div><div data-sb-quote>old</div>');
  });

  it('marks Outlook history by its From/Sent header when the ids were stripped at ingest', () => {
    const view = marked(
      '<div><p>Reply text</p></div><hr style="display:inline-block;width:98%"><div dir="ltr"><font><b>From:</b> Anna &lt;a@b.example&gt;<br><b>Sent:</b> Monday<br><b>Subject:</b> Order</font></div><div><p>old</p></div>',
    );
    expect(view.hasQuotes).toBe(true);
    expect(view.body).toContain('<div><p>Reply text</p></div>');
    expect(view.body).toMatch(/<hr [^>]*data-sb-quote>/);
    expect(view.body).toContain('<div dir="ltr" data-sb-quote>');
    expect(view.body).toContain('<div data-sb-quote><p>old</p></div>');
  });

  it('marks a Polish Outlook header block (Od:/Wysłano:) inside a wrapper, not the wrapper', () => {
    const view = marked('<div class="WordSection1"><p>Dzień dobry</p><div style="border-top:solid #E1E1E1 1pt"><p><b>Od:</b> Anna<br><b>Wysłano:</b> poniedziałek</p></div><p>stare</p></div>');
    expect(view.body).toContain('<div class="WordSection1"><p>Dzień dobry</p>');
    expect(view.body).toContain('<p data-sb-quote>stare</p>');
  });

  it('marks Yahoo and Thunderbird quotes, and Polish attributions', () => {
    expect(marked('<p>New</p><div class="yahoo_quoted">old</div>').body).toContain('<div class="yahoo_quoted" data-sb-quote>');
    expect(marked('<p>New</p><div class="moz-cite-prefix">On x wrote:</div><blockquote type="cite">old</blockquote>').body).toBe(
      '<p>New</p><div class="moz-cite-prefix" data-sb-quote>On x wrote:</div><blockquote type="cite" data-sb-quote>old</blockquote>',
    );
    expect(marked('<p>Nowe</p><div>W dniu 1.12.2026 Anna pisze:</div><blockquote>stare</blockquote>').body).toContain('<div data-sb-quote>W dniu');
  });

  it('keeps a forward or an all-quote mail visible: nothing the sender wrote comes before it', () => {
    for (const html of [
      '<div class="gmail_quote"><div>---------- Forwarded message ---------</div><p>the original</p></div>',
      '<div><br></div><blockquote type="cite">all quote</blockquote>',
      '<div><b>From:</b> Anna<br><b>Sent:</b> Monday</div><div>forwarded body</div>',
    ]) {
      const view = marked(html);
      expect(view.body, html).not.toContain('data-sb-quote');
      expect(view.hasQuotes).toBe(false);
    }
  });

  it('leaves a mail without quotes alone', () => {
    const view = marked('<p>On second thought, I wrote a new one.</p><blockquote>a real quote the sender chose to show</blockquote>');
    expect(view.hasQuotes).toBe(false);
    expect(view.body).not.toContain('data-sb-quote');
  });

  it('hides marked parts in the document unless quotes are asked for', () => {
    const view = marked('<p>New</p><blockquote type="cite">old</blockquote>');
    expect(emailDocument(view, off)).toContain('[data-sb-quote]{display:none!important}');
    expect(emailDocument(view, { images: false, quotes: true })).not.toContain('[data-sb-quote]{display:none');
  });
});

describe('email document headers', () => {
  it('sandbox the document without scripts or same-origin and block remote loads', () => {
    const h = emailDocumentHeaders(off);
    expect(h['content-security-policy']).toContain('sandbox allow-popups allow-popups-to-escape-sandbox;');
    expect(h['content-security-policy']).not.toMatch(/allow-scripts|allow-same-origin/);
    expect(h['content-security-policy']).toContain("default-src 'none'");
    expect(h['content-security-policy']).toContain('img-src data:;');
    expect(h['content-security-policy']).not.toMatch(/https?:/);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['cache-control']).toBe('private, no-store');
  });

  it('allow http and https images, styles and fonts only with images', () => {
    const csp = emailDocumentHeaders(on)['content-security-policy'];
    expect(csp).toContain('img-src data: http: https:');
    expect(csp).toContain("style-src 'unsafe-inline' http: https:");
    expect(csp).toContain('font-src data: http: https:');
  });
});
