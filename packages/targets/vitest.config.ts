import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'targets', include: ['test/**/*.test.ts'] },
});
