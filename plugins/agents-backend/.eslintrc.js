// SQL lives in src/database only (and the migrations): everything else reads and writes
// through the stores of AgentsDatabase. Tests may set up data directly.
module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      files: ['src/**/*.ts'],
      excludedFiles: [
        'src/database/**',
        'src/**/*.test.ts',
        'src/__testUtils__/**',
      ],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [
              {
                name: 'knex',
                message:
                  'SQL belongs in src/database: add a method to the store of the table instead',
              },
            ],
          },
        ],
      },
    },
  ],
});
