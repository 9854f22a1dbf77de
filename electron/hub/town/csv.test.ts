import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, writeCsv } from './csv';

describe('CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and knows each record\'s line', () => {
    const text = '\uFEFFid,name,note\r\n1,"振华路, 88 号","他说""你好"""\r\n2,"两行\n文字",\n\n3,plain,x\n';
    const records = parseCsv(text);
    expect(records.map((r) => r.fields)).toEqual([
      ['id', 'name', 'note'],
      ['1', '振华路, 88 号', '他说"你好"'],
      ['2', '两行\n文字', ''],
      ['3', 'plain', 'x'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });

  it('writes what it reads back unchanged', () => {
    const rows = [
      ['a,b', 'say "hi"', 'line\nbreak', ' padded ', '', '三墩'],
      [1, 2.5, null, '-', 'x', 'y'],
    ];
    const text = writeCsv(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'], rows);
    const back = parseCsv(text).map((r) => r.fields);
    expect(back.slice(1)).toEqual(rows.map((r) => r.map((v) => (v === null ? '' : String(v)))));
  });

  it('reports an unclosed quote with the line it opened on', () => {
    try {
      parseCsv('id,name\n1,ok\n2,"never closed\n3,x\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect((error as CsvSyntaxError).line).toBe(3);
    }
  });

  it('refuses a stray quote inside an unquoted field', () => {
    expect(() => parseCsv('a,b\n1,x"y\n')).toThrow(/quote/);
  });
});
