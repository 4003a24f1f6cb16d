/** The link and test-file rules the release-contents test applies to every tarball. */
import { describe, expect, it } from 'vitest';
import { isTestFile, relativeLinks } from '../src/tarball.js';

describe('relativeLinks', () => {
  it('finds every spelling of a link a registry page cannot follow', () => {
    const readme = [
      'See [the runtime](../runtime/README.md#errors) and ![logo](docs/logo.png).',
      'A [spaced]( ./x.md ) link, an [angled](<../y.md>) one, a [ref][r].',
      '',
      '[r]: ../../specs/x/openapi.yaml',
      '<a href="../z.md">z</a> <img src="img/a.png">',
    ].join('\n');
    expect(relativeLinks(readme)).toEqual(['../runtime/README.md#errors', 'docs/logo.png', './x.md', '../y.md', '../../specs/x/openapi.yaml', '../z.md', 'img/a.png']);
  });

  it('accepts absolute links, mail and same-page anchors, and ignores code blocks', () => {
    const readme = [
      '[a](https://github.com/o/r/blob/main/x.md#y) [b](http://example.com) [c](mailto:a@b.c) [d](#options)',
      '[e]: https://example.com/e',
      '```ts',
      "const link = '[not](../a-link.md)';",
      '```',
    ].join('\n');
    expect(relativeLinks(readme)).toEqual([]);
  });
});

describe('isTestFile', () => {
  it('flags tests, fixtures and test config, and nothing the package needs', () => {
    const flagged = ['test/a.test.ts', 'src/x.test.ts', 'src/types.test-d.ts', 'dist/x.spec.js', 'src/__tests__/a.ts', 'fixtures/a.json', 'vitest.config.ts'];
    const kept = ['dist/index.js', 'dist/testing/index.js', 'src/testing/fault-server.ts', 'src/contest.ts', 'README.md', 'LICENSE'];
    expect(flagged.filter((f) => !isTestFile(f))).toEqual([]);
    expect(kept.filter(isTestFile)).toEqual([]);
  });
});
