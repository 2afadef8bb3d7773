/** Two projects: `unit` is pure and offline; `integration` needs the local stack (see test/README.md). */
const transform = { '^.+\\.ts$': 'ts-jest' };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      // testTimeout is not a per-project option; the setup file raises it for real-service tests only.
      setupFilesAfterEnv: ['<rootDir>/test/integration/support/jest-setup.ts'],
    },
  ],
};
