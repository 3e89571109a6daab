import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readCsvTable } from './read-csv-table.ts'

describe('reading a CSV export as the evaluation protocol does', () => {
  const cases: Array<{ name: string; text: string; header: string[]; rows: string[][] }> = [
    {
      name: 'keeps a quoted delimiter inside its cell',
      text: 'name,sector\n"Acme, Inc.","Banking, Investment And Insurance"\n',
      header: ['name', 'sector'],
      rows: [['Acme, Inc.', 'Banking, Investment And Insurance']],
    },
    {
      name: 'reads doubled quotes and a quoted line break as text',
      text: 'a,b\n"say ""hi""","two\nlines"\n',
      header: ['a', 'b'],
      rows: [['say "hi"', 'two\nlines']],
    },
    {
      name: 'drops a UTF-8 byte order mark from the first header cell',
      text: '\uFEFFid,score\n1,2\n',
      header: ['id', 'score'],
      rows: [['1', '2']],
    },
    {
      name: 'uses ; when the header has more ; than ,',
      text: 'id;amount;note\n1;1,5;"a;b"\n',
      header: ['id', 'amount', 'note'],
      rows: [['1', '1,5', 'a;b']],
    },
    {
      name: 'stays with , when the header has as many , as ;',
      text: 'a;b,c\n1;2,3\n',
      header: ['a;b', 'c'],
      rows: [['1;2', '3']],
    },
    {
      name: 'keeps empty cells empty and pads short rows with missing cells',
      text: 'a,b,c\n1,,\n2\n',
      header: ['a', 'b', 'c'],
      rows: [
        ['1', '', ''],
        ['2', '', ''],
      ],
    },
    {
      name: 'skips blank lines and reads CRLF line endings',
      text: 'a,b\r\n1,2\r\n\r\n3,4\r\n',
      header: ['a', 'b'],
      rows: [
        ['1', '2'],
        ['3', '4'],
      ],
    },
    {
      name: 'leaves placeholders and spaces untouched',
      text: 'city,visits\nSelect, 999 \n',
      header: ['city', 'visits'],
      rows: [['Select', ' 999 ']],
    },
  ]
  for (const { name, text, header, rows } of cases) {
    test(name, () => assert.deepEqual(readCsvTable(text), { header, rows }))
  }
})
