import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every domain keeps its messages in messages/<domain>/{locale}.json (the root folder is the core
// domain); project.inlang/settings.json must list each folder, and each locale must say everything.
const root = path.resolve('messages');
const settings = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8'));
const locales: string[] = settings.locales;
const patterns: string[] = settings['plugin.inlang.messageFormat'].pathPattern;

function keysOf(file: string): string[] {
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Object.keys(json).filter((k) => k !== '$schema');
}

const folders = [root, ...fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(root, d.name))];

describe('message files', () => {
  it('are all listed in the inlang project settings', () => {
    const listed = patterns.map((p) => path.resolve(path.dirname(p.replace('{locale}', 'x'))));
    expect(listed.sort()).toEqual(folders.sort());
  });

  it.each(folders.map((f) => [path.relative(root, f) || 'core', f]))('in %s have the same keys in every language', (_name, folder) => {
    const base = keysOf(path.join(folder, 'en.json')).sort();
    for (const locale of locales) expect(keysOf(path.join(folder, `${locale}.json`)).sort(), locale).toEqual(base);
  });

  it('never define one key in two domains', () => {
    const seen = new Map<string, string>();
    for (const folder of folders) {
      for (const key of keysOf(path.join(folder, 'en.json'))) {
        expect(seen.get(key), `${key} is defined twice`).toBeUndefined();
        seen.set(key, folder);
      }
    }
  });

  it('have no empty translations', () => {
    for (const folder of folders) {
      for (const locale of locales) {
        const json = JSON.parse(fs.readFileSync(path.join(folder, `${locale}.json`), 'utf8')) as Record<string, unknown>;
        const empty = Object.entries(json).filter(([, v]) => typeof v === 'string' && v.trim() === '');
        expect(empty.map(([k]) => k), `${folder}/${locale}`).toEqual([]);
      }
    }
  });
});
