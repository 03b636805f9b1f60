import { describe, expect, it } from 'vitest';
import { estimateFrameHeight, FRAME_MAX_PX, FRAME_MIN_PX, hasQuotedHistory, hasRemoteContent, messageBodyUrl } from './email-body';

describe('email body hints', () => {
  it('spots remote images and CSS images but not data images', () => {
    expect(hasRemoteContent('<img alt="x" src="https://t.example/p.gif">')).toBe(true);
    expect(hasRemoteContent('<div style="background:url( \'http://x.example/a.png\')">')).toBe(true);
    expect(hasRemoteContent('<img src="data:image/png;base64,AAAA"><a href="https://x.example">x</a>')).toBe(false);
  });

  it('spots the quote shapes the server marks', () => {
    expect(hasQuotedHistory('<div class="gmail_quote">x</div>')).toBe(true);
    expect(hasQuotedHistory('<blockquote type="cite">x</blockquote>')).toBe(true);
    expect(hasQuotedHistory('<div id="divRplyFwdMsg">x</div>')).toBe(true);
    expect(hasQuotedHistory('<div>On Mon, A wrote:</div><blockquote>x</blockquote>')).toBe(true);
    expect(hasQuotedHistory('<p>Hi</p><hr><div><b>From:</b> Anna<br><b>Sent:</b> Monday</div>')).toBe(true);
    expect(hasQuotedHistory('<p>I wrote a letter</p>')).toBe(false);
  });

  it('builds the body URL with only the flags that are on', () => {
    expect(messageBodyUrl(7, { images: false, quotes: false })).toBe('/api/messages/7/body');
    expect(messageBodyUrl(7, { images: true, quotes: true })).toBe('/api/messages/7/body?images=1&quotes=1');
  });

  it('sizes the frame from the HTML, within bounds, leaving out hidden quotes', () => {
    expect(estimateFrameHeight('Hi', false)).toBe(FRAME_MIN_PX);
    expect(estimateFrameHeight('<p>x</p>'.repeat(200), false)).toBe(FRAME_MAX_PX);
    const reply = '<p>Thanks</p><p>Anna</p><div class="gmail_quote">' + '<p>old line that is long enough</p>'.repeat(10) + '</div>';
    expect(estimateFrameHeight(reply, true)).toBeGreaterThan(estimateFrameHeight(reply, false));
    const outlook = '<p>Thanks</p><hr><div><b>From:</b> Anna<br><b>Sent:</b> Monday</div>' + '<p>old line</p>'.repeat(10);
    expect(estimateFrameHeight(outlook, false)).toBeLessThan(estimateFrameHeight(outlook, true));
  });

  it('counts images by their height, scaled to the card width, and wraps text to the width', () => {
    const withImage = estimateFrameHeight('<p>Hi</p><img src="x" width="1200" height="300">', false, 632);
    expect(withImage).toBeGreaterThanOrEqual(150 + 22);
    const text = '<p>' + 'word '.repeat(200) + '</p>';
    expect(estimateFrameHeight(text, false, 360)).toBeGreaterThan(estimateFrameHeight(text, false, 900));
  });
});
