import { describe, expect, it } from 'vitest';
import { readToml } from './toml.js';

const PYPROJECT = `# a realistic pyproject
[project]
name = "shop"
description = """
Not a table:
[tool.pytest.ini_options]
python_files = "fake_*.py"
"""
authors = [{ name = "A. Dev", email = "a@example.com" }]
version = '0.1'  # literal string
requires-python = ">=3.9"
dynamic = []

[[tool.mypy.overrides]]
module = "tests.*"

[tool.pytest.ini_options]
minversion = 7.0
python_files = [
  "check_*.py",   # ours
  'spec_*.py',
]
markers = { slow = "slow tests" }
addopts = "-ra \\"quoted\\" \\u00e9"

[ tool . "hatch" ]
"quoted.key" = true
`;

describe('readToml', () => {
  it('reads strings, arrays, inline tables and dotted tables; multi-line strings hide no headers', () => {
    const doc = readToml(PYPROJECT);
    expect(doc.values.get('tool.pytest.ini_options.python_files')).toEqual(['check_*.py', 'spec_*.py']);
    expect(doc.values.get('tool.pytest.ini_options.addopts')).toBe('-ra "quoted" é');
    expect(doc.values.get('tool.pytest.ini_options.minversion')).toBeNull();
    expect(doc.values.get('tool.pytest.ini_options.markers.slow')).toBe('slow tests');
    expect(doc.values.get('project.description')).toBe('Not a table:\n[tool.pytest.ini_options]\npython_files = "fake_*.py"\n');
    expect(doc.values.get('project.version')).toBe('0.1');
    expect(doc.values.get('tool.mypy.overrides[].module')).toBe('tests.*');
    expect(doc.values.get('tool.hatch.quoted.key')).toBeNull();
    expect([...doc.tables]).toEqual(['project', 'tool.mypy.overrides[]', 'tool.pytest.ini_options', 'tool.pytest.ini_options.markers', 'tool.hatch']);
  });

  it('handles CRLF line ends and a file without a final newline', () => {
    expect(readToml('[tool.pytest]\r\npython_files = ["a_*.py"]').values.get('tool.pytest.python_files')).toEqual(['a_*.py']);
  });

  it.each([
    ['an unterminated string', 'a = "x\n', 'line 1'],
    ['an unterminated array', 'a = [1, 2\nb = 3\n', 'line 2'],
    ['an unclosed header', '[tool\n', 'line 1'],
    ['a key without a value', '[t]\na =\n', 'line 2'],
    ['text after a value', 'a = "x" y\n', 'line 1'],
    ['an unknown escape', 'a = "\\q"\n', 'line 1'],
  ])('throws on %s, naming the line', (_name, text, line) => {
    expect(() => readToml(text)).toThrow(line);
  });
});
