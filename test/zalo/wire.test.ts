import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseZaloJson } from '../../src/zalo/wire.js';
import { cleanDeep } from '../../src/text/control-chars.js';

describe('parseZaloJson', () => {
  it('keeps integers beyond 2^53 as their exact digits', () => {
    const parsed = parseZaloJson('{"user_id": 7248937185012345678, "n": -9007199254740993, "ok": 42}') as Record<string, unknown>;
    expect(parsed).toEqual({ user_id: '7248937185012345678', n: '-9007199254740993', ok: 42 });
  });

  it('leaves strings, fractions and exponents alone', () => {
    const text = '{"s":"id 7248937185012345678 \\" 1234567890123456789","f":16.4637117,"e":1e21,"a":[1,true,null]}';
    expect(parseZaloJson(text)).toEqual(JSON.parse(text));
  });

  it('reads bytes as UTF-8', () => {
    expect(parseZaloJson(Buffer.from('{"text":"Xin chào"}'))).toEqual({ text: 'Xin chào' });
  });

  it('still rejects invalid JSON', () => {
    expect(() => parseZaloJson('{"a":')).toThrow(SyntaxError);
  });

  it('agrees with JSON.parse on any JSON without unsafe integers', () => {
    fc.assert(
      fc.property(fc.jsonValue().filter((v) => !hasUnsafeInteger(v)), (value) => {
        const text = JSON.stringify(value);
        expect(parseZaloJson(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('keeps every 19-digit id exact wherever it sits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 60n, max: 2n ** 63n - 1n }), fc.string(), (id, text) => {
        const raw = `{"text":${JSON.stringify(text)},"sender":{"id":${id}},"ids":[${id}]}`;
        expect(parseZaloJson(raw)).toEqual({ text, sender: { id: id.toString() }, ids: [id.toString()] });
      }),
    );
  });
});

describe('parseZaloJson and control characters', () => {
  it('removes them however the JSON writes them (escapes, short escapes, a raw DEL), keys included', () => {
    const text = '{"k\\u0001ey":"a\\u0000b\\bc\\fd\u007fe","kept":"tab\\tline\\n","backslash":"\\\\u0000"}';
    expect(parseZaloJson(text)).toEqual({ key: 'abcde', kept: 'tab\tline\n', backslash: '\\u0000' });
  });

  it('gives what the exact passes give, for any text and any 19-digit id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.bigInt({ min: 2n ** 60n, max: 2n ** 63n - 1n }), (key, text, id) => {
        const raw = `{${JSON.stringify(key)}:${JSON.stringify(text)},"id":${id},"n":[1,${JSON.stringify(text)}]}`;
        const expected = cleanDeep(JSON.parse(raw.replace(`"id":${id}`, `"id":"${id}"`)));
        expect(parseZaloJson(raw)).toEqual(expected);
      }),
    );
  });
});

function hasUnsafeInteger(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.some(hasUnsafeInteger);
  if (value && typeof value === 'object') return Object.values(value).some(hasUnsafeInteger);
  return false;
}
