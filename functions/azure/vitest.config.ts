import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'azure', include: ['test/**/*.test.ts'], testTimeout: 20_000 },
});
