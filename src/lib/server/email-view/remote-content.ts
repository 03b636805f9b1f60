/**
 * Remote resources in mail (tracking pixels, remote CSS): what may load, decided per render.
 * Without `images` nothing remote may load; with it, only http(s) and data images.
 */

const REMOTE_URL = /^\s*https?:/i;
const DATA_IMAGE = /^\s*data:image\/(png|jpe?g|gif|webp|bmp);base64,[a-z0-9+/=\s]*$/i;
/** url(...) in any quoting, image-set(), @import, and the old script-in-CSS hooks. */
const CSS_URL = /url\s*\(\s*(['"]?)(.*?)\1\s*\)/gi;
const CSS_DANGER = /expression\s*\(|behavior\s*:|-moz-binding|javascript:|vbscript:/i;

export function isRemoteUrl(url: string): boolean {
  return REMOTE_URL.test(url);
}

/** Which <img src> values may stay: data images always, http(s) only when images are allowed. */
export function imageSrcAllowed(src: string, images: boolean): boolean {
  if (DATA_IMAGE.test(src)) return true;
  return images && isRemoteUrl(src);
}

function cssUrlsAllowed(css: string, images: boolean): boolean {
  for (const match of css.matchAll(CSS_URL)) {
    const target = match[2] ?? '';
    if (!(images && isRemoteUrl(target)) && !DATA_IMAGE.test(target)) return false;
  }
  return true;
}

/** An inline `style` attribute with every declaration that would fetch something dropped. */
export function filterInlineStyle(style: string, images: boolean): { style: string; blocked: boolean } {
  let blocked = false;
  const kept = style
    // Split on ; outside parentheses so data: URLs with ; stay whole.
    .split(/;(?![^(]*\))/)
    .map((d) => d.trim())
    .filter((d) => {
      if (!d) return false;
      if (CSS_DANGER.test(d) || /@import/i.test(d)) return false;
      if (/\burl\s*\(|image-set\s*\(/i.test(d) && !cssUrlsAllowed(d, images)) {
        blocked = true;
        return false;
      }
      return true;
    });
  return { style: kept.join('; '), blocked };
}

/** A <style> sheet without @import and remote url() (unless images), and never script hooks. */
export function filterStyleSheet(css: string, images: boolean): { css: string; blocked: boolean } {
  let blocked = false;
  let out = css.replace(/@import[^;]*;?/gi, () => {
    blocked = true;
    return '';
  });
  out = out.replace(CSS_URL, (whole, _q: string, target: string) => {
    if ((images && isRemoteUrl(target)) || DATA_IMAGE.test(target)) return whole;
    blocked = true;
    return 'none';
  });
  out = out.replace(/expression\s*\(|behavior\s*:|-moz-binding|javascript:|vbscript:/gi, '/* */');
  // A sheet cannot close its own element (the parser already decided that); keep it so.
  out = out.replace(/<\/?style/gi, '');
  return { css: out, blocked };
}
