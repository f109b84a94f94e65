import { describe, expect, it } from 'vitest';
import { decodeJson, encodeJson, encodeRequiredJson } from '../../src/store/json-codec.js';

describe('json-codec', () => {
  it('round-trips Dates as Dates, at any depth and at the top', () => {
    const value = {
      at: new Date('2025-03-01T10:00:00.123Z'),
      list: [new Date(0), { nested: new Date('1999-12-31T23:59:59.999Z') }],
      text: '2025-03-01T10:00:00.123Z',
      nothing: null,
    };
    const back = decodeJson(encodeJson(value));
    expect(back).toStrictEqual(value);
    expect((back as typeof value).text).toBe('2025-03-01T10:00:00.123Z');
    expect(decodeJson(encodeJson(new Date(5)))).toStrictEqual(new Date(5));
  });

  it('keeps null as JSON null and undefined as SQL NULL', () => {
    expect(encodeJson(null)).toBe('null');
    expect(decodeJson('null')).toBeNull();
    expect(encodeJson(undefined)).toBeNull();
    expect(decodeJson(null)).toBeUndefined();
  });

  it('leaves objects that merely contain a $date key alone', () => {
    const value = { $date: 'x', other: 1 };
    expect(decodeJson(encodeJson(value))).toStrictEqual(value);
  });

  it('names a missing required field', () => {
    expect(() => encodeRequiredJson(undefined, 'requester')).toThrow('Store field requester is required.');
  });
});
